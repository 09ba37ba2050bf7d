"""The deadline calendar: read back with icalendar, dates and zones as the agreement sets them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner

from ceasefire import bundled
from ceasefire.cli import main
from ceasefire.render.ics import deadline_calendar


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    """The VEVENTs of the calendar written by `ceasefire calendar --on 2021-02-01`, parsed back, by obligation."""
    out = tmp_path_factory.mktemp("ics") / "deadlines.ics"
    result = CliRunner().invoke(main, ["calendar", "--out", str(out), "--on", "2021-02-01"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    parsed = icalendar.Calendar.from_ical(out.read_bytes())
    found: dict[str, list[icalendar.Event]] = {}
    for event in parsed.walk("VEVENT"):
        found.setdefault(str(event["x-ceasefire-obligation"]), []).append(event)
    return found


def test_kalbajar_due_on_25_november_with_its_history(events):
    """Kalbajar is due on 25 November (all day, Moscow calendar), and the description tells of the move from the 15th."""
    current = next(e for e in events["6.kalbajar"] if e.get("status") != "CANCELLED")
    assert current.decoded("dtstart") == dt.date(2020, 11, 25)
    assert current.decoded("dtend") == dt.date(2020, 11, 26)
    text = str(current["description"])
    assert "first due by the end of 2020-11-15 in Europe/Moscow" in text
    assert "Moved by kalbajar-postponement" in text
    assert "now due by the end of 2020-11-25 in Europe/Moscow (2020-11-25T23:59:59.999999+03:00)" in text
    assert "in effect from 2020-11-16T00:59:59.999999+04:00" not in text
    assert "in effect from end of 2020-11-15 (Asia/Baku)" in text  # the end of the Baku day it took effect, in words
    assert str(current["x-ceasefire-due"]) == "2020-11-25T23:59:59.999999+03:00"


def test_kalbajar_original_date_kept_as_cancelled(events):
    """The replaced 15 November deadline stays in the calendar as a cancelled event."""
    cancelled = [e for e in events["6.kalbajar"] if e.get("status") == "CANCELLED"]
    assert [e.decoded("dtstart") for e in cancelled] == [dt.date(2020, 11, 15)]


def test_relative_deadline_is_timed_in_moscow(events):
    """The three-year route plan deadline is a timed event at midnight, Moscow time, with its zone named."""
    (plan,) = events["6.new-route-plan"]
    start = plan.decoded("dtstart")
    assert start == dt.datetime(2023, 11, 10, 0, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    assert plan["dtstart"].params["TZID"] == "Europe/Moscow"


def test_calendar_carries_the_zone_definition():
    """The calendar defines the Europe/Moscow zone its timed events use."""
    built = deadline_calendar(bundled.tracker(), "2021-02-01")
    assert [str(tz["tzid"]) for tz in built.walk("VTIMEZONE")] == ["Europe/Moscow"]


def test_supplement_deadlines_appear_once_in_force(events):
    """The working-group deadlines of January 2021 are in the calendar on 1 February 2021."""
    assert events["9.wg-established"][0].decoded("dtstart") == dt.date(2021, 1, 30)
    assert events["9.wg-timetable"][0].decoded("dtstart") == dt.date(2021, 3, 1)


def test_term_notice_date(events):
    """The peacekeeping term shows the date by which notice must be given, six months before it ends."""
    notice = next(e for e in events["4.term"] if "notice" in str(e["summary"]))
    assert notice.decoded("dtstart") == dt.datetime(2025, 5, 10, 0, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def test_known_on_hides_the_amendment():
    """Known on 14 November, the calendar still has Kalbajar due on the 15th and nothing cancelled."""
    built = deadline_calendar(bundled.tracker(), "2020-11-16", known_on="2020-11-14")
    kalbajar = [e for e in built.walk("VEVENT") if str(e["x-ceasefire-obligation"]) == "6.kalbajar"]
    assert [e.decoded("dtstart") for e in kalbajar] == [dt.date(2020, 11, 15)]


def test_unwritable_path_is_one_message(tmp_path):
    """Writing into a folder that does not exist ends with one message and exit code 2."""
    result = CliRunner().invoke(main, ["calendar", "--out", str(tmp_path / "no" / "x.ics"), "--on", "2021-02-01"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write")


def test_a_description_gives_the_status_with_what_it_rests_on():
    """An overdue deadline's description says "no fulfilment reported", and past the evidence, where the watching ended: a bare status word would claim more."""
    overdue = deadline_calendar(bundled.tracker(), "2023-10-01")
    text = next(str(e.get("description")) for e in overdue.walk("VEVENT") if "9.wg-timetable:" in str(e.get("description")))
    assert "Status: overdue (no fulfilment reported) at " in text
    past = deadline_calendar(bundled.tracker(), "2025-09-02")
    text = next(str(e.get("description")) for e in past.walk("VEVENT") if "9.wg-timetable:" in str(e.get("description")))
    assert "Status: unmonitored by the loaded evidence (watched only to the end of 2025-08-31 (Asia/Baku), when it was overdue) at " in text


def test_a_deadline_at_the_end_of_a_local_day_is_that_day():
    """A deadline at the end of a day of the agreement's local zone (Baku) is an all-day event on that day, and its description
    names the zone; it is not a timed event at 23:59 Moscow."""
    from ceasefire import Tracker
    from ceasefire.model import Agreement, EventLog

    agreement = Agreement.model_validate({
        "id": "local-day", "title": "A local day", "zone": "Europe/Moscow", "local_zone": "Asia/Baku",
        "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}],
        "announced": "2025-01-01T00:00:00+03:00", "effective": "2025-01-01T00:00:00+03:00",
        "points": [{"number": 1, "summary": "Hand over", "obligations": [
            {"id": "1.handover", "kind": "deadline", "bearers": ["A"], "summary": "Hand over the district.",
             "due": {"at": "2025-03-15T23:59:59.999999+04:00"}},
        ]}],
    })
    built = deadline_calendar(Tracker(agreement, EventLog(events=[])), "2025-02-01")
    (event,) = built.walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2025, 3, 15)
    assert event.decoded("dtend") == dt.date(2025, 3, 16)
    assert "Due by the end of 2025-03-15 in Asia/Baku (2025-03-15T23:59:59.999999+04:00)." in str(event["description"])
