"""Parsing YAML and JSON text safely and fast, with line numbers found only when needed.

The one place that turns file text into plain data. Its guarantees:

* JSON is read by orjson when it is installed (the ``fast`` extra), else by
  the standard library, with the same rules either way: no ``NaN`` or
  ``Infinity``, no number too large for a double, no integer past 2**53
  written as digits (it could not be kept exactly), nesting at most
  :data:`MAX_DEPTH` deep, and no key given twice in one object.
* YAML is read by PyYAML's C loader when libyaml is present, else by the pure
  Python one; a key given twice is refused with both lines; aliases may not
  expand the document past :data:`MAX_ALIAS_NODES` nodes (a "billion laughs"
  file is refused at once); a timestamp that is not a real instant
  (``2020-11-31``, an offset of ``+25:00``) is refused with its line.
* A UTF-8 byte-order mark at the start of a file is skipped, in JSON and YAML alike.
* Line numbers for error messages are found lazily (:func:`line_finder`): a
  clean file never pays for them.
"""

from __future__ import annotations

import bisect
import itertools
import json
import json.scanner
import operator
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .time import calendar_date, check_written_time
from .errors import DocumentTooLargeError, InvalidTimeError, DuplicateKeyError, FileFormatError, Problem

_orjson: Any
try:  # the fast JSON parser is optional; the standard library gives the same answers, slower
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised by a test that hides orjson
    _orjson = None

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted in a file (ceasefire's own files nest about 8 deep)."""

MAX_ALIAS_NODES = 1_000_000
"""Most nodes a YAML document may hold once its aliases are expanded."""

MAX_EXACT_INTEGER = 2**53
"""Integers beyond this are not kept exactly by a double; a file that writes one is refused."""

LineOf = Callable[[tuple[str | int, ...]], int | None]

_BRACKETS = re.compile(r"[^\[\]{}]+")
_SQUARE = str.maketrans("{}", "[]")  # depth does not depend on the kind of bracket
_DEEP_BLOCK = re.compile(r"^[ \t\-?:]{128}", re.MULTILINE)
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SURROGATE = "\\ud"
_ALL_DIGITS = bytes.maketrans(b"0123456789", b"0" * 10)  # every ASCII digit read as 0, to find long runs with one `in`
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_SQUARE_BYTES = bytes.maketrans(b"{}", b"[]")


def strip_bom(text: str) -> str:
    """``text`` without a leading UTF-8 byte-order mark."""
    return text[1:] if text.startswith("\ufeff") else text


# ---------------------------------------------------------------- JSON


def parse_json(text: str, name: str) -> Any:
    """Plain data from JSON text; every problem a :class:`FileFormatError` naming ``name`` and the line."""
    text = strip_bom(text)
    if _orjson is not None and not _needs_care(text):
        try:
            data = _orjson.loads(text)
        except (_orjson.JSONDecodeError, RecursionError):
            data = None  # the careful reader below says what is wrong, with its line
        else:
            _check_depth(text, name)
            if text.count(":") == _orjson.dumps(data).count(b":"):
                return data  # no key was dropped: see _needs_care for why counting colons tells
    return _parse_json_carefully(text, name)


def _needs_care(text: str) -> bool:
    """True when the fast reader's answer could hide a problem: an escaped colon, or a run of 16 or more digits.

    A key given twice drops one ``key: value`` pair, and with it at least one
    colon, from what orjson writes back; with no colon written as ``\\u003a``
    the two counts are equal exactly when no key was dropped. orjson turns
    integers past 64 bits into floats silently, so long digit runs go the
    careful way, which refuses them, and so do numbers with a negative
    exponent of three digits or more, which may be too small for a double.
    """
    raw = _bytes(text)
    if b"\\u003" in raw:  # JSON spells the escape with a lower-case u (``\\U`` is refused by both readers)
        return True
    digits = raw.translate(_ALL_DIGITS)
    # a number with an exponent of three digits or more below zero may be too small for a double, which both readers turn into 0
    return b"0" * 16 in digits or b"0e-000" in digits or b"0E-000" in digits


def _bytes(text: str) -> bytes:
    """``text`` as UTF-8 bytes (a lone surrogate kept as it stands), for the checks that bytes make quick."""
    return text.encode("utf-8", "surrogatepass")


def _parse_json_carefully(text: str, name: str) -> Any:
    _check_depth(text, name)
    try:
        data = json.loads(
            text,
            object_pairs_hook=lambda pairs: _unique(pairs, text, name),
            parse_constant=lambda word: _refuse_number(word, text, name),
            parse_int=lambda digits: _exact_int(digits, text, name),
            parse_float=lambda digits: _finite_float(digits, text, name),
        )
    except json.JSONDecodeError as exc:
        raise FileFormatError(Problem(f"{name}:{exc.lineno}", f"invalid JSON ({exc.msg}, column {exc.colno})", "a valid JSON document")) from None
    except RecursionError:
        raise DocumentTooLargeError(Problem(name, "lists or mappings nested too deeply to read", f"at most {MAX_DEPTH} levels of nesting")) from None
    if _SURROGATE in text.lower():  # an escaped surrogate half with no partner cannot be written out again as UTF-8
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            line = _line_at(text.lower(), _SURROGATE)
            raise FileFormatError(Problem(f"{name}{line}", f"invalid JSON (the lone surrogate {exc.object[exc.start:exc.end]!r}, half of a character)", "whole characters only; write the pair of surrogates or the character itself")) from None
    return data


def _check_depth(text: str, name: str) -> None:
    """Refuse JSON nested more than :data:`MAX_DEPTH` deep.

    Brackets are first counted as they stand, strings included, which can
    only overstate the depth; only when that count is too deep are strings
    taken out and the count made exact.
    """
    rough = _depth(_bytes(text).translate(_SQUARE_BYTES, _NOT_BRACKETS).decode("ascii"))
    if rough is not None and rough <= MAX_DEPTH:
        return
    exact = _depth(_BRACKETS.sub("", _JSON_STRING.sub("", text)).translate(_SQUARE))
    if exact is not None and exact > MAX_DEPTH:
        raise DocumentTooLargeError(Problem(name, f"lists or mappings nested more than {MAX_DEPTH} deep", f"at most {MAX_DEPTH} levels of nesting"))


def _depth(brackets: str) -> int | None:
    """How deep ``brackets`` nest, up to ``MAX_DEPTH + 1``; None for unbalanced ones (the parser reports those)."""
    for depth in range(MAX_DEPTH + 1):
        if not brackets:
            return depth
        shorter = brackets.replace("[]", "")
        if len(shorter) == len(brackets):
            return None
        brackets = shorter
    return MAX_DEPTH + 1


def _unique(pairs: list[tuple[str, Any]], text: str, name: str) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    lines = _json_key_lines(text, key)
    where = f"{name}:{lines[-1]}" if lines else name
    both = f" (lines {', '.join(map(str, lines))})" if len(lines) > 1 else ""
    raise DuplicateKeyError(Problem(where, f"the key {key!r} given twice in one object{both}", "each key once per object; the second would silently replace the first"))


def _json_key_lines(text: str, key: str) -> list[int]:
    """Lines on which ``"key":`` appears (a hint for the message, not a parse)."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


def _line_at(text: str, fragment: str) -> str:
    at = text.find(fragment)
    return f":{text.count(chr(10), 0, at) + 1}" if at >= 0 else ""


def _refuse_number(word: str, text: str, name: str) -> Any:
    raise FileFormatError(Problem(f"{name}{_line_at(text, word)}", f"the number {word}", "a finite number such as 12 or 0.5 (NaN and Infinity are not JSON)"))


def _exact_int(digits: str, text: str, name: str) -> int | float:
    if len(digits.lstrip("-")) > 16 or abs(int(digits)) > MAX_EXACT_INTEGER:
        shown = digits if len(digits) <= 40 else digits[:20] + "…" + f" ({len(digits)} digits)"
        raise FileFormatError(Problem(f"{name}{_line_at(text, digits[:40])}", f"the integer {shown}", f"a whole number of at most {MAX_EXACT_INTEGER} in size, e.g. 1960"))
    return int(digits)


def _finite_float(digits: str, text: str, name: str) -> float:
    value = float(digits)
    if value in (float("inf"), float("-inf")):
        shown = digits if len(digits) <= 40 else digits[:20] + "…"
        raise FileFormatError(Problem(f"{name}{_line_at(text, digits[:40])}", f"the number {shown}, too large for a double", "a number below 1.7e308, e.g. 13000"))
    if value == 0 and _vanishes(digits):
        shown = digits if len(digits) <= 40 else digits[:20] + "…"
        raise FileFormatError(Problem(f"{name}{_line_at(text, digits[:40])}", f"the number {shown}, too small for a double (it would read as 0)", _SMALLEST))
    return value


def _vanishes(written: str) -> bool:
    """True when the number ``written`` is not zero although the double read from it is: too small to hold."""
    return bool(written.lower().partition("e")[0].strip("+-0._"))


_SMALLEST = "a number of at least 5e-324 in size, or 0"
_LEADING_ZERO = re.compile(r"^[-+]?0[0-7_]+$")
"""An integer YAML 1.1 reads in base 8 because it starts with 0 ('017' is 15); '0o17' says so and is not one of them."""


def _decimal(written: str) -> int | None:
    """The whole number ``written`` means read in base 10, or None when it is not one (``'12:30'``)."""
    try:
        return int(written.replace("_", ""), 10)
    except ValueError:
        return None


# ---------------------------------------------------------------- YAML

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Rules(yaml.constructor.SafeConstructor):
    """What ceasefire adds to PyYAML's safe loader: duplicate keys, impossible timestamps and unkeepable numbers refused at their line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [(k.tag, k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(set(keys)) == len(keys) and len(keys) == len(node.value):
            return super().construct_mapping(node, deep=deep)
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = (key_node.tag, key_node.value) if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            first = seen.setdefault(key, key_node.start_mark.line + 1)
            if first != key_node.start_mark.line + 1:
                raise _Refused(DuplicateKeyError, key_node, f"the key {key_node.value!r} given twice in one mapping (lines {first} and {key_node.start_mark.line + 1})", "each key once per mapping; the second would silently replace the first")
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            value = super().construct_yaml_timestamp(node)
            _check_read_as_written(node)
            return value
        except (ValueError, OverflowError) as exc:
            try:
                calendar_date(str(node.value)[:10]) if len(str(node.value)) == 10 else check_written_time(str(node.value))
            except InvalidTimeError as known:
                raise _Refused(FileFormatError, node, known.problems[0].received, known.problems[0].expected + "; quote a value to keep it as text") from None
            raise _Refused(
                FileFormatError,
                node,
                f"the timestamp {node.value!r}, which is not a real instant ({_why(exc)})",
                "a real date and an offset between -23:59 and +23:59, e.g. 2020-11-10T00:00:00+03:00; quote it to keep it as text",
            ) from None


    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        digits = str(node.value).replace("_", "").lstrip("+-")
        if len(digits) > 16:
            shown = node.value if len(node.value) <= 40 else node.value[:20] + f"… ({len(node.value)} characters)"
            raise _Refused(FileFormatError, node, f"the integer {shown}", f"a whole number of at most {MAX_EXACT_INTEGER} in size, e.g. 1960")
        try:
            value = super().construct_yaml_int(node)
        except ValueError as exc:
            raise _Refused(FileFormatError, node, f"the number {node.value!r} ({exc})", "a whole number, e.g. 1960") from None
        base = 60 if ":" in node.value else 8 if _LEADING_ZERO.match(node.value) else None
        decimal = None if base is None else _decimal(node.value)
        if base is not None and value != decimal:  # YAML 1.1 forms a reader takes for decimal: '017' is 15 and '12:30' is 750
            instead = f"{decimal} written without its leading zero" if decimal is not None else "a decimal number"
            raise _Refused(
                FileFormatError, node, f"the unquoted {node.value}, which YAML 1.1 reads as {value}, a number in base {base}",
                f"{instead}, or the value in quotes to keep it as text ('{node.value}')",
            )
        if abs(value) > MAX_EXACT_INTEGER:
            raise _Refused(FileFormatError, node, f"the integer {node.value}", f"a whole number of at most {MAX_EXACT_INTEGER} in size, e.g. 1960")
        return value

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        value = super().construct_yaml_float(node)
        if ":" in node.value:  # YAML 1.1 reads '1:30.5' in base 60, as 90.5
            raise _Refused(
                FileFormatError, node, f"the unquoted {node.value}, which YAML 1.1 reads as {value}, a number in base 60",
                "a decimal number (e.g. 90.5), or the value in quotes to keep it as text (e.g. '1:30.5')",
            )
        if value in (float("inf"), float("-inf")) and "inf" not in str(node.value).lower():
            raise _Refused(FileFormatError, node, f"the number {node.value}, too large for a double", "a number below 1.7e308, e.g. 13000")
        if value == 0 and _vanishes(str(node.value)):
            raise _Refused(FileFormatError, node, f"the number {node.value}, too small for a double (it would read as 0)", _SMALLEST)
        return value


def _check_read_as_written(node: yaml.ScalarNode) -> None:
    """Refuse an unquoted timestamp PyYAML reads as another: offset minutes past 59 carried into the hour ('+03:60' read as '+04:00'), or a fraction of a second cut to six digits where a later digit is not zero."""
    shape = yaml.constructor.SafeConstructor.timestamp_regexp.match(node.value)
    if shape and shape.group("tz_minute") and int(shape.group("tz_minute")) > 59:
        raise ValueError(f"offset minutes {shape.group('tz_minute')} past 59")
    if shape and shape.group("fraction") and shape.group("fraction")[6:].strip("0"):
        raise ValueError("a time finer than a microsecond")


class _Loader(_Rules, _Base):  # type: ignore[misc]
    """The rules on libyaml's parser (PyYAML's C loader), when it is installed."""


# the stubs type add_constructor for concrete loaders only; _Loader is one, built on a base chosen at import
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)  # type: ignore[type-var]
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)  # type: ignore[type-var]
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)  # type: ignore[type-var]


