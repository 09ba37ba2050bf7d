"""Mutated files through every loader and converter: nothing but a ``CeasefireError`` may come out.

Each property starts from a good file and damages it: flipped bytes,
deleted or duplicated lines, values swapped for another type, and extreme
numbers and dates. The loaders and converters must either read the result or
refuse it with a typed error; any other exception, or a hang, is a bug. The
``ci`` profile tries a few dozen inputs per property; ``thorough`` tries
thousands (``CEASEFIRE_HYPOTHESIS_PROFILE=thorough``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ceasefire import Tracker, bundled
from ceasefire._documents import parse_json, parse_yaml
from ceasefire.adapters import convert_acled, convert_ucdp
from ceasefire.errors import CeasefireError
from ceasefire.render.export import to_csv, to_json, to_markdown
from ceasefire.loading import load_agreement, load_events

from _bad_input_documents import AGREEMENT, EVENTS

DATA = Path(__file__).parent / "data"

EXTREMES: list[Any] = [
    None, True, 0, -1, 2**53 + 1, 10**30, -(10**30), 1e308, -1e308, 5e-324, math.nan, math.inf, -math.inf,
    "", " ", "\x00", "\u202e", "\u200b", "e\u0301", "P999999999Y", "P0D", "PT0S", "P", "9999-12-31", "0001-01-01",
    "0000-00-00", "2020-02-30", "2016-12-31T23:59:60Z", "2020-11-10T00:00:00+24:00", "2020-11-10T00:00:00",
    "2020-11-25[Nowhere/City]", "javascript:alert(1)", "data:,x", "99999999999999999999", "-99999999999", "nan",
    "inf", "1e400", [], {}, [[[]]], {"earliest": "2020-11-26", "latest": "2020-11-25"}, "x" * 10_000,
]


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``document``."""
    found = [prefix] if prefix else []
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for i, value in enumerate(document):
            found += _paths(value, (*prefix, i))
    return found


