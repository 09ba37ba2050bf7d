"""A timeline says which end of a happening started an interval, and how sure that is: the end of the 2023 offensive is not its start."""

from __future__ import annotations

import pytest

from ceasefire import bundled
from ceasefire.render import display


@pytest.fixture(scope="module")
def line():
    return bundled.tracker().timeline("2023-09-15", "2023-10-05")


def _started(line, obligation_id: str, status: str) -> tuple[str, str]:
    found = [i for i in line.for_obligation(obligation_id) if str(i.status) == status][-1]
    cause = found.cause
    return display.started_by(cause.kind, cause.ref, cause.edge, cause.happening), cause.description


def test_the_end_of_a_lasting_breach_reads_as_its_end(line) -> None:
    """After the offensive ended at 13:00 (Baku) on 20 September the ceasefire is unmonitored again: started by the offensive's end, not 'may have happened'."""
    words, description = _started(line, "1.ceasefire", "unmonitored")
    assert words == "event rec.offensive-2023-09 has ended"  # the stretch begins just after 12:00 Moscow, the instant it ended
    assert description.startswith("breaches event has ended: ")


def test_an_exact_instant_happens_and_a_window_may_have_or_surely_did(line) -> None:
    """The disarmament agreed at an exact hour 'happens'; just after the police ambush, timed to the minute, it 'is over'; the corridor
    checkpoint's end, known to a day, 'may have ended' then 'surely ended'."""
    assert _started(line, "1.hold-positions", "ended")[0] == "event rec.karabakh-forces-disarm-2023-09-20 happens"
    assert _started(line, "1.ceasefire", "breached")[0] == "event rec.offensive-2023-09 surely happened"
    first = line.for_obligation("1.ceasefire")[0].cause
    assert display.started_by(first.kind, first.ref, first.edge, first.happening) == "event rec.police-ambush-2023-03-05 is over"
    assert _started(line, "6.corridor-safety", "uncertain")[0] == "event rec.corridor-checkpoint-2023 may have ended"
    assert _started(line, "6.corridor-safety", "holding")[0] == "event rec.corridor-checkpoint-2023 surely ended"
