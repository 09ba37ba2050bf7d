"""The ``ceasefire`` click group: its global options, exit codes and one-line errors.

Every error that reaches the command line becomes one ``error:`` line on stderr
and one of the documented exit codes (see :mod:`ceasefire.cli`). The commands
themselves live in the other modules of this package and are registered on
:data:`main` in ``cli/__init__.py``.
"""

from __future__ import annotations

import os

import click

from ..errors import CeasefireError

EXIT_USER_ERROR = 2
EXIT_INVALID_INPUT = 1
EXIT_INTERNAL_ERROR = 3

EXTRAS = {"dateparser": "extract", "matplotlib": "charts", "jinja2": "report", "pandas": "pandas", "polars": "polars", "numpy": "bulk", "pyarrow": "bulk", "duckdb": "bench"}
"""The optional extra that brings each library a command may need."""


class _Group(click.Group):
    """A click group that turns every error into one line on stderr and a documented exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001  (every other error becomes one line; see _one_line)
            if os.environ.get("CEASEFIRE_DEBUG"):
                raise
            message, code = _one_line(exc)
            click.echo(f"error: {message}", err=True)
            ctx.exit(code)


def _one_line(exc: Exception) -> tuple[str, int]:
    """The message and exit code for an error that reached the command line."""
    if isinstance(exc, CeasefireError):
        text = str(exc)
        return (text if "\n" not in text else text.replace("\n  - ", " | ").replace("\n", " ")), EXIT_USER_ERROR
    if isinstance(exc, KeyError):
        return str(exc.args[0] if exc.args else exc), EXIT_USER_ERROR
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):  # a value given on the command line, checked by a model
        first = exc.errors()[0]
        return f"{'.'.join(map(str, first['loc']))}: {first['msg'].removeprefix('Value error, ')}", EXIT_USER_ERROR
    if isinstance(exc, ImportError):
        library = (exc.name or "a library").split(".")[0]
        extra = EXTRAS.get(library)
        if extra is not None:
            return f"this command needs the '{extra}' extra ({library} is not installed): pip install 'ceasefire[{extra}]'", EXIT_USER_ERROR
    if isinstance(exc, UnicodeDecodeError):
        return f"a file is not UTF-8 text (the bytes {exc.object[exc.start:exc.start + 4]!r} at byte {exc.start}); save it as UTF-8", EXIT_USER_ERROR
    if isinstance(exc, OSError):
        return f"cannot use {exc.filename or 'a file'}: {exc.strerror or exc}", EXIT_USER_ERROR
    if isinstance(exc, (RecursionError, MemoryError)):
        return f"the input is too large or too deeply nested to work on ({type(exc).__name__})", EXIT_USER_ERROR
    return f"internal error in ceasefire ({type(exc).__name__}: {str(exc)[:200]}); please report it, with CEASEFIRE_DEBUG=1 set to see the traceback", EXIT_INTERNAL_ERROR


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ceasefire")
@click.option("--seeds-only", is_flag=True, help="Answer from the bundled seed events alone, leaving out the bundled record.")
@click.option("-v", "--verbose", count=True, help="Log what is read and written on stderr; -vv for more detail.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display, hints or log lines; errors only.")
def main(seeds_only: bool, verbose: int, quiet: bool) -> None:
    """Where each clause of a ceasefire agreement stood on a date, why, and on whose word.

    Without --agreement or --events, answers rest on the bundled 2020 statement, its seed events
    and the bundled record of its life (2020-2025).

    Example: ceasefire status 2020-11-26
    """
    from .._progress import configure_cli_logging

    configure_cli_logging(verbose, quiet)


def _seeds_only() -> bool:
    """Whether ``--seeds-only`` was given before the command."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().params.get("seeds_only"))


class CeasefireUsage(click.ClickException):
    """A command-line mistake: one ``error:`` line on stderr, exit code 2."""

    exit_code = EXIT_USER_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)
