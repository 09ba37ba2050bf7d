"""Yearly implementation scores in the manner of the Peace Accords Matrix, from the statuses."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ceasefire import Tracker, bundled
from ceasefire.model import Coverage
from ceasefire.adapters import convert_acled, load_rules
from ceasefire.pam import pam_csv, pam_dataframe, pam_scores

DATA = Path(__file__).parent / "data" / "acled"
RULES = Path(bundled.DATA) / "rules" / "nk-2020-acled.yaml"


WATCHED = Coverage.model_validate({"from": "2020-11-10T00:00:00+03:00", "to": "2022-01-01T00:00:00+03:00", "note": "taken to watch to the end of 2021 for these tests"})
"""The invented exports' rows run to December 2020; the tests take them to watch the ceasefire and the handovers to the end of 2021."""


def tracker(*names: str, watched: bool = True) -> Tracker:
    """A tracker over the named invented exports, converted with the bundled rules."""
    agreement = bundled.agreement()
    logs = [convert_acled(DATA / n, agreement=agreement, rules=load_rules(RULES), deletions=DATA / "deletions.csv" if "2021-01" in n else None).raise_problems() for n in names]
    if watched:
        logs = [log.model_copy(update={"covers": [WATCHED.model_copy(update={"obligations": log.covers[0].obligations})]}) for log in logs]
    return Tracker(agreement, *logs)


def table(rows) -> dict[tuple[int, str], object]:
    return {(r.year, r.obligation or f"point {r.point}"): r for r in rows}


def test_breaches_have_their_own_column_and_lower_a_standing_score() -> None:
    """Two rule-found breaches in 2020 leave the ceasefire holding at the year's end: score 2, breaches 2; 2021 has none but is still holding: score 2."""
    rows = table(pam_scores(tracker("export-2020-11-28.csv"), "2021-12-31"))
    cease = rows[(2020, "1.ceasefire")]
    assert (cease.status, cease.score, cease.breaches, cease.breach_events) == ("holding", 2, 2, "AZE1001 AZE1008")
    assert (rows[(2021, "1.ceasefire")].score, rows[(2021, "1.ceasefire")].breaches) == (2, 0)
    assert rows[(2020, "point 1")].score == 2 and rows[(2020, "point 1")].breaches == 2


def test_no_score_where_the_evidence_does_not_watch() -> None:
    """Beyond what the export watches the ceasefire is unmonitored, and an unmonitored year gets no score."""
    rows = table(pam_scores(tracker("export-2020-11-28.csv", watched=False), "2021-12-31"))
    assert rows[(2021, "1.ceasefire")].status == "unmonitored" and rows[(2021, "1.ceasefire")].score is None


def test_fulfilled_handovers_score_3_and_untouched_ones_0_and_terms_none() -> None:
    """A handover a rule found fulfilled scores 3; one with no evidence scores 0; a term and a clause not yet in force get no score."""
    rows = table(pam_scores(tracker("export-2020-11-28.csv"), "2020-12-31"))
    assert rows[(2020, "6.kalbajar")].score == 3 and rows[(2020, "6.lachin")].score == 0
    assert rows[(2020, "4.term")].score is None and rows[(2020, "9.wg-established")].score is None
    assert rows[(2020, "point 6")].score == 0


def test_later_data_revises_the_score_for_the_year_it_concerns() -> None:
    """With the later download (AZE1001 corrected, AZE1008 deleted, Lachin handed over), 2020 scores as known at its end change accordingly."""
    rows = table(pam_scores(tracker("export-2020-11-28.csv", "export-2021-01-15.csv"), "2020-12-31"))
    assert (rows[(2020, "1.ceasefire")].score, rows[(2020, "1.ceasefire")].breaches) == (3, 0)
    assert rows[(2020, "6.lachin")].score == 3


def test_csv_and_dataframe_hold_the_same_rows() -> None:
    """The CSV has a header and an empty cell for no score; the DataFrame has the same rows with a nullable integer score."""
    rows = pam_scores(tracker("export-2020-11-28.csv"), "2020-12-31")
    parsed = list(csv.DictReader(io.StringIO(pam_csv(rows))))
    assert len(parsed) == len(rows) and parsed[0].keys() >= {"year", "obligation", "score", "breaches"}
    assert {p["score"] for p in parsed if p["obligation"] == "4.term"} == {""}
    pytest.importorskip("pandas")
    frame = pam_dataframe(rows)
    assert len(frame) == len(rows) and str(frame["score"].dtype) == "Int64"


def test_pam_command_writes_csv(tmp_path: Path) -> None:
    """`ceasefire pam` writes the scores to a CSV file."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    done = CliRunner().invoke(main, ["pam", "2021-12-31", "--out", str(tmp_path / "pam.csv")])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "pam.csv").read_text(encoding="utf-8").startswith("year,point,obligation,kind,status,score,breaches")


def test_outside_formats_page_shows_the_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command on docs/how-to/outside-formats.md, run as shown in order, prints exactly the output pasted under it."""
    import re
    import shlex

    from click.testing import CliRunner

    from ceasefire.cli import main

    root = Path(__file__).resolve().parents[1]
    for name in ("tests", "src"):
        (tmp_path / name).symlink_to(root / name)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```console\n(.*?)```", (root / "docs" / "how-to" / "outside-formats.md").read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 4
    for block in blocks:
        command, _, expected = block.partition("\n")
        done = CliRunner().invoke(main, shlex.split(command)[2:], terminal_width=100)
        assert done.output.rstrip("\n") == expected.rstrip("\n"), command
    rows = {(r["year"], r["obligation"]): r for r in csv.DictReader(io.StringIO((tmp_path / "pam.csv").read_text(encoding="utf-8")))}
    assert (rows[("2020", "1.ceasefire")]["status"], rows[("2020", "1.ceasefire")]["breach_events"]) == ("unmonitored", "AZE1001 AZE1008")
    assert rows[("2020", "1.ceasefire")]["score"] == rows[("2021", "1.ceasefire")]["score"] == rows[("2020", "6.lachin")]["score"] == ""
    assert rows[("2020", "6.kalbajar")]["score"] == rows[("2020", "2.aghdam")]["score"] == "3"


def test_a_point_counts_an_event_breaching_two_of_its_obligations_once() -> None:
    """One event that breaches two obligations of a point is one breach of the point, not two."""
    tracker = bundled.tracker()
    rows = pam_scores(tracker, "2020-12-31", hindsight=True)
    point = next(r for r in rows if r.year == 2020 and r.point == 1 and not r.obligation)
    per_obligation = [e for r in rows if r.year == 2020 and r.point == 1 and r.obligation for e in r.breach_events.split()]
    assert len(per_obligation) > len(set(per_obligation)), "the test needs an event that breaches two obligations of point 1"
    assert point.breach_events.split() == list(dict.fromkeys(per_obligation)) and point.breaches == len(set(per_obligation))
