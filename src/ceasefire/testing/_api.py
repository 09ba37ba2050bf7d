"""The machinery every public strategy shares: eager argument checks, call-shaped reprs, unique ids and pasteable output.

A public strategy is written as a plain function whose body checks its
arguments (raising :class:`hypothesis.errors.InvalidArgument`) and returns
the options its draw function needs; :func:`defines_strategy` turns it into
a function returning a lazy hypothesis strategy whose repr is the call that
made it, e.g. ``instants(min_value=...)``.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import itertools
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

import yaml
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import time as cftime
from ..model import Agreement, EventLog

T = TypeVar("T")
P = ParamSpec("P")


class _Brief:
    """An agreement or event log standing in a strategy's repr by its id and size, not its whole text."""

    def __init__(self, value: Agreement | EventLog) -> None:
        self.value = value

    def __repr__(self) -> str:
        if isinstance(self.value, Agreement):
            return f"<Agreement {self.value.id!r}>"
        return f"<EventLog of {len(self.value.events)} events>"


def _unwrap(value: Any) -> Any:
    return value.value if isinstance(value, _Brief) else value


def _brief(value: Any) -> Any:
    if isinstance(value, (Agreement, EventLog)):
        return _Brief(value)
    if isinstance(value, tuple) and any(isinstance(v, (Agreement, EventLog)) for v in value):
        return tuple(_brief(v) for v in value)
    return value


def defines_strategy(draw_with: Callable[..., T]) -> Callable[[Callable[P, Any]], Callable[P, st.SearchStrategy[T]]]:
    """Make a public strategy from ``options`` (checks arguments, returns the plan) and ``draw_with(draw, **plan)``.

    ``options`` is annotated with the strategy the public function returns,
    which is what readers of its signature need; its own body returns the
    plan, a mapping of keyword arguments for ``draw_with``. The arguments
    are checked when the strategy is defined, and the plan is worked out
    again only when the strategy is drawn from with other argument objects;
    the strategy's repr is the public call with the arguments given.
    """

    def decorate(options: Callable[P, Any]) -> Callable[P, st.SearchStrategy[T]]:
        signature = inspect.signature(options)

        plans: dict[tuple[int, ...], tuple[tuple[Any, ...], Mapping[str, Any]]] = {}

        def body(draw: st.DrawFn, *args: Any, **kwargs: Any) -> T:
            given = (*args, *kwargs.values())
            key = (*map(id, given), hash(tuple(kwargs)))
            kept = plans.get(key)
            if kept is None or any(a is not b for a, b in zip(kept[0], given)):
                plan = options(*(_unwrap(a) for a in args), **{k: _unwrap(v) for k, v in kwargs.items()})
                if len(plans) > 256:
                    plans.clear()
                kept = plans[key] = (given, plan)
            return draw_with(draw, **kept[1])

        draw_parameter = inspect.Parameter("draw", inspect.Parameter.POSITIONAL_ONLY)
        body.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[draw_parameter, *signature.parameters.values()], return_annotation=inspect.Signature.empty
        )
        body.__name__ = body.__qualname__ = options.__name__
        body.__module__ = "ceasefire.testing.strategies"
        lazy = st.composite(body)

        @functools.wraps(options)
        def public(*args: P.args, **kwargs: P.kwargs) -> st.SearchStrategy[T]:
            options(*args, **kwargs)
            return lazy(*(_brief(a) for a in args), **{k: _brief(v) for k, v in kwargs.items()})

        return public

    return decorate


# --- argument checks -------------------------------------------------------------------------------


class StrategyArgumentError(InvalidArgument, ValueError):
    """A bad argument to a ceasefire strategy: hypothesis's ``InvalidArgument``, and a ``ValueError`` as before."""


def fail(name: str, received: Any, expected: str) -> InvalidArgument:
    """The error for a bad argument: its name, what was received and what was expected."""
    return StrategyArgumentError(f"{name}={received!r} is not allowed: expected {expected}")


def check_instant(value: Any, name: str) -> dt.datetime:
    """``value`` as an aware instant, or InvalidArgument."""
    if not isinstance(value, (dt.datetime, str)):
        raise fail(name, value, "an aware datetime or an ISO 8601 instant, e.g. '2020-11-10T00:00:00+04:00'")
    try:
        return cftime.instant(value, where=name)
    except ValueError as exc:
        raise StrategyArgumentError(f"{name}={value!r} is not allowed: {exc}") from None