@st.composite
def damaged_documents(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with a few of its values deleted, duplicated or replaced by extreme values of any type."""
    document = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "duplicate", "rename"]))
        key = path[-1]
        if action == "replace":
            parent[key] = draw(st.sampled_from(EXTREMES) | st.text(max_size=20) | st.integers() | st.floats())
        elif action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key], allow_nan=True)))
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(key)
    return document


def _dump(document: Any, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8")


@st.composite
def flipped(draw: st.DrawFn, good: bytes) -> bytes:
    """``good`` with a few bytes changed, lines deleted or lines repeated."""
    data = bytearray(good)
    for _ in range(draw(st.integers(1, 5))):
        action = draw(st.sampled_from(["flip", "delete-line", "repeat-line", "insert"]))
        lines = bytes(data).split(b"\n")
        if action == "flip" and data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        elif action == "delete-line" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = bytearray(b"\n".join(lines))
        elif action == "repeat-line" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif action == "insert":
            at = draw(st.integers(0, len(data)))
            piece = draw(st.sampled_from([b"&a ", b"*a", b"[", b"{", b"!!binary ", b": ", b"\t", b"\xef\xbb\xbf", b"\x00", b"\\u0000", b"1e400", b"NaN", b"-", b"#", b"'", b'"']))
            data[at:at] = piece
    return bytes(data)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the damaged files."""
    return tmp_path_factory.mktemp("fuzz")


def _only_typed_errors(run: Callable[[], Any]) -> Any:
    """Run ``run``; a CeasefireError is a fine answer to bad input, anything else fails the test."""
    try:
        return run()
    except CeasefireError:
        return None


def _ask(log: Any) -> None:
    """Put a loaded event log to work: a tracker over the bundled agreement, a status and its exports."""
    tracker = _only_typed_errors(lambda: Tracker(bundled.agreement(), log))
    if tracker is None:
        return
    report = tracker.status_on("2020-12-01")
    for write in (to_json, to_csv, to_markdown):
        write(report)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@given(data=st.data())
def test_damaged_event_values_give_only_typed_errors(folder: Path, fmt: str, data: st.DataObject) -> None:
    """An event file with values deleted, duplicated, renamed or swapped for extremes loads, or fails with a CeasefireError."""
    path = folder / f"events.{fmt}"
    path.write_bytes(_dump(data.draw(damaged_documents(EVENTS)), fmt))
    log = _only_typed_errors(lambda: load_events(path))
    if log is not None:
        _ask(log)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@given(data=st.data())
def test_damaged_agreement_values_give_only_typed_errors(folder: Path, fmt: str, data: st.DataObject) -> None:
    """An agreement file with values deleted, duplicated, renamed or swapped for extremes loads, or fails with a CeasefireError."""
    path = folder / f"agreement.{fmt}"
    path.write_bytes(_dump(data.draw(damaged_documents(AGREEMENT)), fmt))
    agreement = _only_typed_errors(lambda: load_agreement(path))
    if agreement is not None:
        _only_typed_errors(lambda: Tracker(agreement).status_on("2021-06-01"))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@given(data=st.data())
def test_flipped_bytes_in_files_give_only_typed_errors(folder: Path, fmt: str, data: st.DataObject) -> None:
    """Event and agreement files with bytes flipped, lines lost or repeated, or traps inserted load, or fail with a CeasefireError."""
    for name, base, load in (("events", EVENTS, load_events), ("agreement", AGREEMENT, load_agreement)):
        path = folder / f"flipped-{name}.{fmt}"
        path.write_bytes(data.draw(flipped(_dump(base, fmt))))
        _only_typed_errors(lambda load=load, path=path: load(path))  # type: ignore[misc]


@given(text=st.text(max_size=300) | st.sampled_from(["[" * 80 + "]" * 80, "{" * 70 + "}" * 70, '{"a": 1, "a": 2}', "1e400", "NaN", "[9" + "9" * 400 + "]"]))
def test_any_text_through_the_parsers_gives_only_typed_errors(text: str) -> None:
    """Arbitrary text through the JSON and YAML parsers gives data or a CeasefireError, nothing else."""
    _only_typed_errors(lambda: parse_json(text, "<text>"))
    _only_typed_errors(lambda: parse_yaml(text, "<text>"))


def _csv_seed(name: str) -> bytes:
    return (DATA / name).read_bytes()


@given(data=st.data())
def test_damaged_acled_exports_give_only_typed_errors(folder: Path, data: st.DataObject) -> None:
    """An ACLED CSV export, its API JSON form and a deletions file with damage convert, or fail with a CeasefireError."""
    export = folder / "acled.csv"
    export.write_bytes(data.draw(flipped(_csv_seed("acled/export-2020-11-28.csv"))))
    deletions = folder / "deleted.csv"
    deletions.write_bytes(data.draw(flipped(_csv_seed("acled/deletions.csv"))))
    _only_typed_errors(lambda: convert_acled(export, agreement=bundled.agreement(), deletions=deletions))
    api = folder / "api.json"
    api.write_bytes(data.draw(flipped(_csv_seed("acled/api-2020-11-28.json"))))
    _only_typed_errors(lambda: convert_acled(api, agreement=bundled.agreement(), rules=None))


@given(data=st.data())
def test_damaged_ucdp_exports_give_only_typed_errors(folder: Path, data: st.DataObject) -> None:
    """A UCDP GED CSV file with damage converts, or fails with a CeasefireError."""
    export = folder / "ged.csv"
    export.write_bytes(data.draw(flipped(_csv_seed("ucdp/ged-test.csv"))))
    _only_typed_errors(lambda: convert_ucdp(export, agreement=bundled.agreement(), released=data.draw(st.sampled_from([None, "2024-06-01", "2020-02-30", "9999-01-01"]))))


@given(when=st.sampled_from(EXTREMES) | st.datetimes(timezones=st.timezones()) | st.dates() | st.text(max_size=30))
def test_any_question_date_gives_an_answer_or_a_typed_error(when: Any) -> None:
    """``status_on`` asked about any value at all answers, or refuses with a CeasefireError."""
    _only_typed_errors(lambda: bundled.tracker().status_on(when))
