"""Reading agreements and event files from YAML or JSON, with errors that name the line.

A file is parsed here, then checked by :func:`ceasefire.validation.check_document`:
its fields, then the rules the document alone can break. Every
problem found is reported with the file, the line and the field, and nothing
in the file is dropped or altered on the way in.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._collector import collector_paused
from ._documents import file_line_finder, parse_json, parse_yaml
from ._progress import logger, progress
from .errors import FileFormatError, Problem
from .model import Agreement, EventLog, with_shared_parts
from .time import forget_texts_read
from .validation import Origin, check_document, dotted_path

PathLike = str | Path


def load_agreement(path: PathLike) -> Agreement:
    """Read an agreement file (YAML or JSON) and check it whole."""
    with progress(f"reading {Path(path).name}"):
        data, origin = read_document(Path(path))
        agreement = parse_agreement(data, origin=origin)
    logger.info("agreement %s from %s: %d obligations", agreement.id, path, sum(len(p.obligations) for p in agreement.points))
    return agreement


def load_events(path: PathLike) -> EventLog:
    """Read an event file (YAML or JSON): its sources and events."""
    # The parser's output lives as long as the log built from it, so the
    # collector is held back from the start of the parse, not only while
    # the fields are checked.
    with progress(f"reading {Path(path).name}"), collector_paused():
        data, origin = read_document(Path(path))
        log = _parse_events(data, origin, own=True)
    logger.info("events from %s: %d events, %d sources, %d deletions", path, len(log.events), len(log.sources), len(log.deletions))
    return log


def parse_agreement(data: Any, *, origin: Origin | None = None) -> Agreement:
    """Validate an agreement given as plain data (as read from YAML or JSON)."""
    try:
        return check_document(Agreement, data, origin or Origin("<agreement>"))
    finally:
        forget_texts_read()


def parse_events(data: Any, *, origin: Origin | None = None) -> EventLog:
    """Validate an event log given as plain data. Links are checked against an agreement later, by the tracker."""
    return _parse_events(data, origin, own=False)


def _parse_events(data: Any, origin: Origin | None, *, own: bool) -> EventLog:
    """:func:`parse_events`; ``own`` when the data was parsed here and nobody else holds it, so that it may be changed in place."""
    with collector_paused():
        try:
            return check_document(EventLog, data, origin or Origin("<events>"), share=functools.partial(with_shared_parts, own=own))
        finally:
            forget_texts_read()


def read_document(path: Path) -> tuple[Any, Origin]:
    """Parse a YAML or JSON file; the origin it returns finds field lines only when a message needs one."""
    text = read_text(path)
    name = str(path)
    logger.debug("parsing %s (%d characters, as %s)", name, len(text), "JSON" if path.suffix.lower() == ".json" else "YAML")
    data = parse_json(text, name) if path.suffix.lower() == ".json" else parse_yaml(text, name)
    if data is None or (isinstance(data, str) and not data.strip()):
        raise FileFormatError(Problem(name, "an empty file", "a mapping of fields, e.g. 'events:' or 'points:'"))
    if not isinstance(data, Mapping):
        raise FileFormatError(Problem(name, f"a document whose top level is {_kind_of(data)}", "a mapping of fields, e.g. 'events:' or 'points:'"))
    return data, Origin(name, file_line_finder(path, text), (path.resolve().parent,))


def read_text(path: Path, *, formats: str = "YAML or JSON") -> str:
    """The text of ``path`` read as UTF-8 (a byte-order mark is allowed), or a :class:`FileFormatError` saying why not: the line of the first byte that is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(Problem(str(path), f"a file that cannot be read ({exc.strerror or exc})", f"a readable UTF-8 {formats} file")) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FileFormatError(Problem(f"{path}:{line}", f"the bytes {raw[exc.start:exc.start + 4]!r}, which are not UTF-8", "a file saved as UTF-8")) from None


def _kind_of(data: Any) -> str:
    names = {list: "a list", str: "a single piece of text", int: "a number", float: "a number", bool: "a true/false value"}
    return f"{names.get(type(data), type(data).__name__)} ({repr(data)[:40]})"


__all__ = ["dotted_path", "load_agreement", "load_events", "parse_agreement", "parse_events", "read_document"]
