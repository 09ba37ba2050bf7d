"""The one ``DATE`` parameter type every date option of the command line uses.

A DATE is a calendar date (``2020-11-16``: a whole day, read in the
agreement's reference zone by the command) or an ISO 8601 instant with its
offset (``2020-11-16T12:00:00+04:00``). The value is checked as soon as the
command line is read, by the same rules and with the same typed errors as
the library (:func:`ceasefire.time.moment`), so a typo is one ``error:`` line
naming the option; it is then passed on as written, for the engine to read
in the agreement's zone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..time import moment

if TYPE_CHECKING:
    _Base = click.ParamType[str]  # generic from click 8.2 on
else:
    _Base = click.ParamType  # subscripting fails on older clicks at run time


class DateType(_Base):
    """A date or an instant with an offset; naive instants are refused, as everywhere in ceasefire."""

    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        where = "DATE" if param is None else param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
        moment(text, "UTC", where=str(where))  # raises InvalidTimeError or NaiveDatetimeError with an example
        return text


DATE = DateType()
