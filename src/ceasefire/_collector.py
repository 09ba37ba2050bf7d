"""Pausing Python's cyclic garbage collector while ceasefire builds large structures of long-lived objects.

Reading a big event file or indexing its events creates hundreds of
thousands of objects that all stay alive. Each time the collector runs
during that work it walks every one of them again, so the cost grows faster
than the file. Almost none of these objects form reference cycles, so
nothing is lost by holding the collector back until the work is done.

When the work leaves many new objects behind (a tracker over a big feed
does), the first collections after it would walk them all, a pause of
seconds each time, for objects that live as long as the tracker and hold no
cycles. Those objects are frozen instead (:func:`gc.freeze`): the collector
skips them from then on, and reference counting still frees them once they
are dropped. :func:`gc.unfreeze` gives them back to the collector.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

FREEZE_AFTER = 10_000
"""New container objects a block may leave behind before they are frozen at its end.

The collection that follows a block walks each object it left, at about a
microsecond apiece: a first ``status_on`` over a thousand obligations leaves
some 40,000 (its answers and what it found known under the cut-off, none in a
cycle), whose walk would cost it about a third more again. A question about a
small agreement (the bundled record's leaves under a thousand) stays well
below, and leaves what it made to the collector.
"""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cyclic collector back for the length of the block, then put it back as the caller had it.

    A caller who disabled the collector keeps it disabled; nested blocks
    restore it only when the outermost one ends. Memory freed by reference
    counting is freed as usual throughout. When the outermost block leaves
    more than :data:`FREEZE_AFTER` new objects, everything then tracked is
    frozen (see the module's note).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > FREEZE_AFTER:
                gc.freeze()
            gc.enable()
