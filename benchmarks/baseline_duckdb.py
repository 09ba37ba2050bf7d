"""The benchmark questions as a fluent DuckDB user would write them in SQL.

The events live in an in-memory DuckDB database, instants as TIMESTAMPTZ;
rows that cannot change a plain status (progress reports, ``advances``,
most of the feed) are left out as the table is loaded, and each event row
carries its obligation's kind (``okind``); obligation ids and kinds are
ENUM types. Each obligation kind is answered by its own common table
expressions and the answers are stacked with UNION ALL (as are the
candidate instants of each deadline segment, rather than unnesting a list);
the queries hold the parts of the kinds the obligations file has, and no
others, as a user who knows their data would write them.
The rules are those listed in :mod:`baseline_polars`. No ceasefire code is
used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

NAME = "duckdb"
LONG_AGO = "TIMESTAMPTZ '1900-01-01 00:00:00+00'"
OBLIGATION_FIELDS = ("obligation", "kind", "deadline", "start", "period", "renewal", "notice")

DECISIONS = """
first AS (SELECT obligation, min("at") AS decided FROM ev_d WHERE kind IN ('fulfils', 'breaches') GROUP BY obligation),
dec AS (
    SELECT f.obligation, f.decided, bool_or(e.kind = 'fulfils') AS fulfilled
    FROM first f JOIN ev_d e ON e.obligation = f.obligation AND e."at" = f.decided AND e.kind IN ('fulfils', 'breaches')
    GROUP BY f.obligation, f.decided
)"""

DEADLINE_STATUS = """CASE
    WHEN decided IS NOT NULL AND {t} >= decided AND fulfilled THEN 'fulfilled'
    WHEN decided IS NOT NULL AND {t} >= decided THEN 'breached'
    WHEN {t} > deadline THEN 'overdue'
    ELSE 'pending' END"""

PROGRESS_FIRSTS = """
pf AS (
    SELECT obligation, min("at") FILTER (WHERE kind = 'fulfils') AS done, min("at") FILTER (WHERE kind = 'breaches') AS broken
    FROM ev WHERE okind = 'progress' GROUP BY obligation
)"""

TERM_ENDS = """
tm AS (SELECT obligation, start, span_months(period) AS p, span_months(renewal) AS r, span_days(notice) AS n FROM obligations WHERE kind = 'term'),
tg AS (SELECT obligation, min("at") AS given FROM ev WHERE okind = 'term' AND kind = 'notice' GROUP BY obligation),
tp AS (
    SELECT *, start + to_months(p + i * r) AS stop FROM (
        SELECT t.*, g.given, unnest(range(0, greatest(0, datediff('day', t.start, g.given) // (28 * t.r)) + 2)) AS i
        FROM tm t JOIN tg g USING (obligation) WHERE t.r > 0
    )
),
th AS (SELECT * FROM tp WHERE stop > given QUALIFY row_number() OVER (PARTITION BY obligation ORDER BY i) = 1),
tend AS (
    SELECT obligation, start + to_months(p) AS ended FROM tm WHERE coalesce(r, 0) = 0
    UNION ALL
    SELECT obligation, CASE WHEN given <= stop - to_days(coalesce(n, 0)) THEN stop ELSE start + to_months(p + (i + 1) * r) END FROM th
)"""

MONTHS = r"^P(?:(\d+)Y)?(?:(\d+)M)?$"
DAYS = r"^P(\d+)D$"
"""The ISO 8601 spans the feed uses: periods and renewals in years and months, notices in days."""

MACROS = f"""
CREATE MACRO span_months(s) AS CASE WHEN s IS NOT NULL THEN
    coalesce(nullif(regexp_extract(s, '{MONTHS}', 1), '')::BIGINT, 0) * 12 + coalesce(nullif(regexp_extract(s, '{MONTHS}', 2), '')::BIGINT, 0) END;
CREATE MACRO span_days(s) AS CASE WHEN s IS NOT NULL THEN regexp_extract(s, '{DAYS}', 1)::BIGINT END;
"""

DEADLINE_TIMELINE = f"""
ev_d AS (SELECT * FROM ev WHERE okind = 'deadline'),
{DECISIONS},
moves AS (
    SELECT obligation, {LONG_AGO} AS start, deadline, {LONG_AGO} AS reported, -1 AS row FROM obligations WHERE kind = 'deadline'
    UNION ALL
    SELECT obligation, "at", new_deadline, reported, row FROM ev_d WHERE kind = 'move-deadline'
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
    SELECT obligation, t, {DEADLINE_STATUS.format(t="t")} AS status
    FROM cand WHERE t IS NOT NULL AND t >= start AND (stop IS NULL OR t < stop)
),
ch AS (SELECT *, lag(status, 1, 'pending') OVER (PARTITION BY obligation ORDER BY t) AS prev FROM st)"""

TIMELINE = {
    "deadline": (DEADLINE_TIMELINE, ["SELECT obligation, t, status FROM ch WHERE status <> prev"]),
    "standing": (
        """
sb AS (SELECT DISTINCT obligation, "at" FROM ev WHERE okind = 'standing' AND kind = 'breaches')""",
        [
            'SELECT s.obligation, s."at", \'breached\' FROM sb s ANTI JOIN sb p ON p.obligation = s.obligation AND p."at" + INTERVAL 1 MICROSECOND = s."at"',
            """SELECT s.obligation, s."at" + INTERVAL 1 MICROSECOND, 'holding' FROM sb s ANTI JOIN sb n ON n.obligation = s.obligation AND n."at" = s."at" + INTERVAL 1 MICROSECOND""",
        ],
    ),
    "progress": (
        PROGRESS_FIRSTS,
        [
            "SELECT obligation, broken, 'breached' FROM pf WHERE broken IS NOT NULL AND (done IS NULL OR broken < done)",
            "SELECT obligation, done, 'fulfilled' FROM pf WHERE done IS NOT NULL",
        ],
    ),
    "term": (TERM_ENDS, ["SELECT obligation, start, 'in force' FROM tm", "SELECT obligation, ended, 'ended' FROM tend"]),
}
"""Per obligation kind: its common table expressions over ``ev`` (the counted rows), and the selects of its change rows (obligation, instant, status)."""

STATUS_AT = {
    "deadline": (
        f"""
ev_d AS (SELECT * FROM ev WHERE okind = 'deadline'),
{DECISIONS},
moved AS (
    SELECT obligation, new_deadline FROM ev_d WHERE kind = 'move-deadline'
    QUALIFY row_number() OVER (PARTITION BY obligation ORDER BY "at" DESC, reported DESC, row DESC) = 1
)""",
        f"""SELECT o.obligation, {DEADLINE_STATUS.format(t="$t")} AS status
FROM (SELECT o.obligation, coalesce(m.new_deadline, o.deadline) AS deadline FROM obligations o LEFT JOIN moved m USING (obligation) WHERE o.kind = 'deadline') o
LEFT JOIN dec d USING (obligation)""",
    ),
    "standing": (
        """
sb AS (SELECT obligation, bool_or("at" = $t) AS now FROM ev WHERE okind = 'standing' AND kind = 'breaches' GROUP BY obligation)""",
        """SELECT o.obligation, CASE WHEN b.now THEN 'breached' WHEN b.now IS NOT NULL THEN 'holding' ELSE 'complied' END AS status
FROM obligations o LEFT JOIN sb b USING (obligation) WHERE o.kind = 'standing'""",
    ),
    "progress": (
        PROGRESS_FIRSTS,
        """SELECT o.obligation, CASE WHEN p.done IS NOT NULL THEN 'fulfilled' WHEN p.broken IS NOT NULL THEN 'breached' ELSE 'pending' END AS status
FROM obligations o LEFT JOIN pf p USING (obligation) WHERE o.kind = 'progress'""",
    ),
    "term": (
        TERM_ENDS,
        """SELECT o.obligation, CASE WHEN o.start > $t THEN 'not yet in force' WHEN e.ended <= $t THEN 'ended' ELSE 'in force' END AS status
FROM obligations o LEFT JOIN tend e USING (obligation) WHERE o.kind = 'term'""",
    ),
}
"""Per obligation kind: its common table expressions over ``ev`` (the rows up to the instant), and the select of its statuses."""


def timeline_sql(kinds: frozenset[str]) -> str:
    """The timeline query for the obligation kinds a feed holds: only their parts, stacked with UNION ALL."""
    wanted = [kind for kind in TIMELINE if kind in kinds]
    ctes = ",".join(TIMELINE[kind][0] for kind in wanted)
    selects = "\n    UNION ALL\n    ".join(select for kind in wanted for select in TIMELINE[kind][1])
    return (
        "WITH ev AS (SELECT * FROM events WHERE $cutoff::TIMESTAMPTZ IS NULL OR reported <= $cutoff::TIMESTAMPTZ),"
        f"{ctes},\nchanges(obligation, t, status) AS (\n    {selects}\n)\n"
        'SELECT obligation, epoch_us(t) AS "at", status FROM changes ORDER BY obligation, t'
    )


def status_sql(kinds: frozenset[str]) -> str:
    """The query for every obligation's status at ``$t``, for the obligation kinds a feed holds."""
    wanted = [kind for kind in STATUS_AT if kind in kinds]
    ctes = ",".join(STATUS_AT[kind][0] for kind in wanted)
    selects = "\nUNION ALL\n".join(STATUS_AT[kind][1] for kind in wanted)
    return f'WITH ev AS (SELECT * FROM events WHERE "at" <= $t),{ctes}\n{selects}\nORDER BY 1'


Data = tuple[duckdb.DuckDBPyConnection, str, str]
"""The database, and the two queries written for the kinds it holds."""


def _source(folder: Path, fmt: str, name: str, columns: dict[str, str] | None = None) -> str:
    """A table function reading ``name`` from the folder: the given columns, or (``None``, CSV only) every column, as text."""
    path = folder / f"{name}.{fmt}"
    if columns is None:
        return f"read_csv('{path}', header = true, all_varchar = true)"
    spec = "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"
    if fmt == "csv":
        return f"read_csv('{path}', header = true, columns = {spec})"
    return f"read_json('{path}', format = 'newline_delimited', columns = {spec})"


def load(folder: Path, fmt: str) -> Data:
    """An in-memory database with the obligations and events tables, instants parsed, and the queries for the kinds it holds.

    Every field is read as text (so no instant is guessed at), and a field
    the obligations file lacks (the deadline-only feed has no ``kind``) is
    taken as empty.
    """
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(MACROS)
    columns = None if fmt == "csv" else dict.fromkeys(OBLIGATION_FIELDS, "VARCHAR")
    con.execute(f"CREATE TEMP TABLE raw_obligations AS SELECT * FROM {_source(folder, fmt, 'obligations', columns)}")
    present = {row[0] for row in con.execute("DESCRIBE raw_obligations").fetchall()}
    field = {name: (f'"{name}"::VARCHAR' if name in present else "NULL::VARCHAR") for name in OBLIGATION_FIELDS}
    con.execute("CREATE TYPE okind AS ENUM ('deadline', 'standing', 'progress', 'term')")
    con.execute("CREATE TYPE kind AS ENUM ('advances', 'move-deadline', 'fulfils', 'breaches', 'notice')")
    con.execute(
        f"CREATE TABLE obligations AS SELECT {field['obligation']} AS obligation, coalesce({field['kind']}, 'deadline')::okind AS kind, "
        f"{field['deadline']}::TIMESTAMPTZ AS deadline, {field['start']}::TIMESTAMPTZ AS start, "
        f"{field['period']} AS period, {field['renewal']} AS renewal, {field['notice']} AS notice FROM raw_obligations"
    )
    con.execute("DROP TABLE raw_obligations")
    bad = con.execute(
        f"SELECT obligation, period, renewal, notice FROM obligations WHERE NOT (regexp_full_match(coalesce(period, 'P0M'), '{MONTHS}') "
        f"AND regexp_full_match(coalesce(renewal, 'P0M'), '{MONTHS}') AND regexp_full_match(coalesce(notice, 'P0D'), '{DAYS}')) LIMIT 1"
    ).fetchall()
    if bad:
        raise ValueError(f"term spans this query does not read: {bad[0]}; expected periods and renewals in years and months (e.g. 'P6M'), notices in days (e.g. 'P30D')")
    con.execute("CREATE TYPE ob AS ENUM (SELECT obligation FROM obligations)")
    con.execute("ALTER TABLE obligations ALTER obligation TYPE ob")
    events = _source(folder, fmt, "events", {k: "VARCHAR" for k in ("obligation", "at", "kind", "reported", "new_deadline")})
    con.execute(
        "CREATE TABLE events AS SELECT e.*, o.kind AS okind FROM ("
        'SELECT row_number() OVER () AS row, obligation::ob AS obligation, "at"::TIMESTAMPTZ AS "at", kind::kind AS kind, '
        " reported::TIMESTAMPTZ AS reported, "
        f"new_deadline::TIMESTAMPTZ AS new_deadline FROM {events} QUALIFY kind <> 'advances'"
        ") e JOIN obligations o USING (obligation)"
    )
    kinds = frozenset(str(row[0]) for row in con.execute("SELECT DISTINCT kind FROM obligations").fetchall())
    return con, status_sql(kinds), timeline_sql(kinds)


def status_at(data: Data, t: dt.datetime) -> dict:
    """Every obligation's status at ``t``, recomputed from the events, as numpy columns."""
    con, query, _ = data
    return con.execute(query, {"t": t}).fetchnumpy()


def timeline(data: Data, cutoff: dt.datetime | None = None) -> dict:
    """Every status change of every obligation, with only events reported by ``cutoff`` if given, as numpy columns."""
    con, _, query = data
    return con.execute(query, {"cutoff": cutoff}).fetchnumpy()
