"""How fast ACLED and UCDP exports become events, against reading the same file and against another tree.

One command writes seeded ACLED and UCDP exports of each size asked (10,000
and 100,000 rows by default), then for each file measures, every figure in a
fresh process of its own:

* the floors a conversion cannot beat: reading the file with the ``csv`` module
  (``list(csv.DictReader(f))``) and with ``polars.read_csv``;
* the conversion (``convert_acled`` with the bundled 2020 agreement and its
  shipped rules; ``convert_ucdp`` with a rule file written here), with each
  ``--src`` tree given (a folder holding the ``ceasefire`` package, e.g. a
  checkout's ``src``); the first ``--src`` is the baseline the others are
  divided by, and by default the only tree is this checkout's;
* then, on the converted log, ``Tracker()`` and one ``status_on``, so the
  whole path from a file to an answer is in view;
* with ``--memory``, what the converted log holds, by ``tracemalloc`` (a
  separate process, since tracing slows everything it watches);
* with ``--store``, instead of all the above, the ways an export reaches the
  bulk store, for an agreement the bulk path models (the bundled 2020
  statement cut to the obligations the rules watch): the Tracker route
  (``convert_acled``, ``Tracker()``, ``bulk.from_tracker``) against
  ``acled_columns`` (``ucdp_columns`` for GED), and ``polars.read_csv`` of the
  same file as the floor; processor time and the peak resident memory each
  step added (``ru_maxrss`` less the resident memory before it, each in a
  fresh process). The two stores are compared column for column (a
  difference stops the run with ``MISMATCH``).

Each timing is the best of ``--repeat`` runs, in wall time and in processor
time (this process's user and system time, which a busy neighbour on a
shared machine disturbs less). With two trees or more, every conversion's
events, links, notes and problems are compared, and a difference stops the
run with ``MISMATCH``. The machine, load average and commits are printed first;
the last line is one JSON object holding every figure.

    python benchmarks/datasets.py
    python benchmarks/datasets.py --sizes 10k,100k --src /tmp/old/src --src src --memory
    python benchmarks/datasets.py --store --sizes 10k,100k,1m
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# -- the generated exports ---------------------------------------------------------------------------

# The exports are written with the columns the adapters know a current export has (read from this checkout).
sys.path.insert(0, str(ROOT / "src"))
from ceasefire.adapters.acled import COLUMNS as ACLED_COLUMNS  # noqa: E402
from ceasefire.adapters.ucdp import COLUMNS as UCDP_COLUMNS  # noqa: E402

sys.path.pop(0)

ZONE_PLACES = (
    "Kalbajar", "Kelbajar", "Karvachar", "Kəlbəcər", "KALBAJAR", "kalbajar region", "Aghdam", "Agdam", "Ağdam", "Akna",
    "Lachin", "Berdzor", "Laçın", "Lacin", "Khankendi", "Stepanakert", "Xankəndi", "Shusha", "Shushi", "Şuşa", "Susa",
    "Sugovushan", "Madagiz", "Dadivank", "Khudavank", "Khojavend", "Hadrut", "Fuzuli", "Jabrayil", "Zangilan",
    "Gubadly", "Tartar", "Aghdara", "Martakert", "Askeran", "Martuni",
)  # fmt: skip
"""Places of the conflict zone in the spellings exports use: the agreement's names, aliases, local script, ASCII, other case."""

NEAR_MISSES = ("Kalbajr", "Agdamm", "Lachyn", "Stepanakertt", "Shushaa")
"""Misspellings close to a place of the agreement: never applied, only suggested in the notes."""

SYLLABLES = ("ka", "ra", "bel", "dzor", "van", "gyul", "shen", "ar", "to", "vi", "min", "ner", "ag", "lu", "chay", "kend")


def _villages(rng: random.Random, n: int) -> list[str]:
    """``n`` invented village names, none of them a place of the agreement."""
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(out)


