"""The fourteenth session's shortcuts on the bulk readers refuse and answer exactly as the plain way does.

Instant columns of a large frame are read on two threads; an empty column is
zeros without a parse; plain dates are looked for among ten-character values
only; a term's places are found with one read of the obligations file. Each
test runs the reader both ways (threads forced on with a threshold of one
row, and off) and asks for the same store or the same error, word for word.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("polars")
pytest.importorskip("pyarrow")

import polars as pl  # noqa: E402

from ceasefire import InvalidInputError, InvalidTimeError, NaiveDatetimeError, UnknownObligationError  # noqa: E402
from ceasefire.bulk import read_events, read_obligations, readers, timestamps  # noqa: E402

GOOD = {"obligation": "ob-1", "at": "2025-03-04T10:11:12+04:00", "kind": "advances", "reported": "2025-03-05T00:00:00Z", "new_deadline": None}


def _lines(path: Path, rows: list[dict[str, Any] | str]) -> Path:
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def obligations(tmp_path: Path) -> readers.Obligations:
    path = _lines(tmp_path / "obligations.ndjson", [{"obligation": "ob-1", "deadline": "2025-06-01T00:00:00Z"}, {"obligation": "ob-2", "deadline": "2025-07-01T00:00:00+03:00"}])
    return read_obligations(path)


def _both_ways(monkeypatch: pytest.MonkeyPatch, call: Any) -> list[Any]:
    """What ``call`` returns or raises with the instant columns read on two threads, then one after another."""
    found = []
    for rows in (1, 10**12):
        monkeypatch.setattr(timestamps, "PARALLEL_ROWS", rows)
        try:
            found.append(call())
        except Exception as exc:  # noqa: BLE001  (the error itself is the answer compared)
            found.append((type(exc), str(exc)))
    return found


def _columns(store: Any) -> dict[str, Any]:
    return {name: None if getattr(store, name) is None else getattr(store, name).tolist() for name in ("obligation", "at", "kind", "new_deadline", "reported", "event", "version", "latest")}


def test_threads_read_the_same_store(tmp_path: Path, obligations: readers.Obligations, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exact instants, a window, a plain date, a move and a revision: the store is the same read on two threads or on one."""
    rows: list[dict[str, Any] | str] = [
        GOOD,
        {**GOOD, "kind": "move-deadline", "new_deadline": "2025-08-01T00:00:00.5-05:00", "at": "2025-03-06T00:00:00Z"},
        {**GOOD, "at": "2025-03-07", "kind": "breaches", "event": "e-1"},
        {**GOOD, "at": "2025-03-08T00:00:00Z", "latest": "2025-03-09T00:00:00.123456+00:00", "event": "e-1", "version": "2025-03-10T00:00:00Z"},
    ]
    path = _lines(tmp_path / "events.ndjson", rows)
    threaded, plain = _both_ways(monkeypatch, lambda: _columns(read_events(path, obligations)))
    assert threaded == plain
    assert plain["new_deadline"][1] == 1_754_024_400_500_000  # 2025-08-01T05:00:00.5Z
    assert plain["at"][2] < plain["latest"][2]  # the plain date is the whole day


@pytest.mark.parametrize(
    ("at", "reported", "error", "field"),
    [
        ("2025-03-04T10:11:12", "2025-03-05T00:00:00Z", NaiveDatetimeError, "at"),
        ("2025-03-04T10:11:12Z", "2025-03-05T00:00:00", NaiveDatetimeError, "reported"),
        ("2025-03-04T23:59:60Z", "2025-03-05T00:00:00", InvalidTimeError, "at"),  # both bad: the first field in order is named
        ("2025-03-04T10:11:12Z", "2025-03-05T23:59:60+00:00", InvalidTimeError, "reported"),
        ("2025-03-04T10:11:12+25:00", "2025-03-05T00:00:00", InvalidTimeError, "at"),
        ("2025-03-04T10:11:12Z", "2025-03-05T00:00:00+04:61", InvalidTimeError, "reported"),
    ],
)
def test_threads_refuse_the_first_bad_field_in_order(
    tmp_path: Path, obligations: readers.Obligations, monkeypatch: pytest.MonkeyPatch, at: str, reported: str, error: type, field: str
) -> None:
    """Naive instants, leap seconds and bad offsets on line 3 are refused with the same words both ways, naming the first bad field."""
    path = _lines(tmp_path / "events.ndjson", [GOOD, "", {**GOOD, "at": at, "reported": reported}])
    threaded, plain = _both_ways(monkeypatch, lambda: read_events(path, obligations))
    assert threaded == plain
    kind, message = plain
    assert issubclass(kind, error)
    assert f"events.ndjson:3: field '{field}'" in message


