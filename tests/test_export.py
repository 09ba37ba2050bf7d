"""Exports of status reports and timelines: JSON against its schema, CSV, Markdown, data frames."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from _watched import seeds_watched_until

from ceasefire import InvalidInputError, status_on
from ceasefire.render import export

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"


@pytest.fixture(scope="module")
def report():
    """The bundled status at the end of 26 November 2020, on the seed events alone."""
    return status_on("2020-11-26", record=False)


@pytest.fixture(scope="module")
def line():
    """The bundled timeline over November and December 2020, the seeds taken to watch to the end of December."""
    return seeds_watched_until("2020-12-31").timeline("2020-11-01", "2020-12-31")


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("when, known_on", [("2020-11-26", None), ("2021-03-05", "2020-11-14"), ("2031-01-01", None)])
def test_status_json_matches_its_schema(when, known_on):
    """A status report's JSON names schema ceasefire.status/2 and validates against docs/schemas/status.schema.json."""
    document = json.loads(export.to_json(status_on(when, known_on=known_on)))
    assert document["schema"] == "ceasefire.status/2"
    _validator("status").validate(document)


def test_timeline_json_matches_its_schema(line):
    """A timeline's JSON names schema ceasefire.timeline/2 and validates against docs/schemas/timeline.schema.json."""
    document = json.loads(export.to_json(line))
    assert document["schema"] == "ceasefire.timeline/2"
    _validator("timeline").validate(document)


def test_schema_refuses_a_naive_instant(line):
    """The timeline schema rejects an instant written without its offset."""
    document = json.loads(export.to_json(line))
    document["start"] = "2020-11-01T00:00:00"
    with pytest.raises(jsonschema.ValidationError):
        _validator("timeline").validate(document)


def test_status_json_keeps_evidence_quotes_and_offsets(report):
    """The Kalbajar entry carries its event id, the amendment, the quoted source and instants with offsets."""
    kalbajar = next(o for o in json.loads(export.to_json(report))["obligations"] if o["obligation_id"] == "6.kalbajar")
    assert [e["event_id"] for e in kalbajar["evidence"]] == ["seed.kalbajar-handover"]
    assert kalbajar["amendments"][0]["amendment_id"] == "kalbajar-postponement"
    assert kalbajar["amendments"][0]["in_effect_from"] == "2020-11-15T23:59:59.999999+04:00"
    assert kalbajar["deadline"]["latest"] == "2020-11-25T23:59:59.999999+03:00"
    quotes = [s["quote"] for s in kalbajar["sources"] if s["source_id"] == "seed-002"]
    assert any(q and "postponed until November 25" in q for q in quotes)


def test_timeline_json_intervals_have_causes(line):
    """The overdue Lachin interval starts, excluded, at the deadline instant and names the deadline as its cause."""
    intervals = json.loads(export.to_json(line))["intervals"]
    lachin = [i for i in intervals if i["obligation_id"] == "6.lachin"][-1]
    assert lachin["status"] == "overdue"
    assert lachin["start"] == "2020-12-01T23:59:59.999999+03:00" and lachin["start_inclusive"] is False
    assert lachin["cause"]["kind"] == "deadline"


def test_status_csv_one_row_per_obligation(report):
    """The status CSV has one row per obligation with ids, sources and offset instants."""
    rows = list(csv.DictReader(io.StringIO(export.to_csv(report))))
    assert [r["obligation_id"] for r in rows] == [o.obligation_id for o in report.obligations]
    kalbajar = next(r for r in rows if r["obligation_id"] == "6.kalbajar")
    assert kalbajar["status"] == "fulfilled"
    assert kalbajar["evidence_ids"] == "seed.kalbajar-handover"
    assert "seed-002" in kalbajar["source_ids"].split(";")
    assert kalbajar["at"] == "2020-11-26T23:59:59.999999+03:00"
    assert " | " in kalbajar["reasons"]