def _why(exc: Exception) -> str:
    text = str(exc)
    if "offset" in text or "timedelta" in text:
        return "its UTC offset is out of range"
    return text


class _Refused(Exception):
    """A problem found while building YAML data, carried out to :func:`parse_yaml` with its node."""

    def __init__(self, kind: type[FileFormatError], node: yaml.Node, received: str, expected: str) -> None:
        super().__init__(received)
        self.kind, self.line, self.received, self.expected = kind, node.start_mark.line + 1, received, expected


def parse_yaml(text: str, name: str) -> Any:
    """Plain data from YAML text; every problem a :class:`FileFormatError` naming ``name`` and the line."""
    text = strip_bom(text)
    if not _shallow(text):
        _check_yaml_depth(text, name)
    loader = _Loader(text)  # type: ignore[call-arg]  # (the C or Python loader takes the text; the stubs see SafeConstructor's signature)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _may_alias(text):
            _check_expansion(node, name)
        return loader.construct_document(node)
    except _Refused as exc:
        raise exc.kind(Problem(f"{name}:{exc.line}", exc.received, exc.expected)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "nesting depth" in str(problem):
            raise DocumentTooLargeError(Problem(f"{name}{line}", f"lists or mappings nested more than {MAX_DEPTH} deep", f"at most {MAX_DEPTH} levels of nesting")) from None
        hint = "; a colon followed by a space inside unquoted text starts a new field: put the text in quotes" if "mapping values" in str(problem) else ""
        raise FileFormatError(Problem(f"{name}{line}", f"invalid YAML ({problem})", f"a valid YAML document{hint}")) from None
    except RecursionError:
        raise DocumentTooLargeError(Problem(name, "lists or mappings nested too deeply to read", f"at most {MAX_DEPTH} levels of nesting")) from None
    finally:
        loader.dispose()


def _shallow(text: str) -> bool:
    """True when the text surely nests no more than :data:`MAX_DEPTH` deep: flow brackets counted, and no line indented 128 deep."""
    depth = _depth(_BRACKETS.sub("", text).translate(_SQUARE))
    return depth is not None and depth <= MAX_DEPTH and _DEEP_BLOCK.search(text) is None


def _check_yaml_depth(text: str, name: str) -> None:
    """Refuse YAML nested more than :data:`MAX_DEPTH` deep, following the parser's events (libyaml's parser does not recurse)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = f":{event.start_mark.line + 1}" if event.start_mark is not None else ""
                    raise DocumentTooLargeError(Problem(f"{name}{line}", f"lists or mappings nested more than {MAX_DEPTH} deep", f"at most {MAX_DEPTH} levels of nesting"))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):  # newer libyaml stops deep nesting itself, before our count reaches it
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise DocumentTooLargeError(Problem(f"{name}{line}", f"lists or mappings nested more than {MAX_DEPTH} deep", f"at most {MAX_DEPTH} levels of nesting")) from None
        return  # the loader reports the syntax error with its line


def _may_alias(text: str) -> bool:
    return "*" in text


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Refuse a document deeper than :data:`MAX_DEPTH` or larger than :data:`MAX_ALIAS_NODES` once aliases are expanded."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if id(node) in sizes and not done:
            continue
        children = [n for pair in node.value for n in (pair if isinstance(pair, tuple) else (pair,))] if isinstance(node.value, list) else []
        if depth > MAX_DEPTH:
            raise DocumentTooLargeError(Problem(f"{name}:{node.start_mark.line + 1}", f"lists or mappings nested more than {MAX_DEPTH} deep", f"at most {MAX_DEPTH} levels of nesting"))
        if done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[id(node)] > MAX_ALIAS_NODES:
                raise DocumentTooLargeError(Problem(f"{name}:{node.start_mark.line + 1}", f"aliases that expand to more than {MAX_ALIAS_NODES:,} nodes", "a document whose aliases repeat a small part a few times (a 'billion laughs' file is refused)"))
            continue
        sizes[id(node)] = 0  # in progress: an alias back to an ancestor counts as one node
        stack.append((node, depth, True))
        stack += [(c, depth + 1, False) for c in children if id(c) not in sizes]


# ---------------------------------------------------------------- lines


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_FIRST_KEY = re.compile(r'[ \t\n\r]*(?:(\})|")')
"""After an object's opening brace: its end (group 1), or the opening quote of its first key (the match ends just past it)."""
_JSON_NEXT_KEY = re.compile(r'[ \t\n\r]*(?:(\})|,[ \t\n\r]*")')
"""After a member's value: the object's end (group 1), or a comma and the next key's opening quote."""
_JSON_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_JSON_FIRST_ITEM = re.compile(r"[ \t\n\r]*(?:(\])|(?=[^ \t\n\r]))")
"""After a list's opening bracket: its end (group 1), or white space up to its first item."""
_JSON_NEXT_ITEM = re.compile(r"[ \t\n\r]*(?:(\])|,[ \t\n\r]*)")
"""After an item: the list's end (group 1), or a comma and white space up to the next item."""
_JSON_SCAN: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(json.JSONDecoder(strict=True))  # type: ignore[arg-type]


def _JSON_VALUE(text: str, at: int) -> tuple[Any, int]:
    """The JSON value that starts at ``at`` and where it ends, read by the standard library's C scanner (a ValueError when there is none)."""
    try:
        return _JSON_SCAN(text, at)
    except StopIteration as stop:
        raise ValueError(f"a JSON value expected at {stop.value}") from None


_JSON_KEY: Callable[[str, int], tuple[str, int]] = vars(json.decoder)["scanstring"]  # the C scanner of one string, which the stubs do not name
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What ends a line, as the YAML reader counts them, so a JSON file's lines number as they did when the YAML composer read it."""


class _JsonLines:
    """Where a field path starts in a JSON text, found by skipping over values with the standard library's C scanner.

    Composing a JSON file of a hundred thousand events with the YAML
    composer, to number the lines of a few problems, took minutes; this
    reads each object or list on a path once, keeps where its members start,
    and skips every other value at the speed of the parser. A text that is
    not one JSON value (YAML, or JSON the strict scanner refuses) gets no
    finder, and the YAML composer numbers it instead.
    """

    def __init__(self, text: str, root: int) -> None:
        self.text = text
        self.root = root
        self.members: dict[int, dict[str, tuple[int, int]]] = {}
        """For each object read, by where it starts: each key (its first occurrence) with where the key and its value start."""
        self.items: dict[int, list[int]] = {}
        """For each list read, by where it starts: where each item starts."""
        self.starts: list[int] | None = None
        """Where each line after the first starts, found on the first line asked for."""

    @classmethod
    def of(cls, text: str) -> _JsonLines | None:
        """A finder for ``text`` when it is exactly one JSON object or list with nothing after it but white space; else None."""
        root = _JSON_SPACE.match(text, 0).end()  # type: ignore[union-attr]
        if root >= len(text) or text[root] not in "{[":
            return None
        found = cls(text, root)
        try:
            end = found._read(root)
        except (ValueError, IndexError, RecursionError):
            return None
        return found if _JSON_SPACE.match(text, end).end() == len(text) else None  # type: ignore[union-attr]

    def _read(self, at: int) -> int:
        """Read the object or list that starts at ``at``, keeping where its members start; return where it ends."""
        text = self.text
        if text[at] == "{":
            members: dict[str, tuple[int, int]] = {}
            found = _JSON_FIRST_KEY.match(text, at + 1)
            while found is not None and found.group(1) is None:  # a key's opening quote, one before found.end()
                key_at = found.end() - 1
                key, after = _JSON_KEY(text, found.end())
                colon = _JSON_COLON.match(text, after)
                if colon is None:
                    raise ValueError(f"':' expected at {after}")
                members.setdefault(key, (key_at, colon.end()))
                found = _JSON_NEXT_KEY.match(text, _JSON_VALUE(text, colon.end())[1])
            if found is None:
                raise ValueError(f"a key or the end of an object expected after {at}")
            self.members[at] = members
            return found.end()
        items: list[int] = []
        found = _JSON_FIRST_ITEM.match(text, at + 1)
        while found is not None and found.group(1) is None:  # the start of an item at found.end()
            items.append(found.end())
            found = _JSON_NEXT_ITEM.match(text, _JSON_VALUE(text, found.end())[1])
        if found is None:
            raise ValueError(f"an item or the end of a list expected after {at}")
        self.items[at] = items
        return found.end()

    def line_of(self, path: tuple[str | int, ...]) -> int:
        """The line of the field ``path``, walked as the YAML finder walks it: a part that names nothing (a key not there, an index out of range) is passed over."""
        text, at = self.text, self.root
        last = len(path) - 1
        for i, part in enumerate(path):
            opening = text[at]
            if opening == "{":
                if at not in self.members:
                    self._read(at)
                pair = self.members[at].get(str(part))
                if pair is None:
                    continue
                at = pair[0] if i == last else pair[1]
            elif opening == "[" and isinstance(part, int):
                if at not in self.items:
                    self._read(at)
                items = self.items[at]
                if 0 <= part < len(items):
                    at = items[part]
        return self._line(at)

    def _line(self, at: int) -> int:
        starts = self.starts
        if starts is None:
            text = self.text
            if any(mark in text for mark in "\r\x85\u2028\u2029"):
                starts = [m.end() for m in _LINE_BREAK.finditer(text)]
            else:  # line feeds alone: each line's start from the lengths of the lines before it
                lengths = itertools.accumulate(map(len, text.split("\n")))
                starts = list(map(operator.add, lengths, itertools.count(1)))[:-1]
            self.starts = starts
        return bisect.bisect_right(starts, at) + 1


def line_finder(text: str) -> LineOf:
    """A function from a field path to its line in ``text`` (YAML or JSON); it reads the text for lines on first use only.

    JSON is read by :class:`_JsonLines`, at the speed of the JSON parser; other
    text is composed by the YAML composer.
    """
    root: list[Any] = []
    as_json: list[_JsonLines | None] = []

    def compose() -> Any:
        if not root:
            try:
                root.append(yaml.compose(strip_bom(text), Loader=_Base if _shallow(text) else yaml.SafeLoader))
            except Exception:  # any text the parsers already accepted composes; this only guards the message
                root.append(None)
        return root[0]

    def line_of(path: tuple[str | int, ...]) -> int | None:
        if not as_json:
            as_json.append(_JsonLines.of(strip_bom(text)))
        finder = as_json[0]
        if finder is not None:
            return finder.line_of(path)
        node = compose()
        if node is None:
            return None
        for i, part in enumerate(path):
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if pair is None:
                    continue
                node = pair[0] if i == len(path) - 1 else pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
        return int(node.start_mark.line) + 1

    return line_of


KEEP_TEXT_UP_TO = 1 << 20
"""Files up to this many characters keep their text for finding lines; longer ones are read again when a line is asked for."""


def file_line_finder(path: Path, text: str) -> LineOf:
    """:func:`line_finder` for the file ``path`` whose text was ``text``, holding the text only when it is short.

    A problem found after loading (an unknown obligation, when the tracker
    checks the links) still names its line, yet a feed of a hundred thousand
    events should not keep its tens of megabytes of text alive for a message
    that may never be written. A long file is read again on the first line
    asked for, and only if its size and modification time are as they were
    when it was loaded; a file changed since gives no line rather than a
    wrong one.
    """
    if len(text) <= KEEP_TEXT_UP_TO:
        return line_finder(text)
    stamp = _stamp(path)
    found: list[LineOf | None] = []

    def line_of(where: tuple[str | int, ...]) -> int | None:
        if not found:
            try:
                again = path.read_bytes().decode("utf-8") if _stamp(path) == stamp else None
            except (OSError, UnicodeDecodeError):
                again = None
            found.append(None if again is None else line_finder(again))
        finder = found[0]
        return None if finder is None else finder(where)

    return line_of


def _stamp(path: Path) -> tuple[int, int] | None:
    """The file's size and modification time in nanoseconds, or None when it cannot be read."""
    try:
        facts = path.stat()
    except OSError:
        return None
    return (facts.st_size, facts.st_mtime_ns)