AZ = ("Military Forces of Azerbaijan (2003-)", "Police Forces of Azerbaijan (2003-)", "Government of Azerbaijan (2003-)")
AM = ("Military Forces of Armenia (2018-)", "Police Forces of Armenia (2018-)", "Military Forces of Artsakh", "Military Forces of Nagorno-Karabakh")
OTHERS = (
    "Protesters (Armenia)", "Civilians (Azerbaijan)", "Civilians (Armenia)", "Unidentified Armed Group (Azerbaijan)",
    "Military Forces of Russia (2000-)", "Former Military Forces of Armenia (2018-)", "Rioters (Armenia)", "",
)  # fmt: skip
KINDS = (
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Strategic developments", "Non-violent transfer of territory", "Strategic developments"),
    ("Strategic developments", "Agreement", "Strategic developments"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Violence against civilians", "Attack", "Political violence"),
)
ACTOR_TYPE_WORDS = {1: "State forces", 2: "Rebel group", 3: "Political militia", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
TAGS = ("", "", "", "crowd size=no report", "crowd size=around 100; local administrators", "women targeted: candidates for office")


def _gazetteer(rng: random.Random, names: tuple[str, ...]) -> dict[str, tuple[str, str, str]]:
    """One latitude, longitude and precision per place name: ACLED geocodes a location once and gives every event there the same point."""
    return {n: (f"{rng.uniform(38.5, 41.5):.4f}", f"{rng.uniform(44.5, 48.5):.4f}", rng.choice(("1", "2", "3"))) for n in names}


def _code_cell(rng: random.Random, code: int) -> str:
    """An actor type as ACLED writes it: a number in older exports, words in newer ones."""
    return str(code) if rng.random() < 0.5 else ACTOR_TYPE_WORDS.get(code, str(code))


def acled_export(path: Path, n: int, seed: int = 20201110) -> None:
    """Write ``n`` rows of an invented ACLED export: most of them events in or near the zone, in every spelling.

    Varied as a real export is: place names in the agreement's spellings,
    local script and near misses, and hundreds of villages that are no place of
    the agreement; state and other actors, with associates; actor types and
    interactions as numbers or words; tags; every time precision; one point
    per place name most of the time, as ACLED geocodes; revised
    records (a later timestamp for an id already given), monadic rows (one
    event given once per actor) and a few unreadable rows.
    """
    rng = random.Random(seed)
    villages = _villages(rng, 600)
    where = _gazetteer(rng, (*ZONE_PLACES, *NEAR_MISSES, *villages))
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(ACLED_COLUMNS)
        number = 0
        for i in range(n):
            if i and rng.random() < 0.01:  # a revision of an earlier record, published later
                number = max(0, number - rng.randint(1, 50))
            else:
                number += 1
            day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
            published = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()) + 86_400 * rng.randint(1, 30) + (i % 7)
            event_type, sub_event_type, disorder = rng.choice(KINDS)
            first, second = rng.choice((AZ, AM, OTHERS)), rng.choice((AZ, AM, OTHERS))
            actor1, actor2 = rng.choice(first) or "Unidentified Armed Group (Azerbaijan)", rng.choice(second)
            type1 = 1 if actor1 in AZ + AM or "Russia" in actor1 else rng.choice((2, 3, 6, 7, 8))
            type2 = (1 if actor2 in AZ + AM else rng.choice((2, 3, 6, 7))) if actor2 else 0
            low, high = sorted((type1, type2)) if type2 else (type1, 0)
            interaction = str(low * 10 + high) if rng.random() < 0.5 else (f"{ACTOR_TYPE_WORDS.get(low, low)}-{ACTOR_TYPE_WORDS.get(high, high)}" if high else f"{ACTOR_TYPE_WORDS.get(low, low)} only")
            in_zone = rng.random() < 0.7
            location = rng.choice(ZONE_PLACES) if in_zone else rng.choice(villages if rng.random() < 0.97 else NEAR_MISSES)
            admin1 = rng.choice(ZONE_PLACES[:25]) if in_zone else rng.choice(("Tavush", "Gegharkunik", "Ganja-Gazakh", "Syunik", "Baku"))
            azerbaijan = rng.random() < 0.7
            row = {
                "event_id_cnty": f"{'AZE' if azerbaijan else 'ARM'}{number}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "time_precision": rng.choices(("1", "2", "3"), (80, 12, 8))[0],
                "disorder_type": disorder,
                "event_type": event_type,
                "sub_event_type": sub_event_type,
                "actor1": actor1,
                "assoc_actor_1": rng.choice(("", "", "", "Military Forces of Turkey (2016-)", "Civilians (Azerbaijan); Journalists (Azerbaijan)")),
                "inter1": _code_cell(rng, type1),
                "actor2": actor2,
                "assoc_actor_2": rng.choice(("", "", "Police Forces of Armenia (2018-)")) if actor2 else "",
                "inter2": _code_cell(rng, type2) if type2 else "",
                "interaction": interaction,
                "civilian_targeting": "Civilian targeting" if type2 == 7 else "",
                "iso": "31" if azerbaijan else "51",
                "region": "Caucasus and Central Asia",
                "country": "Azerbaijan" if azerbaijan else "Armenia",
                "admin1": admin1,
                "admin2": rng.choice(("", "", rng.choice(villages))),
                "admin3": "",
                "location": location,
                "latitude": where[location][0] if rng.random() < 0.9 else f"{rng.uniform(38.5, 41.5):.4f}",
                "longitude": where[location][1],
                "geo_precision": where[location][2] if rng.random() < 0.9 else rng.choice(("1", "2", "3")),
                "source": rng.choice(("Invented Wire", "Invented Daily; Invented Wire", "Invented Ministry of Defence")),
                "source_scale": rng.choice(("National", "National-International", "Local partner-Other")),
                "notes": f"Invented benchmark row {i}: on {day.isoformat()}, \"an event\" near {location}, with a comma. {rng.randint(0, 5)} fatalities.",
                "fatalities": str(rng.choice((0, 0, 0, 1, 2, 5, 12))),
                "tags": rng.choice(TAGS),
                "timestamp": str(published),
            }
            if rng.random() < 0.002:  # an unreadable row, reported with its line
                row[rng.choice(("time_precision", "event_date", "latitude", "timestamp"))] = rng.choice(("4", "2020-13-45", "north", ""))
            out.writerow([row[c] for c in ACLED_COLUMNS])
            if rng.random() < 0.01:  # a monadic export gives the event again, under its other actor
                row.update({"actor1": row["actor2"] or "Civilians (Azerbaijan)", "actor2": "", "assoc_actor_1": "", "assoc_actor_2": "", "inter1": row["inter2"] or "7", "inter2": ""})
                out.writerow([row[c] for c in ACLED_COLUMNS])


UCDP_RULES = """\
# Rules written for the benchmark's invented GED exports.
id: bench-ucdp
dataset: UCDP GED
agreement: nk-2020
rules:
  - id: state-based.zone
    summary: State-based violence between the sides in a handover district after the ceasefire.
    match:
      event_type: [state-based]
      sides: [["Government of Azerbaijan"], ["Government of Armenia", "Republic of Artsakh"]]
      places: [Kalbajar, Aghdam, Lachin, Shusha, Khankendi]
      after: 2020-11-10T00:00:00+03:00
    link: {obligation: 1.ceasefire, role: breaches}
  - id: state-based.unclear
    summary: The same, of low clarity or not yet cleared.
    match:
      event_type: [state-based]
      actors: ["Government of *"]
      event_clarity: [1, 2]
      code_status: [Clear, Check dyad, Check deaths]
      after: 2020-11-10T00:00:00+03:00
    link: {obligation: 1.ceasefire, role: context}
  - id: one-sided.kalbajar
    summary: One-sided violence in Kalbajar.
    match:
      event_type: [one-sided]
      places: [Kalbajar]
    link: {obligation: 6.kalbajar, role: context}
"""


def ucdp_export(path: Path, n: int, seed: int = 20201110) -> None:
    """Write ``n`` rows of an invented GED export: every type of violence, date precision, clarity and code status, places in many spellings."""
    rng = random.Random(seed)
    villages = _villages(rng, 600)
    sides = ("Government of Azerbaijan", "Government of Armenia", "Republic of Artsakh", "Civilians", "IS")
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(UCDP_COLUMNS)
        for i in range(n):
            start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
            end = start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 6, 30)))
            violence = rng.choices((1, 2, 3), (70, 10, 20))[0]
            side_a, side_b = rng.choice(sides[:3]), rng.choice(sides[1:])
            best = rng.choice((0, 1, 2, 5, 12))
            in_zone = rng.random() < 0.7
            where = rng.choice(ZONE_PLACES) if in_zone else rng.choice(villages if rng.random() < 0.97 else NEAR_MISSES)
            sources = ";".join(sorted({(start + dt.timedelta(days=rng.randint(0, 9))).isoformat() for _ in range(rng.randint(1, 3))}))
            row = {c: "" for c in UCDP_COLUMNS}
            row.update({
                "id": str(500000 + i), "relid": f"INVENTED-{i}", "year": str(start.year), "active_year": "1",
                "code_status": rng.choices(("Clear", "Check dyad", "Check deaths", ""), (85, 5, 5, 5))[0],
                "type_of_violence": str(violence), "conflict_dset_id": "388", "conflict_new_id": "388",
                "conflict_name": "Azerbaijan: Nagorno-Karabakh", "dyad_dset_id": "9999", "dyad_new_id": "9999",
                "dyad_name": f"{side_a} - {side_b}", "side_a": side_a, "side_b": side_b,
                "number_of_sources": str(rng.randint(1, 4)), "source_article": f"\"Invented Wire,{start},Invented headline {i}\"",
                "source_office": rng.choice(("Invented Wire", "Invented Wire;Invented Daily")), "source_date": sources,
                "source_headline": f"Invented headline {i}", "source_original": "Invented ministry statement",
                "where_prec": str(rng.randint(1, 7)), "where_coordinates": where, "where_description": "near the place (invented)",
                "adm_1": rng.choice(("Kalbajar district", "Khojavend district", "Aghdam district", "Tavush province")), "adm_2": "",
                "latitude": f"{rng.uniform(38.5, 41.5):.4f}", "longitude": f"{rng.uniform(44.5, 48.5):.4f}",
                "country": "Azerbaijan", "country_id": "373", "region": "Europe",
                "event_clarity": rng.choices(("1", "2"), (85, 15))[0], "date_prec": str(rng.randint(1, 5)),
                "date_start": f"{start.isoformat()} 00:00:00.000", "date_end": f"{end.isoformat()} 00:00:00.000",
                "deaths_a": "0", "deaths_b": "0", "deaths_civilians": "0", "deaths_unknown": str(best),
                "best": str(best), "high": str(best + rng.randint(0, 3)), "low": str(max(0, best - rng.randint(0, 2))),
                "gwnoa": "373", "gwnob": rng.choice(("371", "", "371, 373")),
            })  # fmt: skip
            if rng.random() < 0.002:
                row[rng.choice(("date_prec", "date_start", "best"))] = rng.choice(("9", "2020-02-30 00:00:00.000", "many"))
            out.writerow([row[c] for c in UCDP_COLUMNS])


