"""A question may name a whole day in a zone of its own (``2023-09-18[Asia/Baku]`` or ``Day``), not only in the agreement's zone."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import Day, InvalidTimeError, Tracker, parse_agreement, parse_events
from ceasefire.cli import main
from ceasefire.render import display
from ceasefire.time import day_asked, instant, moment

AGREEMENT = {
    "id": "z",
    "title": "z",
    "zone": "Europe/Moscow",
    "announced": "2023-01-01",
    "effective": "2023-01-01T00:00:00+03:00",
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [{"id": "s", "kind": "standing", "bearers": ["A"], "summary": "s"}]}],
}
LOG = {
    "covers": [{"start": "2023-01-01T00:00:00+03:00", "end": "2023-12-31T00:00:00+03:00"}],
    "sources": [{"id": "r", "title": "a report", "published": "2023-09-20T00:00:00+04:00"}],
    "events": [{"id": "attack", "kind": "attack", "summary": "an attack dated only to its Baku day", "occurred": "2023-09-19[Asia/Baku]",
                "links": [{"obligation": "s", "role": "breaches"}], "sources": [{"source": "r"}]}],
}


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return Tracker(parse_agreement(AGREEMENT), parse_events(LOG))


def test_the_day_before_in_the_events_zone_is_not_uncertain(tracker: Tracker) -> None:
    """The Moscow day 18 September overlaps the Baku 19th by an hour, so it is uncertain; the Baku 18th is not."""
    assert str(tracker.obligation_on("s", "2023-09-18").status) == "uncertain"
    answer = tracker.obligation_on("s", "2023-09-18[Asia/Baku]")
    assert str(answer.status) == "complied"
    assert answer.at == instant("2023-09-18T23:59:59.999999+04:00")
    assert answer.asked_from == instant("2023-09-18T00:00:00+04:00")
    assert str(tracker.obligation_on("s", "2023-09-19[Asia/Baku]").status) == "breached"


def test_day_object_and_text_ask_the_same(tracker: Tracker) -> None:
    """``Day(date, zone)`` asks exactly what its text form asks, in status_on, obligation_on and as a cut-off."""
    day = Day(dt.date(2023, 9, 19), "Asia/Baku")
    assert str(day) == "2023-09-19[Asia/Baku]"
    by_object, by_text = tracker.status_on(day, known_on=day), tracker.status_on(str(day), known_on=str(day))
    assert (by_object.at, by_object.asked_from, by_object.known_on) == (by_text.at, by_text.asked_from, by_text.known_on)
    assert [o.status for o in by_object] == [o.status for o in by_text]
    assert by_object.known_on == instant("2023-09-19T23:59:59.999999+04:00")


def test_a_cut_off_on_a_zoned_day_ends_with_that_day(tracker: Tracker) -> None:
    """The report is published as the Baku 20th begins: unknown by the end of the Baku 19th, known by the end of the Moscow 19th an hour later."""
    asked = "2023-09-19[Asia/Baku]"
    assert str(tracker.obligation_on("s", asked, known_on="2023-09-19[Asia/Baku]").status) == "complied"
    assert str(tracker.obligation_on("s", asked, known_on="2023-09-19").status) == "breached"


def test_timeline_range_in_a_named_zone(tracker: Tracker) -> None:
    """A timeline from one Baku day to another covers those days whole: complied, uncertain through the Baku 19th, then holding."""
    line = tracker.timeline("2023-09-18[Asia/Baku]", "2023-09-20[Asia/Baku]")
    assert line.start == instant("2023-09-18T00:00:00+04:00")
    assert line.end == instant("2023-09-20T23:59:59.999999+04:00")
    intervals = line.for_obligation("s")
    assert [str(i.status) for i in intervals] == ["complied", "uncertain", "holding"]
    assert intervals[1].start == instant("2023-09-19T00:00:00+04:00") and intervals[1].start_inclusive


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=dt.date(2022, 12, 25), max_value=dt.date(2024, 1, 5)))
def test_a_day_in_the_reference_zone_is_a_plain_date(tracker: Tracker, day: dt.date) -> None:
    """Naming the agreement's own zone changes nothing: every status and both ends of the question are those of the plain date."""
    plain, named = tracker.status_on(day), tracker.status_on(Day(day, "Europe/Moscow"))
    assert (plain.at, plain.asked_from) == (named.at, named.asked_from)
    assert [(o.status, o.headline) for o in plain] == [(o.status, o.headline) for o in named]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2023-09-18[Asia/Bakuu]", "zone 'Asia/Bakuu' is not a known time zone"),
        ("2023-09-18[Asia Baku]", "a date with its zone in brackets"),
        ("2023-02-30[Asia/Baku]", "not on the calendar"),
        ("2023-09-18T10:00[Asia/Baku]", "an instant with an offset"),
    ],
)
def test_bad_zoned_days_are_refused_with_what_was_received(text: str, says: str) -> None:
    """A malformed day in a zone is an InvalidTimeError that quotes the value and says what was expected."""
    with pytest.raises(InvalidTimeError) as caught:
        moment(text, "UTC", where="when")
    assert repr(text) in str(caught.value) and says in str(caught.value) and "when" in str(caught.value)


