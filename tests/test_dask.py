"""The Tracker on Dask (ceasefire.dask) gives the single-machine Tracker's answers, on a two-worker cluster the tests start and stop."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ceasefire import Amendment, Citation, Deletion, EventLog, Source, Tracker, Window, bundled, parse_events  # noqa: E402
from ceasefire.model import AgreementEnd  # noqa: E402
from ceasefire.dask import DaskTracker, feed_of, groups_of, read_feed  # noqa: E402
from ceasefire.validation import origin_of  # noqa: E402
from ceasefire.errors import CeasefireError, FileFormatError, InvalidInputError, NaiveDatetimeError, UnknownObligationError  # noqa: E402

THOROUGH = os.environ.get("CEASEFIRE_HYPOTHESIS_PROFILE") == "thorough"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A LocalCluster of two single-threaded worker processes on loopback, shut down when the module's tests are done."""
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address="127.0.0.1:0", host="127.0.0.1", memory_limit="2GB")
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def _status(report: Any) -> dict[str, tuple[Any, ...]]:
    return {o.obligation_id: (o.status.value, o.deadline.earliest if o.deadline else None, o.deadline.latest if o.deadline else None, o.ended_by, o.headline) for o in report.obligations}


def _status_rows(frame: Any) -> dict[str, tuple[Any, ...]]:
    out = {}
    for row in frame.itertuples(index=False):
        out[row.obligation_id] = (row.status, _py(row.deadline_earliest), _py(row.deadline_latest), _none(row.ended_by), row.headline)
    return out


def _intervals(timeline: Any) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for i in timeline:
        out.setdefault(i.obligation_id, []).append((i.status.value, i.start, i.end, i.start_inclusive, i.end_inclusive, i.cause.kind, i.cause.ref, i.cause.at,
                                                    i.deadline.earliest if i.deadline else None, i.deadline.latest if i.deadline else None))
    return out


def _interval_rows(frame: Any) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for r in frame.itertuples(index=False):
        out.setdefault(r.obligation_id, []).append((r.status, _py(r.start), _py(r.end), bool(r.start_inclusive), bool(r.end_inclusive), r.cause_kind, _none(r.cause_ref), _py(r.cause_at),
                                                    _py(r.deadline_earliest), _py(r.deadline_latest)))
    return out


def _py(value: Any) -> dt.datetime | None:
    import pandas as pd

    return None if pd.isna(value) else value.to_pydatetime()


def _none(value: Any) -> Any:
    import pandas as pd

    return None if pd.isna(value) else value


def _same_answers(tracker: Tracker, distributed_tracker: DaskTracker, asked: list[dt.datetime], cutoff: dt.datetime | None, start: dt.datetime, end: dt.datetime,
                  persist: bool = True) -> None:
    """Asserts that statuses at ``asked``, the timeline from ``start`` to ``end`` and one explanation agree, all under ``cutoff``, with the partitions persisted or built per task."""
    import dask

    if persist:
        distributed_tracker.persist()
    frames = dask.compute(*[distributed_tracker.status_on(when, known_on=cutoff) for when in asked], distributed_tracker.timeline(start, end, known_on=cutoff))
    for when, frame in zip(asked, frames[:-1]):
        assert _status_rows(frame) == _status(tracker.status_on(when, known_on=cutoff)), when
    assert _interval_rows(frames[-1]) == _intervals(tracker.timeline(start, end, known_on=cutoff))
    first = next(o.obligation_id for o in tracker.status_on(asked[0]).obligations)
    assert distributed_tracker.explain([first], asked[0], known_on=cutoff)[first] == tracker.obligation_on(first, asked[0], known_on=cutoff)