# -- measuring, each figure in a process of its own ---------------------------------------------------

WORKER = r"""
import csv, gc, hashlib, json, os, resource, sys, time, tracemalloc
from pathlib import Path
task, dataset, path, extra = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
out = {}

def resident():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

def peak(name, do):
    # processor time, and the peak resident memory the step added (the process's peak less what it held before)
    gc.collect()
    before = resident()
    result = timed(name, do)
    out[name]["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    return result

def trimmed(agreement, keep):
    points = [p.model_copy(update={"obligations": [o for o in p.obligations if o.id in keep]}) for p in agreement.points if any(o.id in keep for o in p.obligations)]
    return agreement.model_copy(update={"points": points, "amendments": [a for a in agreement.amendments if a.kind == "move-deadline" and a.obligation in keep]})

def store_digest(store):
    import numpy as np
    parts = [repr((store.obligation_ids, store.zone, store.effective, store.watched_until, sorted(store.terms)))]
    for name in ("deadline", "obligation", "at", "kind", "new_deadline", "reported", "event", "version", "latest", "obligation_kind"):
        column = getattr(store, name)
        parts.append(name + ":" + ("None" if column is None else str(column.dtype) + hashlib.sha256(np.ascontiguousarray(column).tobytes()).hexdigest()))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()

def timed(name, do):
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = do()
    out[name] = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    return result

if task == "csv":
    def read():
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    out["rows"] = len(timed("read", read))
elif task == "polars":
    import polars as pl
    out["rows"] = peak("read", lambda: pl.read_csv(path, infer_schema_length=0)).height
elif task in ("store-route", "store-direct"):
    from ceasefire import Tracker, bundled
    from ceasefire.adapters import acled_columns, convert_acled, convert_ucdp, load_rules, ucdp_columns
    import ceasefire.bulk as bulk
    rules = load_rules(extra)
    agreement = trimmed(bundled.agreement(), {r.link.obligation for r in rules.rules})
    if task == "store-route":
        convert = convert_acled if dataset == "acled" else convert_ucdp
        log = peak("convert", lambda: convert(path, agreement=agreement, rules=rules).log)
        tracker = peak("Tracker()", lambda: Tracker(agreement, log))
        store = peak("from_tracker", lambda: bulk.from_tracker(tracker))
    else:
        direct = acled_columns if dataset == "acled" else ucdp_columns
        done = peak("columns", lambda: direct(path, agreement=agreement, rules=rules))
        store = done.store
        out["summary"] = done.summary()
    out["total peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out["store rows"], out["digest"] = len(store), store_digest(store)
else:
    from ceasefire import Tracker, bundled
    from ceasefire.adapters import convert_acled, convert_ucdp, load_rules
    agreement = bundled.agreement()
    rules = load_rules(extra)
    convert = (lambda: convert_acled(path, agreement=agreement, rules=rules)) if dataset == "acled" else (lambda: convert_ucdp(path, agreement=agreement, rules=rules))
    if task == "memory":
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        done = convert()
        gc.collect()
        out["held"] = tracemalloc.get_traced_memory()[0] - before
        out["events"] = len(done.log.events)
    else:
        done = timed("read", convert)
        tracker = timed("Tracker()", lambda: Tracker(agreement, done.log))
        timed("status_on", lambda: tracker.status_on("2023-01-01"))
        out["rows"], out["events"] = done.rows, len(done.log.events)
        out["summary"] = done.summary()
        blob = json.dumps([done.log.model_dump(mode="json", by_alias=True), [str(p) for p in done.problems], list(done.unlinked), list(done.notes)], sort_keys=True)
        out["digest"] = hashlib.sha256(blob.encode()).hexdigest()
print(json.dumps(out))
"""


