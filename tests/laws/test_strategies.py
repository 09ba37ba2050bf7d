"""The public strategies: what they generate is valid, they are registered with hypothesis, and they stay optional."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ceasefire import (
    Agreement,
    Amendment,
    Due,
    Event,
    EventLog,
    Span,
    Tracker,
    Window,
    bundled,
    parse_agreement,
    parse_events,
)
from ceasefire.model import DeadlineObligation, TermObligation
from ceasefire.testing import strategies as cs

UTC = dt.timezone.utc
LOW, HIGH = dt.datetime(2020, 11, 1, tzinfo=UTC), dt.datetime(2020, 12, 31, tzinfo=UTC)


@given(cs.agreements_with_logs())
def test_generated_agreements_pass_the_checks(pair: tuple[Agreement, EventLog]) -> None:
    """Every generated agreement and log is accepted by a tracker, and every link names one of its obligations."""
    agreement, log = pair
    tracker = Tracker(agreement, log)
    ids = set(cs.obligation_ids(agreement))
    assert {link.obligation for event in tracker.events for link in event.links} <= ids


@given(cs.instants(min_value=LOW, max_value=HIGH))
def test_instants_stay_in_bounds(value: dt.datetime) -> None:
    """Instants are aware and fall between min_value and max_value."""
    assert value.utcoffset() is not None
    assert LOW <= value <= HIGH


@given(cs.windows(min_value=LOW, max_value=HIGH))
def test_windows_stay_in_bounds(value: Window) -> None:
    """Windows are ordered and lie between min_value and max_value."""
    assert LOW <= value.earliest <= value.latest <= HIGH


@given(cs.dues(min_value=LOW, max_value=HIGH, zone="Pacific/Kiritimati", forms=("by", "at")))
def test_dues_are_not_before_min_value(due: Due) -> None:
    """A due date or instant is never before min_value, reading dates in the zone given."""
    from ._compare import end_of_day

    assert (end_of_day(due.by, "Pacific/Kiritimati") if due.by else due.at) >= LOW  # type: ignore[operator]


@pytest.mark.parametrize("kind", [Agreement, EventLog, Window, Span, Due, DeadlineObligation, TermObligation, Amendment, Event])
def test_from_type_is_registered(kind: type) -> None:
    """``st.from_type`` builds each public input type through the strategies registered by the entry point."""

    @settings(max_examples=5)
    @given(st.from_type(kind))
    def check(value: object) -> None:
        assert isinstance(value, kind)

    check()


def test_strategies_refuse_bad_options() -> None:
    """Options that cannot produce a value are refused at once, saying what was expected, as InvalidArgument and ValueError."""
    with pytest.raises(InvalidArgument, match="min_value"):
        cs.instants(min_value=HIGH, max_value=LOW)
    with pytest.raises(ValueError, match="kinds"):
        cs.obligations(kinds=("treaty",))
    with pytest.raises(ValueError, match="units"):
        cs.spans(units=("fortnights",))


STATEMENT = bundled.agreement()
WITH_DEADLINE = Agreement.model_validate(
    {"id": "x", "title": "x", "zone": "UTC", "parties": [{"id": "p1", "name": "P", "roles": ["party"]}],
     "announced": "2021-01-01T00:00:00+00:00", "effective": "2021-01-01T00:00:00+00:00", "sources": [{"id": "s1", "title": "t"}],
     "points": [{"number": 1, "summary": "one", "obligations": [{"id": "o1", "kind": "standing", "bearers": ["p1"], "summary": "x"}]}]}
)

BAD_CALLS: dict[str, list[Callable[[], object]]] = {
    "agreements": [lambda: cs.agreements(kinds=("deadlines",)), lambda: cs.agreements(min_points=0), lambda: cs.agreements(max_obligations=-1),
                   lambda: cs.agreements(min_amendments=2, max_amendments=1), lambda: cs.agreements(timezones=["UTC"]),
                   lambda: cs.agreements(kinds=("standing",), amendment_kinds=("move-deadline",), min_amendments=1)],
    "agreements_with_logs": [lambda: cs.agreements_with_logs(min_events=5, max_events=2), lambda: cs.agreements_with_logs(roles=("obeys",))],
    "amendments": [lambda: cs.amendments(kinds=("move-deadline",)), lambda: cs.amendments(WITH_DEADLINE, kinds=("move-deadline",)),
                   lambda: cs.amendments(STATEMENT, obligations=["nope"]), lambda: cs.amendments(kinds=("repeal",)),
                   lambda: cs.amendments(min_value=HIGH, max_value=LOW)],
    "citations": [lambda: cs.citations(sources=()), lambda: cs.citations(sources="s1")],
    "dates": [lambda: cs.dates(min_value=dt.date(2021, 1, 2), max_value=dt.date(2021, 1, 1)), lambda: cs.dates(min_value=LOW)],
    "deadline_obligations": [lambda: cs.deadline_obligations(zone="Mars/Olympus"), lambda: cs.deadline_obligations(parties=())],
    "dues": [lambda: cs.dues(forms=("soon",)), lambda: cs.dues(zone="Mars/Olympus"), lambda: cs.dues(min_value=dt.datetime(2021, 1, 1))],
    "event_logs": [lambda: cs.event_logs(STATEMENT, obligations=["nope"]), lambda: cs.event_logs(STATEMENT, min_events=-1),
                   lambda: cs.event_logs(STATEMENT, reported_after=HIGH, reported_before=LOW), lambda: cs.event_logs("nk-2020")],
    "events": [lambda: cs.events(agreement=STATEMENT, obligations=["nope"]), lambda: cs.events(roles=("obeys",)),
               lambda: cs.events(id_prefix=""), lambda: cs.events(min_value=HIGH, reported_before=LOW)],
    "instants": [lambda: cs.instants(min_value=HIGH, max_value=LOW), lambda: cs.instants(timezones=["UTC"]),
                 lambda: cs.instants(min_value=dt.datetime(2021, 1, 1))],
    "instants_near": [lambda: cs.instants_near([]), lambda: cs.instants_near([dt.datetime(2021, 1, 1)])],
    "instants_of_interest": [lambda: cs.instants_of_interest("nk-2020"), lambda: cs.instants_of_interest(STATEMENT, min_value=HIGH, max_value=LOW)],
    "links": [lambda: cs.links(obligations=()), lambda: cs.links(roles=("obeys",))],
    "obligations": [lambda: cs.obligations(kinds=("treaty",)), lambda: cs.obligations(kinds=()), lambda: cs.obligations(id_prefix=3)],
    "progress_obligations": [lambda: cs.progress_obligations(min_value=HIGH, max_value=LOW)],
    "quantities": [lambda: cs.quantities(names=())],
    "sources": [lambda: cs.sources(dated="yes"), lambda: cs.sources(min_value=HIGH, max_value=LOW)],
    "spans": [lambda: cs.spans(units=("fortnights",)), lambda: cs.spans(min_amount=0), lambda: cs.spans(min_amount=5, max_amount=2)],
    "standing_obligations": [lambda: cs.standing_obligations(sources="s1")],
    "term_obligations": [lambda: cs.term_obligations(parties=[""])],
    "windows": [lambda: cs.windows(max_width=dt.timedelta(days=-1)), lambda: cs.windows(min_width=dt.timedelta(days=2), max_width=dt.timedelta(days=1)),
                lambda: cs.windows(min_value=LOW, max_value=LOW + dt.timedelta(hours=1), min_width=dt.timedelta(days=1))],
    "zones": [lambda: cs.zones(names=("Mars/Olympus",)), lambda: cs.zones(names=()), lambda: cs.zones(names="UTC")],
}
"""For each public strategy, calls with arguments no value can come from."""

GOOD_CALLS: dict[str, tuple[Callable[[], st.SearchStrategy[object]], str]] = {
    "agreements": (lambda: cs.agreements(max_obligations=2), "agreements(max_obligations=2)"),
    "agreements_with_logs": (lambda: cs.agreements_with_logs(max_events=3), "agreements_with_logs(max_events=3)"),
    "amendments": (lambda: cs.amendments(STATEMENT), "amendments(agreement=<Agreement 'nk-2020'>)"),
    "citations": (lambda: cs.citations(sources=["s1", "s2"]), "citations(sources=['s1', 's2'])"),
    "dates": (lambda: cs.dates(), "dates()"),
    "deadline_obligations": (lambda: cs.deadline_obligations(zone="Asia/Baku"), "deadline_obligations(zone='Asia/Baku')"),
    "dues": (lambda: cs.dues(forms=("by",)), "dues(forms=('by',))"),
    "event_logs": (lambda: cs.event_logs(STATEMENT, max_events=4), "event_logs(<Agreement 'nk-2020'>, max_events=4)"),
    "events": (lambda: cs.events(id_prefix="x"), "events(id_prefix='x')"),
    "instants": (lambda: cs.instants(timezones=st.timezones()), "instants(timezones=timezones())"),
    "instants_near": (lambda: cs.instants_near([LOW]), "instants_near([datetime.datetime(2020, 11, 1, 0, 0, tzinfo=datetime.timezone.utc)])"),
    "instants_of_interest": (lambda: cs.instants_of_interest(STATEMENT), "instants_of_interest(agreement=<Agreement 'nk-2020'>)"),
    "links": (lambda: cs.links(roles=("fulfils",)), "links(roles=('fulfils',))"),
    "obligations": (lambda: cs.obligations(), "obligations()"),
    "progress_obligations": (lambda: cs.progress_obligations(), "progress_obligations()"),
    "quantities": (lambda: cs.quantities(), "quantities()"),
    "sources": (lambda: cs.sources(dated=True), "sources(dated=True)"),
    "spans": (lambda: cs.spans(min_amount=2), "spans(min_amount=2)"),
    "standing_obligations": (lambda: cs.standing_obligations(), "standing_obligations()"),
    "term_obligations": (lambda: cs.term_obligations(), "term_obligations()"),
    "windows": (lambda: cs.windows(min_width=dt.timedelta(hours=1)), "windows(min_width=datetime.timedelta(seconds=3600))"),
    "zones": (lambda: cs.zones(names=("UTC", "Asia/Baku")), "zones(names=('UTC', 'Asia/Baku'))"),
}
"""For each public strategy, a call and the repr it should have."""


def test_every_strategy_is_covered() -> None:
    """The two tables below name every public strategy, and every name listed as a strategy returns one."""
    assert sorted(BAD_CALLS) == sorted(GOOD_CALLS) == sorted(cs.STRATEGIES)
    assert set(cs.STRATEGIES) <= set(cs.__all__)


@pytest.mark.parametrize("name", sorted(BAD_CALLS))
def test_every_strategy_refuses_bad_arguments(name: str) -> None:
    """Each strategy raises hypothesis's InvalidArgument for each bad call, when it is made and before any draw."""
    for call in BAD_CALLS[name]:
        with pytest.raises(InvalidArgument):
            call()


