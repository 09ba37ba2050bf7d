"""Write docs/reference/files.md: every field of every file ceasefire reads, from the models themselves.

    python scripts/make_reference.py          # write the page
    python scripts/make_reference.py --check  # exit 1 if the page is not what the models give

The page is built by walking the pydantic models in ``ceasefire.model`` from the two roots a user
writes (an agreement file and an event file), so a field added to a model appears here as soon as
the page is regenerated; tests/test_reference.py fails until it is. For each model it lists the
fields with their type, whether they are required, their meaning (the field's own description,
else a sentence from DESCRIPTIONS below), the first value found for that field in the bundled data
and the worked examples, and what is refused.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ceasefire import model as m
from ceasefire.bounds import VISIBLE

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "reference" / "files.md"
ROOTS: tuple[tuple[str, type[BaseModel], tuple[Path, ...]], ...] = (
    (
        "The agreement file",
        m.Agreement,
        (ROOT / "src/ceasefire/data/nk-2020.yaml", *sorted((ROOT / "docs/examples").glob("*/agreement.yaml"))),
    ),
    (
        "The event file",
        m.EventLog,
        (ROOT / "src/ceasefire/data/seed-events.yaml", *sorted((ROOT / "docs/examples").glob("*/events.yaml"))),
    ),
)
"""Each kind of file: its heading, its root model, and the files its examples are taken from."""

DESCRIPTIONS: dict[str, str] = {
    "*.note": "Free text for what no other field can hold; kept and shown with the results.",
    "*.id": "A short name, unique in its file, that other entries use to refer to this one.",
    "*.summary": "What it says, in one sentence of your own words.",
    "Agreement.id": "A short, stable name for the agreement, e.g. `nk-2020`.",
    "Agreement.title": "The agreement's name as a reader knows it.",
    "Agreement.parties": "Every state, body or group the agreement names, with its roles.",
    "Agreement.announced": "When the agreement was made public; a window where sources differ.",
    "Agreement.effective": "The instant from which the agreement binds, with its offset.",
    "Agreement.points": "The agreement's clauses, in order, each with the obligations it creates.",
    "Agreement.amendments": "Later, dated changes: moved deadlines, suspensions, supplements.",
    "Agreement.places": "Places the reports name, each with the other names used for it.",
    "Agreement.sources": "The documents the agreement file cites; event files may cite them too.",
    "Party.name": "Its full name.",
    "Party.roles": "What it is in the agreement: `party` (bound by it), `signatory`, `mediator`, `guarantor`, `peacekeeper`.",
    "Place.name": "The name results use for the place.",
    "Place.aliases": "Other spellings and names reports use; matched without regard to case.",
    "Source.title": "The document's title, or a short description if it has none.",
    "Source.publisher": "Who published it.",
    "Source.published": "When it was published: a date, an instant, or a window when only its span is known. Nothing it says is known before then. For a page with no date line, give `published_not_after` instead of guessing.",
    "Source.url": "Where it can be read.",
    "Source.language": "Its language, as a code such as `en` or `ru`.",
    "Citation.note": "Anything a reader should know about this use of the source.",
    "Point.number": "The clause's number in the agreement (a whole number from 1).",
    "Point.obligations": "The obligations the clause creates; each has a `kind` that says which fields it takes.",
    "DeadlineObligation.kind": "`deadline`: something to be done by a time.",
    "DeadlineObligation.due": "When it is due (see Due).",
    "StandingObligation.kind": "`standing`: something that must hold all the time it is in force.",
    "ProgressObligation.kind": "`progress`: work with no deadline, advanced by reports until one says it is complete.",
    "ProgressObligation.targets": "Figures the work must reach, such as a number of troops; a report's figure meets one only if it surely reaches it.",
    "TermObligation.kind": "`term`: an arrangement that runs for a period and may renew itself.",
    "TermObligation.period": "How long the first period lasts, from taking effect.",
    "*.sources": "Citations of the documents this rests on, each naming a declared source.",
    "Due.by": "A date: due before the end of that day in the agreement's reference zone.",
    "Due.at": "An exact instant, with its offset.",
    "Due.within": "A length of time, counted from taking effect, from `after`, or from the fulfilment named in `after_fulfilment_of`.",
    "Due.after": "The instant `within` counts from.",
    "Due.after_fulfilment_of": "The id of an obligation whose first reported fulfilment `within` counts from.",
    "Quantity.name": "What is counted, e.g. `servicemen`.",
    "Quantity.value": "The number.",
    "Quantity.qualifier": "How exact the number is; only `exactly`, `at least` and `more than` can meet a target.",
    "Amendment.kind": "What the change does: `move-deadline`, `suspend`, `resume` or `end` change one obligation, `supplement` adds obligations, `end-agreement` ends the whole agreement.",
    "Amendment.obligation": "The id of the obligation it changes (all kinds but `supplement`).",
    "Amendment.point": "The point a supplement adds obligations to.",
    "Amendment.due": "The new deadline of a `move-deadline`.",
    "Amendment.obligations": "The obligations a `supplement` adds; they bind from the supplement's effect unless they say otherwise.",
    "Amendment.agreed": "When the change was agreed; it applies from the end of this time unless `effective` says otherwise.",
    "Amendment.announced": "When it was made public; it is not known before then.",
    "Amendment.effective": "When the change applies, if not from `agreed`.",
    "Amendment.requested_by": "Ids of the parties that asked for it.",
    "Amendment.granted_by": "Ids of the parties that agreed to it.",
    "Amendment.announced_by": "Who announced it, in words.",
    "Amendment.reason": "The reason given, in words.",
    "EventLog.sources": "The documents the events cite.",
    "EventLog.events": "The reported events.",
    "Event.id": "A short name, unique in the file (or per `version`).",
    "Event.summary": "What happened, in one sentence of your own words.",
    "Event.occurred": "When it happened: an instant, a whole day, or a window when reports are vague.",
    "Event.actors": "Ids of the parties (or other short names) that acted.",
    "Event.place": "Where it happened; matched against the agreement's places and their aliases.",
    "Event.quantities": "Figures the reports give, e.g. prisoners exchanged.",
    "Event.links": "How the event bears on each obligation it concerns.",
    "Event.disputed_by": "Parties that reject the report.",
    "Event.discrepancies": "Facts the sources disagree on, each with every version.",
    "Event.sources": "Citations of the sources that report it, with the words relied on.",
    "Link.obligation": "The id of the obligation.",
    "Link.role": "`fulfils` completes it, `advances` is partial progress, `breaches` violates it, `ends` says it actually came to an end, `notice` is a party's notice to end a renewable term, `context` is background that changes no status.",
    "Link.rule": "The id of the mapping rule that made it, when `made_by` is `rule`.",
    "Link.confidence": "How sure the maker of the link is, from 0 to 1. It is kept and shown in the HTML report but changes no status.",
    "Dispute.party": "The id of the party that rejects the report.",
    "Claim.value": "One source's version of the fact, in words.",
    "Claim.citation": "Where that version comes from.",
    "Discrepancy.about": "The fact in question, e.g. `date of the statement`.",
    "Discrepancy.claims": "Each source's version; at least two.",
    "Deletion.deleted": "When the record was withdrawn, with its offset.",
    "Location.name": "The place name the dataset gives.",
    "Location.admin1": "First-level administrative area.",
    "Location.admin2": "Second-level administrative area.",
    "Location.admin3": "Third-level administrative area.",
    "Location.country": "Country.",
    "Location.latitude": "Latitude in degrees.",
    "Location.longitude": "Longitude in degrees.",
    "Record.location": "Where the dataset places the event.",
    "Coverage.start": "Where the watch begins: a date (the start of that day in the file's zone) or an instant.",
    "Coverage.end": "Where the watch ends: a date (the end of that day) or an instant.",
    "Coverage.note": "What the log does and does not watch in this stretch, in words.",
    "AgreementEnd.how": "`terminated` (ended by its parties), `superseded` (replaced by a later agreement), `collapsed` (broke down in fact) or `expired` (ran out).",
    "AgreementEnd.note": "Anything a reader should know about the ending.",
}
"""Meanings, in our words, for fields whose model gives no description ("*.field" applies to any model)."""

RULES: dict[str, list[str]] = {
    "Agreement": ["a `zone` or `local_zone` that is not an IANA zone name"],
    "EventLog": ["a `zone` that is not an IANA zone name"],
    "Due": [
        "none, or more than one, of `by`, `at` and `within`",
        "`after` or `after_fulfilment_of` without `within`, or both together",
    ],
    "Amendment": [
        "`how` on anything but an `end-agreement`, an `end-agreement` without it, or with `obligation`, `point`, `obligations` or `due`",
        "a `supplement` without `point` and `obligations`, or with `obligation` or `due`",
        "any other kind without `obligation`, or with `point` or `obligations`",
        "`due` on anything but a `move-deadline`, or a `move-deadline` without it",
    ],
    "Citation": ["`offsets` that are not 0 <= start <= end"],
    "Source": ["both `published` and `published_not_after`", "a `published_not_after` after the day it was `read`"],
    "Coverage": ["a `to` before its `from`"],
    "Event": ["both `until` and `ongoing: true`", "an `until` that ends before the happening could have started"],
}
"""Rules a model checks across its fields (its validators), in our words."""

TIME_FORMS = {
    "_as_instant": "instant (ISO 8601 with offset)",
    "_as_window": "time: instant, date, or `{earliest, latest}`",
    "_as_span": "length (ISO 8601 duration, e.g. `P3Y`)",
    "_as_coverage_start": "date or instant",
    "_as_coverage_end": "date or instant",
}


def main() -> None:
    text = render()
    if "--check" in sys.argv[1:]:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            sys.exit(f"{PAGE.relative_to(ROOT)} is out of date: run python scripts/make_reference.py")
        print(f"{PAGE.relative_to(ROOT)} is current")
        return
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")


def render() -> str:
    """The whole page, as Markdown."""
    out = [HEADER]
    placed: set[type[BaseModel]] = set()
    for title, root, files in ROOTS:
        examples = _examples(root, files)
        out.append(f"## {title}\n")
        out.append(f"Examples below are the first value found in {', '.join(f'`{p.relative_to(ROOT)}`' for p in files)}.\n")
        for cls in _reachable(root):
            if cls in placed:
                continue
            placed.add(cls)
            out.append(_section(cls, examples))
    return "\n".join(out).rstrip("\n") + "\n"


HEADER = """\
# Reference: the files ceasefire reads