def worker(folder: Path, task: str, dataset: str, path: Path, extra: str, src: str | None) -> dict[str, Any]:
    """One figure measured in a fresh process (``src`` on its path for the conversions), as the JSON it prints."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if src is not None:
        env["PYTHONPATH"] = src
    done = subprocess.run([sys.executable, str(folder / "worker.py"), task, dataset, str(path), extra], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{task} of {path} with {src} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def best(runs: list[dict[str, Any]], step: str) -> dict[str, float]:
    """The least wall time and the least processor time of one step over the runs."""
    return {k: min(r[step][k] for r in runs) for k in ("wall", "cpu")}


def commit(src: str) -> str:
    """The commit the tree at ``src`` is checked out at (and '+changes' if it has uncommitted ones), or what it is if not a checkout."""
    folder = Path(src).resolve().parent
    try:
        head = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    if Path(top).resolve() != folder:
        return "not a git checkout of its own"
    dirty = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--", "src"], capture_output=True, text=True).stdout.strip()
    return head + (" +uncommitted changes" if dirty else "")


def size(text: str) -> int:
    """'10k', '1m' or '2500' as a count."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def _started() -> tuple[float, float, float]:
    """Print the machine and the load average at the start of a run; the load average."""
    load = os.getloadavg()
    print(f"machine: {platform.machine()}, {os.cpu_count()} processors, {platform.platform()}, Python {platform.python_version()}")
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return load


