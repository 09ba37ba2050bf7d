"""What the Tracker keeps in memory per event, on the mixed-kind feed of ``tracker.py``, for one or more engines.

Each engine (``--src``, a folder holding the ``ceasefire`` package) runs in
its own fresh process, which loads the same JSON feed, builds the Tracker
and asks one ``status_on``; after each step it collects garbage and reads
the bytes Python's allocator still holds for live objects
(``tracemalloc``), so the figure does not move with the machine's load or
with memory the allocator keeps but no object uses. Peak RSS of the process
is printed beside it. The first engine is the baseline the others are
compared with.

    python benchmarks/memory.py --events 100000 --src OLD/src --src NEW/src

The generated feed cites the same words ("a short quote") in every event,
which a loader that shares equal citations turns into one record;
``--own-quotes`` gives each event's citation its own words, as a real feed
would, so that what sharing saves is not overstated.

Two figures are printed for each step. ``all`` counts every byte, the feed's
own strings included. ``kept`` is what the issue's target measures, 500 bytes
per event "beyond the strings the user keeps": ``all`` less the strings of the
user's own words that the loaded events hold. Those are, on each event, its
``summary``, ``note`` and ``occurred_text``; the ``quote`` and ``note`` of each
citation (among its ``sources`` and in its discrepancies' claims); the ``note``
of each link and dispute; the ``text`` of each quantity; each discrepancy's
``about``, ``note`` and claimed ``value``; the ``note`` of an ``ends_agreement``;
and the values of its dataset ``record``'s ``fields`` (the row as written);
and the ``note`` of each deletion. Each distinct string object reachable there
is taken away once, at its ``sys.getsizeof`` (the size ``tracemalloc`` sees for
a string). Ids, kinds, names, roles, obligation and source references and zone
names are *not* taken away: they are the keys the engine works with, and a
loader that copied them per event should be seen to.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loading  # noqa: E402
from tracker import agreement_document, tracker_feed  # noqa: E402

PROBE = r"""
import gc, json, resource, sys, tracemalloc
from ceasefire import Tracker, load_agreement, load_events
events, agreement, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
tracemalloc.start()
def live():
    gc.collect()
    return tracemalloc.get_traced_memory()[0] / n
def prose(log):
    # the user's own words held by the events of log, per event, each string object once (see the module's docstring)
    found = {}
    def keep(*texts):
        for text in texts:
            if isinstance(text, str):
                found[id(text)] = text
    def cite(c):
        keep(c.quote, c.note)
    for e in log.events:
        keep(e.summary, e.note, e.occurred_text)
        for c in e.sources:
            cite(c)
        for link in e.links:
            keep(link.note)
        for q in e.quantities:
            keep(q.text)
        for d in e.disputed_by:
            keep(d.note)
        for d in e.discrepancies:
            keep(d.about, d.note)
            for claim in d.claims:
                keep(claim.value)
                cite(claim.citation)
        if e.ends_agreement is not None:
            keep(e.ends_agreement.note)
        if e.record is not None:
            keep(*e.record.fields.values())
    for d in log.deletions:
        keep(d.note)
    return sum(sys.getsizeof(text) for text in found.values()) / n
log = load_events(events)
after_load = live()
words = prose(log)
tracker = Tracker(load_agreement(agreement), log)
after_tracker = live()
tracker.status_on("2025-07-20")
after_status = live()
print(json.dumps({"load_events": after_load, "Tracker()": after_tracker, "status_on": after_status, "prose": words,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    """Write the feed once, measure each engine in a fresh process, print bytes per event and the ratio to the first."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--obligations", type=int, default=1_000)
    parser.add_argument("--own-quotes", action="store_true", help="give each event's citation its own quote, as in a real feed (the generated feed quotes the same words everywhere)")
    parser.add_argument("--src", action="append", required=True, help="a folder holding the ceasefire package; the first is the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        events, agreement = Path(folder) / "events.json", Path(folder) / "agreement.json"
        feed = tracker_feed(loading.events_document(args.events, args.obligations))
        if args.own_quotes:
            for i, event in enumerate(feed["events"]):
                for citation in event["sources"]:
                    citation["quote"] = f"the words of report {i}, as its source wrote them"
        events.write_text(json.dumps(feed), encoding="utf-8")
        agreement.write_text(json.dumps(agreement_document(args.obligations)), encoding="utf-8")
        found = []
        for src in args.src:
            env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
            done = subprocess.run([sys.executable, "-c", PROBE, str(events), str(agreement), str(args.events)], env=env, capture_output=True, text=True, check=True)
            found.append(json.loads(done.stdout.strip().splitlines()[-1]))
    quotes = "each citation its own quote" if args.own_quotes else "one quote cited everywhere"
    print(f"{args.events:,} events ({quotes}), {args.obligations:,} obligations; load average {os.getloadavg()[0]:.2f}; bytes of live Python objects per event after each step (tracemalloc):")
    print("all = every byte; kept = all less the user's own words the events hold (the issue's measure, target 500); ratio to the first engine; peak RSS")
    base = found[0]
    for src, figures in zip(args.src, found):
        steps = "  ".join(
            f"{name} all {figures[name]:5.0f} B ({figures[name] / base[name]:.2f}x) kept {figures[name] - figures['prose']:5.0f} B "
            f"({(figures[name] - figures['prose']) / (base[name] - base['prose']):.2f}x)"
            for name in ("load_events", "Tracker()", "status_on")
        )
        print(f"{src}: {steps}  (user's words {figures['prose']:.0f} B)  peak RSS {figures['peak_rss_mib']:.0f} MiB")
    print(json.dumps({"events": args.events, "obligations": args.obligations, "own_quotes": args.own_quotes, "load_average": [round(x, 2) for x in os.getloadavg()], "engines": dict(zip(args.src, found))}))


if __name__ == "__main__":
    main()
