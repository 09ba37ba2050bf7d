"""ACLED and UCDP exports read straight into the bulk path's columnar store, with no event object made per row.

:func:`acled_columns` and :func:`ucdp_columns` give the
:class:`~ceasefire.bulk.EventColumns` that
``bulk.from_tracker(Tracker(agreement, convert_acled(...).raise_problems()))``
gives, column for column, without the pydantic events, sources, citations and
records in between. The rows are read by the converters' own reading
(:func:`ceasefire.adapters.acled.read_exports`,
:func:`ceasefire.adapters.ucdp.read_files`): the same windows from
``time_precision`` or ``date_start``/``date_end``, the same facts, rules and
links, versions, folded monadic rows, first reports and deletions, and the
same problems with file and line. Only what is made of a read row differs:
here, one row of integers per link, as ``from_tracker`` lays them out.

What the bulk path does not model is refused as ``from_tracker`` refuses it,
with :class:`~ceasefire.errors.BulkUnsupportedError` naming the obligation,
amendment or event and the feature: what the agreement alone decides
(targets, relative deadlines, amendments other than deadline moves, ...)
before a row is read, the rest (a rule's role the columns do not hold, an
obligation the export's rules do not watch from the agreement's start) as
soon as it is known.

The ``bulk`` extra (numpy and polars) is needed; it is imported only when one
of these functions is called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .._progress import logger
from ..errors import InvalidInputError, Problem
from ..model import Agreement, Coverage, Deletion, EventLog
from ..time import Window
from ..validation import raise_problems
from . import acled as acled_module, ucdp as ucdp_module
from .convert import collector_paused, coverage, watched_span, Watched
from .rules import RuleSet

if TYPE_CHECKING:
    from ..bulk import EventColumns


@attrs.frozen
class StoreConversion:
    """A dataset export read into the bulk store: the store, the rows that could not be read, and the events no rule linked.

    As :class:`~ceasefire.adapters.Conversion`: ``problems`` lists every row
    that could not be read, with its file and line, and
    :meth:`raise_problems` raises them all at once; ``unlinked`` holds the ids
    of the events no rule linked (in the store all the same, as ``context``
    rows); ``notes`` says how each file was read and what was detected.
    """

    store: EventColumns
    problems: tuple[Problem, ...] = ()
    unlinked: tuple[str, ...] = ()
    rows: int = 0
    notes: tuple[str, ...] = ()
    events: int = 0
    """How many event versions the export gave (candidate records left out of the store included)."""
    deletions: int = 0

    def raise_problems(self) -> EventColumns:
        """The store, or :class:`~ceasefire.InvalidInputError` listing every row that could not be read."""
        raise_problems((InvalidInputError, p) for p in self.problems)
        return self.store

    def summary(self) -> str:
        """One line: rows read, events made, unlinked events, rows refused, deletions, store rows."""
        return (
            f"{self.rows} rows read: {self.events} events ({self.events - len(self.unlinked)} linked by rules, "
            f"{len(self.unlinked)} unlinked), {len(self.problems)} rows refused, {self.deletions} deletions; {len(self.store)} store rows"
        )


def acled_columns(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement,
    rules: RuleSet | None = None,
    zone: str | None = None,
    deletions: str | Path | None = None,
    watched: Watched | None = None,
) -> StoreConversion:
    """One ACLED export or several read into the bulk store for ``agreement``, as the Tracker route would give it, with no event object per row.

    The options are :func:`~ceasefire.adapters.convert_acled`'s. The store
    equals ``bulk.from_tracker(Tracker(agreement, convert_acled(...).raise_problems()))``;
    rows that cannot be read are listed in ``problems`` (call
    :meth:`StoreConversion.raise_problems` to refuse them), never dropped silently.
    """
    _frame(agreement)  # refuses up front what the agreement alone decides the bulk path cannot model
    with collector_paused():
        read = acled_module.read_exports(path, agreement=agreement, rules=rules, zone=zone, deletions=deletions, keep_text=False)
        store = _Store(agreement, _frame(agreement, coverage(read.name, _distinct(one.occurred for _, one in read.items), read.watches, watched_span(watched, read.zone)), read.zone))
        stamps: dict[dt.datetime, int] = {}
        for _, one in read.items:
            store.maker.event(one.event_id, _micros(one.published, stamps), _micros(read.first[one.event_id], stamps), one.occurred.keys(), one.links)
        store.deletions(read.deletions)
        done = StoreConversion(
            store.finish(),
            tuple(read.problems),
            tuple(one.event_id for _, one in read.items if not one.links),
            read.rows,
            tuple(read.notes),
            len(read.items),
            len(read.deletions),
        )
    _log(read.name, done)
    return done


def ucdp_columns(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement,
    rules: RuleSet | None = None,
    zone: str | None = None,
    released: dt.date | dt.datetime | str | None = None,
    accept_candidates: bool = False,
    watched: Watched | None = None,
) -> StoreConversion:
    """A GED file or API pages (one path or several) read into the bulk store for ``agreement``, with no event object per row.

    The options are :func:`~ceasefire.adapters.convert_ucdp`'s. The store
    equals ``bulk.from_tracker(Tracker(agreement, convert_ucdp(...).raise_problems()))``:
    rows not yet cleared by UCDP are left out, as a Tracker leaves candidates
    out, unless ``accept_candidates``.
    """
    _frame(agreement)  # refuses up front what the agreement alone decides the bulk path cannot model
    with collector_paused():
        read = ucdp_module.read_files(path, agreement=agreement, rules=rules, zone=zone, released=released, accept_candidates=accept_candidates, keep_text=False)
        store = _Store(agreement, _frame(agreement, coverage(read.name, _distinct(one.occurred for _, one in read.items), read.watches, watched_span(watched, read.zone)), read.zone))
        stamps: dict[dt.datetime, int] = {}
        left_out = 0
        for _, one in read.items:
            if one.candidate(accept_candidates):
                left_out += 1
                continue
            reported = one.reported.keys()[1]
            store.maker.event(one.event_id, _micros(one.version, stamps) if one.version is not None else reported, reported, one.occurred.keys(), one.links)
        notes = list(read.notes)
        if left_out:
            notes.append(f"{left_out} candidate rows (code_status other than Clear) left out of the store, as a Tracker leaves out candidates; accept_candidates=True keeps them")
        done = StoreConversion(
            store.finish(),
            tuple(read.problems),
            tuple(one.event_id for _, one in read.items if not one.links),
            read.rows,
            tuple(notes),
            len(read.items),
        )
    _log(read.name, done)
    return done


def _distinct(windows: Iterable[Window]) -> list[Window]:
    """Each window once: rows of one day (or week, month, range) share one window object, and the coverage needs only its ends."""
    return list({id(w): w for w in windows}.values())


def _micros(when: dt.datetime, known: dict[dt.datetime, int]) -> int:
    """:func:`ceasefire.bulk.micros` of ``when``, kept: an export repeats its timestamps."""
    found = known.get(when)
    if found is None:
        from ..bulk import micros

        found = known[when] = micros(when)
    return found


def _frame(agreement: Agreement, covers: list[Coverage] | None = None, zone: str | None = None) -> EventColumns:
    """The store ``from_tracker`` makes of ``agreement`` with a log of no events: its obligations, deadline moves and watching.

    With no ``covers``, the log declares every obligation watched throughout,
    so that only what the agreement alone decides is refused: the check made
    before a row is read. With the export's own coverage (what its rules
    watch, over its events' dates), the store also says how long the export
    watches, or refuses an obligation it does not watch from the start.
    """
    from .. import Tracker
    from ..bulk import from_tracker

    if not isinstance(agreement, Agreement):
        raise InvalidInputError(Problem("agreement", f"{type(agreement).__name__} {agreement!r}"[:80], "the agreement whose obligations the store holds (load_agreement(...))"))
    if covers is None:
        covers = [Coverage.model_validate({"from": agreement.effective, "to": f"8998-12-31[{agreement.zone}]", "note": "every obligation, throughout"})]
    return from_tracker(Tracker(agreement, EventLog(zone=zone or agreement.zone, covers=covers, events=[])))




class _Store:
    """The columns of one export: the frame's obligations and watching, and the export's records made rows by ``from_tracker``'s own row maker."""

    def __init__(self, agreement: Agreement, frame: EventColumns) -> None:
        from ..bulk import micros
        from ..bulk.adapter import RowMaker

        self.frame = frame
        code_of = {name: i for i, name in enumerate(frame.obligation_ids)}
        kinds = [0] * len(code_of) if frame.obligation_kind is None else frame.obligation_kind.tolist()
        self.maker = RowMaker(code_of, kinds, micros(agreement.effective), frame.zone)

    def deletions(self, gone: Sequence[Deletion]) -> None:
        """One ``deletion`` row per deleted record, after the events, as ``from_tracker`` places them."""
        from ..bulk import micros

        for one in gone:
            self.maker.deletion(one.event, micros(one.deleted))

    def finish(self) -> EventColumns:
        """The store: the event rows, then the frame's deadline moves, with the frame's obligations, calendar and watching."""
        import numpy as np

        from ..bulk import EventColumns

        frame = self.frame
        table = np.array(self.maker.rows, dtype=np.int64).reshape(-1, 8)
        event = frame.event if frame.event is not None else np.full(len(frame), -1)
        version = frame.version if frame.version is not None else frame.reported
        latest = frame.latest if frame.latest is not None else frame.at
        moves = np.stack([frame.obligation, frame.at, frame.kind, frame.new_deadline, frame.reported, event, version, latest], axis=1).astype(np.int64)
        table = np.concatenate([table, moves]) if len(moves) else table
        windowed = bool((table[:, 7] != table[:, 1]).any())
        return EventColumns.from_arrays(
            frame.obligation_ids, frame.deadline, table[:, 0], table[:, 1], table[:, 2], table[:, 3], table[:, 4],
            zone=frame.zone, event=table[:, 5], version=table[:, 6], effective=frame.effective,
            obligation_kind=frame.obligation_kind, terms=frame.terms, watched_until=frame.watched_until,
            latest=table[:, 7] if windowed else None,
        )  # fmt: skip


def _log(name: str, done: StoreConversion) -> None:
    """Tell the ``ceasefire`` logger what a conversion into the store did: its summary and each row refused."""
    logger.info("read %s into the bulk store: %s", name, done.summary())
    for problem in done.problems:
        logger.info("refused %s: received %s; expected %s", problem.where, problem.received, problem.expected)
