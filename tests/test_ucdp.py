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


PAGES = [DATA / "api-page-0.json", DATA / "api-page-1.json"]


@pytest.fixture(scope="module")
def pages():
    """The two invented API pages, read together with the test rules."""
    return convert_ucdp(PAGES, agreement=bundled.agreement(), rules=load_rules(DATA / "rules.yaml"))


def test_api_pages_with_iso_datetimes_and_fewer_columns_are_read(pages, conversion) -> None:
    """API pages ({"Result": [...]}) with 'T' datetimes and 29 of the 49 columns give the same event as the CSV file."""
    assert pages.problems == () and [e.id for e in pages.log.events] == ["900001", "900002", "900006", "900007"]
    assert "JSON (UCDP API envelope)" in pages.notes[0] and "without active_year" in pages.notes[0]
    from_csv = {e.id: e for e in conversion.log.events}["900001"]
    from_api = {e.id: e for e in pages.log.events}["900001"]
    assert (from_api.occurred, from_api.reported, from_api.quantities, from_api.links) == (from_csv.occurred, from_csv.reported, from_csv.quantities, from_csv.links)


def test_a_row_repeated_on_a_later_page_counts_once(pages) -> None:
    """An id given again with the same content (a page that overlaps) is one event, and the notes say so."""
    assert [e.id for e in pages.log.events].count("900002") == 1 and any("repeated" in n for n in pages.notes)


def test_low_clarity_and_candidate_rows_are_marked_and_unlinked_by_default(pages) -> None:
    """event_clarity 2 and a code_status other than Clear are noted on the event, and default rules do not link them."""
    events = {e.id: e for e in pages.log.events}
    assert events["900001"].links and "event_clarity 1" in events["900001"].note
    assert "low clarity" in events["900006"].note and events["900006"].links == []
    assert "'Check dyad'" in events["900007"].note and events["900007"].links == []


def test_a_rule_can_ask_for_low_clarity_and_candidate_rows(tmp_path: Path) -> None:
    """A rule that lists event_clarity 2 or a code_status links those rows."""
    text = (DATA / "rules.yaml").read_text(encoding="utf-8").replace("      after:", "      event_clarity: [1, 2]\n      code_status: [Clear, Check dyad]\n      after:")
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    done = convert_ucdp(PAGES, agreement=bundled.agreement(), rules=load_rules(tmp_path / "rules.yaml"))
    assert all({e.id: e for e in done.log.events}[i].links for i in ("900006", "900007"))


@pytest.mark.parametrize(("column", "value"), [("date_prec", "6"), ("where_prec", "8"), ("event_clarity", "3")])
def test_precision_and_clarity_codes_are_range_checked(tmp_path: Path, column: str, value: str) -> None:
    """date_prec outside 1-5, where_prec outside 1-7 and event_clarity outside 1-2 are refused with their column."""
    lines = (DATA / "ged-test.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    import csv
    import io

    row = next(csv.reader([lines[1]]))
    row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, row])
    (tmp_path / "bad.csv").write_text(out.getvalue(), encoding="utf-8")
    done = convert_ucdp(tmp_path / "bad.csv", zone="Asia/Baku")
    assert [p.where for p in done.problems] == [f"{tmp_path / 'bad.csv'}:2 (column {column})"]


def _candidate_rules(tmp_path: Path):
    text = (DATA / "rules.yaml").read_text(encoding="utf-8").replace("      after:", "      code_status: [Clear, Check dyad]\n      after:")
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    return load_rules(tmp_path / "rules.yaml")


def test_candidate_rows_become_candidate_events_not_counted_unless_asked(tmp_path: Path) -> None:
    """A row whose code_status is not Clear becomes a status: candidate event: its breach counts only for a tracker built with candidates=True."""
    done = convert_ucdp(PAGES, agreement=bundled.agreement(), rules=_candidate_rules(tmp_path))
    events = {e.id: e for e in done.log.events}
    assert events["900007"].status == "candidate" and events["900007"].links
    assert {events[i].status for i in ("900001", "900002", "900006")} == {"accepted"}
    assert any("1 rows not yet cleared by UCDP" in n and "900007" in n and "status: candidate" in n for n in done.notes)
    late = events["900007"].occurred.latest + dt.timedelta(days=400)

    def breaches(tracker: Tracker) -> set[str]:
        item = next(o for o in tracker.status_on(late).obligations if o.obligation_id == "1.ceasefire")
        return {b.event_id for b in item.breaches}

    assert "900007" not in breaches(Tracker(bundled.agreement(), done.log))
    assert "900007" in breaches(Tracker(bundled.agreement(), done.log, candidates=True))