@pytest.mark.parametrize("name", sorted(GOOD_CALLS))
def test_every_strategy_has_a_readable_repr(name: str) -> None:
    """Each strategy's repr is the call that made it, with no object addresses or whole agreements, and it draws a value."""
    call, expected = GOOD_CALLS[name]
    strategy = call()
    assert isinstance(strategy, st.SearchStrategy)
    assert repr(strategy) == expected
    assert " at 0x" not in repr(strategy.map(str)) and len(repr(strategy)) < 200

    @settings(max_examples=2, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draws(value: object) -> None:
        assert value is not None

    draws()


@given(st.lists(cs.events(), max_size=4), st.lists(cs.sources(), max_size=3), st.lists(cs.amendments(STATEMENT), max_size=3))
def test_ids_are_unique_within_an_example(found: list[Event], declared: list[object], changes: list[Amendment]) -> None:
    """Events, sources and amendments drawn in one example never share an id, nor take an id the agreement uses."""
    assert len({e.id for e in found}) == len(found)
    assert len({s.id for s in declared}) == len(declared)  # type: ignore[attr-defined]
    assert len({a.id for a in changes}) == len(changes)
    assert not {a.id for a in changes} & {a.id for a in STATEMENT.amendments}


@given(st.lists(cs.amendments(STATEMENT), max_size=3))
def test_amendments_of_an_agreement_are_accepted(changes: list[Amendment]) -> None:
    """Amendments drawn for the bundled statement, added to it, pass the tracker's checks."""
    Tracker(STATEMENT.model_copy(update={"amendments": [*STATEMENT.amendments, *changes]}))


CUT = dt.datetime(2020, 11, 20, 12, tzinfo=UTC)


@given(cs.event_logs(STATEMENT, max_events=4, reported_after=CUT), cs.event_logs(STATEMENT, max_events=4, reported_before=CUT))
def test_reports_fall_on_their_side_of_a_cutoff(after: EventLog, before: EventLog) -> None:
    """With reported_after every report starts after the cut-off; with reported_before every report ends by it."""
    Tracker(STATEMENT, after)
    Tracker(STATEMENT, before)
    assert all(e.reported is not None and e.reported.earliest > CUT for e in after.events)
    assert all(e.reported is not None and e.reported.latest <= CUT for e in before.events)


@given(cs.event_logs(STATEMENT, obligations=["4.term"], roles=(cs.NOTICE_ROLE,), min_events=1, max_events=3))
def test_notices_go_to_terms_from_parties_that_may_give_them(log: EventLog) -> None:
    """Notice links name only a term, and the event's actors include a party allowed to give notice."""
    Tracker(STATEMENT, log)
    for event in log.events:
        for link in event.links:
            assert link.obligation == "4.term" and link.role == cs.NOTICE_ROLE
            assert {"AZ", "AM"} & set(event.actors)


@given(cs.instants_of_interest(STATEMENT, min_value=CUT, max_value=CUT + dt.timedelta(days=3)))
def test_instants_of_interest_stay_in_their_bounds(when: dt.datetime) -> None:
    """instants_of_interest with bounds draws only instants within them."""
    assert CUT <= when <= CUT + dt.timedelta(days=3)


@settings(max_examples=10)
@given(cs.agreements_with_logs(max_events=4), st.sampled_from(cs.ZONES))
def test_rezoned_changes_no_answer(pair: tuple[Agreement, EventLog], zone: str) -> None:
    """An agreement and log rewritten in another zone keep every instant and every answer."""
    agreement, log = pair
    moved_agreement, moved_log = cs.rezoned(agreement, zone), cs.rezoned(log, zone)
    assert moved_agreement.zone == agreement.zone and moved_agreement.effective == agreement.effective
    assert moved_agreement.effective.utcoffset() == cs.rezoned(agreement.effective, zone).utcoffset()
    plain, moved = Tracker(agreement, log), Tracker(moved_agreement, moved_log)
    for when in cs.landmarks_of(agreement, log)[:6]:
        assert [(o.obligation_id, o.status) for o in plain.status_on(when)] == [(o.obligation_id, o.status) for o in moved.status_on(when)]


@settings(max_examples=20)
@given(cs.agreements_with_logs(max_events=4))
def test_printed_yaml_reads_back_unchanged(pair: tuple[Agreement, EventLog]) -> None:
    """The YAML a failing example prints for an agreement and a log reads back into the same agreement and log."""
    from ._compare import written

    agreement, log = pair
    assert written(parse_agreement(yaml.safe_load(cs.yaml_text(agreement)))) == written(agreement)
    assert written(parse_events(yaml.safe_load(cs.yaml_text(log)))) == written(log)


class _Keyed(dt.tzinfo):
    """A tzinfo with a zoneinfo-style ``key``, standing in for a zone file a machine may or may not have."""

    def __init__(self, key: str) -> None:
        self.key = key

    def utcoffset(self, value: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, value: dt.datetime | None) -> str:
        return "-00"


@settings(max_examples=30)
@given(st.data())
def test_drawn_machine_copies_of_zones_give_the_zone_and_the_machines_own_zone_is_passed_over(data: st.DataObject) -> None:
    """st.timezones() draws 'posix/X', 'right/X' and 'localtime' where the machine has them: the first two give X, the last is not drawn."""
    drawn = st.sampled_from([_Keyed("posix/Asia/Baku"), _Keyed("right/Europe/Moscow"), _Keyed("localtime"), _Keyed("posixrules")])
    value = data.draw(cs.instants(min_value=LOW, max_value=HIGH, timezones=drawn))
    assert getattr(value.tzinfo, "name", None) in {"Asia/Baku", "Europe/Moscow"}


def test_rezoned_refuses_an_unknown_zone() -> None:
    """rezoned says which zone it could not read."""
    with pytest.raises(InvalidArgument, match="Mars"):
        cs.rezoned(LOW, "Mars/Olympus")


def test_bundled_logs_are_accepted_from_any_folder(tmp_path: Path) -> None:
    """From a folder outside the repository, logs drawn for the bundled statement (quoting its file-backed source) are accepted."""
    code = (
        "from hypothesis import given, settings, HealthCheck\n"
        "from ceasefire import Tracker, bundled\n"
        "from ceasefire.testing import strategies as cs\n"
        "A = bundled.agreement(); quoted = []\n"
        "@settings(max_examples=25, database=None, derandomize=True, suppress_health_check=list(HealthCheck))\n"
        "@given(cs.event_logs(A, max_events=4))\n"
        "def check(log):\n"
        "    Tracker(A, log)\n"
        "    quoted.extend(c.quote for e in log.events for c in e.sources if c.source == 'seed-002' and c.quote)\n"
        "check()\n"
        "assert quoted, 'no quote of seed-002 was drawn'\n"
        "text = open(bundled._roots()[0] / 'seeds' / '002_df3373dbb6161ae0.txt', encoding='utf-8').read()\n"
        "assert all(q in text for q in quoted)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(cs.__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_deprecated_names_still_work() -> None:
    """The old names landmarks and near still answer, with a DeprecationWarning naming the new ones."""
    with pytest.warns(DeprecationWarning, match="landmarks_of"):
        assert cs.landmarks(STATEMENT) == cs.landmarks_of(STATEMENT)  # type: ignore[attr-defined]
    with pytest.warns(DeprecationWarning, match="instants_near"):
        cs.near([LOW])  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", ["ceasefire", "ceasefire.testing"])
def test_importing_does_not_import_hypothesis(module: str) -> None:
    """Importing ceasefire, or its testing package alone, leaves hypothesis unimported."""
    code = f"import sys, {module}; sys.exit('hypothesis' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@dataclasses.dataclass
class _Study:
    agreement: Agreement
    deadline: Due


@settings(max_examples=5)
@given(st.builds(_Study))
def test_builds_infers_ceasefire_fields(study: _Study) -> None:
    """``st.builds`` fills fields annotated with ceasefire types from the registered strategies."""
    assert isinstance(study.agreement, Agreement) and isinstance(study.deadline, Due)


def test_strategies_surface_is_sorted_and_complete() -> None:
    """``__all__`` of the strategies module is sorted and names only what the module defines."""
    assert cs.__all__ == sorted(cs.__all__)
    assert all(hasattr(cs, name) for name in cs.__all__)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cs.agreements_with_logs(amendment_kinds=cs.ALL_AMENDMENT_KINDS, min_amendments=1, max_amendments=4, endings=True))
def test_agreements_that_end_pass_the_checks_and_end_every_obligation(pair: tuple[Agreement, EventLog]) -> None:
    """With endings asked for, an agreement ends at most once (by an amendment or by an event), a tracker accepts it, and once the ending is in effect every obligation reads ended, naming it."""
    agreement, log = pair
    endings = [(a.id, a.in_effect_from) for a in agreement.amendments if a.kind == "end-agreement"]
    endings += [(e.id, e.occurred.latest) for e in log.events if e.ends_agreement is not None]
    assert len(endings) <= 1
    tracker = Tracker(agreement, log)
    for ending, when in endings:
        after = tracker.status_on(when + dt.timedelta(days=1))
        assert all(str(o.status) == "ended" and o.ended_by == ending for o in after.obligations), [(o.obligation_id, o.status) for o in after.obligations]


def test_an_ending_is_drawn_when_asked_for_and_never_by_default() -> None:
    """end-agreement amendments come only from ALL_AMENDMENT_KINDS, and events that end the agreement only with endings=True; bad options are refused."""
    from hypothesis import Phase, find, settings

    # the first example found is enough: shrinking it to the smallest (hypothesis's default for find) took minutes on a log of the bundled agreement
    first = settings(phases=[Phase.generate], database=None)
    found = find(cs.agreements(amendment_kinds=cs.ALL_AMENDMENT_KINDS, min_amendments=1), lambda a: any(x.kind == "end-agreement" for x in a.amendments), settings=first)
    assert sum(x.kind == "end-agreement" for x in found.amendments) == 1
    assert "end-agreement" not in cs.AMENDMENT_KINDS
    with pytest.raises(InvalidArgument, match="an agreement ends once"):
        cs.agreements(amendment_kinds=["end-agreement"], min_amendments=2).validate()
    ended_by_event = find(cs.event_logs(bundled.agreement(), min_events=1, endings=True), lambda log: any(e.ends_agreement for e in log.events), settings=first)
    assert sum(e.ends_agreement is not None for e in ended_by_event.events) == 1
    with pytest.raises(InvalidArgument, match="endings"):
        cs.event_logs(bundled.agreement(), endings="yes").validate()  # type: ignore[arg-type]
