"""The options the commands share, and the one ``DATE`` type every date option uses.

A DATE is a calendar date (``2020-11-16``: a whole day, read in the
agreement's reference zone by the command), a day in a zone it names
(``2020-11-16[Asia/Baku]``), or an ISO 8601 instant with its offset
(``2020-11-16T12:00:00+04:00``). The value is checked as soon as the
command line is read, by the same rules and with the same typed errors as
the library (:func:`ceasefire.time.moment`), so a typo is one ``error:`` line
naming the option; it is then passed on as written, for the engine to read
in the agreement's zone.

The shared options (``--agreement``, ``--events``, ``--known-on``, ``--out``,
``--format``) are written once here, so every command that takes one
reads it with the same type and help text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.decorators import FC

from ..time import moment

if TYPE_CHECKING:
    _Base = click.ParamType[str]  # generic from click 8.2 on
else:
    _Base = click.ParamType  # subscripting fails on older clicks at run time


class DateType(_Base):
    """A date, a date with its zone in brackets, or an instant with an offset; naive instants are refused, as everywhere in ceasefire."""

    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        where = "DATE" if param is None else param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
        moment(text, "UTC", where=str(where))  # raises InvalidTimeError or NaiveDatetimeError with an example
        return text


DATE = DateType()

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
AGREEMENT = click.option("--agreement", type=FILE, help="Agreement file (YAML or JSON); the bundled 2020 statement by default.")
EVENTS = click.option("--events", multiple=True, type=FILE, help="Event file; repeat for several. The bundled seed events and record by default.")
KNOWN_ON = click.option("--known-on", type=DATE, help="Use only what had been reported or announced by this date or instant.")
OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write instead of printing; needed for xlsx, e.g. --out status.xlsx.")


def format_option(*choices: str) -> Callable[[FC], FC]:
    """A ``--format`` option offering ``choices``, the first one by default."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help="Output format.")