def _finished(figures: dict[str, Any]) -> None:
    """Print the load average at the end of a run, then every figure as one JSON line."""
    end = os.getloadavg()
    figures["load_end"] = end
    print(f"\nload average at end: {end[0]:.2f} {end[1]:.2f} {end[2]:.2f}")
    print(json.dumps(figures))


def _exports(folder: Path, ucdp_rules: str, datasets: list[str], sizes: list[int]) -> Iterator[tuple[str, int, Path, str]]:
    """Write the worker and the GED rules into ``folder``, then each dataset's export at each size in turn: its name, rows, path and rules file."""
    (folder / "worker.py").write_text(WORKER, encoding="utf-8")
    (folder / "ucdp-rules.yaml").write_text(ucdp_rules, encoding="utf-8")
    rules = {"acled": str(ROOT / "src" / "ceasefire" / "data" / "rules" / "nk-2020-acled.yaml"), "ucdp": str(folder / "ucdp-rules.yaml")}
    for dataset in datasets:
        for n in sizes:
            path = folder / f"{dataset}-{n}.csv"
            (acled_export if dataset == "acled" else ucdp_export)(path, n)
            yield dataset, n, path, rules[dataset]


def main() -> None:
    """Write the exports, measure every figure, print the tables and one JSON line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k", help="rows per export, comma-separated (10k, 100k, 1m, 2500)")
    parser.add_argument("--src", action="append", help="a folder holding the ceasefire package; the first is the baseline (default: this checkout's src)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept")
    parser.add_argument("--datasets", default="acled,ucdp")
    parser.add_argument("--memory", action="store_true", help="also measure what a converted log holds, by tracemalloc")
    parser.add_argument("--store", action="store_true", help="measure the ways into the bulk store instead: the Tracker route against acled_columns/ucdp_columns")
    args = parser.parse_args()
    if args.store:
        _store_main(args)
        return
    srcs = args.src or [str(ROOT / "src")]
    sizes = [size(s) for s in args.sizes.split(",")]
    datasets = [d.strip() for d in args.datasets.split(",")]
    load = _started()
    for src in srcs:
        print(f"tree {src}: {commit(src)}")
    figures: dict[str, Any] = {"load_start": load, "trees": {s: commit(s) for s in srcs}, "runs": {}}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for dataset, n, path, rules in _exports(folder, UCDP_RULES, datasets, sizes):
            key = f"{dataset} {n}"
            floors = {task: best([worker(folder, task, dataset, path, "", None) for _ in range(args.repeat)], "read") for task in ("csv", "polars")}
            trees: dict[str, Any] = {}
            for src in srcs:
                runs = [worker(folder, "convert", dataset, path, rules, src) for _ in range(args.repeat)]
                trees[src] = {step: best(runs, step) for step in ("read", "Tracker()", "status_on")}
                trees[src].update({"summary": runs[0]["summary"], "digest": runs[0]["digest"], "events": runs[0]["events"]})
                if args.memory:
                    trees[src]["held"] = worker(folder, "memory", dataset, path, rules, src)["held"]
            digests = {trees[s]["digest"] for s in srcs}
            figures["runs"][key] = {"floors": floors, "trees": trees, "same answers": len(digests) == 1}
            _print(key, n, floors, trees, srcs, args.memory)
            if len(digests) > 1:
                print(f"MISMATCH: the trees convert {key} differently: " + ", ".join(f"{s}: {trees[s]['digest'][:12]}" for s in srcs))
                print(json.dumps(figures))
                raise SystemExit(1)
    _finished(figures)


STORE_UCDP_RULES = UCDP_RULES.replace("6.kalbajar", "1.ceasefire")
"""The benchmark's GED rules with every link to the ceasefire, so that each obligation of the cut agreement is watched (the bulk path refuses one that is not)."""