@st.composite
def _revised(draw: st.DrawFn) -> tuple[Any, EventLog, list[dt.datetime], dt.datetime | None]:
    """An agreement of every kind with amendments of every kind, its log with some events revised (links moved or dropped) and some deleted, and at times an event or amendment that ends the whole agreement."""
    from ceasefire.testing.strategies import agreements_with_logs, landmarks_of

    agreement, log = draw(agreements_with_logs(max_obligations=5, max_events=8, max_amendments=3))
    marks = landmarks_of(agreement, log)
    stamp = st.sampled_from(marks).map(lambda m: m + dt.timedelta(hours=draw(st.integers(-30, 30))))
    ids = [o.id for p in agreement.points for o in p.obligations] + [o.id for a in agreement.amendments if a.kind == "supplement" for o in a.obligations]
    events = []
    deletions = []
    for event in log.events:
        change = draw(st.sampled_from(("keep", "keep", "revise", "delete")))
        if change == "keep":
            events.append(event)
            continue
        first = draw(stamp)
        events.append(event.model_copy(update={"version": first}))
        if change == "revise":
            links = [l.model_copy(update={"obligation": draw(st.sampled_from(ids))}) for l in event.links if draw(st.booleans())]
            events.append(event.model_copy(update={"version": first + dt.timedelta(hours=draw(st.integers(0, 200))), "links": links}))
        else:
            deletions.append(Deletion(event=event.id, deleted=draw(stamp)))
    ending = draw(st.sampled_from(("none", "none", "event", "amendment")))
    if ending == "event" and events:  # an event that ends the whole agreement must reach every partition
        i = draw(st.integers(0, len(events) - 1))
        events[i] = events[i].model_copy(update={"ends_agreement": AgreementEnd(how="collapsed")})
    elif ending == "amendment":
        source = Source(id="ender-source", title="A statement", published=Window.exact(marks[0]))
        ender = Amendment(id="ender", kind="end-agreement", how="terminated", summary="Ended.", agreed=Window.exact(draw(stamp)), announced=Window.exact(draw(stamp)),
                          sources=[Citation(source=source.id)])
        agreement = agreement.model_copy(update={"amendments": [*agreement.amendments, ender], "sources": [*agreement.sources, source]})
    asked = draw(st.lists(st.sampled_from(marks), min_size=1, max_size=3))
    cutoff = draw(st.one_of(st.none(), st.sampled_from(marks)))
    return agreement, log.model_copy(update={"events": events, "deletions": deletions}), asked, cutoff


@settings(max_examples=200 if THOROUGH else 6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(_revised(), st.integers(1, 4), st.integers(1, 3), st.booleans())
def test_dask_answers_equal_the_tracker(client: Any, drawn: tuple[Any, EventLog, list[dt.datetime], dt.datetime | None], partitions: int, chunks: int, persist: bool) -> None:
    """On generated agreements and revised logs, statuses, timelines and explanations through the cluster equal the single-machine Tracker's, under a cut-off, persisted or not."""
    agreement, drawn_log, asked, cutoff = drawn
    # Both sides read the log as a feed carries it: instants with their offsets.
    log = parse_events(drawn_log.model_dump(mode="json", exclude_none=True, by_alias=True))
    try:
        tracker = Tracker(agreement, log)
    except CeasefireError:  # drawn revisions can break a rule the Tracker enforces (e.g. obligations that wait on each other in a circle)
        assume(False)
        raise
    on_dask = DaskTracker(agreement, feed_of(log, partitions=chunks), partitions=partitions)
    start = min(asked) - dt.timedelta(days=30)
    _same_answers(tracker, on_dask, asked, cutoff, start, max(asked) + dt.timedelta(days=30), persist)


def _seed_records() -> tuple[Any, EventLog, list[dict[str, Any]]]:
    """The bundled agreement, its seed event log and that log's events as plain records in the event-file shape."""
    tracker = bundled.tracker(record=False)
    log = tracker.logs[0]
    return tracker, log, [e.model_dump(mode="json", exclude_none=True) for e in log.events]


def _write(records: list[dict[str, Any]], path: Path) -> Path:
    """Writes records as NDJSON, CSV (lists and mappings as JSON cells) or Parquet (the same as JSON text columns), by the suffix of ``path``."""
    if path.suffix == ".ndjson":
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return path
    columns = list(dict.fromkeys(k for r in records for k in r))
    flat = [{k: (json.dumps(r[k]) if isinstance(r.get(k), list | dict) else r.get(k)) for k in columns} for r in records]
    if path.suffix == ".csv":
        import csv

        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v) for k, v in row.items()} for row in flat)
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(flat), path)
    return path


@pytest.mark.parametrize("shuffle", ["auto", "p2p"])
def test_feed_files_give_the_tracker_answers(client: Any, tmp_path: Path, shuffle: str) -> None:
    """The seed events written over NDJSON, CSV and Parquet files (sources in a file of their own) and read lazily give the Tracker's statuses and timeline, with either shuffle."""
    tracker, log, records = _seed_records()
    third = len(records) // 3
    events = [_write(records[:third], tmp_path / "events-1.ndjson"), _write(records[third:2 * third], tmp_path / "events-2.csv"), _write(records[2 * third:], tmp_path / "events-3.parquet")]
    sources = _write([s.model_dump(mode="json", exclude_none=True) for s in log.sources], tmp_path / "sources.parquet")
    for source in log.sources:  # copies of the pages quoted, beside the feed, where the checks look for them
        if source.file:
            (tmp_path / source.file).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / source.file).write_bytes((origin_of(log, "").roots[0] / source.file).read_bytes())
    feed = read_feed([str(p) for p in events], sources=sources, zone=log.zone, covers=log.covers, name=origin_of(log, "").name)
    on_dask = DaskTracker(tracker.agreement, feed, partitions=3, shuffle=shuffle)
    assert on_dask.shuffle == ("tasks" if shuffle == "auto" else shuffle)
    _same_answers(tracker, on_dask, [dt.datetime(2020, 11, 16, tzinfo=dt.timezone.utc), dt.datetime(2020, 12, 2, tzinfo=dt.timezone.utc)], None,
                  dt.datetime(2020, 11, 9, tzinfo=dt.timezone.utc), dt.datetime(2020, 11, 30, tzinfo=dt.timezone.utc), persist=shuffle == "auto")


