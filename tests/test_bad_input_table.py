"""A table of bad inputs, one row each: the error type, the place named and the value quoted back.

Every loader (agreement and event files, YAML and JSON), the dataset
converters (ACLED CSV and JSON, ACLED deletions, UCDP GED), the time and
range checks, the tracker's questions and the export all appear. Each row
says what the error must be an instance of, a pattern its place (``where``)
must match, and a piece of text its ``received`` part must hold.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ceasefire import bounds, bundled, errors
from ceasefire import time as cftime
from ceasefire._documents import parse_json, parse_yaml
from ceasefire.adapters import convert_acled, convert_ucdp
from ceasefire.errors import CeasefireError
from ceasefire.render.export import strict_json
from ceasefire.loading import load_agreement, load_events

from _bad_input_documents import AGREEMENT, EVENTS

DATA = Path(__file__).parent / "data"


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(document))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


# (case, path in the event document, bad value, error type, where pattern, received text)
EVENT_FIELDS: list[tuple[str, tuple[Any, ...], Any, type[Exception], str, str]] = [
    ("impossible day", ("events", 0, "occurred"), "2020-02-30", errors.InvalidTimeError, r"events\[0\]\.occurred", "2020-02-30"),
    ("month 13", ("events", 0, "occurred"), "2020-13-01", errors.InvalidTimeError, r"events\[0\]\.occurred", "2020-13-01"),
    ("year 1", ("events", 0, "occurred"), "0001-01-01", errors.InvalidTimeError, r"events\[0\]\.occurred", "0001-01-01"),
    ("year 9999", ("events", 0, "occurred"), "9999-12-31", errors.InvalidTimeError, r"events\[0\]\.occurred", "9999-12-31"),
    ("offset +24:00", ("events", 0, "occurred"), "2020-11-25T10:00:00+24:00", errors.InvalidTimeError, r"events\[0\]\.occurred", "+24:00"),
    ("offset -25:00", ("events", 0, "occurred"), "2020-11-25T10:00:00-25:00", errors.InvalidTimeError, r"events\[0\]\.occurred", "-25:00"),
    ("time finer than a microsecond", ("events", 0, "occurred"), "2020-11-25T10:00:00.1234567+04:00", errors.InvalidTimeError, r"events\[0\]\.occurred", ".1234567"),
    ("window end finer than a microsecond", ("events", 0, "occurred"), {"earliest": "2020-11-25T10:00:00Z", "latest": "2020-11-25T11:00:00.00000001Z"}, errors.InvalidTimeError, r"events\[0\]\.occurred", ".00000001"),
    ("figure true", ("events", 0, "quantities", 0, "value"), True, errors.InvalidInputError, r"quantities\[0\]\.value", "boolean true"),
    ("confidence true", ("events", 0, "links", 0, "confidence"), True, errors.InvalidInputError, r"links\[0\]\.confidence", "boolean true"),
    ("quote offsets false", ("events", 0, "sources", 0, "offsets"), [False, 11], errors.InvalidInputError, r"offsets\[0\]", "boolean false"),
    ("offset minutes 60", ("events", 0, "occurred"), "2020-11-25T10:00:00+03:60", errors.InvalidTimeError, r"events\[0\]\.occurred", "+03:60"),
    ("offset minutes 60 no seconds", ("events", 0, "occurred"), "2020-11-25T10:00-03:75", errors.InvalidTimeError, r"events\[0\]\.occurred", "-03:75"),
    ("full-width digit in a date", ("events", 0, "occurred"), "2020-1\uff11-25", errors.InvalidTimeError, r"events\[0\]\.occurred", "FULLWIDTH DIGIT ONE"),
    ("full-width year in a bracket date", ("events", 0, "occurred"), "\uff12\uff10\uff12\uff10-11-25[Asia/Baku]", errors.InvalidTimeError, r"events\[0\]\.occurred", "FULLWIDTH DIGIT TWO"),
    ("Unicode hyphen in a date", ("events", 0, "reported"), "2020\u201011\u201025", errors.InvalidTimeError, r"events\[0\]\.reported", "U+2010 HYPHEN"),
    ("Arabic-Indic digit in an instant", ("events", 0, "occurred"), "2020-11-25T1\u0660:00:00+04:00", errors.InvalidTimeError, r"events\[0\]\.occurred", "ARABIC-INDIC DIGIT ZERO"),
    ("leap second", ("events", 0, "occurred"), "2016-12-31T23:59:60Z", errors.InvalidTimeError, r"events\[0\]\.occurred", "23:59:60"),
    ("hour 25", ("events", 0, "occurred"), "2020-11-25T25:00:00Z", errors.InvalidTimeError, r"events\[0\]\.occurred", "25:00"),
    ("naive instant", ("events", 0, "occurred"), "2020-11-25T10:00:00", errors.NaiveDatetimeError, r"events\[0\]\.occurred", "2020-11-25T10:00:00"),
    ("words for a date", ("events", 0, "occurred"), "last Tuesday", errors.InvalidTimeError, r"events\[0\]\.occurred", "last Tuesday"),
    ("number for a date", ("events", 0, "occurred"), 20201125, errors.InvalidTimeError, r"events\[0\]\.occurred", "20201125"),
    ("bad bracket zone", ("events", 0, "occurred"), "2020-11-25[Asia/Bakuu]", errors.InvalidTimeError, r"events\[0\]\.occurred", "Asia/Bakuu"),
    ("impossible bracket date", ("events", 0, "occurred"), "2020-02-30[UTC]", errors.InvalidTimeError, r"events\[0\]\.occurred", "2020-02-30[UTC]"),
    ("window reversed", ("events", 0, "occurred"), {"earliest": "2020-11-26", "latest": "2020-11-25"}, errors.WindowOrderError, r"events\[0\]\.occurred", "earliest"),
    ("window extra key", ("events", 0, "occurred"), {"earliest": "2020-11-25", "latest": "2020-11-26", "middle": "x"}, errors.InvalidTimeError, r"events\[0\]\.occurred", "middle"),
    ("window far end", ("events", 0, "occurred"), {"earliest": "2020-11-25", "latest": "9999-01-01"}, errors.InvalidTimeError, r"events\[0\]\.occurred", "9999-01-01"),
    ("reported in year 0", ("events", 0, "reported"), "0000-01-01", errors.InvalidTimeError, r"events\[0\]\.reported", "0000-01-01"),
    ("version naive", ("events", 0, "version"), "2020-11-25T00:00:00", errors.NaiveDatetimeError, r"events\[0\]\.version", "2020-11-25T00:00:00"),
    ("version out of range", ("events", 0, "version"), "9500-01-01T00:00:00Z", errors.InvalidTimeError, r"events\[0\]\.version", "9500-01-01"),
    ("deletion far past", ("deletions", 0, "deleted"), "0500-01-01T00:00:00Z", errors.InvalidTimeError, r"deletions\[0\]\.deleted", "0500-01-01"),
    ("deletion id with NUL", ("deletions", 0, "event"), "e\x000", errors.InvalidIdError, r"deletions\[0\]\.event", "\\x00"),
    ("event id with RLO", ("events", 0, "id"), "e\u202e1", errors.InvalidIdError, r"events\[0\]\.id", "\\u202e"),
    ("event id zero-width", ("events", 0, "id"), "e\u200b1", errors.InvalidIdError, r"events\[0\]\.id", "\\u200b"),
    ("event id NFD", ("events", 0, "id"), "cafe\u0301", errors.InvalidIdError, r"events\[0\]\.id", "cafe\\u0301"),
    ("event id newline", ("events", 0, "id"), "e\n1", errors.InvalidIdError, r"events\[0\]\.id", "\\n"),
    ("event id tab", ("events", 0, "id"), "e\t1", errors.InvalidIdError, r"events\[0\]\.id", "\\t"),
    ("event id empty", ("events", 0, "id"), "", errors.InvalidInputError, r"events\[0\]\.id", "''"),
    ("event id a number", ("events", 0, "id"), 7, errors.InvalidInputError, r"events\[0\]\.id", "7"),
    ("link to bidi id", ("events", 0, "links", 0, "obligation"), "6.kal\u202ebajar", errors.InvalidIdError, r"links\[0\]\.obligation", "\\u202e"),
    ("link role unknown", ("events", 0, "links", 0, "role"), "completes", errors.InvalidInputError, r"links\[0\]\.role", "completes"),
    ("confidence above 1", ("events", 0, "links", 0, "confidence"), 1.5, errors.InvalidInputError, r"links\[0\]\.confidence", "1.5"),
    ("confidence negative", ("events", 0, "links", 0, "confidence"), -0.1, errors.InvalidInputError, r"links\[0\]\.confidence", "-0.1"),
    ("quantity huge", ("events", 0, "quantities", 0, "value"), 1e300, errors.OutOfRangeError, r"quantities\[0\]\.value", "1e+300"),
    ("quantity negative", ("events", 0, "quantities", 0, "value"), -3, errors.OutOfRangeError, r"quantities\[0\]\.value", "-3"),
    ("quantity text", ("events", 0, "quantities", 0, "value"), "many", errors.InvalidInputError, r"quantities\[0\]\.value", "many"),
    ("quantity qualifier", ("events", 0, "quantities", 0, "qualifier"), "roughly", errors.InvalidInputError, r"quantities\[0\]\.qualifier", "roughly"),
    ("quantity name empty", ("events", 0, "quantities", 0, "name"), "", errors.InvalidInputError, r"quantities\[0\]\.name", "''"),
    ("citation to hidden id", ("events", 0, "sources", 0, "source"), "s\u20601", errors.InvalidIdError, r"sources\[0\]\.source", "\\u2060"),
    ("offsets reversed", ("events", 0, "sources", 0, "offsets"), [11, 0], errors.InvalidInputError, r"sources\[0\]\.offsets", "11"),
    ("offsets negative", ("events", 0, "sources", 0, "offsets"), [-1, 3], errors.InvalidInputError, r"sources\[0\]\.offsets", "-1"),
    ("no sources", ("events", 0, "sources"), [], errors.InvalidInputError, r"events\[0\]\.sources", "[]"),
    ("status unknown", ("events", 0, "status"), "maybe", errors.InvalidInputError, r"events\[0\]\.status", "maybe"),
    ("summary white space", ("events", 0, "summary"), " \u00a0\n", errors.InvalidInputError, r"events\[0\]\.summary", "white space alone"),
    ("kind empty", ("events", 0, "kind"), "", errors.InvalidInputError, r"events\[0\]\.kind", "'' (nothing)"),
    ("event id with a space at its end", ("events", 0, "id"), "e1 ", errors.InvalidIdError, r"events\[0\]\.id", "with a space at its start or end"),
    ("link to an id with a space first", ("events", 0, "links", 0, "obligation"), " 6.kalbajar", errors.InvalidIdError, r"links\[0\]\.obligation", "' 6.kalbajar'"),
    ("source title white space", ("sources", 0, "title"), "  ", errors.InvalidInputError, r"sources\[0\]\.title", "white space alone"),
    ("kind a boolean", ("events", 0, "kind"), False, errors.InvalidInputError, r"events\[0\]\.kind", "the boolean false"),
    ("summary a number", ("events", 0, "summary"), 12, errors.InvalidInputError, r"events\[0\]\.summary", "the number 12"),
    ("summary a list", ("events", 0, "summary"), ["a"], errors.InvalidInputError, r"events\[0\]\.summary", "['a']"),
    ("events a mapping", ("events",), {"e1": {}}, errors.InvalidInputError, r"events", "{'e1': {}}"),
    ("source url javascript", ("sources", 0, "url"), "javascript:alert(1)", errors.UnsafeUrlError, r"sources\[0\]\.url", "javascript:alert(1)"),
    ("source url data", ("sources", 0, "url"), "data:text/html,<script>alert(1)</script>", errors.UnsafeUrlError, r"sources\[0\]\.url", "data:text/html"),
    ("source url vbscript", ("sources", 0, "url"), "vbscript:msgbox", errors.UnsafeUrlError, r"sources\[0\]\.url", "vbscript:msgbox"),
    ("source url spaced scheme", ("sources", 0, "url"), " java\tscript:alert(1)", errors.UnsafeUrlError, r"sources\[0\]\.url", "script:alert(1)"),
    ("source url file", ("sources", 0, "url"), "file:///etc/passwd", errors.UnsafeUrlError, r"sources\[0\]\.url", "file:///etc/passwd"),
    ("source url no host", ("sources", 0, "url"), "https:///path", errors.UnsafeUrlError, r"sources\[0\]\.url", "https:///path"),
    ("source url relative", ("sources", 0, "url"), "/reports/a", errors.UnsafeUrlError, r"sources\[0\]\.url", "/reports/a"),
    ("source id with BOM", ("sources", 0, "id"), "\ufeffs1", errors.InvalidIdError, r"sources\[0\]\.id", "\\ufeff"),
    ("source published impossible", ("sources", 0, "published"), "2021-02-29", errors.InvalidTimeError, r"sources\[0\]\.published", "2021-02-29"),
    ("file zone misspelt", ("zone",), "Asia/Bakuu", errors.InvalidTimeError, r"\(zone\)", "Asia/Bakuu"),
    ("file zone a machine's copy", ("zone",), "posix/Asia/Baku", errors.InvalidTimeError, r"\(zone\)", "write 'Asia/Baku'"),
    ("bracket zone the machine's own", ("events", 0, "occurred"), "2020-11-25[localtime]", errors.InvalidTimeError, r"events\[0\]\.occurred", "differs from machine to machine"),
    ("unknown event field", ("events", 0, "colour"), "red", errors.UnknownFieldError, r"events\[0\]\.colour", "colour"),
    ("quoting slip", ("events", 0, "and eight western forces prisoners"), "done", errors.UnknownFieldError, r"events\[0\]\.and eight", "and eight western forces prisoners"),
]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _check(error: BaseException, kind: type[Exception], where: str, received: str) -> None:
    assert isinstance(error, CeasefireError), f"{type(error).__name__}: {error}"
    assert isinstance(error, kind), f"{type(error).__name__} is not {kind.__name__}: {error}"
    assert any(__import__("re").search(where, p.where) for p in error.problems), f"no place matching {where!r} in {error}"
    assert any(received in p.received for p in error.problems), f"{received!r} not quoted in {error}"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize(("case", "path", "value", "kind", "where", "received"), EVENT_FIELDS, ids=[c[0] for c in EVENT_FIELDS])
def test_bad_event_field_is_named_with_file_line_and_value(tmp_path: Path, fmt: str, case: str, path: tuple[Any, ...], value: Any, kind: type[Exception], where: str, received: str) -> None:
    """A bad value in an event file, YAML or JSON, raises its own error naming file, line, field and the value."""
    document = _set(EVENTS, path, value)
    text = yaml.safe_dump(document, allow_unicode=True) if fmt == "yaml" else json.dumps(document, ensure_ascii=False, indent=1)
    target = _write(tmp_path, f"events.{fmt}", text)
    with pytest.raises(CeasefireError) as caught:
        load_events(target)
    _check(caught.value, kind, rf"events\.{fmt}:\d+", received)
    _check(caught.value, kind, where, received)


AGREEMENT_FIELDS: list[tuple[str, tuple[Any, ...], Any, type[Exception], str, str]] = [
    ("span a billion years", ("points", 1, "obligations", 0, "due"), {"within": "P999999999Y"}, errors.InvalidTimeError, r"due\.within", "P999999999Y"),
    ("span in weeks too long", ("points", 1, "obligations", 0, "due"), {"within": "P99999W"}, errors.InvalidTimeError, r"due\.within", "P99999W"),
    ("span not ISO", ("points", 1, "obligations", 0, "due"), {"within": "3 years"}, errors.InvalidTimeError, r"due\.within", "3 years"),
    ("span of 5000 digits", ("points", 1, "obligations", 0, "due"), {"within": "P" + "9" * 5000 + "Y"}, errors.InvalidTimeError, r"due\.within", "P999"),
    ("term period zero", ("points", 1, "obligations", 1, "period"), "P0D", errors.InvalidTimeError, r"obligations\[1\]\.period", "P0D"),
    ("term renewal zero", ("points", 1, "obligations", 1, "renewal"), "PT0S", errors.InvalidTimeError, r"obligations\[1\]\.renewal", "PT0S"),
    ("term notice too long", ("points", 1, "obligations", 1, "notice"), "P600Y", errors.InvalidTimeError, r"obligations\[1\]\.notice", "P600Y"),
    ("deadline by impossible", ("points", 1, "obligations", 0, "due"), {"by": "2021-02-30"}, errors.InvalidInputError, r"due\.by", "2021-02-30"),
    ("deadline at +24:00", ("points", 1, "obligations", 0, "due"), {"at": "2021-03-10T00:00:00+24:00"}, errors.InvalidTimeError, r"due\.at", "+24:00"),
    ("two deadline forms", ("points", 1, "obligations", 0, "due"), {"by": "2021-03-10", "within": "P1D"}, errors.InvalidInputError, r"due", "by"),
    ("effective far future", ("effective",), "9999-01-01T00:00:00+03:00", errors.InvalidTimeError, r"\(effective\)", "9999-01-01"),
    ("effective naive", ("effective",), "2021-03-01T12:00:00", errors.NaiveDatetimeError, r"\(effective\)", "2021-03-01T12:00:00"),
    ("announced impossible", ("announced",), "2021-04-31", errors.InvalidTimeError, r"\(announced\)", "2021-04-31"),
    ("title white space", ("title",), "\t", errors.InvalidInputError, r"\(title\)", "white space alone"),
    ("obligation summary empty", ("points", 0, "obligations", 0, "summary"), "", errors.InvalidInputError, r"obligations\[0\]\.summary", "'' (nothing)"),
    ("party name white space", ("parties", 0, "name"), " ", errors.InvalidInputError, r"parties\[0\]\.name", "white space alone"),
    ("zone unknown", ("zone",), "Europe/Moskva", errors.InvalidTimeError, r"\(zone\)", "Europe/Moskva"),
    ("local zone unknown", ("local_zone",), "Mars/Olympus", errors.InvalidTimeError, r"local_zone", "Mars/Olympus"),
    ("zone the machine's own", ("zone",), "localtime", errors.InvalidTimeError, r"\(zone\)", "differs from machine to machine"),
    ("zone counting leap seconds", ("zone",), "right/Europe/Moscow", errors.InvalidTimeError, r"\(zone\)", "counts leap seconds"),
    ("point number huge", ("points", 0, "number"), 10**12, errors.InvalidInputError, r"points\[0\]\.number", "1000000000000"),
    ("point number zero", ("points", 0, "number"), 0, errors.InvalidInputError, r"points\[0\]\.number", "0"),
    ("point number true", ("points", 0, "number"), True, errors.InvalidInputError, r"points\[0\]\.number", "boolean true"),
    ("obligation id bidi", ("points", 0, "obligations", 0, "id"), "1.tr\u202euce", errors.InvalidIdError, r"obligations\[0\]\.id", "\\u202e"),
    ("bearer zero-width", ("points", 0, "obligations", 0, "bearers"), ["A\u200d"], errors.InvalidIdError, r"bearers", "\\u200d"),
    ("kind unknown", ("points", 0, "obligations", 0, "kind"), "promise", errors.InvalidInputError, r"obligations\[0\]", "promise"),
    ("move-deadline on standing", ("amendments", 0, "obligation"), "1.truce", errors.InvalidInputError, r"amendments\[0\]\.obligation", "1.truce"),
    ("move-deadline on term", ("amendments", 0, "obligation"), "2.term", errors.InvalidInputError, r"amendments\[0\]\.obligation", "2.term"),
    ("amendment id NUL", ("amendments", 0, "id"), "de\x00lay", errors.InvalidIdError, r"amendments\[0\]\.id", "\\x00"),
    ("amendment agreed year 0", ("amendments", 0, "agreed"), "0000-03-09", errors.InvalidTimeError, r"amendments\[0\]\.agreed", "0000-03-09"),
    ("source url data", ("sources", 0, "url"), "data:,hello", errors.UnsafeUrlError, r"sources\[0\]\.url", "data:,hello"),
]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize(("case", "path", "value", "kind", "where", "received"), AGREEMENT_FIELDS, ids=[c[0] for c in AGREEMENT_FIELDS])
def test_bad_agreement_field_is_named_with_file_line_and_value(tmp_path: Path, fmt: str, case: str, path: tuple[Any, ...], value: Any, kind: type[Exception], where: str, received: str) -> None:
    """A bad value in an agreement file, YAML or JSON, raises its own error naming file, line, field and the value."""
    document = _set(AGREEMENT, path, value)
    text = yaml.safe_dump(document, allow_unicode=True) if fmt == "yaml" else json.dumps(document, ensure_ascii=False, indent=1)
    target = _write(tmp_path, f"agreement.{fmt}", text)
    with pytest.raises(CeasefireError) as caught:
        load_agreement(target)
    _check(caught.value, kind, rf"agreement\.{fmt}(:\d+)?", received)
    _check(caught.value, kind, where, received)


def test_cyclic_relative_deadlines_are_refused(tmp_path: Path) -> None:
    """Two deadlines each due after the other's fulfilment are refused, naming the circle."""
    document = _set(AGREEMENT, ("points", 1, "obligations", 0, "due"), {"within": "P1D", "after_fulfilment_of": "2.other"})
    document["points"][1]["obligations"].append({"id": "2.other", "kind": "deadline", "bearers": ["B"], "summary": "B acts.", "due": {"within": "P1D", "after_fulfilment_of": "2.valley"}})
    target = _write(tmp_path, "agreement.yaml", yaml.safe_dump(document))
    with pytest.raises(errors.InvalidInputError) as caught:
        load_agreement(target)
    _check(caught.value, errors.InvalidInputError, r"agreement\.yaml:\d+ .*after_fulfilment_of", "2.valley -> 2.other -> 2.valley")


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
)