def check_bounds(min_value: Any, max_value: Any) -> tuple[dt.datetime, dt.datetime]:
    """Both bounds as instants, in order."""
    low, high = check_instant(min_value, "min_value"), check_instant(max_value, "max_value")
    if low > high:
        raise StrategyArgumentError(f"min_value={low.isoformat()} is after max_value={high.isoformat()}: expected min_value <= max_value")
    return low, high


def check_size(low: Any, high: Any, names: str, *, floor: int = 0) -> tuple[int, int]:
    """A ``min_``/``max_`` pair of whole numbers with ``floor <= low <= high``."""
    low_name, high_name = f"min_{names}", f"max_{names}"
    for name, value in ((low_name, low), (high_name, high)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise fail(name, value, "a whole number")
    if low < floor:
        raise fail(low_name, low, f"a whole number of at least {floor}")
    if low > high:
        raise StrategyArgumentError(f"{low_name}={low} is more than {high_name}={high}: expected {low_name} <= {high_name}")
    return int(low), int(high)


def check_choices(values: Any, allowed: Sequence[Any], name: str, *, empty_ok: bool = False) -> tuple[Any, ...]:
    """``values`` as a tuple, each one of ``allowed``."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable) or isinstance(values, st.SearchStrategy):
        raise fail(name, values, f"a list or tuple drawn from {list(allowed)}")
    found = tuple(values)
    unknown = [v for v in found if v not in allowed]
    if unknown or (not found and not empty_ok):
        raise fail(name, values, f"a non-empty list drawn from {list(allowed)}")
    return found


def check_ids(values: Any, name: str, *, empty_ok: bool = False, known: Iterable[str] | None = None) -> tuple[str, ...]:
    """``values`` as a tuple of non-empty id strings, each in ``known`` when that is given."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable) or isinstance(values, st.SearchStrategy):
        raise fail(name, values, "a list or tuple of ids, e.g. ['o1', 'o2']")
    found = tuple(values)
    if not found and not empty_ok:
        raise fail(name, values, "at least one id")
    bad = [v for v in found if not isinstance(v, str) or not v.strip()]
    if bad:
        raise fail(name, values, "non-empty strings only")
    if known is not None:
        known = set(known)
        unknown = [v for v in found if v not in known]
        if unknown:
            raise fail(name, values, f"ids the agreement has, e.g. {sorted(known)[:3]}; unknown: {unknown}")
    return found


def check_prefix(value: Any, name: str = "id_prefix") -> str:
    """An id prefix: a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise fail(name, value, "a non-empty string such as 'e'")
    return value


def check_type(value: Any, kind: type | tuple[type, ...], name: str, example: str) -> Any:
    """``value`` itself when it is a ``kind``, else InvalidArgument."""
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise fail(name, value, example)
    return value


def check_duration(value: Any, name: str) -> dt.timedelta:
    """A duration of zero or more."""
    if not isinstance(value, dt.timedelta) or value < dt.timedelta(0):
        raise fail(name, value, "a timedelta of zero or more, e.g. datetime.timedelta(days=1)")
    return value


def check_zone_name(value: Any, name: str) -> str:
    """An IANA zone name ceasefire can read."""
    if not isinstance(value, str):
        raise fail(name, value, "an IANA zone name such as 'Asia/Baku'")
    try:
        cftime.zone(value, where=name)
    except ValueError:
        raise fail(name, value, "an IANA zone name such as 'Asia/Baku'") from None
    return value


def zone_name_of(value: Any, name: str = "timezones") -> str:
    """The IANA name of a drawn zone: a name, or a tzinfo with a name (``zoneinfo``, pendulum, ``dateutil``, UTC)."""
    if isinstance(value, str):
        return check_zone_name(value, name)
    if isinstance(value, dt.tzinfo):
        if value is dt.timezone.utc:
            return "UTC"
        for attribute in ("key", "name", "zone"):
            found = getattr(value, attribute, None)
            if isinstance(found, str):
                head, _, rest = found.partition("/")
                if head in ("posix", "right") and rest:  # hypothesis draws the machine's copies of a zone too: name the zone itself
                    found = rest
                try:
                    return check_zone_name(found, name)
                except InvalidArgument:
                    pass
        text = value.tzname(None)
        if isinstance(text, str):
            try:
                return check_zone_name(text, name)
            except InvalidArgument:
                pass
    raise fail(name, value, "a strategy of IANA zone names (e.g. cs.zones()) or of named tzinfo (e.g. st.timezones())")


def check_zones(value: Any, name: str = "timezones") -> st.SearchStrategy[str]:
    """A strategy of zone names from ``None`` (every zone of :data:`ZONES`), or a strategy of names or tzinfo objects."""
    from ._time import ZONE_NAMES

    if value is None:
        return ZONE_NAMES
    if not isinstance(value, st.SearchStrategy):
        raise fail(name, value, "a strategy of zone names or tzinfo objects, e.g. cs.zones() or st.timezones()")
    # st.timezones() also draws the machine's own zone files ('localtime', 'posixrules'), which have no name that
    # means the same on another machine; those draws are passed over rather than failing the test that asked.
    return value.filter(lambda found: getattr(found, "key", None) not in _MACHINE_FILES).map(lambda found: zone_name_of(found, name))


_MACHINE_FILES = frozenset({"localtime", "posixrules"})


@functools.lru_cache(maxsize=4096)
def pick(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """``st.sampled_from(values)``, made once per tuple: draw functions ask for the same few choices again and again."""
    return st.sampled_from(values)


@functools.lru_cache(maxsize=4096)
def some(values: tuple[Any, ...], min_size: int, max_size: int) -> st.SearchStrategy[list[Any]]:
    """Lists of distinct items of ``values``, made once per set of arguments."""
    return st.lists(st.sampled_from(values), min_size=min_size, max_size=max_size, unique=True)


# --- ids unique within a test case -----------------------------------------------------------------


_COUNTERS: st.SearchStrategy[dict[str, itertools.count[int]]] = st.shared(st.builds(dict), key="ceasefire.testing.ids")
"""One table of counters per test case, shared by every strategy drawing ids."""


def draw_id(draw: st.DrawFn, prefix: str) -> str:
    """The next id with ``prefix`` in this test case: ``e1``, ``e2``... so ids never repeat within one example."""
    counters = draw(_COUNTERS)
    counter = counters.setdefault(prefix, itertools.count(1))
    return f"{prefix}{next(counter)}"


# --- pasteable output ------------------------------------------------------------------------------


def show(value: T) -> T:
    """Have hypothesis print ``value`` (when it is part of a failing example) in a form that can be pasted back.

    Instants print as ``datetime.datetime.fromisoformat('...')``, windows from
    two such instants, agreements and event logs as the YAML they are read
    from. Uses hypothesis's per-example printer table; when that is missing
    (another hypothesis version, or no test running) the plain repr is printed.
    """
    printer = _printer(value)
    if printer is None:
        return value
    try:
        from hypothesis.control import _current_build_context
        from hypothesis.vendor.pretty import IDKey

        context = _current_build_context.value
        if context is not None:
            context.known_object_printers[IDKey(value)].append(printer)
    except (ImportError, AttributeError):  # pragma: no cover - depends on the hypothesis version
        pass
    return value


def instant_text(value: dt.datetime) -> str:
    """Python source for the instant ``value``, with its offset."""
    return f"datetime.datetime.fromisoformat({value.isoformat()!r})"


def yaml_text(model: Agreement | EventLog) -> str:
    """The YAML a file holding ``model`` would have: every instant an ISO string with its offset."""
    data = _without_empties(model.model_dump(mode="json", exclude_none=True))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def _without_empties(value: Any) -> Any:
    """``value`` with empty lists left out of every mapping (each one the field's default)."""
    if isinstance(value, dict):
        return {k: _without_empties(v) for k, v in value.items() if v != []}
    if isinstance(value, list):
        return [_without_empties(v) for v in value]
    return value


def _printer(value: Any) -> Callable[[Any, Any, bool], None] | None:
    if isinstance(value, dt.datetime):
        return lambda obj, p, cycle: p.text(instant_text(obj))
    if isinstance(value, cftime.Window):
        return lambda obj, p, cycle: p.text(f"Window({instant_text(obj.earliest)}, {instant_text(obj.latest)})")
    if isinstance(value, (Agreement, EventLog)):
        reader = "parse_agreement" if isinstance(value, Agreement) else "parse_events"
        return lambda obj, p, cycle: _print_yaml(p, reader, yaml_text(obj))
    return None


def _print_yaml(p: Any, reader: str, text: str) -> None:
    """Print ``reader(yaml.safe_load('''...'''))`` with the YAML on lines of its own."""
    p.text(f"{reader}(yaml.safe_load('''")
    with p.indent(4):
        for line in text.rstrip("\n").replace("\\", "\\\\").replace("'''", "\\'\\'\\'").split("\n"):
            p.break_()
            p.text(line)
    p.break_()
    p.text("'''))")
