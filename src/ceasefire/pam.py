"""Yearly implementation scores in the manner of the Peace Accords Matrix (PAM): 0 to 3 per obligation and per point.

PAM scores each provision of an accord once a year: 0 not begun, 1 minimal, 2
intermediate, 3 full. ceasefire derives such a score from the statuses it
already computes, by one fixed rule, so that anyone can re-derive a number
from the evidence behind it:

* the status is taken at the last instant of each calendar year, in the
  agreement's reference zone (or at ``until`` in its last year), as known on
  that instant unless a later ``known_on`` is given;
* **deadline and progress obligations**: 3 when fulfilled (on time, late, or
  by an event dated too loosely to tell which, status "uncertain");
  2 when in progress and some target quantity is at least half reached;
  1 when in progress, or when any event has advanced it; 0 otherwise
  (pending, overdue, uncertain or suspended with nothing done);
* **standing obligations**: 3 when complied with and never breached; 2 when
  holding at the year's end after an earlier breach (in that year or before);
  1 when breached at the year's end;
* obligations not yet in force, ended, unmonitored (no loaded evidence watches
  them at the year's end) and terms (a period, not something to do) get no
  score for that year;
* a **point** scores the lowest of its scored obligations: a clause is only as
  implemented as its least implemented part;
* **breaches** are counted in their own column: the breach events that
  occurred (their earliest possible instant) in that year; for a point, each
  event once, however many of its obligations it breached.

How this differs from PAM: PAM's coders read the record of a whole year and
judge; here the score is the state at the year's end plus the year's breaches,
and depends only on the events loaded. PAM scores provisions of its own
typology (51 kinds); here the unit is the agreement's own obligation. PAM has
no separate breach column: a violated ceasefire provision lowers its score.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import attrs

from .engine import Tracker, When
from .results import ObligationStatus, Status
from .time import end_of_day, moment

COLUMNS = ("year", "point", "obligation", "kind", "status", "score", "breaches", "breach_events", "evidence")


@attrs.frozen
class PamRow:
    """One obligation (or, with ``obligation`` empty, one point) in one year."""

    year: int
    point: int
    obligation: str
    kind: str
    status: str
    score: int | None
    breaches: int
    breach_events: str
    evidence: str

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def obligation_score(item: ObligationStatus, breaches_in_year: int) -> int | None:
    """The 0-3 score of one obligation's status at the year's end, by the rule in the module text."""
    status = item.status
    if status in (Status.NOT_YET_IN_FORCE, Status.ENDED, Status.UNMONITORED) or item.kind == "term":
        return None
    if item.kind == "standing":
        if status == Status.BREACHED:
            return 1
        if status == Status.HOLDING:
            return 2
        if status == Status.COMPLIED:
            return 2 if breaches_in_year else 3
        return 0 if status in (Status.PENDING, Status.UNCERTAIN, Status.SUSPENDED) else 1
    if status in (Status.FULFILLED, Status.FULFILLED_LATE) or (status == Status.UNCERTAIN and any(e.role == "fulfils" for e in item.evidence)):
        return 3
    if status == Status.IN_PROGRESS:
        half = any(q.target and q.value >= q.target / 2 for q in item.quantities)
        return 2 if half else 1
    advanced = any(e.role in ("advances", "fulfils") for e in item.evidence)
    return 1 if advanced else 0


def pam_scores(tracker: Tracker, until: When, *, since: int | None = None, known_on: When | None = None, hindsight: bool = False) -> list[PamRow]:
    """A row per obligation and per point for each year from the agreement's effective year (or ``since``) to ``until``.

    Each year is scored as known at its end, or as known on ``known_on``; with
    ``hindsight`` (and no ``known_on``) on all the evidence loaded, as the
    HTML report's status table is.
    """
    agreement = tracker.agreement
    end = moment(until, agreement.zone, where="until")
    first = since if since is not None else agreement.effective.year
    rows: list[PamRow] = []
    for year in range(first, end.year + 1):
        at = min(end, end_of_day(dt.date(year, 12, 31), agreement.zone))
        report = tracker.status_on(at, known_on=known_on if known_on is not None or hindsight else at)
        for point in report.points:
            scored: list[int] = []
            point_breaches: list[str] = []
            for item in point.obligations:
                in_year = [b.event_id for b in item.breaches if b.occurred.earliest.astimezone(at.tzinfo).year == year]
                score = obligation_score(item, len(in_year))
                if score is not None:
                    scored.append(score)
                point_breaches += in_year
                rows.append(
                    PamRow(
                        year=year,
                        point=point.number,
                        obligation=item.obligation_id,
                        kind=item.kind,
                        status=str(item.status),
                        score=score,
                        breaches=len(in_year),
                        breach_events=" ".join(in_year),
                        evidence=" ".join(e.event_id for e in item.evidence),
                    )
                )
            point_breaches = list(dict.fromkeys(point_breaches))  # one event breaching two obligations of the point is one breach of it
            rows.append(
                PamRow(year, point.number, "", "point", str(point.status), min(scored) if scored else None, len(point_breaches), " ".join(point_breaches), "")
            )
    return rows


def pam_csv(rows: list[PamRow]) -> str:
    """The rows as CSV text, with a header; a year without a score has an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in (getattr(row, c) for c in COLUMNS)])
    return out.getvalue()


def write_pam_csv(path: str | Path, rows: list[PamRow]) -> Path:
    """Write :func:`pam_csv` to ``path`` through a temporary file."""
    out = Path(path)
    tmp = out.with_name(out.name + ".partial")
    tmp.write_text(pam_csv(rows), encoding="utf-8")
    tmp.replace(out)
    return out


def pam_dataframe(rows: list[PamRow]) -> Any:
    """The rows as a pandas DataFrame (needs the ``pandas`` extra); ``score`` is a nullable integer."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    frame = pd.DataFrame([r.as_dict() for r in rows], columns=list(COLUMNS))
    frame["score"] = frame["score"].astype("Int64")
    return frame
