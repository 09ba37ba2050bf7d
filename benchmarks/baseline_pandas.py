"""The benchmark questions as a fluent pandas user would write them.

Rows that cannot change a plain status (progress reports, ``advances``,
most of the feed) are dropped before any instant is parsed, and each event
row gets its obligation's kind (``okind``) by one mapping; obligation ids
are categorical; instants are pandas datetimes in UTC; each obligation kind
is answered with group-by, shift and merge, and the answers are stacked
with a vertical concat. The rules are those listed in
:mod:`baseline_polars`. No ceasefire code is used.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

NAME = "pandas"
LONG_AGO = pd.Timestamp("1900-01-01", tz="UTC")
ONE_MICROSECOND = pd.Timedelta(microseconds=1)
OBLIGATION_FIELDS = ("obligation", "kind", "deadline", "start", "period", "renewal", "notice")

Data = tuple[pd.DataFrame, pd.DataFrame]


def _instant(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column, format="ISO8601", utc=True)


def load(folder: Path, fmt: str) -> Data:
    """Obligations and the events that can change a plain status, read from the files, instants parsed."""
    if fmt == "csv":
        obligations = pd.read_csv(folder / "obligations.csv", dtype=str)
        events = pd.read_csv(folder / "events.csv", dtype=str)
    else:
        obligations = pd.read_json(folder / "obligations.ndjson", lines=True, dtype=False)
        events = pd.read_json(folder / "events.ndjson", lines=True, dtype=False)
    obligations = obligations.reindex(columns=list(OBLIGATION_FIELDS))
    obligations["kind"] = obligations["kind"].fillna("deadline")
    events["row"] = np.arange(len(events))
    events = events[events["kind"] != "advances"].reset_index(drop=True)
    ids = pd.CategoricalDtype(obligations["obligation"])
    obligations["obligation"] = obligations["obligation"].astype(ids)
    events["obligation"] = events["obligation"].astype(ids)
    events["okind"] = events["obligation"].map(dict(zip(obligations["obligation"], obligations["kind"]))).astype(str)
    for name in ("deadline", "start"):
        obligations[name] = _instant(obligations[name])
    for name in ("at", "reported", "new_deadline"):
        events[name] = _instant(events[name])
    return obligations, events


def _of(frame: pd.DataFrame, kind: str, column: str = "okind") -> pd.DataFrame:
    return frame[frame[column] == kind]


# deadline obligations


def _decisions(events: pd.DataFrame) -> pd.DataFrame:
    """Per obligation: the first fulfilment or breach, and whether a fulfilment is among the first."""
    decisive = events[events["kind"].isin(["fulfils", "breaches"])]
    first = decisive[decisive["at"] == decisive.groupby("obligation", observed=True)["at"].transform("min")]
    first = first.assign(fulfilled=first["kind"] == "fulfils")
    return first.groupby("obligation", as_index=False, observed=True).agg(decided=("at", "min"), fulfilled=("fulfilled", "any"))


def _deadline_status(t: pd.Series, frame: pd.DataFrame) -> np.ndarray:
    decided = frame["decided"].notna() & (t >= frame["decided"])
    fulfilled = frame["fulfilled"].fillna(False).astype(bool)
    return np.select(
        [decided & fulfilled, decided, t > frame["deadline"]],
        ["fulfilled", "breached", "overdue"],
        default="pending",
    )


def _deadline_at(obligations: pd.DataFrame, seen: pd.DataFrame, t: dt.datetime) -> pd.DataFrame:
    moves = seen[seen["kind"] == "move-deadline"].sort_values(["at", "reported", "row"])
    moved = moves.groupby("obligation", as_index=False, observed=True)["new_deadline"].last()
    frame = obligations.merge(moved, on="obligation", how="left").merge(_decisions(seen), on="obligation", how="left")
    frame["deadline"] = frame["new_deadline"].fillna(frame["deadline"])
    when = pd.Timestamp(t)
    return pd.DataFrame({"obligation": frame["obligation"], "status": _deadline_status(pd.Series(when, index=frame.index), frame)})


def _deadline_timeline(obligations: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    original = obligations.assign(start=LONG_AGO, reported=LONG_AGO, row=-1)[["obligation", "start", "deadline", "reported", "row"]]
    moves = events.loc[events["kind"] == "move-deadline", ["obligation", "at", "new_deadline", "reported", "row"]]
    moves = moves.rename(columns={"at": "start", "new_deadline": "deadline"})
    segments = pd.concat([original, moves]).sort_values(["obligation", "start", "reported", "row"])
    segments["end"] = segments.groupby("obligation", observed=True)["start"].shift(-1)
    segments = segments[segments["end"].isna() | (segments["end"] > segments["start"])]
    segments = segments.merge(_decisions(events), on="obligation", how="left")
    candidates = pd.concat(
        [segments.assign(t=segments["start"]), segments.assign(t=segments["deadline"] + ONE_MICROSECOND), segments.assign(t=segments["decided"])]
    )
    inside = candidates["t"].notna() & (candidates["t"] >= candidates["start"]) & (candidates["end"].isna() | (candidates["t"] < candidates["end"]))
    candidates = candidates[inside]
    changes = pd.DataFrame({"obligation": candidates["obligation"], "at": candidates["t"], "status": _deadline_status(candidates["t"], candidates)})
    changes = changes.sort_values(["obligation", "at"], kind="stable")
    previous = changes.groupby("obligation", observed=True)["status"].shift(1).fillna("pending")
    return changes[changes["status"] != previous]


# standing obligations


def _standing_at(obligations: pd.DataFrame, seen: pd.DataFrame, t: dt.datetime) -> pd.DataFrame:
    breaches = seen[seen["kind"] == "breaches"]
    now = (breaches["at"] == pd.Timestamp(t)).groupby(breaches["obligation"], observed=True).any()
    found = obligations["obligation"].map(now)
    status = np.select([found.eq(True), found.notna()], ["breached", "holding"], default="complied")
    return pd.DataFrame({"obligation": obligations["obligation"], "status": status})


def _standing_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """Breached at each breach (unless one a microsecond before already made it so), holding a microsecond after (unless another breach is then)."""
    breaches = events.loc[events["kind"] == "breaches", ["obligation", "at"]].drop_duplicates()
    after = breaches.assign(at=breaches["at"] + ONE_MICROSECOND)
    keys = pd.MultiIndex.from_frame(breaches)
    later = pd.MultiIndex.from_frame(after)
    breached = breaches[~keys.isin(later)].assign(status="breached")
    holding = after[~later.isin(keys)].assign(status="holding")
    return pd.concat([breached, holding])


# progress obligations


def _firsts(events: pd.DataFrame) -> pd.DataFrame:
    """Per obligation: its first completion and its first breach."""
    marked = events.assign(done=events["at"].where(events["kind"] == "fulfils"), broken=events["at"].where(events["kind"] == "breaches"))
    return marked.groupby("obligation", as_index=False, observed=True)[["done", "broken"]].min()


def _progress_at(obligations: pd.DataFrame, seen: pd.DataFrame) -> pd.DataFrame:
    firsts = obligations[["obligation"]].merge(_firsts(seen), on="obligation", how="left")
    status = np.select([firsts["done"].notna(), firsts["broken"].notna()], ["fulfilled", "breached"], default="pending")
    return pd.DataFrame({"obligation": firsts["obligation"], "status": status})


def _progress_timeline(events: pd.DataFrame) -> pd.DataFrame:
    firsts = _firsts(events)
    broken = firsts[firsts["broken"].notna() & (firsts["done"].isna() | (firsts["broken"] < firsts["done"]))]
    done = firsts[firsts["done"].notna()]
    return pd.concat(
        [
            pd.DataFrame({"obligation": broken["obligation"], "at": broken["broken"], "status": "breached"}),
            pd.DataFrame({"obligation": done["obligation"], "at": done["done"], "status": "fulfilled"}),
        ]
    )


# term obligations

MONTHS = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?$")
DAYS = re.compile(r"^P(\d+)D$")
"""The ISO 8601 spans the feed uses: periods and renewals in years and months, notices in days."""


def _span(text: object, pattern: re.Pattern[str]) -> tuple[int, ...]:
    if not isinstance(text, str):
        return ()
    found = pattern.match(text)
    if found is None:
        raise ValueError(f"a term span this query does not read: {text!r}; expected periods and renewals in years and months (e.g. 'P6M'), notices in days (e.g. 'P30D')")
    return tuple(int(g or 0) for g in found.groups())


def _term_ends(obligations: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """When each term obligation that ends has ended: its one period run out, or the period the first notice takes effect in.

    Calendar months are not a fixed length, so the periods are counted with
    ``DateOffset`` in a loop over the term obligations (a few dozen), never
    over events.
    """
    given = events[events["kind"] == "notice"].groupby("obligation", observed=True)["at"].min()
    ended = {}
    for obligation, start, period, renewal, notice in obligations[["obligation", "start", "period", "renewal", "notice"]].itertuples(index=False):
        years, months = _span(period, MONTHS)
        again = _span(renewal, MONTHS)
        each = again[0] * 12 + again[1] if again else 0
        first = years * 12 + months

        def end(i: int, start: pd.Timestamp = start, first: int = first, each: int = each) -> pd.Timestamp:
            return start + pd.DateOffset(months=first + i * each)

        if not each:
            ended[obligation] = end(0)
        elif obligation in given.index:
            notice_at = given[obligation]
            i = 0
            while end(i) <= notice_at:
                i += 1
            days = _span(notice, DAYS)
            ended[obligation] = end(i) if notice_at <= end(i) - pd.Timedelta(days=days[0] if days else 0) else end(i + 1)
    return pd.Series(ended, dtype="datetime64[us, UTC]")


def _term_at(obligations: pd.DataFrame, seen: pd.DataFrame, t: dt.datetime) -> pd.DataFrame:
    ended = _term_ends(obligations, seen).reindex(obligations["obligation"].astype(str)).to_numpy()
    when = pd.Timestamp(t)
    status = np.select([(obligations["start"] > when).to_numpy(), ended <= when], ["not yet in force", "ended"], default="in force")
    return pd.DataFrame({"obligation": obligations["obligation"], "status": status})


def _term_timeline(obligations: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    ended = _term_ends(obligations, events)
    return pd.concat(
        [
            pd.DataFrame({"obligation": obligations["obligation"], "at": obligations["start"], "status": "in force"}),
            pd.DataFrame({"obligation": pd.Categorical(ended.index, dtype=obligations["obligation"].dtype), "at": ended.array, "status": "ended"}),
        ]
    )


# the questions


def status_at(data: Data, t: dt.datetime) -> pd.DataFrame:
    """Every obligation's status at ``t``, recomputed from the events (each kind's part only for the kinds the obligations file holds)."""
    obligations, events = data
    seen = events[events["at"] <= t]
    parts = {
        "deadline": lambda: _deadline_at(_of(obligations, "deadline", "kind"), _of(seen, "deadline"), t),
        "standing": lambda: _standing_at(_of(obligations, "standing", "kind"), _of(seen, "standing"), t),
        "progress": lambda: _progress_at(_of(obligations, "progress", "kind"), _of(seen, "progress")),
        "term": lambda: _term_at(_of(obligations, "term", "kind"), _of(seen, "term"), t),
    }
    kinds = set(obligations["kind"].unique())
    return pd.concat([part() for kind, part in parts.items() if kind in kinds]).sort_values("obligation")


def timeline(data: Data, cutoff: dt.datetime | None = None) -> pd.DataFrame:
    """Every status change of every obligation, with only events reported by ``cutoff`` if given."""
    obligations, events = data
    if cutoff is not None:
        events = events[events["reported"] <= cutoff]
    parts = {
        "deadline": lambda: _deadline_timeline(_of(obligations, "deadline", "kind"), _of(events, "deadline")),
        "standing": lambda: _standing_timeline(_of(events, "standing")),
        "progress": lambda: _progress_timeline(_of(events, "progress")),
        "term": lambda: _term_timeline(_of(obligations, "term", "kind"), _of(events, "term")),
    }
    kinds = set(obligations["kind"].unique())
    found = [part() for kind, part in parts.items() if kind in kinds]
    return pd.concat([p for p in found if len(p)]).reset_index(drop=True)
