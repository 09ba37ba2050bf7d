"""The cases ``tests/test_oracle_kinds.py`` draws, the files it builds of them, and the comparison of the engine's answers with the reference's.

:func:`cases` draws an agreement with obligations of every kind, amendments
and a log of events on an hourly grid over three days in Asia/Baku;
:func:`tracker` writes a case as an agreement and event files and reads them
into a Tracker (:func:`feeds`); :func:`landmarks` lists the hours worth
asking about; :func:`compare` and :func:`check_timeline` hold the engine's
answers to the reference in ``tests/_oracle.py``. ``tests/test_oracle_feeds.py``
reshapes the same cases as real feeds come.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

from _oracle import EVERYTHING, FAR, TICK, Amendment, Answer, Case, Cover, Due, Obligation, Quantity, Question, Record, Src, answer, bearers, day_holding, effective, first_report, known_events, zone_day
from hypothesis import strategies as st

import ceasefire
from ceasefire import Tracker

ZONE = "Asia/Baku"
START = dt.datetime(2021, 3, 13, tzinfo=dt.timezone(dt.timedelta(hours=4)))
"""The agreement takes effect at the start of 13 March 2021 in Baku; hour 0 of the reference. New York's clocks go forward on the second day (:data:`_oracle.SPRING_FORWARD`)."""
DAYS = 3
HOURS = 24 * DAYS
KINDS = ("deadline", "standing", "progress", "term")
ROLES = {
    "deadline": ("fulfils",) * 4 + ("advances", "advances", "breaches", "breaches", "context", "ends"),
    "standing": ("breaches",) * 8 + ("context", "ends"),
    "progress": ("fulfils", "fulfils") + ("advances",) * 5 + ("breaches", "breaches", "context", "ends"),
    "term": ("notice",) * 6 + ("context", "ends"),
}
"""The roles an event may take for each kind, the usual ones more often: an ``ends`` report or a ``context`` one settles or changes nothing."""
BUSY_PROGRESS = ("advances",) * 6 + ("fulfils", "breaches", "breaches", "context")
"""The roles of a busy progress obligation's reports: mostly figures, so that totals, increments and targets meet before a completion, and breaches on both sides of a completion, where kept work shows."""
QUALIFIERS = ("exactly", "exactly", "about", "at least", "more than", "at most")


HOUR_US = 3_600_000_000


def at(hour: int | Fraction) -> dt.datetime:
    """The instant of a reference hour (whole, or an exact number of microseconds)."""
    micros = Fraction(hour) * HOUR_US
    assert micros.denominator == 1, hour
    return START + dt.timedelta(microseconds=int(micros))


