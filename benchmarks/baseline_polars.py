"""The benchmark questions as a fluent polars user would write them.

Written the way someone who knows polars would: the files are scanned
lazily and the rows that cannot change a plain status (progress reports,
``advances``, most of the feed) are dropped before any instant is parsed;
obligation ids and kinds are ``Enum`` columns; instants are polars datetimes
(microseconds, UTC); each obligation kind is answered by its own few
expressions and the answers are stacked with a vertical concat (as are the
candidate instants of each deadline segment, rather than a ``concat_list``
over time-zone-aware datetimes). No ceasefire code is used.

The rules, per obligation kind, in the plain vocabulary:

- deadline: fulfilled or breached from its first fulfilment or breach (both
  at one instant: fulfilled), else overdue from one microsecond after the
  deadline in force (the latest move at or before the instant; of moves at
  one instant, the last reported, then the last row), else pending;
- standing: breached at the instant of a breach, holding after one,
  complied before any;
- progress: fulfilled from its first completion (whatever came before),
  else breached from its first breach, else pending;
- term: not yet in force before its start, then in force, ended when its
  period runs out (if it does not renew) or at the end of the period the
  first notice takes effect in (notice by the period's notice date ends
  that period, later notice the next one); periods are counted in calendar
  months from the start, in one step (so anniversaries do not drift).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

NAME = "polars"
FORMAT = "%Y-%m-%dT%H:%M:%S%.f%z"
TIME = pl.Datetime("us", "UTC")
LONG_AGO = dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc)
ONE_MICROSECOND = pl.duration(microseconds=1)
KIND = pl.Enum(["advances", "move-deadline", "fulfils", "breaches", "notice"])
OBLIGATION_KIND = pl.Enum(["deadline", "standing", "progress", "term"])
OBLIGATION_FIELDS = ("obligation", "kind", "deadline", "start", "period", "renewal", "notice")
EVENT_SCHEMA = {"obligation": pl.String, "at": pl.String, "kind": pl.String, "reported": pl.String, "new_deadline": pl.String}

Data = tuple[pl.DataFrame, pl.DataFrame]


def _instant(name: str) -> pl.Expr:
    return pl.col(name).str.to_datetime(FORMAT, time_unit="us", time_zone="UTC")


def load(folder: Path, fmt: str) -> Data:
    """Obligations, and the events that can change a plain status, read from the files with instants parsed.

    Each event row carries its obligation's kind (``okind``), joined on once
    here, so that every question can pick its kind's rows with one filter.
    """
    if fmt == "csv":
        obligations = pl.read_csv(folder / "obligations.csv", infer_schema=False)
        scan = pl.scan_csv(folder / "events.csv", schema=EVENT_SCHEMA)
    else:
        obligations = pl.read_ndjson(folder / "obligations.ndjson", schema=dict.fromkeys(OBLIGATION_FIELDS, pl.String))
        scan = pl.scan_ndjson(folder / "events.ndjson", schema=EVENT_SCHEMA)
    obligations = obligations.with_columns(pl.lit(None, pl.String).alias(name) for name in OBLIGATION_FIELDS if name not in obligations.columns)
    ids = pl.Enum(obligations["obligation"])
    obligations = obligations.with_columns(
        pl.col("obligation").cast(ids), pl.col("kind").fill_null("deadline").cast(OBLIGATION_KIND), _instant("deadline"), _instant("start")
    )
    events = (
        scan.with_row_index("row")
        .filter(pl.col("kind") != "advances")
        .with_columns(pl.col("obligation").cast(ids), pl.col("kind").cast(KIND), _instant("at"), _instant("reported"), _instant("new_deadline"))
        .join(obligations.lazy().select("obligation", okind="kind"), on="obligation", how="left")
        .collect()
    )
    return obligations, events


def _of(frame: pl.DataFrame, kind: str, column: str = "okind") -> pl.DataFrame:
    return frame.filter(pl.col(column) == kind)


# deadline obligations


def _decisions(events: pl.DataFrame) -> pl.DataFrame:
    """Per obligation: the first fulfilment or breach, and whether a fulfilment is among the first."""
    return (
        events.filter(pl.col("kind").is_in(["fulfils", "breaches"]))
        .group_by("obligation")
        .agg(
            decided=pl.col("at").min(),
            fulfilled=((pl.col("kind") == "fulfils") & (pl.col("at") == pl.col("at").min())).any(),
        )
    )


def _deadline_status(t: pl.Expr) -> pl.Expr:
    decided = pl.col("decided").is_not_null() & (t >= pl.col("decided"))
    return (
        pl.when(decided & pl.col("fulfilled")).then(pl.lit("fulfilled"))
        .when(decided).then(pl.lit("breached"))
        .when(t > pl.col("deadline")).then(pl.lit("overdue"))
        .otherwise(pl.lit("pending"))
    )


def _deadline_at(obligations: pl.DataFrame, seen: pl.DataFrame, t: dt.datetime) -> pl.DataFrame:
    moved = (
        seen.filter(pl.col("kind") == "move-deadline")
        .sort("at", "reported", "row")
        .group_by("obligation")
        .agg(moved_to=pl.col("new_deadline").last())
    )
    return (
        obligations.join(moved, on="obligation", how="left")
        .join(_decisions(seen), on="obligation", how="left")
        .with_columns(deadline=pl.coalesce("moved_to", "deadline"))
        .select("obligation", status=_deadline_status(pl.lit(t, dtype=TIME)))
    )


def _deadline_timeline(obligations: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    original = obligations.select(
        "obligation", start=pl.lit(LONG_AGO, dtype=TIME), deadline="deadline",
        reported=pl.lit(LONG_AGO, dtype=TIME), row=pl.lit(-1, dtype=pl.Int64),
    )
    moves = events.filter(pl.col("kind") == "move-deadline").select(
        "obligation", start="at", deadline="new_deadline", reported="reported", row=pl.col("row").cast(pl.Int64)
    )
    segments = (
        pl.concat([original, moves])
        .sort("obligation", "start", "reported", "row")
        .with_columns(end=pl.col("start").shift(-1).over("obligation"))
        .filter(pl.col("end").is_null() | (pl.col("end") > pl.col("start")))
        .join(_decisions(events), on="obligation", how="left")
        .select("obligation", "start", "end", "deadline", "decided", "fulfilled")
    )
    candidates = pl.concat(
        [
            segments.with_columns(at=pl.col("start")),
            segments.with_columns(at=pl.col("deadline") + ONE_MICROSECOND),
            segments.filter(pl.col("decided").is_not_null()).with_columns(at=pl.col("decided")),
        ]
    )
    changes = (
        candidates.filter((pl.col("at") >= pl.col("start")) & (pl.col("end").is_null() | (pl.col("at") < pl.col("end"))))
        .select("obligation", "at", status=_deadline_status(pl.col("at")))
        .sort("obligation", "at")
    )
    previous = pl.col("status").shift(1).over("obligation").fill_null("pending")
    return changes.filter(pl.col("status") != previous)


# standing obligations


def _standing_at(obligations: pl.DataFrame, seen: pl.DataFrame, t: dt.datetime) -> pl.DataFrame:
    breaches = seen.filter(pl.col("kind") == "breaches").group_by("obligation").agg(now=(pl.col("at") == t).any())
    return obligations.join(breaches, on="obligation", how="left").select(
        "obligation",
        status=pl.when(pl.col("now")).then(pl.lit("breached")).when(pl.col("now").is_not_null()).then(pl.lit("holding")).otherwise(pl.lit("complied")),
    )


def _standing_timeline(events: pl.DataFrame) -> pl.DataFrame:
    """Breached at each breach (unless one a microsecond before already made it so), holding a microsecond after (unless another breach is then)."""
    breaches = events.filter(pl.col("kind") == "breaches").select("obligation", "at").unique()
    after = breaches.with_columns(pl.col("at") + ONE_MICROSECOND)
    breached = breaches.join(after, on=["obligation", "at"], how="anti").with_columns(status=pl.lit("breached"))
    holding = after.join(breaches, on=["obligation", "at"], how="anti").with_columns(status=pl.lit("holding"))
    return pl.concat([breached, holding])


# progress obligations


def _firsts(events: pl.DataFrame) -> pl.DataFrame:
    """Per obligation: its first completion and its first breach."""
    return events.group_by("obligation").agg(
        done=pl.col("at").filter(pl.col("kind") == "fulfils").min(),
        broken=pl.col("at").filter(pl.col("kind") == "breaches").min(),
    )


def _progress_at(obligations: pl.DataFrame, seen: pl.DataFrame) -> pl.DataFrame:
    return obligations.join(_firsts(seen), on="obligation", how="left").select(
        "obligation",
        status=pl.when(pl.col("done").is_not_null()).then(pl.lit("fulfilled")).when(pl.col("broken").is_not_null()).then(pl.lit("breached")).otherwise(pl.lit("pending")),
    )


def _progress_timeline(events: pl.DataFrame) -> pl.DataFrame:
    firsts = _firsts(events)
    broken = firsts.filter(pl.col("broken").is_not_null() & (pl.col("done").is_null() | (pl.col("broken") < pl.col("done"))))
    return pl.concat(
        [
            broken.select("obligation", at="broken", status=pl.lit("breached")),
            firsts.filter(pl.col("done").is_not_null()).select("obligation", at="done", status=pl.lit("fulfilled")),
        ]
    )


# term obligations

MONTHS = r"^P(?:(\d+)Y)?(?:(\d+)M)?$"
DAYS = r"^P(\d+)D$"
"""The ISO 8601 spans the feed uses: periods and renewals in years and months, notices in days."""


def _months(name: str) -> pl.Expr:
    """A span of years and months, as months; null where there is none."""
    part = [pl.col(name).str.extract(MONTHS, k).cast(pl.Int64).fill_null(0) for k in (1, 2)]
    return pl.when(pl.col(name).is_not_null()).then(part[0] * 12 + part[1])


def _after_start(months: pl.Expr) -> pl.Expr:
    """The term's start plus ``months`` calendar months, counted in one step (so anniversaries do not drift)."""
    return pl.col("start").dt.offset_by(pl.format("{}mo", months))


