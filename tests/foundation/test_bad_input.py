"""Every kind of bad input gets its own error type, naming what, where and what was expected."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import ceasefire
from ceasefire import errors

from .conftest import AGREEMENT, EVENTS

# (case id, file to damage, old text, new text, error type, what the message must contain)
CASES = [
    ("naive datetime in a file", "agreement.yaml", 'effective: "2021-03-01T12:00:00+03:00"', "effective: 2021-03-01T12:00:00",
     errors.NaiveDatetimeError, r"agreement\.yaml:8 \(effective\).*naive.*offset"),
    ("event linked to unknown obligation", "events.yaml", "obligation: 2.valley", "obligation: 2.vally",
     errors.UnknownObligationError, r"events\.yaml:12 \(events\[0\]\.links\[0\]\.obligation\).*'2\.vally'.*e\.g\. '1\.truce'"),
    ("amendment of unknown obligation", "agreement.yaml", "obligation: 2.valley", "obligation: 9.nowhere",
     errors.UnknownAmendmentTargetError, r"agreement\.yaml:27 \(amendments\[0\]\.obligation\).*'9\.nowhere'"),
    ("window earliest after latest", "events.yaml", "occurred: 2021-03-11", "occurred: {earliest: 2021-03-12, latest: 2021-03-11}",
     errors.WindowOrderError, r"events\.yaml:11 \(events\[0\]\.occurred\).*earliest.*after latest"),
    ("duplicate obligation ids", "agreement.yaml", "id: 2.valley", "id: 1.truce",
     errors.DuplicateIdError, r"agreement\.yaml:\d+ \(points\[1\]\.obligations\[0\]\.id\).*'1\.truce' used 2 times"),
    ("quote not in the cited file", "events.yaml", "quote: the valley was handed over", "quote: the valley was given back",
     errors.QuoteNotFoundError, r"events\.yaml:13 \(events\[0\]\.sources\[0\]\.quote\).*'the valley was given back'.*story\.txt"),
    ("unknown field", "events.yaml", "kind: handover", "kind: handover\n    colour: red",
     errors.UnknownFieldError, r"events\.yaml:10 \(events\[0\]\.colour\).*'colour'.*one of the fields.*occurred"),
    ("deadline before effect", "agreement.yaml", "due: {by: 2021-03-10}", "due: {by: 2021-02-10}",
     errors.DeadlineBeforeEffectError, r"agreement\.yaml:23 \(points\[1\]\.obligations\[0\]\.due\).*2021-02-10.*takes effect"),
    ("coverage that ends before it starts", "events.yaml", "zone: Asia/Baku", "zone: Asia/Baku\ncovers: {from: 2021-03-20, to: 2021-03-01}",
     errors.InvalidInputError, r"events\.yaml:2 \(covers\[0\]\).*'to' at or after 'from'.*2021-03-01T23:59:59"),
    ("ending event for an unknown obligation", "events.yaml", "links: [{obligation: 2.valley, role: fulfils}]",
     "links: [{obligation: 2.valley, role: fulfils}, {obligation: 4.gone, role: ends}]",
     errors.UnknownObligationError, r"events\.yaml:12 \(events\[0\]\.links\[1\]\.obligation\).*'4\.gone'"),
    ("agreement ended twice", "events.yaml", "    sources: [{source: wire, quote: the valley was handed over}]\n",
     "    ends_agreement: {how: collapsed}\n    sources: [{source: wire, quote: the valley was handed over}]\n"
     "  - {id: e2, kind: dissolution, summary: Dissolved., occurred: 2021-03-12, ends_agreement: {how: terminated}, sources: [{source: wire}]}\n",
     errors.EndingConflictError, r"events\.yaml:15 \(events\[1\]\.ends_agreement\).*'e2'.*'e1' at \S*events\.yaml:13"),
    ("invalid YAML", "agreement.yaml", "summary: Stop fighting.", "summary: [Stop fighting.",
     errors.FileFormatError, r"agreement\.yaml:\d+: received invalid YAML"),
]


@pytest.mark.parametrize(("case", "name", "old", "new", "error", "pattern"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_raises_its_own_error(
    accord_files: Path, case: str, name: str, old: str, new: str, error: type[Exception], pattern: str
) -> None:
    """A damaged file raises the error for its fault, with file, line, field, what was found and what was expected."""
    path = accord_files / name
    text = path.read_text(encoding="utf-8")
    assert old in text, case
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(error) as caught:
        agreement = ceasefire.load_agreement(accord_files / "agreement.yaml")
        ceasefire.Tracker(agreement, ceasefire.load_events(accord_files / "events.yaml"))
    assert re.search(pattern, str(caught.value), re.S), str(caught.value)
    assert isinstance(caught.value, errors.CeasefireError)
    assert isinstance(caught.value, (ValueError, LookupError))


def test_undamaged_files_load(accord_files: Path) -> None:
    """The files the table damages are valid as written, so each failure above is due to its damage."""
    tracker = ceasefire.Tracker(ceasefire.load_agreement(accord_files / "agreement.yaml"), ceasefire.load_events(accord_files / "events.yaml"))
    assert tracker.status_on("2021-03-20")["2.valley"].status is ceasefire.Status.FULFILLED


def test_invalid_json_names_its_line(tmp_path: Path) -> None:
    """A JSON file with a syntax error is reported with its line."""
    path = tmp_path / "events.json"
    path.write_text('{\n  "events": [\n    {"id": "x",,}\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(errors.FileFormatError, match=r"events\.json:3: received invalid JSON"):
        ceasefire.load_events(path)


def test_naive_datetime_refused_by_status_on() -> None:
    """status_on refuses a naive datetime and a datetime string with no offset."""
    with pytest.raises(errors.NaiveDatetimeError, match="naive datetime '2020-11-16T12:00:00'"):
        ceasefire.status_on(dt.datetime(2020, 11, 16, 12))
    with pytest.raises(errors.NaiveDatetimeError, match="with no offset"):
        ceasefire.status_on("2020-11-16T12:00")


def test_unreadable_date_string_says_what_was_expected() -> None:
    """A string that is no date or instant is refused with an example of what works."""
    with pytest.raises(errors.InvalidTimeError, match=r"'16/11/2020'.*'2020-11-16'"):
        ceasefire.status_on("16/11/2020")


def test_duplicate_event_ids_across_files(accord_files: Path) -> None:
    """The same event id in two files is refused, naming both files."""
    other = accord_files / "more.yaml"
    other.write_text(EVENTS, encoding="utf-8")
    agreement = ceasefire.load_agreement(accord_files / "agreement.yaml")
    with pytest.raises(errors.DuplicateIdError, match=r"more\.yaml:8 \(events\[0\]\.id\).*also in .*events\.yaml"):
        ceasefire.Tracker(agreement, ceasefire.load_events(accord_files / "events.yaml"), ceasefire.load_events(other))


def test_agreement_fixture_text_is_the_one_damaged() -> None:
    """The damage table edits the fixture texts, which hold every string it replaces."""
    for _, name, old, *_ in CASES:
        assert old in (AGREEMENT if name == "agreement.yaml" else EVENTS)


def test_missing_and_mistyped_fields_say_what_was_expected() -> None:
    """A missing field and a value of the wrong type are each reported in plain terms, with the field path."""
    data = {"zone": "Asia/Baku", "events": [{"id": "x", "kind": "k", "occurred": "2020-11-25", "sources": [{"source": "a"}], "quantities": [{"name": "q", "value": "lots"}]}]}
    with pytest.raises(errors.InvalidInputError) as caught:
        ceasefire.parse_events(data)
    text = str(caught.value)
    assert "(events[0].summary): received no 'summary' (the field is missing); expected this required field" in text
    assert "(events[0].quantities[0].value): received 'lots'; expected a valid number" in text
