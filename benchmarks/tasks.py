"""The benchmark questions for each tool, ready to time, and their answers in one comparable form.

Run as a script with ``--memory TOOL QUESTION FOLDER`` it loads the input,
runs the question once and prints the peak RSS growth in bytes (see
:mod:`measure`); run.py calls it so that each figure comes from a fresh process.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import importlib  # noqa: E402

import baseline_polars  # noqa: E402
import measure  # noqa: E402
import ours  # noqa: E402
from ceasefire.bulk import STATUSES, micros  # noqa: E402

TOOLS = ("ceasefire", "polars", "duckdb", "pandas")
BASELINES = TOOLS[1:]
MODULE_NAMES = {"ceasefire": "ours", "polars": "baseline_polars", "duckdb": "baseline_duckdb", "pandas": "baseline_pandas"}
STATUS_AT = dt.datetime(2025, 7, 20, 12, tzinfo=dt.timezone.utc)
CUTOFF = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)


def kinds_of(store: Any) -> dict[str, int]:
    """How many obligations of each kind a ceasefire store holds."""
    import numpy as np

    from ceasefire.bulk import codes

    if store.obligation_kind is None:
        return {"deadline": int(store.obligation_count)}
    found, counts = np.unique(store.obligation_kind, return_counts=True)
    return {codes.OBLIGATION_KINDS[int(k)]: int(c) for k, c in zip(found.tolist(), counts.tolist())}


def load_module(tool: str) -> Any:
    """The module answering for ``tool`` (DuckDB and pandas are imported only when asked for)."""
    return importlib.import_module(MODULE_NAMES[tool])


def _instant(tool: str, when: dt.datetime) -> Any:
    return micros(when) if tool == "ceasefire" else when


def prepared(tool: str, question: str, folder: Path, data: Any = None) -> Callable[[], Any]:
    """A no-argument call answering ``question`` with ``tool``; the input (``data``, else read now) is loaded beforehand, except end to end."""
    module = load_module(tool)
    if question.startswith("e2e_"):
        fmt = question.removeprefix("e2e_")
        return lambda: module.timeline(module.load(folder, fmt))
    if data is None:
        data = module.load(folder, "ndjson")
    t, k = _instant(tool, STATUS_AT), _instant(tool, CUTOFF)
    if question == "i_indexed" and tool == "ceasefire":
        index = ours.build(data)
        return lambda: ours.status_indexed(index, t)
    if question in ("i_indexed", "i_build"):
        return lambda: module.status_at(data, t)
    if question == "ii":
        return lambda: module.timeline(data)
    if question == "iii":
        return lambda: module.timeline(data, k)
    if question == "ii_full" and tool == "ceasefire":
        return lambda: ours.timeline_full(data)
    raise ValueError(f"no question {question!r} for {tool}")


def _statuses(tool: str, result: Any, ids: tuple[str, ...]) -> list[tuple[str, str]]:
    if tool == "ceasefire":
        return sorted(zip(ids, (STATUSES[c] for c in result.tolist())))
    if tool == "polars":
        return sorted(result.iter_rows())
    if tool == "duckdb":
        return sorted(zip(result["obligation"].tolist(), result["status"].tolist()))
    return sorted(zip(result["obligation"].tolist(), result["status"].tolist()))


def _timeline(tool: str, result: Any, ids: tuple[str, ...]) -> list[tuple[str, int, str]]:
    if tool == "ceasefire":
        return sorted(result.rows(ids))
    if tool == "polars":
        return sorted(result.select("obligation", result["at"].dt.epoch("us"), "status").iter_rows())
    if tool == "duckdb":
        return sorted(zip(result["obligation"].tolist(), result["at"].tolist(), result["status"].tolist()))
    import pandas as pd

    at = (result["at"] - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(microseconds=1)
    return sorted(zip(result["obligation"].tolist(), at.tolist(), result["status"].tolist()))


def answers(tool: str, folder: Path, data: Any, ids: tuple[str, ...]) -> dict[str, list[tuple]]:
    """``tool``'s answer to every question, as sorted tuples of plain values."""
    out = {}
    for question in ("i_indexed", "i_build"):
        out[question] = _statuses(tool, prepared(tool, question, folder, data)(), ids)
    for question in ("ii", "iii", "e2e_ndjson", "e2e_csv"):
        out[question] = _timeline(tool, prepared(tool, question, folder, data)(), ids)
    return out


def main() -> None:
    _, flag, tool, question, folder = sys.argv
    assert flag == "--memory"
    import polars  # noqa: F401  (imported before measuring, so no tool's figure counts an import)
    import pyarrow.compute  # noqa: F401
    call = prepared(tool, question, Path(folder))
    print(measure.peak_rss_delta(call))


if __name__ == "__main__":
    main()
