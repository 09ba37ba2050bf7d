"""The engine: one set of rules that says where each obligation stood, at any instant, under any knowledge cut-off.

Its rooms, from the bottom up:

* :mod:`.revisions`: which version of each event is current under a cut-off;
* :mod:`.undated`: when an event cited only from undated pages was first reported;
* :mod:`.evidence`: obligations as entries, events as links, and the
  :class:`~.evidence.View` of them at one instant;
* :mod:`.draft`: the answer a rule fills in;
* one module per obligation kind, each with its rule ``judge``:
  :mod:`.deadline`, :mod:`.standing`, :mod:`.progress`, :mod:`.term`;
* :mod:`.rules`: what every kind shares (taking effect, endings, the evidence
  horizon) and the dispatch to each kind's rule;
* :mod:`.changepoints` and :mod:`.timeline`: where a status can change, and
  the stretches between;
* :mod:`.tracker`: the :class:`Tracker`, which indexes the evidence once and
  answers every question through the same rules.
"""

from __future__ import annotations

from ..time import When
from .tracker import Tracker

__all__ = ["Tracker", "When"]