def test_nested_parquet_columns_give_the_tracker_answers(client: Any, tmp_path: Path) -> None:
    """Seed events in Parquet with nested columns (lists of structs, windows as structs of zoned timestamps) give the Tracker's statuses and timeline."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tracker, log, records = _seed_records()
    for record in records:  # the occurrence windows as timestamps with an offset, the rest as pyarrow infers it (nested lists and structs)
        record["occurred"] = {k: dt.datetime.fromisoformat(v) for k, v in record["occurred"].items()}
    path = tmp_path / "events.parquet"
    pq.write_table(pa.Table.from_pylist(records), path)
    assert pa.types.is_timestamp(pq.read_schema(path).field("occurred").type.field("earliest").type)
    sources = _write([s.model_dump(mode="json", exclude_none=True) for s in log.sources], tmp_path / "sources.ndjson")
    for source in log.sources:
        if source.file:
            (tmp_path / source.file).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / source.file).write_bytes((origin_of(log, "").roots[0] / source.file).read_bytes())
    feed = read_feed(path, sources=sources, zone=log.zone, covers=log.covers, name=origin_of(log, "").name)
    _same_answers(tracker, DaskTracker(tracker.agreement, feed, partitions=2), [dt.datetime(2020, 11, 16, tzinfo=dt.timezone.utc)], None,
                  dt.datetime(2020, 11, 9, tzinfo=dt.timezone.utc), dt.datetime(2020, 11, 30, tzinfo=dt.timezone.utc), persist=False)


def test_an_unknown_shuffle_is_refused() -> None:
    """DaskTracker(shuffle=...) with a method Dask does not offer raises InvalidInputError naming the choices."""
    tracker, log, _ = _seed_records()
    with pytest.raises(InvalidInputError, match="p2p"):
        DaskTracker(tracker.agreement, feed_of(log), shuffle="disk")


def test_groups_keep_obligations_that_wait_on_each_other_together() -> None:
    """Obligations tied by depends_on, until_fulfilment_of or a deadline after another's fulfilment share a group; the others stand alone."""
    from ceasefire import parse_agreement

    agreement = parse_agreement({
        "id": "a", "title": "t", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}], "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
        "points": [{"number": 1, "summary": "s", "obligations": [
            {"id": "a1", "kind": "standing", "bearers": ["p"], "summary": "s"},
            {"id": "a2", "kind": "standing", "bearers": ["p"], "summary": "s", "depends_on": "a1"},
            {"id": "b1", "kind": "deadline", "bearers": ["p"], "summary": "s", "due": {"by": "2025-02-01"}},
            {"id": "b2", "kind": "deadline", "bearers": ["p"], "summary": "s", "due": {"within": "P10D", "after_fulfilment_of": "b1"}},
            {"id": "c1", "kind": "standing", "bearers": ["p"], "summary": "s", "until_fulfilment_of": "b2"},
            {"id": "d1", "kind": "standing", "bearers": ["p"], "summary": "s"},
        ]}],
    })
    assert sorted(sorted(g) for g in groups_of(agreement)) == [["a1", "a2"], ["b1", "b2", "c1"], ["d1"]]


SMALL = {
    "id": "small", "title": "t", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}], "announced": "2020-11-01", "effective": "2020-11-01T00:00:00Z",
    "points": [{"number": 1, "summary": "s", "obligations": [{"id": "6.kalbajar", "kind": "deadline", "bearers": ["p"], "summary": "s", "due": {"by": "2020-11-25"}},
                                                               {"id": "o2", "kind": "standing", "bearers": ["p"], "summary": "s"}]}],
    "sources": [{"id": "seed-002", "title": "A report", "published": "2020-11-20"}],
}