def hour_of(when: dt.datetime) -> Fraction:
    """The reference hour of an instant the engine gives."""
    plain = dt.datetime.fromisoformat(when.isoformat())  # the engine may give a subclass of datetime whose differences are not timedeltas
    return Fraction((plain - START) // dt.timedelta(microseconds=1), HOUR_US)


def day(d: int) -> str:
    """Day ``d`` of the reference (0 is the day the agreement takes effect) as a date string."""
    return (START.date() + dt.timedelta(days=d)).isoformat()


def span(hours: int) -> str:
    return f"PT{hours}H"


hour = st.integers(0, HOURS)


@st.composite
def dues(draw: st.DrawFn, others: list[str], floor: int = 0) -> Due:
    """A deadline in one of its forms; ``of`` names another obligation whose fulfilment it counts from; an absolute one falls at or after ``floor``, when the obligation takes effect (validation refuses an earlier one)."""
    form = draw(st.sampled_from(["at", "at", "day", "within", "after", "of"] if others else ["at", "at", "day", "within", "after"]))
    if form == "at":
        return Due(at=draw(st.integers(floor, HOURS)))
    if form == "day":
        return Due(day=draw(st.integers(floor // 24, DAYS - 1)))
    within = draw(st.integers(0, 30))
    if form == "within":
        return Due(within=within)
    if form == "after":
        return Due(within=within, after=draw(st.integers(0, 24)))
    return Due(within=within, of=draw(st.sampled_from(others)))


ACTORS = ((), (), ("A forces",), ("Group X",), ("group x",), ("Group X", "A forces"))
"""Who an event says acted: nobody named, a party's forces, an exempted group written two ways, or both together."""


@st.composite
def obligations(draw: st.DrawFn, oid: str, kind: str, others: list[str], added_by: str | None = None, kept_often: bool = False) -> Obligation:
    """One obligation of ``kind``; ``others`` are the deadline and progress obligations before it, which a relative deadline may count from, and which it may wait on (``depends_on``) or bind until (``until_fulfilment_of``).

    Now and then it has its own start, a last day, exempted actors, or
    (progress) must stay done; with ``kept_often``, half of the time.
    """
    start = draw(st.none() | st.integers(1, 30)) if draw(st.integers(0, 3)) == 0 else None
    extras: dict[str, Any] = {"added_by": added_by}
    if others and draw(st.integers(0, 4)) == 0:
        extras["depends_on"] = draw(st.sampled_from(others))
    if others and draw(st.integers(0, 5)) == 0:
        extras["until_of"] = draw(st.sampled_from(others))
    if draw(st.integers(0, 5)) == 0:
        extras["until_day"] = draw(st.integers((start or 0) // 24, DAYS - 1))
    if kind != "term" and draw(st.integers(0, 3)) == 0:
        extras["exempt"] = ("Group X",)
    if kind == "deadline":
        return Obligation(oid, kind, start, due=draw(dues(others, start or 0)), **extras)
    if kind == "progress":
        names = draw(st.sampled_from([(), ("q",), ("q",), ("q", "r")]))
        targets = tuple((n, draw(st.integers(2, 9))) for n in names)
        return Obligation(oid, kind, start, targets=targets, stale=draw(st.none() | st.integers(1, 30)), kept=draw(st.integers(0, 1 if kept_often else 2)) == 0, **extras)
    if kind == "term":
        renewal = draw(st.none() | st.integers(1, 20))
        return Obligation(oid, kind, start, period=draw(st.integers(1, 40)), renewal=renewal, notice=draw(st.none() | st.integers(0, 10)), **extras)
    return Obligation(oid, kind, start, **extras)


@st.composite
def amendment_times(draw: st.DrawFn) -> dict[str, Any]:
    """When an amendment was agreed and announced, now and then known only to a window, and now and then in effect from its own instant."""
    out: dict[str, Any] = {"agreed": draw(hour), "announced": draw(hour)}
    if draw(st.integers(0, 3)) == 0:
        out["agreed_width"] = draw(st.sampled_from([1, 3, 24]))
    if draw(st.integers(0, 3)) == 0:
        out["announced_width"] = draw(st.sampled_from([1, 3, 24]))
    if draw(st.integers(0, 3)) == 0:
        out["effective"], out["effective_width"] = draw(hour), draw(st.sampled_from([0, 0, 2, 24]))
    return out


@st.composite
def coverages(draw: st.DrawFn, ids: list[str]) -> tuple[Cover, ...] | None:
    """What the log declares it watches: mostly every obligation from the first day on; else nothing (inferred), or one to three stretches of days, some naming only a few obligations."""
    form = draw(st.sampled_from(["all"] * 5 + ["inferred", "inferred", "periods", "periods", "periods"]))
    if form == "all":
        return EVERYTHING
    if form == "inferred":
        return None
    covers = []
    for _ in range(draw(st.integers(1, 3))):
        first = draw(st.integers(0, DAYS))
        last = draw(st.none() | st.integers(first, DAYS + 1))
        named = draw(st.none() | st.lists(st.sampled_from(ids), min_size=1, unique=True).map(tuple))
        covers.append(Cover(first, last, named))
    return tuple(covers)


@st.composite
def cases(draw: st.DrawFn, busy: str | None = None) -> Case:
    """One to four obligations of any kind and perhaps one more added by a supplement (agreed or only proposed), with up to three amendments and twelve events.

    Events are revised, deleted, lasting, windowed or by exempted actors now
    and then; perhaps the whole agreement ends; the log declares its
    coverage or not; perhaps the party has successors.

    With ``busy`` (a kind), one obligation of that kind takes every
    amendment (up to five for a deadline, two otherwise, since a suspension
    or an end hides the rest) and every event (three to fourteen), so that
    rules needing several of them on one obligation (two deadline moves,
    totals then increments, a notice after a renewal) are often met.
    """
    kinds = [busy] if busy is not None else draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))
    ids = [f"{k[0]}{i}" for i, k in enumerate(kinds)]
    supplement = busy is None and draw(st.booleans())
    extra_kind = draw(st.sampled_from(KINDS)) if supplement else None
    extra_id = f"x{extra_kind[0]}" if extra_kind else None
    order = [o for o in [*ids, extra_id] if o is not None]

    def anchors(oid: str) -> list[str]:
        """The deadline and progress obligations before ``oid``: a relative deadline counts from one of them, so none waits on another in a circle (which is refused)."""
        return [o for o, k in zip(order[: order.index(oid)], [*kinds, extra_kind]) if k in ("deadline", "progress")]

    obs = [draw(obligations(o, k, anchors(o), kept_often=busy == "progress")) for o, k in zip(ids, kinds)]
    amendments: list[Amendment] = []
    if supplement:
        assert extra_kind is not None and extra_id is not None
        amendments.append(Amendment("sup", "supplement", None, proposed=draw(st.integers(0, 4)) == 0, **draw(amendment_times())))
        obs.append(draw(obligations(extra_id, extra_kind, anchors(extra_id), added_by="sup")))
    agreed = [o.id for o in obs if o.added_by is None or not amendments[0].proposed]
    for n in range(draw(st.integers(0, 3) if busy is None else st.integers(0, 5 if busy == "deadline" else 2))):
        target = draw(st.sampled_from(agreed))
        ob = next(o for o in obs if o.id == target)
        controls = ["suspend", "suspend", "resume", "resume", "end"] if busy is None else ["suspend", "resume", "end"]
        kind = draw(st.sampled_from([*controls, *(["move-deadline"] * (4 if busy is None else 6) if ob.kind == "deadline" else [])]))
        due = draw(dues(anchors(target), ob.effective or 0)) if kind == "move-deadline" else None
        amendments.append(Amendment(f"a{n}", kind, target, due=due, proposed=draw(st.integers(0, 5)) == 0, **draw(amendment_times())))
    ending = draw(st.sampled_from(["none"] * 4 + ["amendment", "event"]))
    if ending == "amendment":
        amendments.append(Amendment("whole", "end-agreement", None, proposed=draw(st.integers(0, 2)) == 0, **draw(amendment_times())))
    proto = Case(tuple(obs), tuple(amendments), (), ())
    starts = {o.id: effective(proto, o) for o in obs}
    records: list[Record] = []
    deletions: list[tuple[str, int]] = []
    if ending == "event":
        occurred, width = draw(hour), draw(st.sampled_from([0, 1, 2, 3]))
        records.append(Record("collapse", None, occurred, occurred + width + draw(st.integers(0, 6)), None, "context", width, ends_agreement=True))
    landmarks = sorted(
        {0, *(a.applies() for a in amendments), *(o.effective or 0 for o in obs)}
        | {h for o in obs if o.kind == "term" for h in term_edges(o, starts[o.id])}
        | {h for o in obs for d in [o.due, *(a.due for a in amendments if a.obligation == o.id)] if d is not None and d.at is not None for h in [d.at]}
    )
    for n in range(draw(st.integers(0, 12) if busy is None else st.integers(3, 14))):
        versions = draw(st.lists(st.integers(0, HOURS), min_size=1, max_size=3, unique=True)) if draw(st.integers(0, 3)) == 0 else [None]
        for stamp in versions:
            target = draw(st.sampled_from(agreed))  # an obligation only a proposed supplement adds can be linked to by nothing
            kind = next(o.kind for o in obs if o.id == target)
            role = draw(st.sampled_from(ROLES[kind] if busy != "progress" else BUSY_PROGRESS))
            occurred = draw(st.integers(-3, HOURS) | st.sampled_from(landmarks))
            width = draw(st.sampled_from([0, 0, 0, 1, 3, 24]))
            lasting = draw(st.sampled_from(["no", "no", "no", "until", "ongoing"]))
            until = until_width = None
            if lasting == "until":
                until, until_width = occurred + draw(st.integers(0, 30)), draw(st.sampled_from([0, 1, 2, 3]))
            end = max(occurred + width, until + until_width if until is not None and until_width is not None else occurred)
            quantities: tuple[Quantity, ...] = ()
            if role in ("advances", "fulfils") and kind in ("progress", "deadline"):
                quantities = tuple(
                    Quantity(name, draw(st.integers(1, 6)), draw(st.sampled_from(QUALIFIERS)), draw(st.sampled_from(["total", "increment"])))
                    for name in draw(st.sampled_from([(), ("q",), ("q",), ("r",), ("q", "r")]))
                )
            actors = draw(st.sampled_from(ACTORS)) if role in ("breaches", "fulfils", "advances") else ()
            records.append(
                Record(f"e{n}", stamp, occurred, end + draw(st.integers(0, 12)), target, role, width, until, until_width or 0, lasting == "ongoing", quantities, actors=actors)
            )
        if versions != [None] and draw(st.booleans()):
            # Half the time at the instant of one of its versions, where the deletion must come second.
            deletions.append((f"e{n}", draw(hour | st.sampled_from(versions))))
    covers = draw(coverages(agreed))
    succession = (draw(st.integers(0, DAYS)), draw(st.sampled_from([("B",), ("B", "C")]))) if draw(st.integers(0, 4)) == 0 else None
    return Case(tuple(obs), tuple(amendments), tuple(records), tuple(deletions), covers, succession)


def term_edges(ob: Obligation, start: int) -> set[int]:
    """A term's first few period ends and notice dates, where a notice or a question shows an off-by-one."""
    ends = [start + ob.period + i * (ob.renewal or 0) for i in range(6 if ob.renewal else 1)]
    return set(ends) | {e - (ob.notice or 0) for e in ends}


def due_json(due: Due) -> dict[str, Any]:
    if due.at is not None:
        return {"at": at(due.at).isoformat()}
    if due.day is not None:
        return {"by": day(due.day)}
    assert due.within is not None
    out: dict[str, Any] = {"within": span(due.within)}
    if due.after is not None:
        out["after"] = at(due.after).isoformat()
    if due.of is not None:
        out["after_fulfilment_of"] = due.of
    return out


def obligation_json(ob: Obligation, aliases: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {"id": ob.id, "kind": ob.kind, "bearers": ["A"], "summary": ob.id}
    if ob.effective is not None:
        out["effective"] = at(ob.effective).isoformat()
    if ob.due is not None:
        out["due"] = due_json(ob.due)
    if ob.targets:
        out["targets"] = [{"name": n, "value": v, **({"aliases": [a for a, t in aliases if t == n]} if any(t == n for _, t in aliases) else {})} for n, v in ob.targets]
    if ob.stale is not None:
        out["stale_after"] = span(ob.stale)
    if ob.kind == "term":
        out["period"] = span(ob.period)
        if ob.renewal is not None:
            out["renewal"] = span(ob.renewal)
        if ob.notice is not None:
            out["notice"] = span(ob.notice)
    if ob.depends_on is not None:
        out["depends_on"] = ob.depends_on
    if ob.until_of is not None:
        out["until_fulfilment_of"] = ob.until_of
    if ob.until_day is not None:
        out["until"] = day(ob.until_day)
    if ob.exempt:
        out["exemptions"] = [{"actors": list(ob.exempt)}]
    if ob.kept:
        out["kept"] = True
    return out


def window(start: int | Fraction, width: int | Fraction) -> Any:
    return at(start).isoformat() if not width else {"earliest": at(start).isoformat(), "latest": at(start + width).isoformat()}


def tracker(case: Case) -> Tracker:
    """The case as files would give it: one agreement in Baku time, and its logs (:func:`feeds`), candidates counted or not as the case says."""
    amendments = []
    for a in case.amendments:
        days = dict(a.days)
        item: dict[str, Any] = {
            "id": a.id, "kind": a.kind, "summary": a.id, "sources": [{"source": "s"}],
            "agreed": when_json(a.agreed, a.agreed_width, days.get("agreed"), ZONE), "announced": when_json(a.announced, a.announced_width, days.get("announced"), ZONE),
        }
        if a.effective is not None:
            item["effective"] = when_json(a.effective, a.effective_width, days.get("effective"), ZONE)
        if a.proposed:
            item["status"] = "proposed"
        if a.kind == "supplement":
            item |= {"point": 1, "obligations": [obligation_json(o, case.aliases) for o in case.obligations if o.added_by == a.id]}
        elif a.kind == "end-agreement":
            item["how"] = "terminated"
        else:
            item["obligation"] = a.obligation
        if a.due is not None:
            item["due"] = due_json(a.due)
        amendments.append(item)
    declared = {source_key(x): source_json(source_key(x), x, ZONE) for r in case.records for x in r.sources if x.in_agreement}
    parties: list[dict[str, Any]] = [{"id": "A", "name": "A", "roles": ["party"]}, {"id": "B", "name": "B", "roles": ["party"]}, {"id": "C", "name": "C", "roles": ["party"]}]
    if case.succession is not None:
        parties[0] |= {"successors": list(case.succession[1]), "succeeded": day(case.succession[0])}
    agreement = ceasefire.parse_agreement({
        "id": "t", "title": "t", "zone": ZONE, "announced": day(0), "effective": START.isoformat(),
        "parties": parties,
        "sources": [{"id": "s", "title": "a source", "published": START.isoformat()}, *declared.values()],
        "points": [{"number": 1, "summary": "p", "obligations": [obligation_json(o, case.aliases) for o in case.obligations if o.added_by is None]}],
        "amendments": amendments,
    })
    return Tracker(agreement, *(ceasefire.parse_events(feed) for feed in feeds(case)), candidates=case.candidates)


def day_text(d: int, zone: str, file_zone: str) -> str:
    """Day ``d`` in ``zone`` as a file whose plain dates are read in ``file_zone`` writes it: a plain date, or one with its zone in brackets."""
    return day(d) if zone == file_zone else f"{day(d)}[{zone}]"


def day_of(start: int | Fraction, zone: str) -> int:
    """Which day of ``zone`` starts at reference hour ``start``."""
    d = day_holding(start, zone)
    assert zone_day(d, zone)[0] == start, (start, zone)
    return d


def when_json(start: int | Fraction, width: int | Fraction, zone: str | None, file_zone: str) -> Any:
    """A time as a file writes it: a whole day in ``zone``, else an instant or a window of ``width`` hours from ``start``."""
    if zone is not None:
        return day_text(day_of(start, zone), zone, file_zone)
    return window(start, width)  # type: ignore[arg-type]


def source_json(key: str, src: Src, file_zone: str) -> dict[str, Any]:
    """A source of the generated feed: dated (an instant, a window or a day) or an undated page."""
    out: dict[str, Any] = {"id": key, "title": key}
    if src.not_after is not None:
        out["published_not_after"] = day(src.not_after)
    else:
        assert src.published is not None
        out["published"] = when_json(src.published, src.width, src.zone, file_zone)
    return out


def source_key(src: Src) -> str:
    """A source's id, the same for the same source in every file (two files may declare one source, identically)."""
    where = "agreement-" if src.in_agreement else ""
    if src.not_after is not None:
        return f"{where}undated-{src.not_after}"
    return f"{where}pub-{src.published}-{src.width}-{src.zone}".replace("/", "_")


def feeds(case: Case) -> list[dict[str, Any]]:
    """The case's logs as event files: each in its own zone, with the sources its events cite, its events, deletions and declared coverage."""
    out = []
    for n, log in enumerate(case.logs()):
        events, sources = [], {}
        for r in case.records:
            if r.log != n:
                continue
            event: dict[str, Any] = {"id": r.id, "kind": "report", "summary": r.id, "occurred": when_json(r.occurred, r.width, r.zone, log.zone)}
            if r.sources:
                event["sources"] = [{"source": source_key(x)} for x in r.sources]
                sources |= {source_key(x): source_json(source_key(x), x, log.zone) for x in r.sources if not x.in_agreement}
            else:
                event["sources"] = [{"source": "s"}]
                event["reported"] = window(r.reported, r.reported_width)  # type: ignore[arg-type]
            if r.ends_agreement:
                event["ends_agreement"] = {"how": "collapsed"}
            else:
                chosen = dict(r.measures)
                event["links"] = [{"obligation": o, "role": role, **({"quantities": list(chosen[o])} if o in chosen else {})} for o, role in r.links()]
            if r.until is not None:
                event["until"] = when_json(r.until, r.until_width, r.until_zone, log.zone)
            if r.ongoing:
                event["ongoing"] = True
            if r.version is not None:
                event["version"] = at(r.version).isoformat()
            if r.quantities:
                event["quantities"] = [{"name": x.name, "value": x.value, "qualifier": x.qualifier, "counts": x.counts} for x in r.quantities]
            if r.actors:
                event["actors"] = list(r.actors)
            if r.candidate:
                event["status"] = "candidate"
            events.append(event)
        deletions = [{"event": d[0], "deleted": at(d[1]).isoformat()} for d in case.deletions if (d[2] if len(d) > 2 else 0) == n]  # type: ignore[misc]
        feed: dict[str, Any] = {"zone": log.zone, "events": events, "deletions": deletions, "sources": list(sources.values())}
        if log.covers is not None:
            feed["covers"] = [cover_json(c, log.zone) for c in log.covers]
        out.append(feed)
    return out


def cover_json(c: Cover, file_zone: str) -> dict[str, Any]:
    """A declared coverage period: two instants, or two days (in the file's zone or one named in brackets)."""
    if c.instants is not None:
        ends = {"from": at(c.instants[0]).isoformat(), "to": at(c.instants[1]).isoformat()}
    else:
        zone = c.zone or ZONE
        ends = {"from": day_text(c.first, zone, file_zone), "to": "2030-12-31" if c.last is None else day_text(c.last, zone, file_zone)}
    return ends | ({} if c.obligations is None else {"obligations": list(c.obligations)})


def landmarks(case: Case) -> list[int | Fraction]:
    """Every hour the case names, or that its rules compute (deadlines, period ends, stalls, last days, coverage edges), and the hours either side."""
    named: set[int | Fraction] = {0}
    for r in case.records:
        named |= {r.occurred, r.occurred + r.width, *first_report(r)}
        named |= {r.version} if r.version is not None else set()
        named |= {r.until, r.until + r.until_width} if r.until is not None else set()
    named |= {d[1] for d in case.deletions} | {h for a in case.amendments for h in (a.agreed, a.announced, a.applies(), a.known())}
    for log in case.logs():
        named |= {c.span()[0] for c in log.covers or ()} | {c.span()[1] + TICK for c in log.covers or () if c.span()[1] < FAR}
    named |= {24 * (case.succession[0] + 1)} if case.succession is not None else set()
    for ob in case.obligations:
        start = effective(case, ob)
        named.add(start)
        named |= {24 * (ob.until_day + 1)} if ob.until_day is not None else set()
        dues = [ob.due] + [a.due for a in case.amendments if a.obligation == ob.id and a.due is not None]
        anchors = [start] + ([r.occurred + r.width for r in case.records if ob.depends_on in dict(r.links())] if ob.depends_on else [])
        for due in dues:
            if due is None or due.within is None:
                continue
            if due.of is not None:
                named |= {r.occurred + r.width + due.within for r in case.records if due.of in dict(r.links())}
                named |= {(r.until or 0) + r.until_width + due.within for r in case.records if due.of in dict(r.links())}
            else:
                named |= {(due.after if due.after is not None else a) + due.within for a in anchors}
        if ob.kind == "term":
            named |= {h for a in anchors for h in term_edges(ob, a)}
        if ob.stale is not None:
            named |= {a + ob.stale for a in anchors} | {r.occurred + r.width + ob.stale for r in case.records if ob.id in dict(r.links())}
    return sorted({h + d for h in named for d in (-1, 0, 1) if 0 <= h + d <= HOURS + 12})


def differences(case: Case, got: Any, oid: str, want: Answer, stall: bool = True) -> list[tuple[Any, ...]]:
    """How the engine's answer ``got`` differs from ``want`` in status, deadline in force (where the kind's rule decided a deadline) and, with ``stall``, when a progress obligation stalled and the figures it shows."""
    found: list[tuple[Any, ...]] = []
    if got.status.value != want.status:
        found.append(("status", got.status.value, want.status))
    if want.ruled and case.obligation(oid).kind == "deadline":
        dl = None if got.deadline is None else (got.deadline.earliest, got.deadline.latest)
        expected = None if want.deadline is None else (at(want.deadline[0]), at(want.deadline[1]))
        if dl != expected:
            found.append(("deadline", dl, expected))
    if stall and case.obligation(oid).kind == "progress":
        expected_stall = None if want.stalled_since is None else at(want.stalled_since)
        if got.stalled_since != expected_stall:
            found.append(("stalled since", got.stalled_since, expected_stall))
        shown = tuple((x.name, x.value, x.qualifier) for x in got.quantities)
        if want.figures is not None and shown != want.figures:
            found.append(("figures", shown, want.figures))
    return found


EVENT_ID = re.compile(r"\b(?:e\d+|collapse)\b")
"""How the generated events' ids look in the text of a reason (obligations and amendments are named otherwise)."""


def unexplained(case: Case, got: Any, q: Question, want: Answer) -> list[tuple[Any, ...]]:
    """Where what the answer ``got`` says beside its status disagrees with the reference ``want`` (the wording aside).

    The headline states the status; an ``ended`` answer names what ended it;
    one that waits names the obligation it waits on; one left ``uncertain``
    by events whose windows leave it open names one of them; a ``breached`` one names
    a breach the reference finds deciding it; the amendments applied
    are those in effect; the reasons name the move that set the deadline in
    force, if any; an answer resting on events lists one of them as evidence
    or breach; an ``unmonitored`` one says where the evidence ends and what
    it said there; and nothing the answer names (in its reasons, evidence,
    breaches, background, ``ended_by``, ``uncertain_by``, ``breached_by`` or ``setback``) is
    an event unknown under the cut-off.
    """
    found: list[tuple[Any, ...]] = []
    word = got.headline[: len(want.status)]
    if word != want.status or got.headline[len(want.status) : len(want.status) + 1] not in ("", " ", ":", ","):
        found.append(("headline", got.headline, want.status))
    if want.status == "ended" and got.ended_by != want.ended_by:
        found.append(("ended by", got.ended_by, want.ended_by))
    if want.status == "not yet in force" and got.waits_on != want.waits_on:
        found.append(("waits on", got.waits_on, want.waits_on))
    if want.amendments is not None and tuple(sorted(a.amendment_id for a in got.amendments)) != want.amendments:
        found.append(("amendments applied", tuple(a.amendment_id for a in got.amendments), want.amendments))
    reasons = " | ".join(got.reasons)
    if want.ruled and case.obligation(got.obligation_id).kind == "deadline":
        moved = re.search(r"deadline moved by ([^\s,]+), in effect from ", reasons)
        if (moved and moved.group(1)) != want.moved_by:
            found.append(("deadline moved by", moved and moved.group(1), want.moved_by))
    if want.open_by and (got.uncertain_by is None or got.uncertain_by[0] not in want.open_by):
        found.append(("uncertain by", got.uncertain_by and got.uncertain_by[0], want.open_by))
    if want.status == "breached" and want.decided_by and (got.breached_by is None or got.breached_by.event_id not in want.decided_by):
        found.append(("breached by", got.breached_by and got.breached_by.event_id, want.decided_by))
    listed = {e.event_id for e in (*got.evidence, *got.breaches)}
    if want.decided_by and not listed & set(want.decided_by):
        found.append(("evidence", sorted(listed), want.decided_by))
    if want.status == "unmonitored":
        assert got.horizon is not None
        ends = None if got.horizon.evidence_ends is None else hour_of(got.horizon.evidence_ends)
        last = None if got.horizon.last_known is None else got.horizon.last_known.value
        if (ends, last) != (want.evidence_ends, want.last_known):
            found.append(("evidence ends", (ends, last), (want.evidence_ends, want.last_known)))
    named = set(EVENT_ID.findall(reasons)) | listed | {e.event_id for e in got.context}
    named |= {x for x in (got.ended_by, got.uncertain_by and got.uncertain_by[0], got.setback and got.setback[0], got.breached_by and got.breached_by.event_id)
              if x and EVENT_ID.fullmatch(x)}
    unknown = named - known_events(case, q.cutoff)
    if unknown:
        found.append(("names events unknown at the cut-off", sorted(unknown), reasons))
    return found


def compare(case: Case, got: Any, oid: str, q: Question, whole_day: int | None) -> None:
    """The engine's answer ``got`` has the reference's status (and deadline in force, stall and bearers) for one question, and says what the reference says beside it (:func:`unexplained`)."""
    where = (oid, "day" if whole_day is not None else "hour", whole_day if whole_day is not None else q.last, "known_on", q.cutoff)
    assert got.bearers == bearers(case, q.last), (*where, "bearers", got.bearers)
    want = answer(case, oid, q)
    wrong = differences(case, got, oid, want) + unexplained(case, got, q, want)
    assert not wrong, (*where, *wrong[0][1:], wrong)


def probes(low: Fraction, high: Fraction, marks: list[int]) -> list[Fraction]:
    """The instants of an interval that are asked about: its first and last, one in the middle, and every landmark hour inside it with the instants either side."""
    middle = Fraction(int((low + high) / 2 * HOUR_US), HOUR_US)
    near = {Fraction(h) + d for h in marks for d in (-TICK, 0, TICK)}
    return sorted({low, middle, high} | {x for x in near if low <= x <= high})


def check_timeline(case: Case, found: Any, marks: list[int | Fraction], first: Fraction, last: Fraction, cutoff: int | Fraction | None) -> None:
    """The timeline ``found`` runs from ``first`` to ``last`` (both included) for every obligation, its intervals tile that range, and the reference gives each interval's status at its probes (:func:`probes`)."""
    present = case.present()
    assert found.obligation_ids == tuple(o.id for o in present)
    for ob in present:
        stretch = found.for_obligation(ob.id)
        assert (hour_of(stretch[0].start), stretch[0].start_inclusive) == (first, True), (ob.id, stretch[0])
        assert (hour_of(stretch[-1].end), stretch[-1].end_inclusive) == (last, True), (ob.id, stretch[-1])
        for before, after in zip(stretch, stretch[1:]):
            # No gap and no overlap: the first instant of the next is the instant right after the last of this one (instants are microseconds).
            last_in = hour_of(before.end) - (0 if before.end_inclusive else TICK)
            first_in = hour_of(after.start) + (0 if after.start_inclusive else TICK)
            assert first_in == last_in + TICK, (ob.id, before, after)
            assert (before.status, before.deadline) != (after.status, after.deadline), (ob.id, before, after)
        for piece in stretch:
            begin = hour_of(piece.start) + (0 if piece.start_inclusive else TICK)
            end = hour_of(piece.end) - (0 if piece.end_inclusive else TICK)
            assert begin <= end, (ob.id, piece)
            got = SimpleNamespace(status=piece.status, deadline=piece.deadline, stalled_since=None)
            for x in probes(begin, end, marks):
                q = Question(x, x, cutoff)
                wrong = differences(case, got, ob.id, answer(case, ob.id, q), stall=False)
                assert not wrong, (ob.id, "interval", piece.status.value, piece.start, piece.end, "at", x, "known_on", cutoff, wrong)