# (case, file name, text, error type, where pattern, received text)
FILE_TEXTS: list[tuple[str, str, str, type[Exception], str, str]] = [
    ("empty YAML", "e.yaml", "", errors.FileFormatError, r"e\.yaml$", "an empty file"),
    ("only a comment", "e.yaml", "# nothing\n", errors.FileFormatError, r"e\.yaml$", "an empty file"),
    ("empty JSON", "e.json", "", errors.FileFormatError, r"e\.json:1", "invalid JSON"),
    ("JSON null", "e.json", "null", errors.FileFormatError, r"e\.json$", "an empty file"),
    ("top-level list", "e.yaml", "- a\n- b\n", errors.FileFormatError, r"e\.yaml$", "a list"),
    ("top-level text", "e.yaml", "hello\n", errors.FileFormatError, r"e\.yaml$", "a single piece of text"),
    ("top-level number", "e.json", "42", errors.FileFormatError, r"e\.json$", "a number"),
    ("duplicate YAML key", "e.yaml", "events: []\nzone: UTC\nzone: Asia/Baku\n", errors.DuplicateKeyError, r"e\.yaml:3", "lines 2 and 3"),
    ("duplicate nested YAML key", "e.yaml", "events:\n  - id: a\n    id: b\n", errors.DuplicateKeyError, r"e\.yaml:3", "'id' given twice"),
    ("duplicate JSON key", "e.json", '{"events": [],\n "zone": "UTC",\n "zone": "Asia/Baku"}', errors.DuplicateKeyError, r"e\.json:3", "lines 2, 3"),
    ("duplicate nested JSON key", "e.json", '{"events": [{"id": "a",\n "id": "b"}]}', errors.DuplicateKeyError, r"e\.json:2", "'id' given twice"),
    ("duplicate JSON key escaped colon", "e.json", '{"events": [], "note": "a\\u003ab",\n "note": "c"}', errors.DuplicateKeyError, r"e\.json:2", "'note' given twice"),
    ("duplicate JSON key upper-case escaped colon", "e.json", '{"events": [], "a\\u003Ab": 1,\n "a:b": 2}', errors.DuplicateKeyError, r"e\.json:2", "'a:b' given twice"),
    ("billion laughs", "e.yaml", BILLION_LAUGHS, errors.DocumentTooLargeError, r"e\.yaml:\d+", "aliases that expand"),
    ("deep YAML flow", "e.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", errors.DocumentTooLargeError, r"e\.yaml:1", "nested more than 64"),
    ("deep YAML block", "e.yaml", "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v: 1\n", errors.DocumentTooLargeError, r"e\.yaml:\d+", "nested more than 64"),
    ("deep JSON", "e.json", '{"a": ' + "[" * 100000 + "]" * 100000 + "}", errors.DocumentTooLargeError, r"e\.json", "nested more than 64"),
    ("JSON NaN", "e.json", '{"events": [], "x": NaN}', errors.FileFormatError, r"e\.json:1", "NaN"),
    ("JSON Infinity", "e.json", '{"events": [], "x": -Infinity}', errors.FileFormatError, r"e\.json:1", "-Infinity"),
    ("JSON 1e400", "e.json", '{"events": [], "x": 1e400}', errors.FileFormatError, r"e\.json:1", "1e400"),
    ("JSON 1e-400", "e.json", '{"events": [],\n "x": 2.5E-400}', errors.FileFormatError, r"e\.json:2", "2.5E-400, too small"),
    ("JSON huge integer", "e.json", '{"events": [], "x": ' + "9" * 5000 + "}", errors.FileFormatError, r"e\.json:1", "5000 digits"),
    ("JSON integer past 2**53", "e.json", '{"events": [], "x": 18446744073709551616}', errors.FileFormatError, r"e\.json:1", "18446744073709551616"),
    ("JSON trailing comma", "e.json", '{"events": [],\n}', errors.FileFormatError, r"e\.json:2", "invalid JSON"),
    ("JSON lone surrogate", "e.json", '{"events": [], "x": "\\ud800"}', errors.FileFormatError, r"e\.json:1", "invalid JSON"),
    ("YAML huge integer", "e.yaml", "events: []\nx: " + "9" * 5000 + "\n", errors.FileFormatError, r"e\.yaml:2", "5000 characters"),
    ("YAML 1e400", "e.yaml", "events: []\nx: 1.0e+400\n", errors.FileFormatError, r"e\.yaml:2", "1.0e+400"),
    ("YAML 1e-400", "e.yaml", "events: []\nx: 1.0e-400\n", errors.FileFormatError, r"e\.yaml:2", "1.0e-400, too small"),
    ("YAML timestamp +25:00", "e.yaml", "events: []\nx: 2020-11-10 00:00:00+25:00\n", errors.FileFormatError, r"e\.yaml:2", "+25:00"),
    ("YAML timestamp finer than a microsecond", "e.yaml", "events: []\nx: 2020-11-10T00:00:00.1234567Z\n", errors.FileFormatError, r"e\.yaml:2", ".1234567"),
    ("YAML timestamp +03:60", "e.yaml", "events: []\nx: 2020-11-10T00:00:00+03:60\n", errors.FileFormatError, r"e\.yaml:2", "+03:60"),
    ("YAML timestamp +3:60", "e.yaml", "events: []\nx: 2020-11-10 00:00:00 +3:60\n", errors.FileFormatError, r"e\.yaml:2", "+3:60"),
    ("YAML date 31 November", "e.yaml", "events: []\nx: 2020-11-31\n", errors.FileFormatError, r"e\.yaml:2", "2020-11-31"),
    ("YAML octal integer", "e.yaml", "events: []\nx: 017\n", errors.FileFormatError, r"e\.yaml:2", "reads as 15, a number in base 8"),
    ("YAML base-60 integer", "e.yaml", "events: []\nx: 12:30\n", errors.FileFormatError, r"e\.yaml:2", "reads as 750, a number in base 60"),
    ("YAML base-60 float", "e.yaml", "events: []\nx: -1:30.5\n", errors.FileFormatError, r"e\.yaml:2", "reads as -90.5, a number in base 60"),
    ("YAML tab indentation", "e.yaml", "events:\n\t- id: a\n", errors.FileFormatError, r"e\.yaml:2", "invalid YAML"),
    ("YAML unclosed quote", "e.yaml", 'events: []\nzone: "UTC\n', errors.FileFormatError, r"e\.yaml:\d+", "invalid YAML"),
    ("YAML colon slip", "e.yaml", "events:\n  - summary: Exchange of prisoners\n      and more: done\n", errors.FileFormatError, r"e\.yaml:3", "mapping values"),
    ("YAML python tag", "e.yaml", "events: !!python/object:os.system []\n", errors.FileFormatError, r"e\.yaml:1", "invalid YAML"),
    ("not UTF-8", "e.yaml", "\udcff", errors.FileFormatError, r"e\.yaml:1", "not UTF-8"),
    ("no points or events", "e.yaml", "title: something\n", errors.UnknownFieldError, r"e\.yaml:1 \(title\)", "title"),
]


