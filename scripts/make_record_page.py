"""Write docs/record.md from the bundled statement, seed events and record (and, on request, its chart).

The page is generated, never edited by hand: tests/test_record.py renders it afresh and compares,
so it cannot drift from the data. Run this after changing the record or the engine, then review
the diff.

    python scripts/make_record_page.py            # rewrite docs/record.md
    python scripts/make_record_page.py --chart    # also redraw docs/img/record-timeline.png
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ceasefire import bundled
from ceasefire.model import Citation, Event, EventLog, Source
from ceasefire.render import display
from ceasefire.time import Window, in_zone, later, local_date

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "record.md"
CHART = ROOT / "docs" / "img" / "record-timeline.png"
LOCAL = "Asia/Baku"
DATES = ("2020-12-02", "2021-03-01", "2022-06-01", "2023-02-01", "2023-10-01", "2024-07-01", "2025-08-01")
START, END = "2020-11-10", "2025-08-30"


def day_text(window: Window) -> str:
    """A window as the local day or days it spans, e.g. '2020-12-01' or '2020-12-11 to 2020-12-13'."""
    first, last = local_date(window.earliest, LOCAL), local_date(window.latest, LOCAL)
    return str(first) if first == last else f"{first} to {last}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _source_line(source: Source) -> str:
    title = _cell(source.title)
    named = f"[{title}]({source.url})" if source.url else f"{title} (`{source.file}`)"
    when = f", {day_text(source.published)}" if source.published is not None else ""
    return f"{source.publisher or 'unnamed publisher'}, {named}{when}"


def _quote(citation: Citation) -> str:
    words = _cell(citation.quote or "")
    if not words:
        return ""
    if citation.paraphrase:
        return f" — our paraphrase: {words}"
    return f" — {words}" if words[0] in "\"“‘'" else f" — “{words}”"


def _latest(log: EventLog) -> dict[str, list[Event]]:
    """Each event id's records, oldest version first (one record for an event never revised)."""
    found: dict[str, list[Event]] = {}
    for event in log.events:
        found.setdefault(event.id, []).append(event)
    for records in found.values():
        records.sort(key=lambda e: e.version.timestamp() if e.version is not None else float("-inf"))
    return found


def _events_for(obligation_id: str, logs: Iterable[tuple[str, EventLog]]) -> list[tuple[str, Event, str, str | None, list[Event]]]:
    """(log name, latest version, role, link note, earlier versions) for every event linked to the obligation, oldest first."""
    found = [
        (name, records[-1], link.role, link.note, records[:-1])
        for name, log in logs
        for records in _latest(log).values()
        for link in records[-1].links
        if link.obligation == obligation_id
    ]
    return sorted(found, key=lambda item: (item[1].occurred.earliest, item[1].id))


def _lasting(event: Event) -> str:
    return f" until {day_text(event.until)}" if event.until is not None else (" (still going on)" if event.ongoing else "")


def _event_block(name: str, event: Event, role: str, note: str | None, earlier: list[Event], sources: dict[str, Source]) -> Iterator[str]:
    yield f"- **{day_text(event.occurred)}{_lasting(event)}**, *{role}* — {_cell(event.summary)} (`{event.id}`, {name})"
    for before, after in zip(earlier, [*earlier[1:], event]):  # what a question under an earlier cut-off reads: the record as it stood then
        assert after.version is not None
        yield f"    - Before the version of {after.version.date().isoformat()}, recorded as: {day_text(before.occurred)}{_lasting(before)} — {_cell(before.summary)}"
    if note:
        yield f"    - Link note: {_cell(note)}"
    for dispute in event.disputed_by:
        yield f"    - Disputed by {dispute.party}" + (f": {_cell(dispute.note)}" if dispute.note else "")
    for difference in event.discrepancies:
        claims = "; ".join(_cell(c.value) for c in difference.claims)
        yield f"    - Sources differ on {_cell(difference.about)}: {claims}"
    for citation in event.sources:
        yield f"    - {_source_line(sources[citation.source])}{_quote(citation)}"


def _status_table(tracker: object, agreement_ids: list[str]) -> Iterator[str]:
    reports = {day: tracker.status_on(day) for day in DATES}  # type: ignore[attr-defined]
    yield "| obligation | " + " | ".join(DATES) + " |"
    yield "|---|" + "---|" * len(DATES)
    for oid in agreement_ids:
        yield f"| [`{oid}`](#{_anchor(oid)}) | " + " | ".join(str(reports[d][oid].status) for d in DATES) + " |"


def _anchor(obligation_id: str) -> str:
    return "ob-" + obligation_id.replace(".", "-")


