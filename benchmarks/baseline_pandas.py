"""The benchmark questions as a fluent pandas user would write them.

Rows that cannot change a plain status (progress reports, ``advances``,
about 99% of the feed) are dropped before any instant is parsed; obligation
ids are categorical; instants are pandas datetimes in UTC; the questions use
group-by, shift, merge and a vertical concat. No ceasefire code is used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

NAME = "pandas"
LONG_AGO = pd.Timestamp("1900-01-01", tz="UTC")
ONE_MICROSECOND = pd.Timedelta(microseconds=1)


def _instant(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column, format="ISO8601", utc=True)


def load(folder: Path, fmt: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Obligations and events read from the files, instants parsed."""
    if fmt == "csv":
        obligations = pd.read_csv(folder / "obligations.csv", dtype=str)
        events = pd.read_csv(folder / "events.csv", dtype=str)
    else:
        obligations = pd.read_json(folder / "obligations.ndjson", lines=True, dtype=False)
        events = pd.read_json(folder / "events.ndjson", lines=True, dtype=False)
    events["row"] = np.arange(len(events))
    events = events[events["kind"] != "advances"].reset_index(drop=True)
    ids = pd.CategoricalDtype(obligations["obligation"])
    obligations["obligation"] = obligations["obligation"].astype(ids)
    events["obligation"] = events["obligation"].astype(ids)
    obligations["deadline"] = _instant(obligations["deadline"])
    for name in ("at", "reported", "new_deadline"):
        events[name] = _instant(events[name])
    return obligations, events


def _decisions(events: pd.DataFrame) -> pd.DataFrame:
    """Per obligation: the first fulfilment or breach, and whether a fulfilment is among the first."""
    decisive = events[events["kind"].isin(["fulfils", "breaches"])]
    first = decisive[decisive["at"] == decisive.groupby("obligation", observed=True)["at"].transform("min")]
    first = first.assign(fulfilled=first["kind"] == "fulfils")
    return first.groupby("obligation", as_index=False, observed=True).agg(decided=("at", "min"), fulfilled=("fulfilled", "any"))


def _status(t: pd.Series, frame: pd.DataFrame) -> np.ndarray:
    decided = frame["decided"].notna() & (t >= frame["decided"])
    fulfilled = frame["fulfilled"].fillna(False).astype(bool)
    return np.select(
        [decided & fulfilled, decided, t > frame["deadline"]],
        ["fulfilled", "breached", "overdue"],
        default="pending",
    )


def status_at(data: tuple[pd.DataFrame, pd.DataFrame], t: dt.datetime) -> pd.DataFrame:
    """Every obligation's status at ``t``, recomputed from the events."""
    obligations, events = data
    seen = events[events["at"] <= t]
    moves = seen[seen["kind"] == "move-deadline"].sort_values(["at", "reported", "row"])
    moved = moves.groupby("obligation", as_index=False, observed=True)["new_deadline"].last()
    frame = obligations.merge(moved, on="obligation", how="left").merge(_decisions(seen), on="obligation", how="left")
    frame["deadline"] = frame["new_deadline"].fillna(frame["deadline"])
    when = pd.Timestamp(t)
    return pd.DataFrame({"obligation": frame["obligation"], "status": _status(pd.Series(when, index=frame.index), frame)}).sort_values("obligation")


def timeline(data: tuple[pd.DataFrame, pd.DataFrame], cutoff: dt.datetime | None = None) -> pd.DataFrame:
    """Every status change of every obligation, with only events reported by ``cutoff`` if given."""
    obligations, events = data
    if cutoff is not None:
        events = events[events["reported"] <= cutoff]
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
    changes = pd.DataFrame({"obligation": candidates["obligation"], "at": candidates["t"], "status": _status(candidates["t"], candidates)})
    changes = changes.sort_values(["obligation", "at"], kind="stable")
    previous = changes.groupby("obligation", observed=True)["status"].shift(1).fillna("pending")
    return changes[changes["status"] != previous].reset_index(drop=True)
