"""Reading UCDP GED CSV files (invented test rows in GED's exact layout) into events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire import InvalidInputError, Tracker, bundled
from ceasefire.adapters import convert_ucdp, load_rules, load_ucdp
from ceasefire.adapters.ucdp import COLUMNS
from ceasefire.time import end_of_day, start_of_day

DATA = Path(__file__).parent / "data" / "ucdp"


@pytest.fixture(scope="module")
def conversion():
    """The invented GED file read with its test rules."""
    return convert_ucdp(DATA / "ged-test.csv", agreement=bundled.agreement(), rules=load_rules(DATA / "rules.yaml"))


def test_layout_is_geds_49_columns() -> None:
    """The adapter expects the 49 GED columns in GED's order, as the test file has them."""
    header = (DATA / "ged-test.csv").read_text(encoding="utf-8").splitlines()[0]
    assert len(COLUMNS) == 49 and tuple(header.split(",")) == COLUMNS


def test_dates_become_a_window_and_date_prec_is_kept(conversion) -> None:
    """date_start to date_end is a window of whole local days; date_prec is kept as the record's precision."""
    week = {e.id: e for e in conversion.log.events}["900002"]
    assert week.occurred.earliest == start_of_day(dt.date(2020, 11, 10), "Asia/Baku")
    assert week.occurred.latest == end_of_day(dt.date(2020, 11, 16), "Asia/Baku")
    assert week.record.time_precision == 3


def test_estimates_become_quantities(conversion) -> None:
    """best, low and high are kept as quantities: about, at least and at most."""
    event = {e.id: e for e in conversion.log.events}["900001"]
    assert [(q.name, q.value, q.qualifier) for q in event.quantities] == [
        ("deaths (best estimate)", 2, "about"),
        ("deaths (low estimate)", 2, "at least"),
        ("deaths (high estimate)", 4, "at most"),
    ]


def test_source_fields_are_kept(conversion) -> None:
    """number_of_sources and every source column are kept in the record and named in the citation."""
    event = {e.id: e for e in conversion.log.events}["900001"]
    assert event.record.fields["number_of_sources"] == "2"
    note = event.sources[0].note
    for column in ("source_article", "source_office", "source_date", "source_headline", "source_original"):
        assert event.record.fields[column] and f"{column}: " in note


def test_reported_is_the_earliest_source_date(conversion) -> None:
    """An event counts as reported from the first of its source dates."""
    event = {e.id: e for e in conversion.log.events}["900001"]
    assert event.reported.earliest == start_of_day(dt.date(2020, 11, 13), "Asia/Baku")


def test_bad_rows_are_reported_with_line_and_column(conversion) -> None:
    """End before start, an unknown violence type and a missing source date are each reported; none is dropped silently."""
    assert [e.id for e in conversion.log.events] == ["900001", "900002"]
    assert [p.where.rsplit(":", 1)[1] for p in conversion.problems] == ["4 (column date_end)", "5 (column type_of_violence)", "6 (column source_date)"]
    with pytest.raises(InvalidInputError):
        load_ucdp(DATA / "ged-test.csv", zone="Asia/Baku")


def test_release_date_versions_the_rows_and_dates_those_without_sources() -> None:
    """With released given, every row gets that version, and a row without source dates counts as reported then."""
    conversion = convert_ucdp(DATA / "ged-test.csv", zone="Asia/Baku", released="2021-06-01")
    undated = {e.id: e for e in conversion.log.events}["900005"]
    assert undated.version == end_of_day(dt.date(2021, 6, 1), "Asia/Baku") and undated.reported.earliest == undated.version


def test_rules_link_ucdp_events_and_leave_straddling_ones(conversion) -> None:
    """The test rule links the one-day clash after the ceasefire; the week that starts before it stays unlinked."""
    assert conversion.unlinked == ("900002",)
    tracker = Tracker(bundled.agreement(), conversion.log)
    status = tracker.obligation_on("1.ceasefire", "2020-11-12")
    assert [(e.event_id, e.made_by) for e in status.breaches] == [("900001", "rule")]