def _bad_feed(client: Any, tmp_path: Path, name: str, text: str | None = None, table: Any = None) -> None:
    """Builds a DaskTracker over one bad events file about a two-obligation agreement and asks it a question, so that the error surfaces wherever it is found."""
    from ceasefire import parse_agreement

    path = tmp_path / name
    if table is not None:
        import pyarrow.parquet as pq

        pq.write_table(table, path)
    else:
        path.write_text(text or "", encoding="utf-8")
    DaskTracker(parse_agreement(SMALL), read_feed(path, name="feed"), partitions=2).status_on("2020-11-16").compute()


GOOD = {"id": "ev-x", "kind": "handover", "summary": "s", "occurred": "2020-11-20T10:00:00+03:00", "reported": "2020-11-20T12:00:00+03:00",
        "links": [{"obligation": "6.kalbajar", "role": "fulfils"}], "sources": [{"source": "seed-002"}]}


def test_a_missing_column_is_refused_with_the_file(client: Any, tmp_path: Path) -> None:
    """A CSV of events without an 'occurred' column raises FileFormatError naming the file and the missing column."""
    with pytest.raises(FileFormatError, match=r"events\.csv.*no 'occurred'"):
        _bad_feed(client, tmp_path, "events.csv", "id,kind,summary,sources\nev-x,handover,s,\"[{\"\"source\"\": \"\"seed-002\"\"}]\"\n")


def test_a_naive_timestamp_column_is_refused(client: Any, tmp_path: Path) -> None:
    """A Parquet column of timestamps without a zone raises NaiveDatetimeError naming the file and the column."""
    import pyarrow as pa

    table = pa.table({"id": ["ev-x"], "kind": ["handover"], "summary": ["s"], "occurred": pa.array([dt.datetime(2020, 11, 20, 10)], pa.timestamp("us")),
                      "sources": [json.dumps([{"source": "seed-002"}])]})
    with pytest.raises(NaiveDatetimeError, match=r"events\.parquet \(column 'occurred'\).*without a time zone"):
        _bad_feed(client, tmp_path, "events.parquet", table=table)


def test_a_naive_instant_in_a_line_names_the_file_and_line(client: Any, tmp_path: Path) -> None:
    """An NDJSON event whose 'occurred' has no offset raises NaiveDatetimeError naming file:line and the field."""
    lines = [GOOD, {**GOOD, "id": "ev-y", "occurred": "2020-11-20T10:00:00"}]
    with pytest.raises(NaiveDatetimeError, match=r"events\.ndjson:2 \(occurred"):
        _bad_feed(client, tmp_path, "events.ndjson", "".join(json.dumps(line) + "\n" for line in lines))


def test_an_unknown_obligation_names_the_file_and_line(client: Any, tmp_path: Path) -> None:
    """An event linked to an obligation the agreement lacks raises UnknownObligationError naming file:line, never dropped."""
    lines = [GOOD, {**GOOD, "id": "ev-y", "links": [{"obligation": "no-such", "role": "fulfils"}]}]
    with pytest.raises(UnknownObligationError, match=r"events\.ndjson:2 .*'no-such'"):
        _bad_feed(client, tmp_path, "events.ndjson", "".join(json.dumps(line) + "\n" for line in lines))


def test_a_wrong_type_names_the_file_line_and_field(client: Any, tmp_path: Path) -> None:
    """An event whose 'links' is a number, or whose 'summary' is a list, is refused with a typed error naming file:line and the field."""
    with pytest.raises(CeasefireError, match=r"events\.ndjson:1 \(field 'links'\)"):
        _bad_feed(client, tmp_path, "events.ndjson", json.dumps({**GOOD, "links": 5}) + "\n")
    with pytest.raises(CeasefireError, match=r"events\.ndjson:1 \(summary"):
        _bad_feed(client, tmp_path, "events.ndjson", json.dumps({**GOOD, "summary": ["a"]}) + "\n")


def test_scale_howto_prints_what_it_shows() -> None:
    """The Python block of docs/how-to/scale.md, run as a script (it starts and stops its own two-worker cluster), prints exactly the text pasted under it."""
    import contextlib
    import io
    import re

    page = (Path(__file__).resolve().parents[1] / "docs" / "how-to" / "scale.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", page, flags=re.S)
    assert blocks, "docs/how-to/scale.md lost its example and output blocks"
    for code, expected in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "docs/how-to/scale.md", "exec"), {"__name__": "__main__"})
        assert out.getvalue() == expected


