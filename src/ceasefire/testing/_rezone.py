"""Writing the same instants in another zone: a whole agreement, log, window or instant."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel

from .. import time as cftime
from ..time import Window
from ._api import zone_name_of

M = TypeVar("M")


def rezoned(value: M, zone: str | dt.tzinfo) -> M:
    """``value`` with every instant in it written in ``zone``: the same instants, other wall clocks (a helper, not a strategy).

    ``value`` may be an agreement, an event log, any other input model, a
    :class:`~ceasefire.Window`, an aware datetime, or a list or tuple of
    these. Plain dates, spans and the zone fields (an agreement's reference
    ``zone``, a log's ``zone``) are left as they are, so ceasefire's answers
    about the result must equal its answers about ``value``. ``zone`` is an
    IANA name or a named tzinfo; anything else raises ``InvalidArgument``.
    """
    return _rewrite(value, zone_name_of(zone, "zone"))


def _rewrite(value: Any, zone: str) -> Any:
    if isinstance(value, BaseModel):
        changes = {name: _rewrite(getattr(value, name), zone) for name in type(value).model_fields}
        copy = value.model_copy(update=changes)
        origin = getattr(value, "_origin", None)
        if origin is not None and getattr(copy, "_origin", None) is None:
            copy._origin = origin  # where quoted files are read from
        return copy
    if isinstance(value, list):
        return [_rewrite(item, zone) for item in value]
    if isinstance(value, tuple):
        return tuple(_rewrite(item, zone) for item in value)
    if isinstance(value, Window):
        return Window(cftime.in_zone(value.earliest, zone), cftime.in_zone(value.latest, zone))
    if isinstance(value, dt.datetime):
        return cftime.in_zone(value, zone)
    return value