def _store_main(args: argparse.Namespace) -> None:
    """The ``--store`` run: for each dataset and size, polars.read_csv, the Tracker route and the direct path, each in fresh processes."""
    sizes = [size(s) for s in args.sizes.split(",")]
    datasets = [d.strip() for d in args.datasets.split(",")]
    src = str(ROOT / "src")
    load = _started()
    print(f"tree {src}: {commit(src)}; best of {args.repeat} runs of each, every run in a fresh process")
    figures: dict[str, Any] = {"load_start": load, "tree": commit(src), "runs": {}}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for dataset, n, path, rules in _exports(folder, STORE_UCDP_RULES, datasets, sizes):
            key = f"{dataset} {n}"
            polars = [worker(folder, "polars", dataset, path, "", None) for _ in range(args.repeat)]
            route = [worker(folder, "store-route", dataset, path, rules, src) for _ in range(args.repeat)]
            direct = [worker(folder, "store-direct", dataset, path, rules, src) for _ in range(args.repeat)]
            got = {
                "polars.read_csv": _least(polars, ("read",)),
                "route": _least(route, ("convert", "Tracker()", "from_tracker")),
                "direct": _least(direct, ("columns",)),
                "summary": direct[0]["summary"],
                "store rows": direct[0]["store rows"],
                "same store": route[0]["digest"] == direct[0]["digest"],
            }
            figures["runs"][key] = got
            _print_store(key, n, got)
            if not got["same store"]:
                print(f"MISMATCH: the Tracker route and the direct path give different stores for {key}")
                print(json.dumps(figures))
                raise SystemExit(1)
            path.unlink()
    _finished(figures)