def _fate(tracker: object, obligation_id: str) -> str:
    """The obligation's statuses over the covered years, step by step.

    Each step is a status, with the deadline then in force while one is
    awaited, and the day of its first instant in the agreement's zone (a
    step that begins after a deadline's last instant begins the next day);
    where two steps begin on one day, the time of each is given too, so
    that no two steps read as starting at once.
    """
    line = tracker.timeline(START, END)  # type: ignore[attr-defined]
    zone = tracker.agreement.zone  # type: ignore[attr-defined]
    steps = [i for i in line.intervals if i.obligation_id == obligation_id]
    firsts = [in_zone(i.start if i.start_inclusive else later(i.start, dt.timedelta(microseconds=1)), zone) for i in steps]  # each step's first instant
    days = [first.date() for first in firsts]
    parts = []
    for step, first in zip(steps, firsts):
        if days.count(first.date()) == 1:
            when = f"{first.date()}"
        elif first.microsecond:  # it follows an exact instant, such as a one-moment breach: no clock time names its first instant
            when = f"just after {first:%Y-%m-%d %H:%M}"
        else:
            when = f"{first:%Y-%m-%d %H:%M}"
        awaited = step.deadline is not None and step.status in ("pending", "in progress", "overdue", "uncertain")
        what = f"{step.status} (deadline {display.deadline(step.deadline, zone, LOCAL)})" if awaited else step.status
        parts.append(f"{what} from {when}")
    return "; ".join(parts) + f" (days in {zone})" if parts else "no status in the covered years"


def _coverage(log: EventLog) -> Iterator[str]:
    for cover in log.covers:
        window = f"from {local_date(cover.start, LOCAL)} to {local_date(cover.end, LOCAL)} ({LOCAL})"
        which = ", ".join(f"`{o}`" for o in (cover.obligations or [])) or "every obligation"
        yield f"- {window}, for {which}." + (f" {_cell(cover.note)}" if cover.note else "")


def render() -> str:
    """The whole page, from the library's bundled data and its answers."""
    agreement = bundled.agreement()
    record, seeds = bundled.record(), bundled.seed_events()
    tracker = bundled.tracker()
    sources = {s.id: s for s in (*agreement.sources, *seeds.sources, *record.sources)}
    logs = (("record", record), ("seeds", seeds))
    ids = [o.id for p in agreement.points for o in p.obligations] + [o.id for a in agreement.amendments for o in a.obligations]
    out = [
        "# The statement on the record",
        "",
        "<!-- Generated by scripts/make_record_page.py from the bundled data; do not edit by hand. -->",
        "",
        "`ceasefire` ships a second event log beside the five seed articles: the *record* of the 2020",
        "trilateral statement's life, from the handovers of November 2020 to the end of the peacekeeping",
        f"mission in 2024 and the Washington documents of August 2025 ({len(_latest(record))} events, "
        f"{sum(len(r) > 1 for r in _latest(record).values())} of them recorded as first reported and again once a later report added to them;",
        f"{len(record.sources)} sources, each read on the date shown in `record.yaml`). `ceasefire status DATE`",
        "and `ceasefire.status_on(DATE)` answer from the statement, the seeds and the record together;",
        "`ceasefire --seeds-only status DATE` and `status_on(DATE, record=False)` answer from the seeds alone.",
        "",
        "What the record covers:",
        "",
        *_coverage(record),
        "",
        "Every event below quotes its sources; the choices behind the links (what counts as a handover,",
        "which dates, which disputes are kept) are set out in [Design decisions](decisions.md).",
        "",
        "## Where each obligation stood",
        "",
        "Each cell is the library's answer for that day (its end, Moscow time, for a deadline), on all the bundled",
        "evidence. `holding` means a standing duty was breached earlier but no breach is going on; `unmonitored`",
        "means the bundled evidence does not reach that far.",
        "",
        *_status_table(tracker, ids),
        "",
        "## The timeline, 2020-2025",
        "",
        "![Status of every obligation from 10 November 2020 to 30 August 2025](img/record-timeline.png)",
        "",
        "## Clause by clause",
        "",
    ]
    points = {p.number: p for p in agreement.points}
    for number in sorted(points):
        point = points[number]
        out += [f"### Point {number}", "", _cell(point.summary), ""]
        added = [o for a in agreement.amendments if a.point == number for o in a.obligations]
        for obligation in [*point.obligations, *added]:
            out += [
                f'<a id="{_anchor(obligation.id)}"></a>',
                "",
                f"#### `{obligation.id}` ({obligation.kind}; owed by {', '.join(obligation.bearers)})",
                "",
                _cell(obligation.summary),
                "",
                f"Its course: {_fate(tracker, obligation.id)}.",
                "",
            ]
            found = _events_for(obligation.id, logs)
            out += [line for item in found for line in _event_block(*item, sources)] or ["No reported event is linked to it."]
            out.append("")
    out += ["## Sources of the record", ""]
    out += [f"- `{s.id}`: {_source_line(s)}" + (f"; read {s.read}" if s.read else "") for s in record.sources]
    return "\n".join(out).rstrip("\n") + "\n"


def draw_chart() -> Path:
    """Redraw the page's timeline chart (needs the `charts` extra)."""
    from ceasefire.render.chart import save_chart

    CHART.parent.mkdir(parents=True, exist_ok=True)
    return save_chart(bundled.tracker(), CHART, START, END)


def main() -> None:
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    if "--chart" in sys.argv[1:]:
        print(f"wrote {draw_chart().relative_to(ROOT)}")


if __name__ == "__main__":
    main()
