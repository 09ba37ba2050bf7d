"""Wall time (best of several runs) and peak resident memory of one call.

Time: ``timeit`` picks a loop count that runs at least 0.2 s, then the best
loop of several repeats, divided by the loop count, is reported.

Memory: the peak resident set size (RSS) during one call, minus the RSS just
before it, in a fresh process that has already loaded its input. Linux keeps
the peak in ``VmHWM`` of ``/proc/self/status``; writing ``5`` to
``/proc/self/clear_refs`` resets it to the current RSS, so the peak covers
only the call. This counts memory from every allocator alike (numpy,
polars' Rust heap, DuckDB's buffer manager, pandas), which ``tracemalloc``
would not.
"""

from __future__ import annotations

import gc
import timeit
from collections.abc import Callable
from typing import Any


def best_seconds(call: Callable[[], Any]) -> float:
    """The best wall time of ``call`` in seconds, over several repeats."""
    timer = timeit.Timer(call)
    loops, total = timer.autorange()
    once = total / loops
    repeats = 7 if once < 0.5 else 5 if once < 2 else 3
    return min(timer.repeat(repeat=repeats, number=loops)) / loops


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def peak_rss_delta(call: Callable[[], Any]) -> int:
    """Bytes by which the resident set grew at its peak while ``call`` ran once."""
    gc.collect()
    before = _status_kb("VmRSS")
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
    result = call()
    peak = _status_kb("VmHWM")
    del result
    return max(0, peak - before) * 1024