def _term_ends(obligations: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """When each term obligation that ends has ended: its one period run out, or the period the first notice takes effect in."""
    pattern = {"period": MONTHS, "renewal": MONTHS, "notice": DAYS}
    bad = obligations.filter(pl.any_horizontal(pl.col(c).is_not_null() & ~pl.col(c).str.contains(p) for c, p in pattern.items()))
    if bad.height:
        raise ValueError(f"term spans this query does not read: {bad.row(0)}; expected periods and renewals in years and months (e.g. 'P6M'), notices in days (e.g. 'P30D')")
    terms = obligations.select(
        "obligation", "start", p=_months("period"), r=_months("renewal"), n=pl.duration(days=pl.col("notice").str.extract(DAYS, 1).cast(pl.Int64).fill_null(0))
    )
    natural = terms.filter(pl.col("r").fill_null(0) == 0).select("obligation", ended=_after_start(pl.col("p")))
    given = events.filter(pl.col("kind") == "notice").group_by("obligation").agg(given=pl.col("at").min())
    held = (
        terms.filter(pl.col("r") > 0)
        .join(given, on="obligation")
        .with_columns(i=pl.int_ranges(0, ((pl.col("given") - pl.col("start")).dt.total_days() // (28 * pl.col("r"))).clip(0) + 2))
        .explode("i")
        .with_columns(end=_after_start(pl.col("p") + pl.col("i") * pl.col("r")))
        .filter(pl.col("end") > pl.col("given"))
        .sort("obligation", "i")
        .group_by("obligation")
        .first()
    )
    by_notice = held.select(
        "obligation",
        ended=pl.when(pl.col("given") <= pl.col("end") - pl.col("n")).then(pl.col("end")).otherwise(_after_start(pl.col("p") + (pl.col("i") + 1) * pl.col("r"))),
    )
    return pl.concat([natural, by_notice])


def _term_at(obligations: pl.DataFrame, seen: pl.DataFrame, t: dt.datetime) -> pl.DataFrame:
    return obligations.join(_term_ends(obligations, seen), on="obligation", how="left").select(
        "obligation",
        status=pl.when(pl.col("start") > t).then(pl.lit("not yet in force")).when(pl.col("ended") <= t).then(pl.lit("ended")).otherwise(pl.lit("in force")),
    )


def _term_timeline(obligations: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    return pl.concat(
        [
            obligations.select("obligation", at="start", status=pl.lit("in force")),
            _term_ends(obligations, events).select("obligation", at="ended", status=pl.lit("ended")),
        ]
    )


# the questions


def status_at(data: Data, t: dt.datetime) -> pl.DataFrame:
    """Every obligation's status at ``t``, recomputed from the events (each kind's part only for the kinds the obligations file holds)."""
    obligations, events = data
    seen = events.filter(pl.col("at") <= t)
    parts = {
        "deadline": lambda: _deadline_at(_of(obligations, "deadline", "kind"), _of(seen, "deadline"), t),
        "standing": lambda: _standing_at(_of(obligations, "standing", "kind"), _of(seen, "standing"), t),
        "progress": lambda: _progress_at(_of(obligations, "progress", "kind"), _of(seen, "progress")),
        "term": lambda: _term_at(_of(obligations, "term", "kind"), _of(seen, "term"), t),
    }
    kinds = _kinds(obligations)
    return pl.concat([part() for kind, part in parts.items() if kind in kinds]).sort("obligation")


def timeline(data: Data, cutoff: dt.datetime | None = None) -> pl.DataFrame:
    """Every status change of every obligation, with only events reported by ``cutoff`` if given."""
    obligations, events = data
    if cutoff is not None:
        events = events.filter(pl.col("reported") <= cutoff)
    parts = {
        "deadline": lambda: _deadline_timeline(_of(obligations, "deadline", "kind"), _of(events, "deadline")),
        "standing": lambda: _standing_timeline(_of(events, "standing")),
        "progress": lambda: _progress_timeline(_of(events, "progress")),
        "term": lambda: _term_timeline(_of(obligations, "term", "kind"), _of(events, "term")),
    }
    kinds = _kinds(obligations)
    return pl.concat([part() for kind, part in parts.items() if kind in kinds])


def _kinds(obligations: pl.DataFrame) -> set[str]:
    """The obligation kinds the file holds: a query leaves out the others' parts, as a user who knows their data would."""
    return set(obligations["kind"].unique().to_list())
