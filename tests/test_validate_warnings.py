"""Warnings of ``ceasefire validate``: shown with file and line, never failing the run."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ceasefire.cli import main
from ceasefire.validation import validate_paths

DATA = Path(__file__).resolve().parents[1] / "src" / "ceasefire" / "data"


def _events(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text("zone: Asia/Baku\n" + body, encoding="utf-8")
    return path


GOOD_EVENT = "  - {id: e1, kind: exchange, summary: one, occurred: 2020-12-14, links: [{obligation: 8.exchange, role: advances}], sources: [{source: wire}]}\n"


def test_unused_source_is_a_warning_not_a_failure(tmp_path):
    """A declared source no event cites is reported as a warning with its line, and the exit code stays 0."""
    path = _events(
        tmp_path,
        "sources:\n  - {id: wire, title: Wire, published: 2020-12-15}\n  - {id: spare, title: Spare, published: 2020-12-15}\n"
        "events:\n" + GOOD_EVENT,
    )
    done = CliRunner().invoke(main, ["validate", str(path)])
    assert done.exit_code == 0
    assert "ok, 1 warning(s)" in done.output
    assert f"warning: {path}:4 (sources[1].id): received source 'spare', which nothing cites" in done.output


def test_event_before_effect_is_a_warning(tmp_path):
    """An event that surely happened before its obligation bound, linked as progress, is flagged at its link."""
    path = _events(
        tmp_path,
        "sources: [{id: wire, title: Wire, published: 2020-11-02}]\nevents:\n"
        "  - {id: early, kind: exchange, summary: before the statement, occurred: 2020-11-01, links: [{obligation: 8.exchange, role: advances}], sources: [{source: wire}]}\n",
    )
    [result] = validate_paths([path])
    assert result.ok
    [warning] = result.warnings
    assert warning.where == f"{path}:4 (events[0].links[0])"
    assert "event early" in warning.received and "as 'advances' of 8.exchange" in warning.received


def test_background_before_effect_is_not_warned(tmp_path):
    """A 'context' link from before the obligation bound is background, so nothing is said about it."""
    path = _events(
        tmp_path,
        "sources: [{id: wire, title: Wire, published: 2020-11-02}]\nevents:\n"
        "  - {id: early, kind: talks, summary: before the statement, occurred: 2020-11-01, links: [{obligation: 8.exchange, role: context}], sources: [{source: wire}]}\n",
    )
    assert validate_paths([path])[0].warnings == ()


def test_lasting_happening_into_the_agreement_is_not_warned(tmp_path):
    """A blockade that began before the statement but lasted past its start may breach it, so nothing is said; one over before it is flagged."""
    path = _events(
        tmp_path,
        "sources: [{id: wire, title: Wire, published: 2020-11-20}]\nevents:\n"
        "  - {id: long, kind: blockade, summary: into the truce, occurred: 2020-11-01, until: 2020-11-12, links: [{obligation: 1.ceasefire, role: breaches}], sources: [{source: wire}]}\n"
        "  - {id: still, kind: blockade, summary: still going, occurred: 2020-11-01, ongoing: true, links: [{obligation: 1.ceasefire, role: breaches}], sources: [{source: wire}]}\n"
        "  - {id: short, kind: blockade, summary: over before, occurred: 2020-11-01, until: 2020-11-05, links: [{obligation: 1.ceasefire, role: breaches}], sources: [{source: wire}]}\n",
    )
    [result] = validate_paths([path])
    assert [w.where for w in result.warnings] == [f"{path}:6 (events[2].links[0])"]


def test_event_before_a_supplement_took_effect_is_warned(tmp_path):
    """An obligation added by a supplement binds from the supplement, so an earlier 'fulfils' is flagged."""
    path = _events(
        tmp_path,
        "sources: [{id: wire, title: Wire, published: 2020-12-20}]\nevents:\n"
        "  - {id: wg, kind: meeting, summary: too early, occurred: 2020-12-20, links: [{obligation: 9.wg-established, role: fulfils}], sources: [{source: wire}]}\n",
    )
    [warning] = validate_paths([path])[0].warnings
    assert "of 9.wg-established, which took effect at 2021-01-11" in warning.received


SMALL_AGREEMENT = """\
id: small
title: A small truce
zone: Europe/Moscow
parties: [{id: A, name: Side A, roles: [party]}]
announced: 2020-11-09
effective: "2020-11-10T00:00:00+03:00"
places:
  - {name: Kalbajar, aliases: [Kelbajar]}
  - {name: Lachin, aliases: [Berdzor, Kelbajar, Kalbajar, Berdzor]}
points:
  - number: 1
    summary: Stop firing.
    obligations: [{id: 1.stop, kind: standing, bearers: [A], summary: Side A stops firing.}]
"""


def test_repeated_alias_is_a_warning(tmp_path):
    """An alias given to two places, that is another place's name, or that repeats, is reported at that alias."""
    path = tmp_path / "agreement.yaml"
    path.write_text(SMALL_AGREEMENT, encoding="utf-8")
    [result] = validate_paths([path])
    assert result.ok
    assert [w.where for w in result.warnings] == [f"{path}:9 (places[1].aliases[{i}])" for i in (1, 2, 3)]
    assert "alias 'Kelbajar' of Lachin, already a name or alias of Kalbajar" in result.warnings[0].received
    assert "alias 'Berdzor' of Lachin, already a name or alias of Lachin" in result.warnings[2].received


def test_bundled_files_have_no_warnings():
    """The bundled statement and seed events, checked together, draw no warning."""
    results = validate_paths([DATA / "nk-2020.yaml", DATA / "seed-events.yaml"])
    assert [r.warnings for r in results] == [(), ()]


def test_a_file_with_problems_gets_no_warnings(tmp_path):
    """Warnings are only looked for in a file that is otherwise clean, so they never crowd out its errors."""
    path = _events(
        tmp_path,
        "sources:\n  - {id: wire, title: Wire, published: 2020-12-15}\n  - {id: spare, title: Spare, published: 2020-12-15}\n"
        "events:\n  - {id: e1, kind: exchange, summary: one, occurred: 2020-12-14, links: [{obligation: 8.exchanges, role: advances}], sources: [{source: wire}]}\n",
    )
    [result] = validate_paths([path])
    assert not result.ok and result.warnings == ()
