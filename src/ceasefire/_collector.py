"""Pausing Python's cyclic garbage collector while ceasefire builds large structures of long-lived objects.

Reading a big event file or indexing its events creates hundreds of
thousands of objects that all stay alive. Each time the collector runs
during that work it walks every one of them again, so the cost grows faster
than the file. Almost none of these objects form reference cycles, so
nothing is lost by holding the collector back until the work is done.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cyclic collector back for the length of the block, then put it back as the caller had it.

    A caller who disabled the collector keeps it disabled; nested blocks
    restore it only when the outermost one ends. Memory freed by reference
    counting is freed as usual throughout.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
