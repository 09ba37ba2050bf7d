"""The warning of ``ceasefire validate`` for a note that names a year or a day after its record is first known.

A record is shown, notes and all, under every knowledge cut-off from the
moment it is first known; a note that tells of later events would be shown
in answers "as known" before they happened.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire.cli import main
from ceasefire.validation import validate_paths
from ceasefire.validation.notes import later_mentions, mentions

WIRE = "  - {id: wire, title: Wire, published: 2021-06-14}\n"
LATER = "  - {id: later, title: Later wire, published: 2024-03-01}\n"


def _events(tmp_path: Path, events: str, name: str = "events.yaml", sources: str = WIRE) -> Path:
    path = tmp_path / name
    path.write_text("zone: Asia/Baku\nsources:\n" + sources + "events:\n" + events, encoding="utf-8")
    return path


def _event(note: str, *, more: str = "") -> str:
    """One event first reported on 2021-06-14 (its source's day), with ``note`` as its own note."""
    return (
        "  - id: rec.x\n    kind: exchange\n    summary: one\n    occurred: 2021-06-13\n"
        f"    note: {note!r}\n{more}"
        "    links: [{obligation: 8.exchange, role: advances}]\n    sources: [{source: wire}]\n"
    )


def _warnings(path: Path) -> list[str]:
    [result] = validate_paths([path])
    assert result.ok, result.problems
    return [str(w) for w in result.warnings]


def test_a_note_naming_a_later_year_is_warned_with_its_place_event_and_field(tmp_path):
    """The warning names the file and line, the field path, the event, the year, and the day the record is first known."""
    path = _events(tmp_path, _event("The centre closed in 2024."))
    [result] = validate_paths([path])
    assert result.ok
    [warning] = result.warnings
    assert warning.where == f"{path}:9 (events[0].note)"
    assert warning.received == "a note of event rec.x (note) that names 2024, after the note is first shown (2021-06-14, by its first report)"
    assert "check it" in warning.expected and "shown under every cut-off from then on" in warning.expected


@pytest.mark.parametrize("note", ["Opened in 2021.", "Planned since 2019, talks of 1994.", "Reported on 2021-06-14.", "Agreed on 2021-06-01, in 2020-2021 talks."])
def test_a_note_naming_the_same_year_or_an_earlier_one_is_not_warned(tmp_path, note):
    """Years up to the record's own year, and days up to its own day, tell nothing later."""
    assert _warnings(_events(tmp_path, _event(note))) == []


def test_a_later_day_in_the_same_year_is_warned_and_its_year_is_not_named_again(tmp_path):
    """A day written YYYY-MM-DD after the record's day is later, though its year is not; it is named once, as written."""
    [warning] = validate_paths([_events(tmp_path, _event("Handed over on 2021-07-02 and again on 2022-01-10."))])[0].warnings
    assert "that names 2021-07-02 and 2022-01-10, after" in warning.received


@pytest.mark.parametrize(
    "note",
    ["About 1899 or 2101 people.", "Case 12024 and row 2024a.", "Code P2024 and A-2024x.", "The figure 2,024 is exact.", "Page 20245."],
)
def test_only_whole_four_digit_years_from_1900_to_2100_count(tmp_path, note):
    """Numbers outside 1900-2100, and four digits inside a longer word, are not years."""
    assert _warnings(_events(tmp_path, _event(note))) == []


EVERY_NOTE = """\
  - id: rec.all
    kind: exchange
    summary: every note
    occurred: 2021-06-13
    note: event 2030
    links: [{obligation: 8.exchange, role: advances, note: link 2031}]
    sources: [{source: wire, note: citation 2032}]
    disputed_by: [{party: AM, note: dispute 2033}]
    discrepancies:
      - about: the count
        note: discrepancy 2034
        claims:
          - {value: '1', citation: {source: wire, note: claim 2035}}
          - {value: '2', citation: {source: wire}}
    ends_agreement: {how: collapsed, note: ending 2036}
"""


def test_every_note_field_of_an_event_is_read(tmp_path):
    """The event's note and those of its links, citations, disputes, discrepancies, their claims' citations, and its ending."""
    path = _events(tmp_path, EVERY_NOTE)
    [result] = validate_paths([path])
    assert result.ok, result.problems
    paths = ["note", "links[0].note", "sources[0].note", "disputed_by[0].note", "discrepancies[0].note", "discrepancies[0].claims[0].citation.note", "ends_agreement.note"]
    assert [w.where.split(" ", 1)[1] for w in result.warnings] == [f"(events[0].{p})" for p in paths]
    for i, (warning, field) in enumerate(zip(result.warnings, paths)):
        assert f"a note of event rec.all ({field}) that names {2030 + i}, after the note is first shown (2021-06-14" in warning.received


VERSIONS = """\
  - id: rec.centre
    version: '2021-06-14T12:00:00+04:00'
    kind: opening
    summary: the centre opens
    occurred: 2021-06-13
    note: {first!r}
    links: [{{obligation: 8.exchange, role: advances}}]
    sources: [{{source: wire}}]
  - id: rec.centre
    version: '2024-03-01T12:00:00+04:00'
    kind: opening
    summary: the centre opens; it closed later
    occurred: 2021-06-13
    note: {second!r}
    links: [{{obligation: 8.exchange, role: advances}}]
    sources: [{{source: wire}}, {{source: later}}]
"""


def test_a_later_version_is_judged_from_its_own_version_stamp(tmp_path):
    """A second version stamped 2024 may tell of 2024; the first version, known from 2021, may not; and 2025 is later than both."""
    path = _events(tmp_path, VERSIONS.format(first="Closed in 2024.", second="Closed in 2024; to reopen in 2025."), sources=WIRE + LATER)
    [result] = validate_paths([path])
    assert result.ok, result.problems
    first, second = result.warnings
    assert first.where == f"{path}:11 (events[0].note)"
    assert "a note of event rec.centre (version 2021-06-14T12:00:00+04:00) (note) that names 2024, after the note is first shown (2021-06-14, by its first report)" == first.received
    assert second.where == f"{path}:19 (events[1].note)"
    assert second.received.startswith("a note of event rec.centre (version 2024-03-01T12:00:00+04:00) (note) that names 2025, after the note is first shown (2024-03-01, by its version stamp)")


def test_a_later_version_telling_of_its_own_year_is_not_warned(tmp_path):
    """What the second version says of 2024 is known when it is: nothing is warned."""
    assert _warnings(_events(tmp_path, VERSIONS.format(first="Opened.", second="Closed in 2024."), sources=WIRE + LATER)) == []


def test_a_single_record_stamped_later_counts_from_its_first_report(tmp_path):
    """As the engine has it, a first version counts from its first report when that is earlier than its stamp: its notes are judged from then."""
    event = _event("Closed in 2024.", more="    version: '2024-03-01T12:00:00+04:00'\n")
    [warning] = validate_paths([_events(tmp_path, event)])[0].warnings
    assert "first shown (2021-06-14, by its first report)" in warning.received


def test_reported_sets_the_first_report_as_the_engine_reads_it(tmp_path):
    """An event's own 'reported' is its first report, before its sources' publication: a note of that year tells nothing later."""
    event = _event("Confirmed in 2022.", more="    reported: 2022-01-10\n")
    assert _warnings(_events(tmp_path, event)) == []
    event = _event("Confirmed on 2022-01-11.", more="    reported: 2022-01-10\n")
    [warning] = _warnings(_events(tmp_path, event))
    assert "names 2022-01-11, after the note is first shown (2022-01-10, by its first report)" in warning


def test_versions_in_two_files_make_one_history(tmp_path):
    """An event's second version in another file is judged from its own stamp, as the tracker reads the files together."""
    one, two = VERSIONS.format(first="Opened.", second="Closed in 2024.").split("  - id: rec.centre\n    version: '2024")
    first = _events(tmp_path, one, "first.yaml")
    second = _events(tmp_path, "  - id: rec.centre\n    version: '2024" + two, "second.yaml", sources=WIRE + LATER)
    results = validate_paths([first, second])
    assert [r.ok for r in results] == [True, True], [r.problems for r in results]
    assert [r.warnings for r in results] == [(), ()]
    [alone] = validate_paths([second])[0].warnings  # read alone, it is the event's first version, known from its first report
    assert "names 2024, after the note is first shown (2021-06-14, by its first report)" in alone.received


def test_the_warning_never_fails_the_run(tmp_path):
    """On the command line the warning is listed with its place, and the exit code stays 0."""
    path = _events(tmp_path, _event("The centre closed in 2024."))
    done = CliRunner().invoke(main, ["validate", str(path)])
    assert done.exit_code == 0, done.output
    assert "ok, 1 warning(s)" in done.output
    assert f"  - warning: {path}:9 (events[0].note): received a note of event rec.x (note) that names 2024, after the note is first shown (2021-06-14" in done.output


def test_a_file_with_problems_gets_no_note_warning(tmp_path):
    """As for every warning, a file with errors is not looked at for notes."""
    path = _events(tmp_path, _event("The centre closed in 2024.").replace("8.exchange", "8.exchanges"))
    [result] = validate_paths([path])
    assert not result.ok and result.warnings == ()


def test_mentions_reads_days_and_years_in_order():
    """Days first claim their digits; a day that is no real day is read for its year."""
    assert mentions("From 2020-11-10 to 2021, then 2024-02-30 and 1999.") == [("2020-11-10", dt.date(2020, 11, 10)), ("2021", 2021), ("2024", 2024), ("1999", 1999)]
    known = dt.datetime(2021, 6, 14, 23, 59, tzinfo=dt.timezone.utc)
    assert later_mentions("2021-06-14, 2021-06-15, 2021, 2022, 2022", known) == ["2021-06-15", "2022"]


def test_a_dataset_row_is_not_warned_of_its_own_notes(tmp_path):
    """A row read from a dataset keeps the dataset's words as given (a UCDP row's source dates): the same note on it is not warned, on a curated event it is."""
    row = "    record: {dataset: UCDP GED, id: '12345'}\n"
    assert _warnings(_events(tmp_path, _event("source_date: 2021-06-14;2024-03-01", more=row))) == []
    assert len(_warnings(_events(tmp_path, _event("source_date: 2021-06-14;2024-03-01"), name="curated.yaml"))) == 1


HANGING = """\
  - id: rec.hang
    kind: opening
    summary: the centre opens
    occurred: 2021-06-13
    links: [{{obligation: 8.exchange, role: advances}}]
    sources: [{{source: wire}}, {{source: {cited}, note: 'Its statement of 2024 says so.'}}]
    discrepancies:
      - about: the date
        note: Statements of 2024 give another date.
        claims:
          - {{value: 13 June 2021, citation: {{source: wire}}}}
          - {{value: 14 June 2021, citation: {{source: {cited}, note: 'A 2024 statement.'}}}}
"""


def test_a_note_hanging_on_a_later_source_is_judged_from_that_source():
    """A citation's note is shown once its source is out, a discrepancy's once two of its claims' sources are: naming that source's year is no leak; the same notes on a source of the record's first day are warned of."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        late = _events(Path(folder), HANGING.format(cited="later"), sources=WIRE + LATER)
        assert _warnings(late) == []
        early = _events(Path(folder), HANGING.format(cited="wire2"), name="early.yaml", sources=WIRE + "  - {id: wire2, title: Wire two, published: 2021-06-14}\n")
        fields = [w.split(" (events[0].", 1)[1].split(")", 1)[0] for w in _warnings(early)]
        assert fields == ["sources[1].note", "discrepancies[0].note", "discrepancies[0].claims[1].citation.note"]
