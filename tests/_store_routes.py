"""The two routes from an ACLED or UCDP export to a bulk store, side by side, and the check that they agree.

The Tracker route converts the rows to events, builds a tracker and takes its columns
(``bulk.from_tracker``); the direct one is :func:`~ceasefire.adapters.acled_columns` or
:func:`~ceasefire.adapters.ucdp_columns`. For ``tests/test_adapters_store.py`` and
``tests/test_adapters_watched.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _dataset_rows import with_gw

from ceasefire import Tracker, bundled
from ceasefire.adapters import StoreConversion, acled_columns, convert_acled, convert_ucdp, load_rules, ucdp_columns
from ceasefire.errors import BulkUnsupportedError
from ceasefire.model import Agreement

bulk = pytest.importorskip("ceasefire.bulk")
np = pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parents[1]
ACLED = ROOT / "tests" / "data" / "acled"
UCDP = ROOT / "tests" / "data" / "ucdp"
ACLED_RULES = load_rules(ROOT / "src" / "ceasefire" / "data" / "rules" / "nk-2020-acled.yaml")

FIELDS = ("obligation_ids", "deadline", "obligation", "at", "kind", "new_deadline", "reported", "zone", "event", "version", "effective", "obligation_kind", "terms", "watched_until", "latest")


def trimmed(agreement: Agreement, keep: set[str]) -> Agreement:
    """``agreement`` with only the obligations in ``keep`` and its deadline moves: what the bulk path models."""
    points = [p.model_copy(update={"obligations": [o for o in p.obligations if o.id in keep]}) for p in agreement.points if any(o.id in keep for o in p.obligations)]
    moves = [a for a in agreement.amendments if a.kind == "move-deadline" and a.obligation in keep]
    return agreement.model_copy(update={"points": points, "amendments": moves})


NK = trimmed(bundled.agreement(), {"1.ceasefire", "2.aghdam", "6.kalbajar", "6.lachin"})
"""The 2020 statement with the obligations the shipped ACLED rules watch, and the postponement of the Kalbajar handover."""
NK_GW = with_gw(trimmed(bundled.agreement(), {"1.ceasefire"}))


def assert_same_store(want: Any, got: Any) -> None:
    """Every column and every property of the two stores equal, naming the first that differs."""
    for name in FIELDS:
        a, b = getattr(want, name), getattr(got, name)
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            assert a is not None and b is not None and a.dtype == b.dtype and np.array_equal(a, b), name
        else:
            assert a == b, name


def outcome(make: Callable[[], Any]) -> Any:
    """What ``make`` gives, or the problems of the refusal it raises."""
    try:
        return make()
    except BulkUnsupportedError as exc:
        return ("refused", exc.problems)


def both_acled(path: Any, agreement: Agreement, **options: Any) -> tuple[Any, Any]:
    """The Tracker route's store (from the log of the rows that could be read) and the direct one; the problems and notes must agree."""
    done = convert_acled(path, agreement=agreement, **options)
    route = outcome(lambda: bulk.from_tracker(Tracker(agreement, done.log)))
    direct = outcome(lambda: acled_columns(path, agreement=agreement, **options))
    if isinstance(direct, StoreConversion):
        assert direct.problems == done.problems and direct.notes == done.notes and direct.unlinked == done.unlinked and direct.rows == done.rows
        assert direct.events == len(done.log.events) and direct.deletions == len(done.log.deletions)
    return route, direct


def both_ucdp(path: Any, agreement: Agreement, **options: Any) -> tuple[Any, Any]:
    done = convert_ucdp(path, agreement=agreement, **options)
    route = outcome(lambda: bulk.from_tracker(Tracker(agreement, done.log)))
    direct = outcome(lambda: ucdp_columns(path, agreement=agreement, **options))
    if isinstance(direct, StoreConversion):
        assert direct.problems == done.problems and direct.unlinked == done.unlinked and direct.rows == done.rows
        assert direct.notes[: len(done.notes)] == done.notes
    return route, direct


def check(route: Any, direct: Any) -> Any:
    """The two outcomes agree: equal stores, or the same refusal. The direct store (or None when refused)."""
    if isinstance(route, tuple) or isinstance(direct, tuple):
        assert route == direct
        return None
    assert_same_store(route, direct.store)
    return direct.store
