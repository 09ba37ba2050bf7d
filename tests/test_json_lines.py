"""Lines of fields in JSON files, found at the speed of the JSON parser, number as the YAML composer numbered them."""

from __future__ import annotations

import json
import time
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ceasefire._documents import _JsonLines, line_finder


def _composed_line(text: str, path: tuple[str | int, ...]) -> int:
    """The reference: compose the text with the YAML composer and walk its nodes (a part that names nothing is passed over)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for i, part in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair is None:
                continue
            node = pair[0] if i == len(path) - 1 else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
    return int(node.start_mark.line) + 1


_KEYS = st.sampled_from(["id", "events", "links", "sources", "quote", "a", "b", "é", "x y", "0", "1"])
_SCALARS = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=25)
_DOCUMENTS = st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=4) | st.lists(_VALUES, min_size=1, max_size=4)
_PATHS = st.lists(_KEYS | st.integers(-3, 5), max_size=5).map(tuple)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.sampled_from([None, 0, 1, 2, 4]), st.booleans(), st.sampled_from(["\n", "\r\n"]), st.lists(_PATHS, min_size=1, max_size=6))
def test_a_json_field_has_the_line_the_composer_gives(document: Any, indent: int | None, ascii_only: bool, newline: str, paths: list[tuple[str | int, ...]]) -> None:
    """Any JSON document as the standard library writes it (indented or not, non-ASCII kept or escaped, with CRLF line ends),
    any path (keys that are there or not, indices in range, past it or negative): the same line as the YAML composer's."""
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_only).replace("\n", newline)
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        assume(False)  # JSON that YAML 1.1 does not read: the reference has no answer
    finder = _JsonLines.of(text)
    assert finder is not None
    for path in paths:
        assert finder.line_of(path) == _composed_line(text, path), (text, path)


def test_a_raw_line_separator_in_a_string_counts_as_the_composer_counts_it() -> None:
    """U+2028 and U+0085 written raw inside a string end a line for the YAML reader; the JSON finder numbers the lines after them the same."""
    text = '{\n "a": "one\u2028two\x85three",\n "b": [1,\n  2]\n}\n'
    finder = _JsonLines.of(text)
    assert finder is not None
    for path in [("a",), ("b",), ("b", 1)]:
        assert finder.line_of(path) == _composed_line(text, path)
    assert finder.line_of(("b", 1)) == 6


def test_text_that_is_not_one_json_value_goes_to_the_composer() -> None:
    """YAML, JSON followed by more text, and JSON the strict parser refuses (a raw tab in a string) are numbered by the YAML composer."""
    for text in ["events:\n  - id: a\n    sources: []\n", '{"events": []}\n---\nmore: 1\n', '{"a": "tab\there",\n "b": 1}', "{a: 1,\n b: 2}", "  [1,\n 2] # note\n"]:
        assert _JsonLines.of(text) is None, text
    assert line_finder("events:\n  - id: a\n    sources: []\n")(("events", 0, "sources")) == 3
    assert line_finder('{"a": "tab\there",\n "b": 1}')(("b",)) == 2


def test_a_large_json_file_numbers_its_lines_in_seconds_not_minutes() -> None:
    """Twenty thousand events, every one's sources asked for (as when every event draws a warning): the composer took about
    ten seconds for this on the machines the suite runs on; the finder takes well under one."""
    events = [{"id": f"ev-{i:06d}", "kind": "report", "summary": f"Step {i}.", "occurred": "2025-07-20T09:07:00+04:00",
               "links": [{"obligation": f"obl-{i % 1000:05d}", "role": "advances"}], "sources": [{"source": "src-001", "quote": "a quote"}]} for i in range(20_000)]
    text = json.dumps({"zone": "Asia/Baku", "events": events}, indent=1)
    start = time.perf_counter()
    find = line_finder(text)
    lines = [find(("events", i, "sources")) for i in range(len(events))]
    took = time.perf_counter() - start
    step = text.count("\n", 0, text.index('"ev-000001"')) - text.count("\n", 0, text.index('"ev-000000"'))  # lines per event
    first = text.count("\n", 0, text.index('"sources"', text.index('"ev-000000"'))) + 1
    assert lines == [first + i * step for i in range(len(events))]
    assert took < 3.0, took
