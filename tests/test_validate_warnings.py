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
    """The bundled statement, seed events and record, checked together, draw no warning (the record once cited an announcement as an event's first report, and had notes naming years after they were first shown)."""
    results = validate_paths([DATA / "nk-2020.yaml", DATA / "seed-events.yaml", DATA / "record.yaml"])
    assert [r.warnings for r in results] == [(), (), ()]


def test_a_file_with_problems_gets_no_warnings(tmp_path):
    """Warnings are only looked for in a file that is otherwise clean, so they never crowd out its errors."""
    path = _events(
        tmp_path,
        "sources:\n  - {id: wire, title: Wire, published: 2020-12-15}\n  - {id: spare, title: Spare, published: 2020-12-15}\n"
        "events:\n  - {id: e1, kind: exchange, summary: one, occurred: 2020-12-14, links: [{obligation: 8.exchanges, role: advances}], sources: [{source: wire}]}\n",
    )
    [result] = validate_paths([path])
    assert not result.ok and result.warnings == ()


TERMS_AGREEMENT = """\
id: terms
title: Terms with notices
zone: Europe/Moscow
parties: [{id: A, name: Side A, roles: [party]}]
announced: 2020-11-09
effective: "2020-11-10T00:00:00+03:00"
points:
  - number: 1
    summary: Stay.
    obligations:
      - {id: 1.typo, kind: term, bearers: [A], summary: Five years; notice six months before (written P6Y)., period: P5Y, renewal: P5Y, notice: P6Y}
      - {id: 1.even, kind: term, bearers: [A], summary: Notice as long as the period., period: P1Y, notice: P1Y}
      - {id: 1.renewal, kind: term, bearers: [A], summary: Notice longer than each renewal., period: P2Y, renewal: P1M, notice: P3M}
      - {id: 1.fine, kind: term, bearers: [A], summary: A usual term., period: P5Y, renewal: P5Y, notice: P6M}
      - {id: 1.equal-renewal, kind: term, bearers: [A], summary: Notice as long as each renewal., period: P1Y, renewal: P1M, notice: P1M}
"""


def test_a_notice_as_long_as_its_period_is_a_warning_and_the_explanation_says_what_it_means(tmp_path):
    """A term whose notice falls due before (or, for the first period, as) the period it would end begins is flagged at its notice; the engine's answer says how such a notice works."""
    from ceasefire import Tracker, load_agreement

    path = tmp_path / "agreement.yaml"
    path.write_text(TERMS_AGREEMENT, encoding="utf-8")
    [result] = validate_paths([path])
    assert result.ok
    assert [w.where for w in result.warnings] == [f"{path}:{11 + i} (points[0].obligations[{i}].notice)" for i in (0, 1, 2)]
    assert "the notice P6Y on 1.typo, due at 2019-11-10T00:00:00+03:00, before period 1 begins" in result.warnings[0].received
    assert "the notice P1Y on 1.even, due at 2020-11-10T00:00:00+03:00, as period 1 begins" in result.warnings[1].received
    assert "the notice P3M on 1.renewal" in result.warnings[2].received and "before period 2 begins (2022-11-10" in result.warnings[2].received
    assert "as written, notice given during that period ends the next one" in result.warnings[0].expected
    tracker = Tracker(load_agreement(path))
    said = tracker.obligation_on("1.typo", "2021-01-01").explain()
    assert "notice to end it due by 2019-11-10 00:00, not after the period began, so notice given during it ends the next period" in said
    assert "not after the period began" not in tracker.obligation_on("1.fine", "2021-01-01").explain()


def test_an_event_first_reported_before_it_could_have_happened_is_a_warning(tmp_path):
    """A source published before the event could have happened announces it rather than reports it: flagged, whether it is the earliest source or the event's own 'reported'; a report on the same day is not."""
    path = _events(
        tmp_path,
        "sources:\n  - {id: plan, title: Plan, published: 2020-12-10}\n  - {id: wire, title: Wire, published: 2020-12-14}\n"
        "events:\n"
        "  - {id: early, kind: exchange, summary: announced, occurred: 2020-12-14, links: [{obligation: 8.exchange, role: advances}], sources: [{source: plan}, {source: wire}]}\n"
        "  - {id: stated, kind: exchange, summary: reported too soon, occurred: 2020-12-14, reported: 2020-12-13, links: [{obligation: 8.exchange, role: advances}], sources: [{source: wire}]}\n"
        "  - {id: fine, kind: exchange, summary: same day, occurred: 2020-12-14, links: [{obligation: 8.exchange, role: advances}], sources: [{source: wire}]}\n",
    )
    [result] = validate_paths([path])
    assert result.ok
    assert [w.where for w in result.warnings] == [f"{path}:6 (events[0].sources)", f"{path}:7 (events[1].reported)"]
    assert "event early, first reported by source plan at 2020-12-10T23:59:59.999999+04:00, before it could have happened (from 2020-12-14T00:00:00+04:00)" in result.warnings[0].received
    assert "event stated, first reported by its 'reported'" in result.warnings[1].received