@pytest.mark.parametrize(("case", "name", "text", "kind", "where", "received"), FILE_TEXTS, ids=[c[0] for c in FILE_TEXTS])
def test_bad_file_text_is_refused_with_its_place(tmp_path: Path, case: str, name: str, text: str, kind: type[Exception], where: str, received: str) -> None:
    """A file that is not good YAML or JSON, or hides a trap, raises its own error with the file, the line and what was found."""
    target = tmp_path / name
    target.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(CeasefireError) as caught:
        load_events(target)
    _check(caught.value, kind, where, received)


@pytest.mark.parametrize("word", [".nan", ".inf", "-.inf"])
def test_a_yaml_non_finite_quantity_is_refused(tmp_path: Path, word: str) -> None:
    """A YAML quantity written .nan or .inf, which YAML reads as a float, is refused against its field instead of fulfilling a target."""
    text = yaml.safe_dump(EVENTS).replace("value: 12", f"value: {word}")
    target = _write(tmp_path, "events.yaml", text)
    with pytest.raises(errors.OutOfRangeError) as caught:
        load_events(target)
    _check(caught.value, errors.OutOfRangeError, r"events\.yaml:\d+ \(events\[0\]\.quantities\[0\]\.value\)", "nan" if "nan" in word else "inf")


def test_a_utf8_byte_order_mark_is_accepted_in_json_and_yaml(tmp_path: Path) -> None:
    """A leading byte-order mark is skipped alike in JSON and YAML files."""
    for name, text in (("e.json", json.dumps(EVENTS)), ("e.yaml", yaml.safe_dump(EVENTS))):
        target = tmp_path / name
        target.write_text("\ufeff" + text, encoding="utf-8")
        assert load_events(target).events[0].id == "e1"