def _least(runs: list[dict[str, Any]], steps: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """For each step, the least processor time, wall time and peak memory over the runs; with several steps, their sum as 'total' (cpu and wall summed, peak the largest)."""
    out = {step: {k: min(r[step][k] for r in runs) for k in ("cpu", "wall", "peak")} for step in steps}
    if len(steps) > 1:
        out["total"] = {"cpu": min(sum(r[s]["cpu"] for s in steps) for r in runs), "wall": min(sum(r[s]["wall"] for s in steps) for r in runs), "peak": min(max(r[s]["peak"] for s in steps) for r in runs)}
    return out


def _print_store(key: str, n: int, got: dict[str, Any]) -> None:
    floor, route, direct = got["polars.read_csv"]["read"], got["route"]["total"], got["direct"]["columns"]
    print(f"\n{key} rows into the bulk store: {got['summary']}; the two stores are equal column for column")
    print(f"{'step':<40}{'cpu s':>9}{'wall s':>9}{'peak MiB':>10}{'rows/s (cpu)':>14}{'x polars':>10}{'x route':>9}")
    lines = [("polars.read_csv (floor)", floor, True), *((f"Tracker route: {s}", got["route"][s], False) for s in ("convert", "Tracker()", "from_tracker")), ("Tracker route, whole", route, True), ("acled_columns / ucdp_columns", direct, True)]
    for name, one, ratios in lines:
        tail = f"{one['cpu'] / floor['cpu']:10.2f}{one['cpu'] / route['cpu']:9.2f}" if ratios else ""
        print(f"{name:<40}{one['cpu']:9.3f}{one['wall']:9.3f}{one['peak'] / 2**20:10.1f}{n / one['cpu']:14,.0f}{tail}")


def _print(key: str, n: int, floors: dict[str, dict[str, float]], trees: dict[str, Any], srcs: list[str], memory: bool) -> None:
    base = trees[srcs[0]]
    print(f"\n{key} rows: {base['summary']}" + ("; every tree gives the same events, links, notes and problems" if len(srcs) > 1 else ""))
    print(f"{'step':<34}{'wall s':>9}{'cpu s':>9}{'rows/s (cpu)':>14}{'x csv':>8}{'x polars':>10}{'x first tree':>14}")
    for name, got in (("csv.DictReader (floor)", floors["csv"]), ("polars.read_csv (floor)", floors["polars"])):
        print(f"{name:<34}{got['wall']:9.3f}{got['cpu']:9.3f}{n / got['cpu']:14,.0f}{got['cpu'] / floors['csv']['cpu']:8.2f}{got['cpu'] / floors['polars']['cpu']:10.2f}{'':>14}")
    for src in srcs:
        label = Path(src).resolve().parent.name or src
        for step in ("read", "Tracker()", "status_on"):
            got, there = trees[src][step], base[step]
            name = f"{'convert' if step == 'read' else step} [{label}]"
            rate = f"{n / got['cpu']:14,.0f}" if step == "read" else f"{'':>14}"
            vs = f"{got['cpu'] / floors['csv']['cpu']:8.2f}{got['cpu'] / floors['polars']['cpu']:10.2f}" if step == "read" else f"{'':>18}"
            print(f"{name:<34}{got['wall']:9.3f}{got['cpu']:9.3f}{rate}{vs}{got['cpu'] / there['cpu']:14.2f}")
        if memory:
            print(f"{'  converted log holds':<34}{trees[src]['held'] / 2**20:9.1f} MiB ({trees[src]['held'] / trees[src]['events']:,.0f} bytes an event; x first tree {trees[src]['held'] / base['held']:.2f})")


if __name__ == "__main__":
    main()