def test_day_checks_its_parts() -> None:
    """A Day needs a calendar date (not a datetime) and a real zone."""
    with pytest.raises(InvalidTimeError, match="Day.zone"):
        Day(dt.date(2023, 9, 18), "Mars/Olympus")
    with pytest.raises(InvalidTimeError, match="Day.date"):
        Day(dt.datetime(2023, 9, 18, tzinfo=dt.timezone.utc), "UTC")  # type: ignore[arg-type]


def test_day_asked_reads_every_form() -> None:
    """Plain dates take the reference zone, bracketed days their own; instants name no day."""
    assert day_asked("2023-09-18", "Europe/Moscow") == Day(dt.date(2023, 9, 18), "Europe/Moscow")
    assert day_asked(dt.date(2023, 9, 18), "UTC") == Day(dt.date(2023, 9, 18), "UTC")
    assert day_asked(" 2023-09-18[Asia/Baku] ", "UTC") == Day(dt.date(2023, 9, 18), "Asia/Baku")
    assert day_asked("2023-09-18T10:00:00+04:00", "UTC") is None


def test_headline_instant_names_one_zone() -> None:
    """The end of a day in another zone is named by that zone alone; any other instant by the zone it is read in."""
    assert display.instant_named(moment("2023-09-18[Asia/Baku]", "UTC"), "Europe/Moscow") == "end of 2023-09-18 (Asia/Baku)"
    assert display.instant_named(moment("2023-09-18", "Europe/Moscow"), "Europe/Moscow") == "end of 2023-09-18 (Europe/Moscow)"
    assert display.instant_named(instant("2023-09-18T12:00:00+03:00"), "Europe/Moscow") == "2023-09-18 12:00 (Europe/Moscow)"


def test_cli_takes_a_day_in_a_named_zone() -> None:
    """``ceasefire status 2023-09-18[Asia/Baku]`` prints the table for that Baku day; a bad zone is one error line."""
    done = CliRunner().invoke(main, ["status", "2023-09-18[Asia/Baku]"], terminal_width=200)
    assert done.exit_code == 0, done.output
    assert "status at end of 2023-09-18 (Asia/Baku)" in done.output
    assert "1.ceasefire" in done.output
    bad = CliRunner().invoke(main, ["status", "2023-09-18[Asia/Bakuu]"])
    assert bad.exit_code != 0
    assert "Traceback" not in bad.output and "'Asia/Bakuu' is not a known time zone" in bad.output


def test_the_day_an_obligation_takes_effect_needs_watching_only_from_then(tracker: Tracker) -> None:
    """Asked about the Baku day the agreement took effect in (its first hour lies before 00:00 Moscow), watching from the start suffices: complied, not unmonitored."""
    answer = tracker.obligation_on("s", "2023-01-01[Asia/Baku]")
    assert answer.asked_from == instant("2023-01-01T00:00:00+04:00")
    assert str(answer.status) == "complied"
    late = Tracker(parse_agreement(AGREEMENT), parse_events({**LOG, "covers": [{"start": "2023-01-01T00:30:00+03:00", "end": "2023-12-31T00:00:00+03:00"}]}))
    assert str(late.obligation_on("s", "2023-01-01[Asia/Baku]").status) == "unmonitored"


def test_a_lasting_happening_reads_in_one_zone() -> None:
    """Its start and its end in one of the agreement's zones, named once at the end; an end that is a day's end in its other zone names that zone.

    The zone the window was written in plays no part: the Baku day written in UTC reads as the Baku day.
    """
    from ceasefire.time import Window

    baku_day = Window(earliest=instant("2023-09-19T00:00:00+04:00"), latest=moment("2023-09-19[Asia/Baku]", "UTC"))
    in_utc = baku_day.in_zone("UTC")
    until = instant("2023-09-20T12:00:00+03:00")
    for day in (baku_day, in_utc):
        assert display.window_until_in(day, until, "Europe/Moscow", "Asia/Baku") == "2023-09-19 until 2023-09-20 13:00 Asia/Baku"
        assert display.window_until_in(day, moment("2023-09-21[Europe/Moscow]", "UTC"), "Europe/Moscow", "Asia/Baku") == "2023-09-19 Asia/Baku until end of 2023-09-21 (Europe/Moscow)"
    exact = Window(earliest=instant("2023-09-19T13:00:00+04:00"), latest=instant("2023-09-19T13:00:00+04:00"))
    assert display.window_until_in(exact, until, "Europe/Moscow", "Asia/Baku") == "2023-09-19 12:00 until 2023-09-20 12:00 Europe/Moscow"