def test_accept_candidates_keeps_uncleared_rows_as_accepted_events(tmp_path: Path) -> None:
    """With accept_candidates the uncleared row is an ordinary event, still named as uncleared in its note."""
    done = convert_ucdp(PAGES, agreement=bundled.agreement(), rules=_candidate_rules(tmp_path), accept_candidates=True)
    event = {e.id: e for e in done.log.events}["900007"]
    assert event.status == "accepted" and "'Check dyad'" in event.note
    assert any("kept as accepted events" in n for n in done.notes)


def test_a_semicolon_resave_with_decimal_commas_reads_like_the_original(tmp_path: Path, conversion) -> None:
    """The GED file re-saved with ';' and decimal commas (made in the test from the invented file) gives the same coordinates, noted."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO((DATA / "ged-test.csv").read_text(encoding="utf-8"))))
    for row in rows[1:]:
        row[COLUMNS.index("latitude")] = row[COLUMNS.index("latitude")].replace(".", ",")
        row[COLUMNS.index("longitude")] = row[COLUMNS.index("longitude")].replace(".", ",")
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    (tmp_path / "ged.csv").write_text(out.getvalue(), encoding="utf-8")
    resaved = convert_ucdp(tmp_path / "ged.csv", agreement=bundled.agreement(), rules=load_rules(DATA / "rules.yaml"))
    assert [e.record.location for e in resaved.log.events] == [e.record.location for e in conversion.log.events]
    assert [p.where.split(":")[-1] for p in resaved.problems] == [p.where.split(":")[-1] for p in conversion.problems]
    assert any("read other than as written" in n and "with a decimal comma" in n for n in resaved.notes)


def test_ucdp_sides_are_found_as_parties_by_gleditsch_ward_number(tmp_path: Path) -> None:
    """With gw numbers on the parties, gwnoa 373 puts AZ on side a: 'parties: [AZ]' matches, 'between: [[AZ], [AM]]' needs AM on side b and does not."""
    agreement = bundled.agreement()
    numbered = agreement.model_copy(update={"parties": [p.model_copy(update={"gw": n}) for p, n in zip(agreement.parties, (373, 371, 365), strict=True)]})
    text = "id: t\ndataset: UCDP GED\nagreement: nk-2020\nrules:\n"
    text += "  - {id: pair, summary: s, match: {between: [[AZ], [AM]]}, link: {obligation: 1.ceasefire, role: breaches}}\n"
    text += "  - {id: az, summary: s, match: {parties: [AZ]}, link: {obligation: 6.lachin, role: context}}\n"
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    done = convert_ucdp(PAGES, agreement=numbered, rules=load_rules(tmp_path / "rules.yaml"))
    event = {e.id: e for e in done.log.events}["900001"]
    assert [lk.rule for lk in event.links] == ["az"] and "parties by code: AZ (side a)" in event.note


def test_an_infinite_number_in_a_code_cell_is_no_code_and_no_crash(tmp_path: Path) -> None:
    """'inf' or '1e400' in gwnoa, gwnob or country_id is no Gleditsch-Ward number: the row is converted, kept as written, matched by no party."""
    import csv
    import io

    agreement = bundled.agreement()
    numbered = agreement.model_copy(update={"parties": [p.model_copy(update={"gw": n}) for p, n in zip(agreement.parties, (373, 371, 365), strict=True)]})
    rows = list(csv.reader(io.StringIO((DATA / "ged-test.csv").read_text(encoding="utf-8"))))
    rows[1][COLUMNS.index("gwnoa")], rows[1][COLUMNS.index("gwnob")], rows[1][COLUMNS.index("country_id")] = "inf", "1e400, 371", "-inf"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    (tmp_path / "ged.csv").write_text(out.getvalue(), encoding="utf-8")
    text = "id: t\ndataset: UCDP GED\nagreement: nk-2020\nrules:\n"
    text += "  - {id: az, summary: s, match: {parties: [AZ], countries: [AZ]}, link: {obligation: 6.lachin, role: context}}\n"
    text += "  - {id: am, summary: s, match: {parties: [AM]}, link: {obligation: 1.ceasefire, role: context}}\n"
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    done = convert_ucdp(tmp_path / "ged.csv", agreement=numbered, rules=load_rules(tmp_path / "rules.yaml"))
    event = {e.id: e for e in done.log.events}[rows[1][0]]
    assert event.record is not None and event.record.fields["gwnoa"] == "inf"
    assert [lk.rule for lk in event.links] == ["am"] and "parties by code: AM (side b)" in (event.note or "")
