"""The extraction rules, read once from ``patterns.yaml`` and compiled.

The rules are data so that a reviewer can read and change them without
touching code; this module only gives them types and compiles their
regular expressions.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import attrs
import yaml

from ..errors import FileFormatError, Problem

PATTERNS_FILE = Path(__file__).resolve().parent / "patterns.yaml"
_FLAGS = re.IGNORECASE


@attrs.frozen
class LinkRule:
    """How to pick obligations for an event: by obligation kind, summary words and place."""

    id: str
    kind: str
    words: tuple[str, ...]
    role: str
    confidence: float
    place: bool = False
    cue: re.Pattern[str] | None = None


@attrs.frozen
class KindRule:
    """How one kind of happening is reported, and which obligations it bears on."""

    kind: str
    triggers: tuple[re.Pattern[str], ...]
    requires: re.Pattern[str] | None = None
    requires_place: bool = False
    blockable: bool = True
    local: bool = False
    date: str = "nearest"
    since: str = "effective"
    unique: bool = False
    by_speaker: bool = False
    placed: bool = True
    suppresses: tuple[str, ...] = ()
    links: tuple[LinkRule, ...] = ()
    main_clause: bool = False
    onset: bool = False
    speaker_before: bool = False
    one_per_place: bool = False
    once: bool = False
    sorts: tuple[tuple[str, re.Pattern[str]], ...] = ()
    not_with: re.Pattern[str] | None = None
    weak_triggers: tuple[re.Pattern[str], ...] = ()
    agent: str | None = None
    reports_as: str | None = None
    object_not: re.Pattern[str] | None = None
    anaphor: re.Pattern[str] | None = None
    learned: bool = False  # a trigger found by the learned weights (``learned.py``), not by this rule's words
    nouns: tuple[re.Pattern[str], ...] = ()  # the happening named by a noun: a report only where a verb tells it
    story: re.Pattern[str] | None = None  # words naming the report's whole happening of this kind ("the fighting")
    story_cause: re.Pattern[str] | None = None  # a trigger that opens that whole happening ("launched an operation")

    @property
    def name(self) -> str:
        """The kind the events of this rule are given (a rule may report another kind's happening)."""
        return self.reports_as or self.kind


@attrs.frozen
class Patterns:
    """Every rule of ``patterns.yaml``."""

    kinds: tuple[KindRule, ...]
    blockers: re.Pattern[str]
    blocker_tail: re.Pattern[str]
    aspect: re.Pattern[str]
    negation: re.Pattern[str]
    clause_break: re.Pattern[str]
    mentions: tuple[LinkRule, ...]
    before_agreement: re.Pattern[str]
    with_handover: re.Pattern[str]
    disputes: re.Pattern[str]
    claim_cue: re.Pattern[str]
    claim_action: re.Pattern[str]
    figure_words: tuple[frozenset[str], ...]
    anaphor: re.Pattern[str]
    subject_end: re.Pattern[str]
    date_roles: dict[str, re.Pattern[str]]
    states: dict[str, tuple[str, ...]]
    frames: re.Pattern[str]
    after_blockers: re.Pattern[str]
    before_agreement_modifier: re.Pattern[str]
    new_subject: re.Pattern[str]
    total: re.Pattern[str]
    total_soft: re.Pattern[str]
    phase_start: re.Pattern[str]
    phase_end: re.Pattern[str]
    sequence: re.Pattern[str]
    said_before: re.Pattern[str]
    adjective_before: re.Pattern[str]
    peacekeepers: re.Pattern[str]
    clock: re.Pattern[str]
    road_name: re.Pattern[str]
    counted: dict[str, re.Pattern[str]] = attrs.field(factory=dict)
    reacts_to: dict[str, re.Pattern[str]] = attrs.field(factory=dict)
    reactions: dict[str, tuple[str, ...]] = attrs.field(factory=dict)


def _compile(text: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(text, _FLAGS)
    except re.error as exc:
        raise FileFormatError(Problem(f"{PATTERNS_FILE.name} ({where})", repr(text), f"a valid regular expression ({exc})")) from None


def _link(data: dict[str, Any], where: str) -> LinkRule:
    cue = data.get("cue")
    return LinkRule(
        id=data["id"],
        kind=data["kind"],
        words=tuple(data.get("words", ())),
        role=data["role"],
        confidence=float(data["confidence"]),
        place=bool(data.get("place", False)),
        cue=_compile(cue, where) if cue else None,
    )


def _kind(name: str, data: dict[str, Any]) -> KindRule:
    where = f"kinds.{name}"
    return KindRule(
        kind=name,
        triggers=tuple(_compile(t, f"{where}.triggers") for t in data["triggers"]),
        requires=_compile(data["requires"], f"{where}.requires") if data.get("requires") else None,
        requires_place=bool(data.get("requires_place", False)),
        blockable=bool(data.get("blockable", True)),
        local=bool(data.get("local", False)),
        date=data.get("date", "nearest"),
        since=data.get("since", "effective"),
        unique=bool(data.get("unique", False)),
        by_speaker=bool(data.get("by_speaker", False)),
        placed=bool(data.get("placed", True)),
        suppresses=tuple(data.get("suppresses", ())),
        links=tuple(_link(link, f"{where}.links") for link in data.get("links", ())),
        main_clause=bool(data.get("main_clause", False)),
        onset=bool(data.get("onset", False)),
        speaker_before=bool(data.get("speaker_before", False)),
        one_per_place=bool(data.get("one_per_place", False)),
        once=bool(data.get("once", False)),
        sorts=tuple((str(k), _compile(v, f"{where}.sorts.{k}")) for k, v in (data.get("sorts") or {}).items()),
        not_with=_compile(data["not_with"], f"{where}.not_with") if data.get("not_with") else None,
        weak_triggers=tuple(_compile(t, f"{where}.weak_triggers") for t in data.get("weak_triggers", ())),
        agent=_agent_kind(data.get("agent"), where),
        reports_as=data.get("as"),
        object_not=_compile(data["object_not"], f"{where}.object_not") if data.get("object_not") else None,
        anaphor=_compile(data["anaphor"], f"{where}.anaphor") if data.get("anaphor") else None,
        nouns=tuple(_compile(t, f"{where}.nouns") for t in data.get("nouns", ())),
        story=_compile(data["story"], f"{where}.story") if data.get("story") else None,
        story_cause=_compile(data["story_cause"], f"{where}.story_cause") if data.get("story_cause") else None,
    )


_AGENTS = ("peacekeepers", "state")


def _agent_kind(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value in _AGENTS:
        return str(value)
    raise FileFormatError(Problem(f"{PATTERNS_FILE.name} ({where}.agent)", repr(value), f"one of {list(_AGENTS)}"))


def parse(data: dict[str, Any]) -> Patterns:
    """Typed, compiled rules from the plain data of a patterns file."""
    claims = data["claims"]
    return Patterns(
        kinds=tuple(_kind(name, rule) for name, rule in data["kinds"].items()),
        blockers=_compile(data["blockers"], "blockers"),
        blocker_tail=_compile(data["blocker_tail"], "blocker_tail"),
        aspect=_compile(data["aspect"], "aspect"),
        negation=_compile(data["negation"], "negation"),
        clause_break=_compile(data["clause_break"], "clause_break"),
        mentions=tuple(_link(m, "mentions") for m in data["mentions"]),
        before_agreement=_compile(data["before_agreement"], "before_agreement"),
        with_handover=_compile(data["with_handover"], "with_handover"),
        disputes=_compile(data["disputes"], "disputes"),
        claim_cue=_compile(claims["cue"], "claims.cue"),
        claim_action=_compile(claims["action"], "claims.action"),
        figure_words=tuple(frozenset(w.casefold() for w in group) for group in claims.get("figure_words", ())),
        anaphor=_compile(claims["anaphor"], "claims.anaphor"),
        subject_end=_compile(claims["subject_end"], "claims.subject_end"),
        date_roles={k: _compile(v, f"date_roles.{k}") for k, v in data["date_roles"].items()},
        counted={k: _compile(v, f"counted.{k}") for k, v in (data.get("counted") or {}).items()},
        reacts_to={k: _compile(v, f"reacts_to.{k}") for k, v in (data.get("reacts_to") or {}).items()},
        reactions={k: tuple(v) for k, v in (data.get("reactions") or {}).items()},
        states={name: tuple(words) for name, words in data["states"].items()},
        **{key: _compile(data[key], key) for key in _PLAIN},
    )


# the rules that are one regular expression each, under their own key
_PLAIN = (
    "frames", "after_blockers", "before_agreement_modifier", "new_subject", "total", "total_soft", "phase_start",
    "phase_end", "sequence", "said_before", "adjective_before", "peacekeepers", "clock", "road_name",
)  # fmt: skip


@functools.cache
def load() -> Patterns:
    """The bundled rules."""
    return parse(yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8")))