def test_timeline_csv_one_row_per_interval(line):
    """The timeline CSV has one row per interval, with the cause and its instant."""
    rows = list(csv.DictReader(io.StringIO(export.to_csv(line))))
    assert len(rows) == len(line)
    fulfilled = next(r for r in rows if r["obligation_id"] == "6.kalbajar" and r["status"] == "fulfilled")
    assert fulfilled["cause_ref"] == "seed.kalbajar-handover"
    assert fulfilled["start"] == "2020-11-25T22:59:59.999999+03:00"


def test_status_markdown_has_table_and_quotes(report):
    """The Markdown status has a table row per obligation and quotes its sources."""
    text = export.to_markdown(report)
    assert "| 6.kalbajar | fulfilled |" in text
    assert "postponed until November 25" in text
    assert text.count("\n| ") == len(report) + 1


def test_timeline_markdown_marks_open_ends(line):
    """The Markdown timeline writes an excluded start with a parenthesis and an included end with a bracket, each end in words."""
    text = export.to_markdown(line)
    assert "| 6.lachin | overdue | (end of 2020-12-01 | end of 2020-12-31] |" in text
    assert "T23:59:59" not in text


def test_unknown_format_is_refused(report):
    """Asking for a format that does not exist names the ones that do."""
    with pytest.raises(InvalidInputError, match="json, csv, markdown"):
        export.export(report, "xml")


def test_pandas_frame_is_zoned(line):
    """The pandas frame has one row per interval and aware instant columns in Moscow time."""
    pd = pytest.importorskip("pandas")
    frame = export.to_pandas(line)
    assert len(frame) == len(line)
    assert str(frame["start"].dt.tz) == "Europe/Moscow"
    overdue = frame[(frame.obligation_id == "6.lachin") & (frame.status == "overdue")].iloc[0]
    assert overdue["start"] == pd.Timestamp("2020-12-01T23:59:59.999999+03:00")


def test_polars_frame_is_zoned(report):
    """The polars frame has one row per obligation, aware instant columns and id lists."""
    pl = pytest.importorskip("polars")
    frame = export.to_polars(report)
    assert frame.height == len(report)
    assert frame.schema["deadline_latest"] == pl.Datetime("us", "Europe/Moscow")
    row = frame.filter(pl.col("obligation_id") == "6.kalbajar").row(0, named=True)
    assert row["evidence_ids"] == ["seed.kalbajar-handover"]


def test_import_stays_light():
    """Importing ceasefire and its export module pulls in neither pandas nor polars nor hypothesis."""
    import subprocess
    import sys

    code = "import sys, ceasefire, ceasefire.render.export; print(sorted(m for m in ('pandas', 'polars', 'hypothesis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_status_rows_carry_the_headline_a_reader_prints() -> None:
    """A CSV row gives the headline beside the status word, so a spreadsheet shows what the terminal shows."""
    report = status_on("2025-08-31")
    rows = {r["obligation_id"]: r for r in csv.DictReader(io.StringIO(export.to_csv(report)))}
    assert rows["7.returns"]["status"] == "unmonitored"
    assert rows["7.returns"]["headline"] == report["7.returns"].headline
    assert "1 hour before the end of the day asked about" in rows["7.returns"]["headline"]


def test_the_json_breach_history_says_how_the_latest_breach_stood() -> None:
    """What the headline says of the latest breach (when it ended, or that no report had ended it) is in the JSON too."""
    ended = json.loads(export.to_json(status_on("2023-10-01")))
    item = next(o for o in ended["obligations"] if o["obligation_id"] == "1.ceasefire")["breach_history"]
    assert item["latest_id"] == "rec.offensive-2023-09" and item["latest_until"].startswith("2023-09-20T12:00:00") and item["latest_ongoing"] is False
    early = json.loads(export.to_json(status_on("2023-09-20", known_on="2023-09-19")))
    item = next(o for o in early["obligations"] if o["obligation_id"] == "1.ceasefire")["breach_history"]
    assert item["latest_until"] is None and item["latest_ongoing"] is True