def test_a_line_with_a_key_twice_or_nan_is_refused_like_an_event_file(client: Any, tmp_path: Path) -> None:
    """An NDJSON line that gives a key twice, or a NaN, is refused with the event file's typed errors naming file:line, not read as the last key or a float."""
    from ceasefire.errors import DuplicateKeyError, FileFormatError

    twice = json.dumps(GOOD)[:-1] + ', "summary": "again"}'
    with pytest.raises(DuplicateKeyError, match=r"events\.ndjson:2: .*'summary' given twice"):
        _bad_feed(client, tmp_path, "events.ndjson", json.dumps(GOOD) + "\n" + twice + "\n")
    with pytest.raises(FileFormatError, match=r"events\.ndjson:1: "):
        _bad_feed(client, tmp_path, "events.ndjson", json.dumps({**GOOD, "id": "ev-n"})[:-1] + ', "confidence": NaN}\n')


def test_a_file_rewritten_in_place_is_read_again(client: Any, tmp_path: Path) -> None:
    """A question asked after a feed file was rewritten reads the new file, even while the cluster still holds what the old one gave under the same path."""
    path = tmp_path / "events.ndjson"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    feed = read_feed(path, name="feed")
    held = client.persist(feed.counts())  # kept alive, as a notebook keeps an earlier answer
    assert dict(zip(*held.compute().T.values)) == {"": 1, "6.kalbajar": 1}
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "id": "ev-y", "links": [{"obligation": "o2", "role": "breaches"}]}) + "\n", encoding="utf-8")
    assert dict(zip(*feed.counts().compute().T.values)) == {"": 2, "6.kalbajar": 1, "o2": 1}
    del held


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[str]:
    """A loopback HTTP server over ``tmp_path`` for the test's length: the base URL of its files."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _remote_feed(tmp_path: Path) -> tuple[Any, EventLog, list[str], str]:
    """The seed events over an NDJSON, a CSV and a Parquet file and the sources in Parquet, written to ``tmp_path``; their names, and the sources' name."""
    tracker, log, records = _seed_records()
    third = len(records) // 3
    names = ["events-1.ndjson", "events-2.csv", "events-3.parquet"]
    for part, name in zip((records[:third], records[third:2 * third], records[2 * third:]), names):
        _write(part, tmp_path / name)
    _write([s.model_dump(mode="json", exclude_none=True) for s in log.sources], tmp_path / "sources.parquet")
    return tracker, log, names, "sources.parquet"


def test_a_feed_read_over_http_gives_the_tracker_answers(client: Any, tmp_path: Path, served: str) -> None:
    """Feed files named by http:// URLs of a loopback server (one with a query after its name), read by the workers through fsspec, give the Tracker's statuses and timeline."""
    tracker, log, names, sources = _remote_feed(tmp_path)
    urls = [f"{served}/{n}" + ("?version=1" if i == 0 else "") for i, n in enumerate(names)]  # a query, as signed URLs carry, is not part of the suffix
    feed = read_feed(urls, sources=f"{served}/{sources}", zone=log.zone, covers=log.covers, name=origin_of(log, "").name)
    assert feed.feed.roots == ()
    _same_answers(tracker, DaskTracker(tracker.agreement, feed, partitions=2), [dt.datetime(2020, 11, 16, tzinfo=dt.timezone.utc)], None,
                  dt.datetime(2020, 11, 9, tzinfo=dt.timezone.utc), dt.datetime(2020, 11, 30, tzinfo=dt.timezone.utc), persist=False)


def test_a_file_url_glob_reads_the_same_files_as_the_path(client: Any, tmp_path: Path) -> None:
    """A file:// URL with a glob pattern names the files the plain pattern names, and the feed gives the Tracker's statuses."""
    tracker, log, names, sources = _remote_feed(tmp_path)
    by_url = read_feed(f"file://{tmp_path}/events-*", sources=f"file://{tmp_path}/{sources}", zone=log.zone, covers=log.covers, name=origin_of(log, "").name)
    assert [p for k, p in by_url.files if k == "event"] == [f"file://{tmp_path}/{n}" for n in names]
    asked = dt.datetime(2020, 12, 2, tzinfo=dt.timezone.utc)
    assert _status_rows(DaskTracker(tracker.agreement, by_url, partitions=2).status_on(asked).compute()) == _status(tracker.status_on(asked))


def test_a_url_that_cannot_be_read_is_refused_with_what_to_do(tmp_path: Path, served: str) -> None:
    """A URL naming no file, and one whose scheme has no filesystem installed, are refused when the feed is named, each saying what was received and expected."""
    with pytest.raises(FileFormatError, match=r"read_feed\(events=\.\.\.\): received '.*/missing\.ndjson', which names no readable file"):
        read_feed(f"{served}/missing.ndjson")
    with pytest.raises(FileFormatError, match=r"whose scheme cannot be read here .*pip install s3fs"):
        read_feed("nosuchscheme://bucket/events.ndjson")
