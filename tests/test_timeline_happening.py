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


def test_a_cause_from_before_the_range_says_when_it_was(line) -> None:
    """The first stretch of a range starts where the range does, but what began its status can be months or years older: the tables
    give that cause its own time, in words, so the police ambush of March is not read as something on 15 September."""
    from ceasefire.render._markdown import started_by, timeline_markdown
    from ceasefire.render.notebook import timeline_html
    from ceasefire.render._terminal import timeline_table

    first = line.for_obligation("1.ceasefire")[0]
    assert first.cause.at < first.start
    assert started_by(first, line) == "event rec.police-ambush-2023-03-05 is over, 2023-03-05 09:00"  # the ambush's instant, read in Moscow
    aghdam = line.for_obligation("2.aghdam")[0]
    assert started_by(aghdam, line) == "event seed.aghdam-handover surely happened, end of 2020-11-20 (Asia/Baku)"
    # a stretch that starts at its own cause gives no second time
    ended = [i for i in line.for_obligation("1.ceasefire") if str(i.status) == "unmonitored"][-1]
    assert started_by(ended, line) == "event rec.offensive-2023-09 has ended"
    assert "effect 4.term, 2020-11-10 00:00: takes effect" in timeline_markdown(line)
    assert "event seed.aghdam-handover surely happened, end of 2020-11-20 (Asia/Baku)" in timeline_html(line)
    from rich.console import Console

    console = Console(width=400, record=True)
    console.print(timeline_table(line))
    assert "4.term takes effect, 2020-11-10 00:00" in console.export_text()


def test_a_stretch_that_is_one_local_day_reads_as_that_day_at_both_ends(line) -> None:
    """The offensive is known only to the Baku day of 19 September: the ceasefire is uncertain over that day, which opens at 23:00 Moscow on the
    18th. The table reads both ends in Baku ("2023-09-19 00:00 (Asia/Baku)" to "end of 2023-09-19 (Asia/Baku)"), not a Moscow clock time for
    one end and a Baku day for the other; an instant that is midnight in both zones' readings stays in the reference zone."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from ceasefire.render._markdown import interval_ends

    uncertain = [i for i in line.for_obligation("1.ceasefire") if str(i.status) == "uncertain"][0]
    assert interval_ends(uncertain, line) == ("[2023-09-19 00:00 (Asia/Baku)", "end of 2023-09-19 (Asia/Baku))")
    moscow_midnight = dt.datetime(2023, 9, 15, tzinfo=ZoneInfo("Europe/Moscow"))
    assert display.instant_read_in(moscow_midnight, "Europe/Moscow", "Asia/Baku") == "2023-09-15 00:00"
    baku_noon = dt.datetime(2023, 9, 19, 12, tzinfo=ZoneInfo("Asia/Baku"))
    assert display.instant_read_in(baku_noon, "Europe/Moscow", "Asia/Baku") == "2023-09-19 11:00"
