"""The benchmark questions as a fluent DuckDB user would write them in SQL.

The events live in an in-memory DuckDB database, instants as TIMESTAMPTZ;
rows that cannot change a plain status (progress reports, ``advances``,
about 99% of the feed) are left out as the table is loaded; obligation ids
and kinds are ENUM types; the candidate instants of each deadline segment
are stacked with UNION ALL rather than unnesting a list. No ceasefire code
is used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

NAME = "duckdb"
LONG_AGO = "TIMESTAMPTZ '1900-01-01 00:00:00+00'"

DECISIONS = """
first AS (SELECT obligation, min("at") AS decided FROM ev WHERE kind IN ('fulfils', 'breaches') GROUP BY obligation),
dec AS (
    SELECT f.obligation, f.decided, bool_or(e.kind = 'fulfils') AS fulfilled
    FROM first f JOIN ev e ON e.obligation = f.obligation AND e."at" = f.decided AND e.kind IN ('fulfils', 'breaches')
    GROUP BY f.obligation, f.decided
)"""

STATUS = """CASE
    WHEN decided IS NOT NULL AND {t} >= decided AND fulfilled THEN 'fulfilled'
    WHEN decided IS NOT NULL AND {t} >= decided THEN 'breached'
    WHEN {t} > deadline THEN 'overdue'
    ELSE 'pending' END"""

TIMELINE = f"""
WITH ev AS (SELECT * FROM events WHERE $cutoff::TIMESTAMPTZ IS NULL OR reported <= $cutoff::TIMESTAMPTZ),
{DECISIONS},
moves AS (
    SELECT obligation, {LONG_AGO} AS start, deadline, {LONG_AGO} AS reported, -1 AS row FROM obligations
    UNION ALL
    SELECT obligation, "at", new_deadline, reported, row FROM ev WHERE kind = 'move-deadline'
),
seg AS (SELECT *, lead(start) OVER (PARTITION BY obligation ORDER BY start, reported, row) AS stop FROM moves),
live AS (
    SELECT s.obligation, s.start, s.stop, s.deadline, d.decided, d.fulfilled
    FROM seg s LEFT JOIN dec d USING (obligation)
    WHERE s.stop IS NULL OR s.stop > s.start
),
cand AS (
    SELECT *, start AS t FROM live
    UNION ALL SELECT *, deadline + INTERVAL 1 MICROSECOND FROM live
    UNION ALL SELECT *, decided FROM live WHERE decided IS NOT NULL
),
st AS (
    SELECT obligation, t, {STATUS.format(t="t")} AS status
    FROM cand WHERE t IS NOT NULL AND t >= start AND (stop IS NULL OR t < stop)
),
ch AS (SELECT *, lag(status, 1, 'pending') OVER (PARTITION BY obligation ORDER BY t) AS prev FROM st)
SELECT obligation, epoch_us(t) AS "at", status FROM ch WHERE status <> prev ORDER BY obligation, t
"""

STATUS_AT = f"""
WITH ev AS (SELECT * FROM events WHERE "at" <= $t),
{DECISIONS},
moved AS (
    SELECT obligation, new_deadline FROM ev WHERE kind = 'move-deadline'
    QUALIFY row_number() OVER (PARTITION BY obligation ORDER BY "at" DESC, reported DESC, row DESC) = 1
)
SELECT o.obligation, {STATUS.format(t="$t")} AS status
FROM (SELECT o.obligation, coalesce(m.new_deadline, o.deadline) AS deadline FROM obligations o LEFT JOIN moved m USING (obligation)) o
LEFT JOIN dec d USING (obligation)
ORDER BY o.obligation
"""


def _source(folder: Path, fmt: str, name: str, columns: dict[str, str]) -> str:
    spec = "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"
    if fmt == "csv":
        return f"read_csv('{folder / (name + '.csv')}', header = true, columns = {spec})"
    return f"read_json('{folder / (name + '.ndjson')}', format = 'newline_delimited', columns = {spec})"


def load(folder: Path, fmt: str) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the obligations and events tables, instants parsed."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    obligations = _source(folder, fmt, "obligations", {"obligation": "VARCHAR", "deadline": "VARCHAR"})
    events = _source(folder, fmt, "events", {k: "VARCHAR" for k in ("obligation", "at", "kind", "reported", "new_deadline")})
    con.execute(f"CREATE TABLE obligations AS SELECT obligation, deadline::TIMESTAMPTZ AS deadline FROM {obligations}")
    con.execute("CREATE TYPE ob AS ENUM (SELECT obligation FROM obligations)")
    con.execute("CREATE TYPE kind AS ENUM ('advances', 'move-deadline', 'fulfils', 'breaches')")
    con.execute("ALTER TABLE obligations ALTER obligation TYPE ob")
    con.execute(
        'CREATE TABLE events AS SELECT row_number() OVER () AS row, obligation::ob AS obligation, "at"::TIMESTAMPTZ AS "at", kind::kind AS kind, '
        " reported::TIMESTAMPTZ AS reported, "
        f"new_deadline::TIMESTAMPTZ AS new_deadline FROM {events} QUALIFY kind <> 'advances'"
    )
    return con


def status_at(con: duckdb.DuckDBPyConnection, t: dt.datetime) -> dict:
    """Every obligation's status at ``t``, recomputed from the events, as numpy columns."""
    return con.execute(STATUS_AT, {"t": t}).fetchnumpy()


def timeline(con: duckdb.DuckDBPyConnection, cutoff: dt.datetime | None = None) -> dict:
    """Every status change of every obligation, with only events reported by ``cutoff`` if given, as numpy columns."""
    return con.execute(TIMELINE, {"cutoff": cutoff}).fetchnumpy()