def _acled(tmp_path: Path, change: Callable[[list[dict[str, str]]], list[dict[str, str]]] | None = None, header: list[str] | None = None) -> Path:
    with (DATA / "acled" / "export-2020-11-28.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    rows = change(rows) if change else rows
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header or columns)
    writer.writerows([[row.get(c, "") for c in columns] for row in rows])
    path = tmp_path / "acled.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _first(column: str, value: str) -> Callable[[list[dict[str, str]]], list[dict[str, str]]]:
    def change(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        rows[0][column] = value
        return rows

    return change


# (case, column, bad value, received text)
ACLED_CELLS = [
    ("timestamp 20 digits", "timestamp", "99999999999999999999", "99999999999999999999"),
    ("timestamp far past", "timestamp", "-99999999999", "-99999999999"),
    ("timestamp words", "timestamp", "yesterday", "yesterday"),
    ("event_date year 1 week precision", "event_date", "0001-01-01", "0001-01-01"),
    ("event_date year 9999", "event_date", "9999-12-31", "9999-12-31"),
    ("event_date impossible", "event_date", "2020-02-30", "2020-02-30"),
    ("time_precision 7", "time_precision", "7", "7"),
    ("latitude 999", "latitude", "999", "999"),
    ("longitude -200", "longitude", "-200", "-200"),
    ("latitude nan", "latitude", "nan", "nan"),
    ("longitude inf", "longitude", "inf", "inf"),
    ("fatalities words", "fatalities", "several", "several"),
    ("fatalities full-width digits", "fatalities", "\uff11\uff12", "FULLWIDTH DIGIT ONE"),
    ("fatalities with an underscore", "fatalities", "1_2", "1_2"),
    ("latitude full-width digit", "latitude", "\uff14\uff10.1", "FULLWIDTH DIGIT FOUR"),
    ("event_date full-width digits", "event_date", "\uff12\uff10\uff12\uff10-11-25", "FULLWIDTH DIGIT TWO"),
    ("timestamp full-width digits", "timestamp", "\uff11\uff16\uff10\uff15\uff17\uff14\uff14\uff10\uff10\uff10", "\uff11"),
]


@pytest.mark.parametrize(("case", "column", "value", "received"), ACLED_CELLS, ids=[c[0] for c in ACLED_CELLS])
def test_bad_acled_cell_is_a_listed_row_problem(tmp_path: Path, case: str, column: str, value: str, received: str) -> None:
    """A bad ACLED cell becomes a problem naming the file, the row's line, the column and the value; nothing crashes."""
    change = _first(column, value)
    if column == "event_date" and value == "0001-01-01":
        change = lambda rows: [{**rows[0], "event_date": value, "time_precision": "2"}, *rows[1:]]  # noqa: E731
    done = convert_acled(_acled(tmp_path, change), agreement=bundled.agreement(), rules=None)
    assert done.problems, f"no problem found for {case}"
    assert any(r"acled.csv:2" in p.where and column in p.where for p in done.problems), done.problems
    assert any(received in p.received for p in done.problems), done.problems


def test_acled_header_with_a_column_twice_is_refused(tmp_path: Path) -> None:
    """An ACLED header that names one column twice is refused, naming the column and its places, before any row is read."""
    with (DATA / "acled" / "export-2020-11-28.csv").open(encoding="utf-8") as handle:
        columns = next(csv.reader(handle))
    with pytest.raises(errors.DuplicateKeyError) as caught:
        convert_acled(_acled(tmp_path, header=[*columns[:-1], "notes"]), agreement=bundled.agreement(), rules=None)
    _check(caught.value, errors.DuplicateKeyError, r"acled\.csv:1", "'notes' given twice")


def test_acled_json_nested_too_deep_is_refused(tmp_path: Path) -> None:
    """An ACLED API file nested 100,000 deep is refused with a typed error, not a RecursionError."""
    path = tmp_path / "api.json"
    path.write_text('{"success": true, "data": ' + "[" * 100000 + "]" * 100000 + "}", encoding="utf-8")
    with pytest.raises(errors.DocumentTooLargeError) as caught:
        convert_acled(path, agreement=bundled.agreement(), rules=None)
    _check(caught.value, errors.DocumentTooLargeError, r"api\.json", "nested more than 64")


def test_acled_json_with_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    """An ACLED API row giving a column twice is refused with both lines."""
    path = tmp_path / "api.json"
    path.write_text('{"success": true, "data": [{"event_id_cnty": "A1",\n "event_id_cnty": "A2"}]}', encoding="utf-8")
    with pytest.raises(errors.DuplicateKeyError) as caught:
        convert_acled(path, agreement=bundled.agreement(), rules=None)
    _check(caught.value, errors.DuplicateKeyError, r"api\.json:2", "event_id_cnty")


@pytest.mark.parametrize(("case", "value", "received"), [("timestamp huge", "99999999999999999999", "99999999999999999999"), ("timestamp far past", "-99999999999", "-99999999999"), ("timestamp words", "soon", "soon")])
def test_bad_acled_deletion_timestamp_is_a_listed_problem(tmp_path: Path, case: str, value: str, received: str) -> None:
    """A deletions row with an impossible timestamp is listed with its line and value, not raised from the time module."""
    deletions = tmp_path / "deleted.csv"
    deletions.write_text(f"event_id_cnty,deleted_timestamp\nAZE1001,{value}\n", encoding="utf-8")
    done = convert_acled(DATA / "acled" / "export-2020-11-28.csv", agreement=bundled.agreement(), rules=None, deletions=deletions)
    assert any("deleted.csv:2" in p.where for p in done.problems), done.problems
    assert any(received in p.received for p in done.problems), done.problems


def test_ucdp_rows_with_one_id_twice_are_a_problem(tmp_path: Path) -> None:
    """A row repeated word for word counts once and is noted; the same id with other content is a problem naming the first line."""
    lines = (DATA / "ucdp" / "ged-test.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "ged.csv"
    path.write_text("\n".join([lines[0], lines[1], lines[1]]) + "\n", encoding="utf-8")
    repeated = convert_ucdp(path, agreement=bundled.agreement())
    assert repeated.problems == () and any("repeated" in n for n in repeated.notes)
    changed = lines[1].replace("Invented headline one", "Invented headline changed", 1)
    path.write_text("\n".join([lines[0], lines[1], changed]) + "\n", encoding="utf-8")
    done = convert_ucdp(path, agreement=bundled.agreement())
    assert any("ged.csv:3" in p.where and "already given on line 2" in p.received for p in done.problems), done.problems


@pytest.mark.parametrize(("case", "column", "value"), [("latitude 999", "latitude", "999"), ("start date year 1", "date_start", "0001-01-01 00:00:00.000"), ("start date impossible", "date_start", "2020-02-30 00:00:00.000")])
def test_bad_ucdp_cell_is_a_listed_row_problem(tmp_path: Path, case: str, column: str, value: str) -> None:
    """A bad UCDP cell becomes a problem naming the row's line, the column and the value."""
    with (DATA / "ucdp" / "ged-test.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "ged.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    done = convert_ucdp(path, agreement=bundled.agreement())
    assert any("ged.csv:2" in p.where and column in p.where for p in done.problems), done.problems
    assert any(value.split(" ")[0] in p.received for p in done.problems), done.problems


# (case, call, error type, where pattern, received text)
CALLS: list[tuple[str, Callable[[], Any], type[Exception], str, str]] = [
    ("status_on year 9999", lambda: bundled.tracker().status_on("9999-12-31"), errors.InvalidTimeError, r"when", "9999-12-31"),
    ("status_on offset +24:00", lambda: bundled.tracker().status_on("2020-11-20T00:00:00+24:00"), errors.InvalidTimeError, r"when", "+24:00"),
    ("status_on finer than a microsecond", lambda: bundled.tracker().status_on("2020-11-20T00:00:00.0000001+03:00"), errors.InvalidTimeError, r"when", ".0000001"),
    ("status_on offset +03:60", lambda: bundled.tracker().status_on("2020-11-20T00:00:00+03:60"), errors.InvalidTimeError, r"when", "+03:60"),
    ("status_on impossible day", lambda: bundled.tracker().status_on("2020-02-30"), errors.InvalidTimeError, r"when", "2020-02-30"),
    ("status_on leap second", lambda: bundled.tracker().status_on("2016-12-31T23:59:60Z"), errors.InvalidTimeError, r"when", "23:59:60"),
    ("known_on +24:00", lambda: bundled.tracker().status_on("2020-11-20", known_on="2020-11-20T00:00:00+24:00"), errors.InvalidTimeError, r"known_on", "+24:00"),
    ("known_on year 1", lambda: bundled.tracker().status_on("2020-11-20", known_on="0001-01-01"), errors.InvalidTimeError, r"known_on", "0001-01-01"),
    ("status_on naive datetime", lambda: bundled.tracker().status_on(__import__("datetime").datetime(2020, 11, 20)), errors.NaiveDatetimeError, r"when", "2020-11-20T00:00:00"),
    ("status_on far datetime", lambda: bundled.tracker().status_on(__import__("datetime").datetime(9999, 12, 31, tzinfo=__import__("datetime").timezone.utc)), errors.InvalidTimeError, r"when", "9999-12-31"),
    ("status_on a pandas Timestamp with nanoseconds", lambda: bundled.tracker().status_on(__import__("pandas").Timestamp("2020-11-20T00:00:00.000000001+03:00")), errors.InvalidTimeError, r"when", "1 nanosecond past"),
    ("known_on a pandas Timestamp with nanoseconds", lambda: bundled.tracker().status_on("2020-11-20", known_on=__import__("pandas").Timestamp("2020-11-20T00:00:00.123456789+03:00")), errors.InvalidTimeError, r"known_on", ".123456789"),
    ("status_on a day in the machine's zone", lambda: bundled.tracker().status_on("2020-11-20[localtime]"), errors.InvalidTimeError, r"when", "localtime"),
    ("zone counting leap seconds", lambda: cftime.zone("right/UTC"), errors.InvalidTimeError, r"zone", "counts leap seconds"),
    ("status_on a number", lambda: bundled.tracker().status_on(20201120), errors.InvalidTimeError, r"when", "20201120"),
    ("timeline from impossible day", lambda: bundled.tracker().timeline("2020-02-30", "2020-03-10"), errors.InvalidTimeError, r"start", "2020-02-30"),
    ("timeline from year 1", lambda: bundled.tracker().timeline("0001-01-01", "2020-03-10"), errors.InvalidTimeError, r"start", "0001-01-01"),
    ("timeline to year 9999", lambda: bundled.tracker().timeline("2020-11-10", "9999-12-31"), errors.InvalidTimeError, r"end", "9999-12-31"),
    ("obligation_on unknown id", lambda: bundled.tracker().obligation_on("6.kelbajar", "2020-11-26"), errors.UnknownObligationError, r"obligation_id", "6.kelbajar"),
    ("history unknown id", lambda: bundled.tracker().history("nope"), errors.UnknownEventError, r"event_id", "nope"),
    ("Span.parse a number", lambda: cftime.Span.parse(5), errors.InvalidTimeError, r"span", "5"),
    ("Span.parse 501 years", lambda: cftime.Span.parse("P501Y"), errors.InvalidTimeError, r"span", "P501Y"),
    ("Span.parse full-width digit", lambda: cftime.Span.parse("P\uff11D"), errors.InvalidTimeError, r"span", "FULLWIDTH DIGIT ONE"),
    ("Span.parse a T with no time after it", lambda: cftime.Span.parse("P1DT"), errors.InvalidTimeError, r"span", "P1DT"),
    ("status_on full-width digit", lambda: bundled.tracker().status_on("2020-1\uff11-20"), errors.InvalidTimeError, r"when", "FULLWIDTH DIGIT ONE"),
    ("status_on full-width day in a zone", lambda: bundled.tracker().status_on("2020-11-2\uff10[Asia/Baku]"), errors.InvalidTimeError, r"when", "FULLWIDTH DIGIT ZERO"),
    ("from_unix full-width digits", lambda: cftime.from_unix("\uff11\uff16\uff10\uff15\uff17\uff14\uff14\uff10\uff10\uff10"), errors.InvalidTimeError, r"timestamp", "\uff11"),
    ("from_unix 20 digits", lambda: cftime.from_unix("99999999999999999999"), errors.InvalidTimeError, r"timestamp", "99999999999999999999"),
    ("from_unix far past", lambda: cftime.from_unix(-99999999999), errors.InvalidTimeError, r"timestamp", "-99999999999"),
    ("zone misspelt", lambda: cftime.zone("Europe/Moskow"), errors.InvalidTimeError, r"zone", "Europe/Moskow"),
    ("window a list", lambda: cftime.window([1, 2], "UTC"), errors.InvalidTimeError, r"window", "[1, 2]"),
    ("instant a date only", lambda: cftime.instant("2020-11-10"), errors.InvalidTimeError, r"value", "2020-11-10"),
    ("quantity NaN", lambda: bounds.quantity(math.nan), errors.OutOfRangeError, r"value", "nan"),
    ("quantity infinite", lambda: bounds.quantity(-math.inf), errors.OutOfRangeError, r"value", "-inf"),
    ("latitude 999", lambda: bounds.latitude(999.0), errors.OutOfRangeError, r"latitude", "999"),
    ("url javascript with case", lambda: bounds.web_url("JaVaScRiPt:alert(1)"), errors.UnsafeUrlError, r"url", "JaVaScRiPt"),
    ("url with control character", lambda: bounds.web_url("https://ex\x00ample.org"), errors.UnsafeUrlError, r"url", "\\x00"),
    ("id NFD", lambda: bounds.identifier("Step\u0061\u0308"), errors.InvalidIdError, r"id", "\\u0308"),
    ("JSON output NaN", lambda: strict_json({"x": math.nan}), errors.OutputError, r"JSON output", "not finite"),
    ("JSON parse depth", lambda: parse_json("[" * 70 + "]" * 70, "<text>"), errors.DocumentTooLargeError, r"<text>", "nested more than 64"),
    ("YAML parse duplicate", lambda: parse_yaml("a: 1\nb: 2\na: 3\n", "<text>"), errors.DuplicateKeyError, r"<text>:3", "lines 1 and 3"),
]


@pytest.mark.parametrize(("case", "call", "kind", "where", "received"), CALLS, ids=[c[0] for c in CALLS])
def test_bad_argument_raises_its_own_error(case: str, call: Callable[[], Any], kind: type[Exception], where: str, received: str) -> None:
    """A bad argument to a question or a check raises its own typed error naming the argument and the value."""
    with pytest.raises(CeasefireError) as caught:
        call()
    _check(caught.value, kind, where, received)


def test_unknown_ids_stay_catchable_as_key_error() -> None:
    """The typed errors for unknown obligation and event ids are also KeyError, and read without quotes."""
    with pytest.raises(KeyError) as caught:
        bundled.tracker().obligation_on("6.kelbajar", "2020-11-26")
    assert str(caught.value).startswith("obligation_id: received '6.kelbajar'")
    with pytest.raises(KeyError):
        bundled.tracker().history("nope")


def test_the_table_holds_at_least_120_kinds_of_bad_input() -> None:
    """The cases above number at least 120 distinct kinds of bad input (a format counts once per loader)."""
    kinds = 2 * len(EVENT_FIELDS) + 2 * len(AGREEMENT_FIELDS) + len(FILE_TEXTS) + len(ACLED_CELLS) + len(CALLS) + 3 + 3 + 5
    assert kinds >= 120


@pytest.mark.parametrize(
    ("text", "kind", "received"),
    [
        ('{"a": 1,\n "a": 2}', errors.DuplicateKeyError, "lines 1, 2"),
        ('{"a": NaN}', errors.FileFormatError, "NaN"),
        ('{"a": 1e400}', errors.FileFormatError, "1e400"),
        ('{"a": 1e-400}', errors.FileFormatError, "too small for a double"),
        ('{"a": 123456789012345678901234567890}', errors.FileFormatError, "123456789012345678901234567890"),
        ("[" * 65 + "]" * 65, errors.DocumentTooLargeError, "nested more than 64"),
    ],
)
def test_json_rules_hold_without_orjson(monkeypatch: pytest.MonkeyPatch, text: str, kind: type[Exception], received: str) -> None:
    """With orjson not installed, the standard-library reader refuses the same JSON with the same errors."""
    import ceasefire._documents as documents

    monkeypatch.setattr(documents, "_orjson", None)
    with pytest.raises(CeasefireError) as caught:
        parse_json(text, "<text>")
    _check(caught.value, kind, r"<text>", received)


@pytest.mark.parametrize(
    ("case", "column", "value", "received"),
    [
        ("event id with a BOM", "event_id_cnty", "\ufeffAZE1001", "\\ufeff"),
        ("event id with RLO", "event_id_cnty", "AZE\u202e1001", "\\u202e"),
        ("fatalities negative", "fatalities", "-5", "-5"),
    ],
)
def test_bad_acled_id_or_count_is_a_listed_row_problem(tmp_path: Path, case: str, column: str, value: str, received: str) -> None:
    """An ACLED id with hidden characters, or a negative count, is a listed row problem rather than a crash in the model."""
    done = convert_acled(_acled(tmp_path, _first(column, value)), agreement=bundled.agreement(), rules=None)
    assert any("acled.csv:2" in p.where and column in p.where and received in p.received for p in done.problems), done.problems


def test_a_deletion_id_with_hidden_characters_is_a_listed_problem(tmp_path: Path) -> None:
    """A deletions row whose id hides a byte-order mark is listed with its line (found by the thorough fuzz run)."""
    deletions = tmp_path / "deleted.csv"
    deletions.write_bytes(b"event_id_cnty,deleted_timestamp\n\xef\xbb\xbfAZE1008,1608019200\n")
    done = convert_acled(DATA / "acled" / "export-2020-11-28.csv", agreement=bundled.agreement(), rules=None, deletions=deletions)
    assert any("deleted.csv:2" in p.where and "\\ufeff" in p.received for p in done.problems), done.problems


def test_a_clean_file_never_looks_up_its_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading a good event file never reads it for line numbers (JSON with the JSON line finder, YAML with the composer); only an error does."""
    import ceasefire._documents as documents

    composed: list[str] = []
    real, real_json = documents.yaml.compose, documents._JsonLines.of
    monkeypatch.setattr(documents.yaml, "compose", lambda *a, **k: composed.append("yaml") or real(*a, **k))
    monkeypatch.setattr(documents._JsonLines, "of", lambda text: composed.append("json") or real_json(text))
    for name, text in (("e.json", json.dumps(EVENTS)), ("e.yaml", yaml.safe_dump(EVENTS))):
        load_events(_write(tmp_path, name, text))
    assert composed == []
    with pytest.raises(errors.InvalidTimeError):
        load_events(_write(tmp_path, "bad.json", json.dumps(_set(EVENTS, ("events", 0, "occurred"), "2020-02-30"))))
    assert composed == ["json"]
    with pytest.raises(errors.InvalidTimeError):
        load_events(_write(tmp_path, "bad.yaml", yaml.safe_dump(_set(EVENTS, ("events", 0, "occurred"), "2020-02-30"))))
    assert composed == ["json", "json", "yaml"]  # YAML is not one JSON value, so the composer numbers it


def test_coordinates_in_an_event_file_are_range_checked() -> None:
    """A latitude of 999 in an event file's record is refused with its field, as in a converted dataset row."""
    import ceasefire

    event = {"id": "e", "kind": "clash", "summary": "s", "occurred": "2020-01-01", "sources": [{"source": "s"}],
             "record": {"dataset": "ACLED", "id": "1", "location": {"latitude": 999}}}
    with pytest.raises(ceasefire.errors.InvalidInputError, match=r"events\[0\]\.record\.location\.latitude.*999"):
        ceasefire.parse_events({"zone": "UTC", "sources": [{"id": "s", "title": "t", "published": "2020-01-01"}], "events": [event]})


def test_a_file_with_hundreds_of_problems_gives_a_short_message_and_keeps_them_all(tmp_path: Path) -> None:
    """An event file with 300 bad links raises one error whose message lists 20 and counts the rest, while .problems holds all 300; the CLI line stays short."""
    from click.testing import CliRunner

    from ceasefire import Tracker, bundled, load_events
    from ceasefire.cli import main

    events = [
        {"id": f"e{i}", "kind": "clash", "summary": "A clash.", "occurred": "2020-11-12T10:00:00+04:00", "reported": "2020-11-13T10:00:00+04:00",
         "links": [{"obligation": f"no-such-{i}", "role": "breaches"}], "sources": [{"source": "statement-2020"}]}
        for i in range(300)
    ]
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump({"events": events}), encoding="utf-8")
    with pytest.raises(errors.UnknownObligationError) as caught:
        Tracker(bundled.agreement(), load_events(path))
    assert len(caught.value.problems) == 300
    message = str(caught.value)
    assert message.startswith("300 problems:") and message.count("\n  - ") == 21
    assert "and 280 more" in message and "no-such-19'" in message and "no-such-20'" not in message
    done = CliRunner().invoke(main, ["status", "2020-11-20", "--events", str(path)])
    assert done.exit_code != 0 and "and 280 more" in done.output and len(done.output) < 8000, done.output[:500]


@pytest.mark.parametrize(("json_text", "yaml_text"), [("0e-400", "0.0e-400"), ("0.000E-999", "0.000E-999"), ("-0.0", "-0.0"), ("1e-310", "1.0e-310"), ("5e-100", "5.0e-100"), ("4.9e-324", "4.9e-324")])
def test_zero_and_small_numbers_that_a_double_holds_are_read_as_written(json_text: str, yaml_text: str) -> None:
    """Only a number that is not zero yet reads as 0 is refused: zero written any way, and subnormal or merely small numbers, load as they are, alike in JSON and YAML."""
    wanted = float(json_text)
    assert parse_json('{"x": ' + json_text + "}", "t.json") == {"x": wanted}
    read = parse_yaml("x: " + yaml_text, "t.yaml")["x"]
    assert isinstance(read, float) and read == wanted


@pytest.mark.parametrize(("written", "value"), [("0", 0), ("00", 0), ("07", 7), ("-0", 0), ("1_000", 1000), ("0x1F", 31), ("0b101", 5), ("1960", 1960)])
def test_yaml_integers_whose_reading_is_the_decimal_one_or_says_its_base_load_as_written(written: str, value: int) -> None:
    """Only a YAML 1.1 integer whose value differs from its decimal reading with no word of it is refused: '017' and '12:30' are; '07', '0x1F' and '0b101' are not."""
    assert parse_yaml(f"x: {written}\n", "<text>") == {"x": value}


def test_an_acled_file_not_in_utf8_is_refused_at_the_line_of_its_first_bad_byte(tmp_path: Path) -> None:
    """A dataset export saved in another encoding is refused naming its line and bytes, as an event file is, not a position in the file."""
    path = _acled(tmp_path)
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",Ag\xf0dam,", 1)  # a Latin-5 byte in the second data row
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(errors.FileFormatError, match=r"acled\.csv:3: received the bytes b'\\xf0dam', which are not UTF-8"):
        convert_acled(path, agreement=bundled.agreement(), rules=None)
