"""Reading ACLED exports (invented test rows in ACLED's exact layout) into events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire import InvalidInputError, Tracker, bundled
from ceasefire.adapters import convert_acled, load_acled, load_deletions, load_rules
from ceasefire.adapters.acled import COLUMNS, precision_window
from ceasefire.errors import FileFormatError
from ceasefire.time import start_of_day

DATA = Path(__file__).parent / "data" / "acled"
RULES = Path(bundled.DATA) / "rules" / "nk-2020-acled.yaml"


@pytest.fixture(scope="module")
def first():
    """The first invented export, read with the shipped rules."""
    return convert_acled(DATA / "export-2020-11-28.csv", agreement=bundled.agreement(), rules=load_rules(RULES))


def by_id(conversion):
    return {e.id: e for e in conversion.log.events}


def test_layout_is_acleds_current_column_set() -> None:
    """The adapter expects the 31 columns of a current ACLED export, in ACLED's order."""
    assert len(COLUMNS) == 31 and COLUMNS[0] == "event_id_cnty" and COLUMNS[-1] == "timestamp"
    header = (DATA / "export-2020-11-28.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == COLUMNS


def test_every_row_becomes_an_event_linked_or_not(first) -> None:
    """All seven rows become events; the three that match no rule are kept and listed as unlinked."""
    assert first.rows == 7 and len(first.log.events) == 7 and first.problems == ()
    assert first.unlinked == ("AZE1005", "AZE1006", "AZE1007")
    assert all(not by_id(first)[i].links for i in first.unlinked)


def test_day_precision_is_that_day_in_the_local_zone(first) -> None:
    """time_precision 1 gives the whole of event_date in Asia/Baku."""
    occurred = by_id(first)["AZE1001"].occurred
    assert occurred.earliest == start_of_day(dt.date(2020, 11, 12), "Asia/Baku")
    assert occurred.earliest.utcoffset() == dt.timedelta(hours=4) and not occurred.is_exact


def test_week_precision_is_the_saturday_to_friday_week() -> None:
    """time_precision 2 gives the ACLED week, Saturday to Friday, that holds event_date."""
    window = precision_window(dt.date(2020, 12, 1), 2, "Asia/Baku")
    assert window.earliest.date() == dt.date(2020, 11, 28) and window.earliest.weekday() == 5
    assert window.latest.date() == dt.date(2020, 12, 4) and window.latest.weekday() == 4
    saturday = precision_window(dt.date(2020, 11, 28), 2, "Asia/Baku")
    assert saturday == window


def test_month_precision_is_the_calendar_month(first) -> None:
    """time_precision 3 gives the whole month of event_date."""
    occurred = by_id(first)["AZE1007"].occurred
    assert (occurred.earliest.date(), occurred.latest.date()) == (dt.date(2020, 11, 1), dt.date(2020, 11, 30))


def test_zone_is_a_parameter() -> None:
    """Dates are read in the zone given, which overrides the agreement's local zone."""
    log = load_acled(DATA / "export-2020-11-28.csv", zone="UTC")
    assert log.events[0].occurred.earliest.utcoffset() == dt.timedelta(0)


def test_timestamp_is_version_and_reported_time(first) -> None:
    """The Unix timestamp is both when the version was published and when the event counts as reported."""
    event = by_id(first)["AZE1001"]
    assert event.version == dt.datetime(2020, 11, 17, 9, tzinfo=dt.timezone.utc)
    assert event.reported is not None and event.reported.is_exact and event.reported.earliest == event.version


def test_notes_are_quoted_and_acled_sources_kept(first) -> None:
    """notes is the citation's quote; ACLED's source and source_scale are kept in the citation note and the record."""
    event = by_id(first)["AZE1002"]
    citation = event.sources[0]
    assert citation.quote == event.record.fields["notes"] and citation.quote.startswith("Invented test row")
    assert "Invented Wire; Invented Daily" in citation.note and "National-International" in citation.note
    assert event.record.fields["source_scale"] == "National-International"
    source = {s.id: s for s in first.log.sources}[citation.source]
    assert source.published is not None and source.published.earliest == event.version


def test_location_coordinates_and_fatalities_kept(first) -> None:
    """Place names, coordinates, geo_precision and fatalities are kept, and the place is named through the aliases."""
    event = by_id(first)["AZE1002"]
    assert event.place == "Kalbajar" and event.record.location.name == "Karvachar"
    assert (event.record.location.latitude, event.record.location.longitude, event.record.location.precision) == (40.1098, 46.0383, 1)
    fatalities = by_id(first)["AZE1001"].quantities[0]
    assert (fatalities.name, fatalities.value) == ("fatalities", 2)


def test_whole_row_is_kept(first) -> None:
    """Every column of the row is kept as written, with the file and line it came from."""
    record = by_id(first)["AZE1003"].record
    assert set(record.fields) == set(COLUMNS) and record.line == 4 and record.file.endswith("export-2020-11-28.csv")


def test_api_json_envelope_reads_like_the_csv(first) -> None:
    """The API's {"success": true, "data": [...]} holds the same rows and gives the same events."""
    api = convert_acled(DATA / "api-2020-11-28.json", agreement=bundled.agreement(), rules=load_rules(RULES))
    from_csv = by_id(first)
    for event in api.log.events:
        assert event.model_copy(update={"record": None}) == from_csv[event.id].model_copy(update={"record": None})
    assert [e.record.line for e in api.log.events] == [7, 40]


def test_malformed_rows_are_each_reported_with_their_line() -> None:
    """Each bad row is named by file, line and column; the good row is still read."""
    conversion = convert_acled(DATA / "malformed.csv", zone="Asia/Baku")
    assert [e.id for e in conversion.log.events] == ["AZE2001"]
    where = [p.where for p in conversion.problems]
    assert where == [
        f"{DATA / 'malformed.csv'}:4 (column event_date)",
        f"{DATA / 'malformed.csv'}:6 (column time_precision)",
        f"{DATA / 'malformed.csv'}:8 (column event_id_cnty)",
        f"{DATA / 'malformed.csv'}:10 (column timestamp)",
        f"{DATA / 'malformed.csv'}:12 (column fatalities)",
        f"{DATA / 'malformed.csv'}:14",
    ]
    assert conversion.rows == len(conversion.log.events) + len(conversion.problems)


def test_load_raises_every_problem_at_once() -> None:
    """load_acled refuses a file with bad rows, listing all of them in one error."""
    with pytest.raises(InvalidInputError) as caught:
        load_acled(DATA / "malformed.csv", zone="Asia/Baku")
    assert len(caught.value.problems) == 6 and "malformed.csv:4" in str(caught.value)


def test_missing_column_is_refused(tmp_path: Path) -> None:
    """A file without one of ACLED's columns is refused, naming the missing column."""
    lines = (DATA / "export-2020-11-28.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "cut.csv").write_text(lines[0].replace(",timestamp", "") + "\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="timestamp"):
        load_acled(tmp_path / "cut.csv", zone="Asia/Baku")


def test_same_id_and_timestamp_twice_in_one_file_is_refused(tmp_path: Path) -> None:
    """Two rows with one id and one timestamp in a file are a problem on the second row, not merged."""
    lines = (DATA / "export-2020-11-28.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "twice.csv").write_text("\n".join([lines[0], lines[1], lines[1]]) + "\n", encoding="utf-8")
    conversion = convert_acled(tmp_path / "twice.csv", zone="Asia/Baku")
    assert len(conversion.log.events) == 1 and conversion.problems[0].where.startswith(f"{tmp_path / 'twice.csv'}:3")


def test_deletions_file_is_read() -> None:
    """ACLED's deletions layout gives one deletion per row, at its deleted_timestamp."""
    deletions, problems = load_deletions(DATA / "deletions.csv")
    assert problems == [] and [(d.event, d.deleted) for d in deletions] == [("AZE1008", dt.datetime(2020, 12, 15, 8, tzinfo=dt.timezone.utc))]


def test_rule_links_change_the_status(first) -> None:
    """With the shipped rules, an invented clash after the ceasefire is a breach marked as made by a rule."""
    tracker = Tracker(bundled.agreement(), first.log)
    status = tracker.obligation_on("1.ceasefire", "2020-11-12")
    assert str(status.status) == "breached"
    made_by = {e.event_id: e.made_by for e in status.breaches}
    assert made_by["AZE1001"] == "rule" and set(made_by.values()) == {"rule"}


def test_convert_command_writes_an_event_file_status_reads(tmp_path: Path) -> None:
    """`ceasefire convert acled` writes an ordinary event file; `status --events` then uses its rule-made links."""
    from click.testing import CliRunner

    from ceasefire.cli import main
    from ceasefire.loading import load_events

    out = tmp_path / "first.yaml"
    done = CliRunner().invoke(main, ["convert", "acled", str(DATA / "export-2020-11-28.csv"), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "7 rows read: 7 events (4 linked by rules, 3 unlinked), 0 rows refused" in done.output
    log = load_events(out)
    assert len(log.events) == 7 and log.events[0].links[0].rule == "ceasefire.clash"
    status = CliRunner().invoke(main, ["status", "2020-11-12", "--events", str(out)])
    assert status.exit_code == 0 and "AZE1001" in status.output and "breached" in status.output


def test_convert_command_refuses_bad_rows_unless_told(tmp_path: Path) -> None:
    """With bad rows, nothing is written and each row is named; --skip-bad-rows writes the rest and still names them."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    out = tmp_path / "m.yaml"
    refused = CliRunner().invoke(main, ["convert", "acled", str(DATA / "malformed.csv"), "--out", str(out)])
    assert refused.exit_code == 2 and not out.exists() and refused.output.count("bad row:") == 6
    kept = CliRunner().invoke(main, ["convert", "acled", str(DATA / "malformed.csv"), "--out", str(out), "--skip-bad-rows"])
    assert kept.exit_code == 0 and out.exists() and kept.output.count("bad row:") == 6


def test_data_command_names_files_and_histories(tmp_path: Path) -> None:
    """`ceasefire data` lists each event file with its newest timestamp, and an event's versions and deletion."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    runner = CliRunner()
    first, later = tmp_path / "first.yaml", tmp_path / "later.yaml"
    runner.invoke(main, ["convert", "acled", str(DATA / "export-2020-11-28.csv"), "--out", str(first)])
    runner.invoke(main, ["convert", "acled", str(DATA / "export-2021-01-15.csv"), "--deletions", str(DATA / "deletions.csv"), "--out", str(later)])
    shown = runner.invoke(main, ["data", "--events", str(first), "--events", str(later), "--history", "AZE1008"])
    assert shown.exit_code == 0, shown.output
    # 08:00 UTC is 11:00 in Moscow, the bundled agreement's reference zone; the listing names the zone, as it has no header
    assert "newest record 2020-12-15 11:00 (Europe/Moscow)" in shown.output and ": deletion of AZE1008" in shown.output
    assert "T08:00:00" not in shown.output


def _blocks(text: str, fence: str) -> list[str]:
    import re

    return re.findall(rf"```{fence}\n(.*?)```", text, flags=re.S)


def test_howto_commands_give_the_output_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command in docs/how-to/acled.md, run as shown, prints exactly the output pasted under it."""
    import shlex
    import subprocess
    import sys

    from click.testing import CliRunner

    from ceasefire.cli import main

    root = Path(__file__).resolve().parents[1]
    page = (root / "docs" / "how-to" / "acled.md").read_text(encoding="utf-8")
    (tmp_path / "tests").symlink_to(root / "tests")
    (tmp_path / "src").symlink_to(root / "src")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    consoles = _blocks(page, "console")
    assert len(consoles) == 10
    for block in consoles:
        command, _, expected = block.partition("\n")
        assert command.startswith("$ ceasefire ")
        done = CliRunner().invoke(main, shlex.split(command)[2:], terminal_width=100)
        assert done.output.rstrip("\n") == expected.rstrip("\n"), command
    (code,) = _blocks(page, "python")
    expected = _blocks(page, "text")[0]
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert ran.stdout == expected


def test_windows_line_ends_give_the_same_events_and_lines(tmp_path: Path) -> None:
    """A CRLF copy of an export gives the same events, the same row lines, and keeps line ends inside notes as written."""
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes((DATA / "malformed.csv").read_bytes().replace(b"\n", b"\r\n"))
    one = convert_acled(DATA / "malformed.csv", zone="Asia/Baku")
    two = convert_acled(crlf, zone="Asia/Baku")
    assert [p.where.rsplit(":", 1)[-1] for p in two.problems] == [p.where.rsplit(":", 1)[-1] for p in one.problems]
    assert two.log.events[0].sources[0].quote == one.log.events[0].sources[0].quote.replace("\n", "\r\n")


def _without_record(conversion) -> dict[str, object]:
    return {e.id: e.model_copy(update={"record": None}) for e in conversion.log.events}


def test_a_2021_style_and_a_2024_style_export_give_the_same_events_and_links(first) -> None:
    """The same invented events in the 2019-2022 layout (data_id, iso3, numeric inter codes, no disorder_type) and the current one give equal events and links."""
    old = convert_acled(DATA / "export-2021-style.csv", agreement=bundled.agreement(), rules=load_rules(RULES))
    assert old.problems == () and old.rows == 7
    assert _without_record(old) == _without_record(first)
    assert [(e.id, [(k.obligation, k.role, k.rule) for k in e.links]) for e in old.log.events] == [
        (e.id, [(k.obligation, k.role, k.rule) for k in e.links]) for e in first.log.events
    ]
    assert "2019-2022 layout" in old.notes[0] and "without disorder_type, civilian_targeting, tags" in old.notes[0]
    assert "current layout (31 columns)" in first.notes[0]
    assert by_id(old)["AZE1001"].record.fields["data_id"] == "7700001"


def test_codes_in_either_form_are_kept_in_both(first) -> None:
    """An event keeps inter1, inter2 and interaction as number and words, whichever the export gave."""
    old = convert_acled(DATA / "export-2021-style.csv", zone="Asia/Baku")
    note = "ACLED codes: inter1 1 (State forces); inter2 1 (State forces); interaction 11 (State forces-State forces)"
    assert by_id(old)["AZE1001"].note == note and by_id(first)["AZE1001"].note == note + "; parties by code: AZ (actor 1's side); AM (actor 2's side)"
    assert by_id(old)["AZE1001"].record.fields["interaction"] == "11" and by_id(first)["AZE1001"].record.fields["interaction"] == "State forces-State forces"


def test_an_api_answer_with_a_subset_of_fields_and_numeric_codes_is_read(first) -> None:
    """An API answer asked with fields= (a few columns) and inter_num=1 (numbers) gives events, linked like the full export."""
    subset = convert_acled(DATA / "api-fields-numeric.json", agreement=bundled.agreement(), rules=load_rules(RULES))
    assert subset.problems == () and [e.id for e in subset.log.events] == ["AZE1001", "AZE1003"]
    assert "a subset of ACLED's columns" in subset.notes[0] and "without year, disorder_type" in subset.notes[0]
    for event in subset.log.events:
        full = by_id(first)[event.id]
        assert (event.occurred, event.version, event.reported, event.kind) == (full.occurred, full.version, full.reported, full.kind)
        assert [(k.obligation, k.role) for k in event.links] == [(k.obligation, k.role) for k in full.links]


def test_a_rule_that_needs_a_missing_column_is_named_in_the_notes(tmp_path: Path) -> None:
    """A rule that asks about a column the export lacks can match nothing there, and the conversion says so."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "id: t\ndataset: ACLED\nagreement: nk-2020\nrules:\n"
        "  - {id: civ, summary: civilians targeted, match: {civilian_targeting: [Civilian targeting]}, link: {obligation: 1.ceasefire, role: breaches}}\n",
        encoding="utf-8",
    )
    old = convert_acled(DATA / "export-2021-style.csv", agreement=bundled.agreement(), rules=load_rules(rules))
    assert any("rule civ asks about civilian_targeting, but the export has no column civilian_targeting" in n for n in old.notes)
    assert all(not e.links for e in old.log.events)


def test_a_monadic_export_is_folded_into_one_event_per_id() -> None:
    """Two rows of one event_id_cnty and timestamp that differ only in their actor give one event with both actors on two sides."""
    done = convert_acled(DATA / "monadic.csv", agreement=bundled.agreement(), rules=load_rules(RULES))
    assert done.problems == () and [e.id for e in done.log.events] == ["AZE1001", "AZE1002"]
    event = by_id(done)["AZE1001"]
    assert event.actors == ["Military Forces of Azerbaijan (2003-)", "Military Forces of Armenia (2018-)"]
    assert [(k.obligation, k.role) for k in event.links] == [("1.ceasefire", "breaches")]
    assert event.record.fields["actor1 (line 3)"] == "Military Forces of Armenia (2018-)"
    assert any("1 rows folded" in n for n in done.notes)


def test_rows_of_one_id_and_timestamp_that_differ_beyond_actors_are_refused(tmp_path: Path) -> None:
    """Two rows with one id and timestamp but another date are not folded: the second is a problem naming the column."""
    lines = (DATA / "monadic.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "clash.csv").write_text("\n".join([lines[0], lines[1], lines[2].replace("2020-11-12", "2020-11-13", 1)]) + "\n", encoding="utf-8")
    done = convert_acled(tmp_path / "clash.csv", zone="Asia/Baku")
    assert len(done.log.events) == 1 and "with other event_date" in done.problems[0].received


def test_several_exports_give_each_event_its_earliest_timestamp_as_first_report() -> None:
    """Converted together, a revised record's later version still counts as reported from the earliest export's timestamp."""
    both = convert_acled([DATA / "export-2020-11-28.csv", DATA / "export-2021-01-15.csv"], agreement=bundled.agreement(), rules=load_rules(RULES))
    versions = [e for e in both.log.events if e.id == "AZE1001"]
    assert [v.version for v in versions] == [dt.datetime(2020, 11, 17, 9, tzinfo=dt.timezone.utc), dt.datetime(2020, 12, 8, 12, tzinfo=dt.timezone.utc)]
    assert {v.reported.earliest for v in versions} == {dt.datetime(2020, 11, 17, 9, tzinfo=dt.timezone.utc)}
    alone = by_id(convert_acled(DATA / "export-2021-01-15.csv", zone="Asia/Baku"))["AZE1001"]
    assert alone.reported.earliest == dt.datetime(2020, 12, 8, 12, tzinfo=dt.timezone.utc)
    assert len([e for e in both.log.events if e.id == "AZE1002"]) == 1 and any("more than one export" in n for n in both.notes)
    Tracker(bundled.agreement(), both.raise_problems())


def test_a_semicolon_spreadsheet_resave_reads_like_the_original(first) -> None:
    """A ';'-separated re-save with Windows line ends gives the same events, and the notes say which delimiter was found."""
    resaved = convert_acled(DATA / "export-semicolon.csv", agreement=bundled.agreement(), rules=load_rules(RULES))
    assert resaved.problems == () and _without_record(resaved) == _without_record(first)
    assert "delimiter ';'" in resaved.notes[0] and "delimiter ','" in first.notes[0]


def test_a_one_column_header_is_refused_with_the_delimiters_tried(tmp_path: Path) -> None:
    """A header that no known delimiter splits is refused, saying which delimiters were expected."""
    (tmp_path / "odd.csv").write_text("event_id_cnty:event_date:timestamp\nA:B:C\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="one column only"):
        load_acled(tmp_path / "odd.csv", zone="Asia/Baku")


@pytest.mark.parametrize(("spelling", "place"), [("Ağdam", "Aghdam"), ("Kəlbəcər", "Kalbajar"), ("Laçın", "Lachin"), ("Xankəndi", "Khankendi"), ("Şuşa", "Shusha"), ("KELBECER", "Kalbajar"), ("Lacin", "Lachin")])
def test_local_spellings_match_through_transliteration_and_aliases(spelling: str, place: str) -> None:
    """Azerbaijani spellings and their plain-ASCII forms name the agreement's places."""
    from ceasefire.adapters.places import place_of

    assert place_of(bundled.agreement(), spelling) == place


def test_a_row_in_a_local_spelling_is_linked_and_a_near_miss_is_only_suggested(tmp_path: Path) -> None:
    """A transfer written 'Kəlbəcər' links like 'Karvachar'; one written 'Kalbajr' links nothing and a note suggests Kalbajar."""
    text = (DATA / "export-2020-11-28.csv").read_text(encoding="utf-8")
    (tmp_path / "local.csv").write_text(text.replace("Kalbajar,,,Karvachar", "Kəlbəcər,,,Kəlbəcər"), encoding="utf-8")
    (tmp_path / "typo.csv").write_text(text.replace("Kalbajar,,,Karvachar", "Kalbajr,,,Kalbajr"), encoding="utf-8")
    local = convert_acled(tmp_path / "local.csv", agreement=bundled.agreement(), rules=load_rules(RULES))
    typo = convert_acled(tmp_path / "typo.csv", agreement=bundled.agreement(), rules=load_rules(RULES))
    assert [(k.obligation, k.role) for k in by_id(local)["AZE1002"].links] == [("6.kalbajar", "fulfils")] and by_id(local)["AZE1002"].place == "Kalbajar"
    assert by_id(typo)["AZE1002"].links == [] and by_id(typo)["AZE1002"].place == "Kalbajr"
    assert any("'Kalbajr' matches no place of the agreement but is near Kalbajar: not applied" in n for n in typo.notes)


def test_decimal_commas_in_a_semicolon_file_read_as_decimals_and_noted(first) -> None:
    """Coordinates written 39,5203 and fatalities written 2,0 in a ';' file give the original events, and a note names each reading."""
    resaved = convert_acled(DATA / "export-decimal-comma.csv", agreement=bundled.agreement(), rules=load_rules(RULES))
    assert resaved.problems == () and _without_record(resaved) == _without_record(first)
    assert [e.record.location for e in resaved.log.events] == [e.record.location for e in first.log.events]
    assert by_id(resaved)["AZE1001"].record.fields["latitude"] == "39,5203"
    note = next(n for n in resaved.notes if "read other than as written" in n)
    assert note.startswith(f"{DATA / 'export-decimal-comma.csv'}: 15 number cells") and "'39,5203' read as 39.5203, with a decimal comma" in note


@pytest.mark.parametrize(("column", "value", "readings"), [("fatalities", "1.000", "1 (as written) or 1000 ('.' between thousands)"), ("fatalities", "1,000", "1 (a decimal comma) or 1000 (',' between thousands)")])
def test_an_ambiguous_number_in_a_semicolon_file_is_refused_with_file_line_column(tmp_path: Path, column: str, value: str, readings: str) -> None:
    """A count that reads as two different numbers (decimal comma or thousands) is refused: file, line, column, value, both readings and what was expected."""
    lines = (DATA / "export-decimal-comma.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    cells = lines[1].split(";")
    cells[header.index(column)] = value
    path = tmp_path / "resaved.csv"
    path.write_text("\n".join([lines[0], ";".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    done = convert_acled(path, agreement=bundled.agreement(), rules=load_rules(RULES))
    assert [p.where for p in done.problems] == [f"{path}:2 (column {column})"]
    assert done.problems[0].received == f"{value!r}, which reads as {readings}"
    assert "a whole number, written so that it reads one way only" in done.problems[0].expected
    with pytest.raises(InvalidInputError, match="reads as"):
        done.raise_problems()


def test_a_comma_separated_file_takes_numbers_as_written(tmp_path: Path) -> None:
    """In a ','-separated file a quoted '39,5203' is not read with a decimal comma: it is refused as not a number."""
    text = (DATA / "export-2020-11-28.csv").read_text(encoding="utf-8").replace(",39.5203,", ',"39,5203",', 1)
    (tmp_path / "e.csv").write_text(text, encoding="utf-8")
    done = convert_acled(tmp_path / "e.csv", zone="Asia/Baku")
    assert [(p.where.endswith("(column latitude)"), p.received) for p in done.problems] == [(True, "'39,5203'")]


CODE_RULES = """
id: by-code
dataset: ACLED
agreement: nk-2020
rules:
  - id: clash.between-parties
    summary: Fighting between the forces of Azerbaijan and of Armenia, found by the parties' ISO codes.
    match: {event_type: [Battles], between: [[AZ], [AM]]}
    link: {obligation: 1.ceasefire, role: breaches}
  - id: russian.forces
    summary: Anything Russia's forces do, found by the party's code.
    match: {parties: [RU]}
    link: {obligation: 6.lachin, role: context}
"""


def _by_code(tmp_path: Path, agreement=None):
    (tmp_path / "rules.yaml").write_text(CODE_RULES, encoding="utf-8")
    agreement = agreement or bundled.agreement()
    return convert_acled(DATA / "actors-by-code.csv", agreement=agreement, rules=load_rules(tmp_path / "rules.yaml"))


def test_rules_find_acled_state_actors_as_parties_through_their_iso_codes(tmp_path: Path) -> None:
    """'between: [[AZ], [AM]]' links the clash of the two armies only; the Karabakh forces, police against civilians and former soldiers are no party pair."""
    done = _by_code(tmp_path)
    events = by_id(done)
    assert done.problems == ()
    assert [lk.rule for lk in events["AZE3001"].links] == ["clash.between-parties"]
    assert all(not any(lk.rule == "clash.between-parties" for lk in events[i].links) for i in ("AZE3002", "AZE3004", "ARM3005"))
    assert "parties by code: AZ (actor 1's side); AM (actor 2's side)" in events["AZE3001"].note
    assert "parties by code: AZ (actor 2's side)" in events["AZE3004"].note and "parties by code" not in (events["ARM3005"].note or "")


def test_a_party_alias_reaches_actor_names_iso_3166_does_not(tmp_path: Path) -> None:
    """'Military Forces of Russia' is Russia's only through the party's alias: ISO 3166 says 'Russian Federation'."""
    assert [lk.rule for lk in by_id(_by_code(tmp_path))["AZE3003"].links] == ["russian.forces"]
    agreement = bundled.agreement()
    bare = agreement.model_copy(update={"parties": [p.model_copy(update={"aliases": []}) for p in agreement.parties]})
    assert by_id(_by_code(tmp_path, bare))["AZE3003"].links == []


def test_country_names_are_learned_from_the_exports_iso_and_country_columns() -> None:
    """A country name an export writes beside a party's numeric iso (51, 'Armenia') finds that party's forces by name."""
    from ceasefire.adapters.parties import party_names, seen_countries, state_party

    agreement = bundled.agreement()
    bare = agreement.model_copy(update={"parties": [p.model_copy(update={"aliases": []}) for p in agreement.parties]})
    assert state_party("Military Forces of Russia (2000-)", party_names(bare)) is None
    learned = party_names(bare, seen_countries([{"iso": "643", "country": "Russia"}]))
    assert state_party("Military Forces of Russia (2000-) Border Service", learned) == "RU"
    assert state_party("Former Military Forces of Russia (2000-)", learned) is None and state_party("Protesters (Russia)", learned) is None


def test_an_acled_rule_naming_a_party_without_an_iso_code_is_refused(tmp_path: Path) -> None:
    """'between' or 'parties' naming a party the agreement lacks, or one without iso3166, is refused before any row is read."""
    agreement = bundled.agreement()
    coded = agreement.model_copy(update={"parties": [p.model_copy(update={"iso3166": None}) if p.id == "AM" else p for p in agreement.parties]})
    (tmp_path / "rules.yaml").write_text(CODE_RULES.replace("[[AZ], [AM]]", "[[AZ], [AM, XX]]"), encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        convert_acled(DATA / "actors-by-code.csv", agreement=coded, rules=load_rules(tmp_path / "rules.yaml"))
    assert "party id 'AM' in rule clash.between-parties, which has no iso3166" in str(caught.value) and "'XX'" in str(caught.value)