def test_unknown_obligation_and_kind_are_refused_both_ways(tmp_path: Path, obligations: readers.Obligations, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusals before any instant is read are unchanged by the threads."""
    unknown = _lines(tmp_path / "unknown.ndjson", [GOOD, {**GOOD, "obligation": "ob-9"}])
    threaded, plain = _both_ways(monkeypatch, lambda: read_events(unknown, obligations))
    assert threaded == plain and plain[0] is UnknownObligationError and "unknown.ndjson:2: field 'obligation'" in plain[1]
    kind = _lines(tmp_path / "kind.ndjson", [{**GOOD, "kind": "progress"}])
    threaded, plain = _both_ways(monkeypatch, lambda: read_events(kind, obligations))
    assert threaded == plain and issubclass(plain[0], InvalidInputError) and "kind.ndjson:1: field 'kind'" in plain[1]


def test_an_empty_instant_column_is_zeros(tmp_path: Path) -> None:
    """A column present but empty on every row, and a column absent, both read as zeros, as a parse of all-null values gives."""
    frame = pl.DataFrame({"at": ["2025-03-04T10:11:12Z", "2025-03-04T10:11:13Z"], "version": [None, None]}, schema={"at": pl.String, "version": pl.String})
    found = timestamps.parse_instants(frame, tmp_path / "x.ndjson", ["at", "version", "latest"])
    assert found["version"].tolist() == [0, 0] and found["latest"].tolist() == [0, 0]
    assert found["version"].dtype == np.int64 and found["latest"].dtype == np.int64
    assert timestamps._arrow(frame["version"]).tolist() == [0, 0]  # what the parse would have given


def test_dates_are_found_as_the_pattern_finds_them(tmp_path: Path) -> None:
    """Plain dates among ten-character values only, as the pattern over every value finds them (full-width digits included)."""
    values = ["2025-03-04", "2025-03-04T10:11:12Z", None, "2025-3-4", "２０２５-０３-０４", "2025-03-04 ", "abcdefghij", "2025-13-45", "20250304"]
    frame = pl.DataFrame({"at": values}, schema={"at": pl.String})
    expected = frame["at"].str.contains(readers._DATE).fill_null(False).to_numpy()
    assert readers._dated(frame).tolist() == expected.tolist()
    assert readers._dated(frame).tolist() == [True, False, False, False, True, False, False, True, False]
    exact = pl.DataFrame({"at": ["2025-03-04T10:11:12Z"] * 3}, schema={"at": pl.String})
    assert not readers._dated(exact).any()


def test_a_term_place_counts_blank_lines(tmp_path: Path) -> None:
    """A bad period on a term is refused at its line, blank lines counted, as :func:`where` counts them."""
    rows: list[dict[str, Any] | str] = [
        {"obligation": "t-1", "kind": "term", "start": "2025-01-01T00:00:00Z", "period": "P1Y"},
        "",
        "   ",
        {"obligation": "t-2", "kind": "term", "start": "2025-01-01T00:00:00Z", "period": "P1Y", "notice": "P30D"},
        {"obligation": "t-3", "kind": "term", "start": "2025-01-01T00:00:00Z", "period": "one year"},
    ]
    path = _lines(tmp_path / "obligations.ndjson", rows)
    with pytest.raises(InvalidTimeError) as caught:
        read_obligations(path)
    assert f"{path}:5: field 'period'" in str(caught.value)
    assert timestamps.where(path, 2, "period") == f"{path}:5: field 'period'"
    assert timestamps.places(path)(2, "period") == timestamps.where(path, 2, "period")
    csv = tmp_path / "obligations.csv"
    assert timestamps.places(csv)(4, "notice") == timestamps.where(csv, 4, "notice") == f"{csv}:6: field 'notice'"


@pytest.mark.parametrize("text", ["2025-06-30T23:59:60Z", "2025-06-30T23:59:60+00:00", "2025-06-30T23:59:60.5+03:00", "2025-06-30 23:59:60Z", "2016-12-31T23:59:60.999999-05:00"])
def test_arrow_refuses_a_leap_second(text: str) -> None:
    """The fast path looks for leap seconds only in a column Arrow refuses, which holds only if Arrow refuses every leap second it could meet."""
    assert timestamps._arrow(pl.Series([GOOD["at"], text])) is None
    assert timestamps._arrow(pl.Series([GOOD["at"], text.replace(":60", ":59")])) is not None


def test_a_clean_dated_feed_looks_up_no_line(tmp_path: Path, obligations: readers.Obligations, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain dates that are fine cost no read of the file for line numbers (it used to be one read per distinct date)."""
    rows: list[dict[str, Any] | str] = [{**GOOD, "at": f"2025-03-{day:02d}"} for day in range(1, 29)] + [GOOD]

    def no_lines(*args: Any) -> str:
        raise AssertionError(f"a line looked up for {args}")

    path = _lines(tmp_path / "events.ndjson", rows)
    expected = read_events(path, obligations)
    monkeypatch.setattr(readers, "where", no_lines)
    monkeypatch.setattr(timestamps, "where", no_lines)
    found = read_events(path, obligations)
    assert _columns(found) == _columns(expected)


@pytest.mark.parametrize(
    ("dates", "line", "said"),
    [
        (["2025-03-04", "0999-01-01", "2025-03-05", "0999-01-01"], 4, "the date 0999-01-01"),  # the date's first line
        (["2025-03-04", "2025-02-30", "0999-01-01"], 5, "the date 0999-01-01"),  # of two bad dates, the earlier one
        (["2025-03-04", "2025-02-30", "2025-03-05"], 4, "'2025-02-30'"),
    ],
)
def test_a_refused_date_names_its_first_line(tmp_path: Path, obligations: readers.Obligations, dates: list[str], line: int, said: str) -> None:
    """A date out of range, or that does not exist, is refused at the first line it is on (a blank line counted); of two such dates, the earlier."""
    path = _lines(tmp_path / "events.ndjson", [GOOD, "", *({**GOOD, "at": day} for day in dates)])
    with pytest.raises(InvalidTimeError) as caught:
        read_events(path, obligations)
    assert f"events.ndjson:{line}: field 'at'" in str(caught.value) and said in str(caught.value)