<!-- Generated by scripts/make_reference.py from ceasefire.model; do not edit by hand. -->

Every field of the two kinds of file you write: an **agreement file** (its clauses as obligations,
its amendments, its parties, places and sources) and an **event file** (reported events and the
sources they cite). Both are YAML (or JSON) mappings. A field marked *required* must be there;
every other field may be left out, and then takes the default shown. Every model refuses fields it
does not know, so a misspelt field name is reported rather than ignored.

Times are never naive. Where a field takes a *time*, it may be an instant with its offset
(`2020-11-10T00:00:00+03:00`), a date (the whole day, read in the file's zone: the agreement's
`zone`, or the event file's `zone`), or a window `{earliest: ..., latest: ...}` when a report is
vague. A *length* is an ISO 8601 duration such as `P14D` or `P3Y`.

Beyond each field on its own, `ceasefire validate` checks what needs the whole picture: ids that
must exist (bearers, obligations named in links and amendments, sources named in citations), ids
that must be unique, quotes that must be found in a source's local copy, deadlines that must not
fall before the obligation binds, and events that need a dated first report. It also warns, without
failing, of unused sources, repeated place aliases, a term's notice as long as its period, events
first reported before they could have happened, events counted from before an obligation took
effect, and notes that name a year or day after they are first shown.
"""


def _section(cls: type[BaseModel], examples: dict[tuple[type[BaseModel], str], Any]) -> str:
    doc = inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].replace("\n", " ")
    lines = [f"### {cls.__name__}\n", f"{doc}\n", "| field | type | required | meaning | example |", "|---|---|---|---|---|"]
    for name, field in cls.model_fields.items():
        example = examples.get((cls, name))
        lines.append(f"| `{_written(name, field)}` | {_type(field)} | {_required(field)} | {_meaning(cls, name, field)} | {_example(example)} |")
    refused = list(_refused(cls))
    lines.append("\nRefused: " + "; ".join(refused) + ".\n")
    return "\n".join(lines)


def _written(name: str, field: FieldInfo) -> str:
    """The name a file uses for a field: its alias when it has one (``from`` for ``start``)."""
    return field.alias or name


def _meaning(cls: type[BaseModel], name: str, field: FieldInfo) -> str:
    text = field.description or DESCRIPTIONS.get(f"{cls.__name__}.{name}") or DESCRIPTIONS.get(f"*.{name}") or "(no description yet)"
    return _cell(text)


def _required(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    if typing.get_origin(field.annotation) is typing.Literal and len(typing.get_args(field.annotation)) == 1:
        return "required (its value picks this model)"
    default = field.get_default(call_default_factory=True)
    if default is None:
        return "no"
    if default in ([], {}, ()):
        return "no (empty)"
    return f"no (`{_flow(default)}`)"


def _type(field: FieldInfo) -> str:
    return _cell(_describe(field.annotation, field.metadata))


def _describe(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> str:
    for item in metadata:
        func = getattr(item, "func", None)
        if getattr(func, "__name__", None) in TIME_FORMS:
            return TIME_FORMS[func.__name__]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _describe(args[0], args[1:])
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        if all(_is_model(a) for a in kept) and len(kept) > 1:
            return "one of " + ", ".join(_link(a) for a in kept) + " (told apart by `kind`)"
        return " or ".join(_describe(a) for a in kept)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_describe(args[0])}"
    if origin is tuple:
        return f"pair of {_describe(args[0])}" if len(args) == 2 and args[0] == args[1] else "list of " + ", ".join(_describe(a) for a in args)
    if origin is dict:
        return f"mapping of {_describe(args[0])} to {_describe(args[1])}"
    if _is_model(annotation):
        return _link(annotation)
    names = {str: "text", int: "whole number", float: "number", bool: "`true` or `false`", dt.date: "date (`YYYY-MM-DD`)", dt.datetime: "instant"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _refused(cls: type[BaseModel]) -> Iterator[str]:
    yield "fields not listed above"
    required = [f"`{_written(n, f)}`" for n, f in cls.model_fields.items() if f.is_required()]
    if required:
        yield "a missing " + ", ".join(required)
    for field_name, field in cls.model_fields.items():
        name = _written(field_name, field)
        for item in field.metadata:
            kind = type(item).__name__
            if kind == "MinLen":
                yield f"an empty `{name}`" if item.min_length == 1 else f"fewer than {item.min_length} entries in `{name}`"
            elif kind == "StringConstraints" and item.pattern == VISIBLE:
                yield f"an empty `{name}`, or one of white space alone"
            elif kind == "Ge":
                yield f"`{name}` below {item.ge}"
            elif kind == "Le":
                yield f"`{name}` above {item.le}"
            elif kind == "Gt":
                yield f"`{name}` of {item.gt} or less"
            elif kind == "Lt":
                yield f"`{name}` of {item.lt} or more"
    yield from RULES.get(cls.__name__, [])


def _reachable(root: type[BaseModel]) -> list[type[BaseModel]]:
    """The models a root's fields lead to, in the order a reader meets them (depth first)."""
    found: list[type[BaseModel]] = []

    def visit(cls: type[BaseModel]) -> None:
        if cls in found:
            return
        found.append(cls)
        for field in cls.model_fields.values():
            for inner in _models_in(field.annotation):
                visit(inner)

    visit(root)
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if _is_model(annotation):
        return [annotation]
    return [cls for arg in typing.get_args(annotation) for cls in _models_in(arg)]


def _is_model(annotation: Any) -> bool:
    return inspect.isclass(annotation) and issubclass(annotation, BaseModel)


def _link(cls: type[BaseModel]) -> str:
    return f"[{cls.__name__}](#{cls.__name__.lower()})"


def _examples(root: type[BaseModel], files: tuple[Path, ...]) -> dict[tuple[type[BaseModel], str], Any]:
    """The first value given for each (model, field) in ``files``, read as plain YAML."""
    found: dict[tuple[type[BaseModel], str], Any] = {}
    for path in files:
        _collect(root, yaml.safe_load(path.read_text(encoding="utf-8")), found)
    return found


def _collect(cls: type[BaseModel], raw: Any, found: dict[tuple[type[BaseModel], str], Any]) -> None:
    if not isinstance(raw, dict):
        return
    by_written = {_written(n, f): n for n, f in cls.model_fields.items()}
    for key, value in raw.items():
        name = by_written.get(key)
        if name is None:
            continue
        field = cls.model_fields[name]
        found.setdefault((cls, name), value)
        candidates = _models_in(field.annotation)
        for item in value if isinstance(value, list) else [value]:
            chosen = _pick(candidates, item)
            if chosen is not None:
                _collect(chosen, item, found)


def _pick(candidates: list[type[BaseModel]], item: Any) -> type[BaseModel] | None:
    if not candidates or not isinstance(item, dict):
        return None
    if len(candidates) == 1:
        return candidates[0]
    for cls in candidates:
        kind = cls.model_fields.get("kind")
        if kind is not None and kind.default == item.get("kind"):
            return cls
    return None


def _example(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return _code(_clip(_flow(value[0]))) + (" …" if len(value) > 1 else "")
    return _code(_clip(_flow(value)))


def _code(text: str) -> str:
    """``text`` as a Markdown code span, fenced with more backticks than any run inside it (padded when it starts or ends with one)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _flow(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return _cell(text if len(text) <= limit else text[: limit - 1] + "…")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    main()
