"""The input models: agreements, obligations, amendments, events and sources.

These are frozen pydantic models that refuse unknown fields. They check each
value on its own (types, zones, window order); checks that need the whole
picture (ids that must exist, quotes that must be in their files) live in
:mod:`ceasefire.validation`, so that every problem can be reported with its place.

Dates inside events and amendments need a zone. A file gives one with a
top-level ``zone``; in Python, pass it as validation context
(``Event.model_validate(data, context={"zone": "Asia/Baku"})``) or write the
zone into the value, ``"2020-11-25[Asia/Baku]"``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from . import time as cftime
from .bounds import VISIBLE, Id, Number, Quantity as Figure, WebUrl
from .time import Span, Window

Text = Annotated[str, StringConstraints(min_length=1, pattern=VISIBLE)]
"""A required text (a title, a name, a summary, a kind): empty, or white space alone, is refused."""


def _zone_from(info: ValidationInfo) -> str | None:
    context = info.context if isinstance(info.context, dict) else {}
    zone = context.get("zone")
    return zone if isinstance(zone, str) else None


def _as_instant(value: Any, info: ValidationInfo) -> dt.datetime:
    return cftime.instant(value, where=info.field_name or "instant")


def _as_window(value: Any, info: ValidationInfo) -> Window:
    # _zone_from's reading, written out here: every event's times pass this way, and the call cost more than the reading.
    context = info.context
    zone = context.get("zone") if isinstance(context, dict) else None
    return cftime.window(value, zone if isinstance(zone, str) else None, where=info.field_name or "window")


def _as_span(value: Any, info: ValidationInfo) -> Span:
    return Span.parse(value, where=info.field_name or "span")


def _as_length(value: Any, info: ValidationInfo) -> Span:
    return Span.parse(value, where=info.field_name or "span", positive=True)


_INSTANT_SCHEMA = {"type": "string", "format": "date-time", "description": "ISO 8601 instant with an offset"}
_DATE_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(\[[A-Za-z0-9_+\-/]+\])?$"}
_WINDOW_SCHEMA = {
    "description": "An exact instant, a whole day (date, optionally with its zone in brackets), "
    "or an uncertain window {earliest, latest}.",
    "anyOf": [
        _INSTANT_SCHEMA,
        _DATE_SCHEMA,
        {
            "type": "object",
            "properties": {
                "earliest": {"anyOf": [_INSTANT_SCHEMA, _DATE_SCHEMA]},
                "latest": {"anyOf": [_INSTANT_SCHEMA, _DATE_SCHEMA]},
            },
            "required": ["earliest", "latest"],
            "additionalProperties": False,
        },
    ],
}

Instant = Annotated[
    dt.datetime,
    BeforeValidator(_as_instant),
    PlainSerializer(lambda v: v.isoformat(), return_type=str),
    WithJsonSchema(_INSTANT_SCHEMA),
]
"""An aware datetime; in files an ISO 8601 string with an offset."""

WhenField = Annotated[
    Window,
    BeforeValidator(_as_window),
    PlainSerializer(cftime.dump_window),
    WithJsonSchema(_WINDOW_SCHEMA),
]
"""A time that may be uncertain: an instant, a whole day, or a window."""

SpanField = Annotated[
    Span,
    BeforeValidator(_as_span),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": "^P", "description": "ISO 8601 duration, e.g. P3Y"}),
]
"""A calendar length written as an ISO 8601 duration, e.g. ``P3Y``."""

LengthField = Annotated[
    Span,
    BeforeValidator(_as_length),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": "^P", "description": "ISO 8601 duration greater than zero, e.g. P5Y"}),
]
"""A :data:`SpanField` that may not be zero, e.g. a term's period."""

Role = Literal["fulfils", "advances", "breaches", "ends", "notice", "setback", "context"]
"""How an event bears on an obligation.

``fulfils`` completes it, ``advances`` is partial progress, ``breaches``
violates it, ``ends`` says it actually came to an end (a contingent that
completed its withdrawal ends its term early), ``notice`` is a party's
notice of intent to end a renewable term, and ``context`` is relevant
background that changes no status.
"""

AgreementEnding = Literal["terminated", "superseded", "collapsed", "expired"]
"""How a whole agreement stopped binding: ended by its parties, replaced by a
later agreement, broken down in fact, or run out."""

MadeBy = Literal["person", "rule", "extraction"]



def _empty(**options: Any) -> Any:
    """A field that defaults to an empty list, made fresh for each record.

    A shared ``[]`` default would be deep-copied for every record read, which
    costs more than making a new list; the schema still says the default is ``[]``.
    """
    return Field(default_factory=list, json_schema_extra={"default": []}, **options)

_FIELD_SETS: dict[frozenset[str], set[str]] = {}
"""One set of field names for every record that was given the same fields (see :meth:`Model.model_post_init`)."""


_LAST_SHARED: dict[type, set[str]] = {}
"""The shared set each model class was last given."""

_SET_ATTRIBUTE = object.__setattr__


class Model(BaseModel):
    """Base of the input models: frozen, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    def model_post_init(self, context: object, /) -> None:
        """After validation: let the record hold the one shared set of the names of the fields it was given.

        pydantic keeps, for each record, a new set of the fields the input named;
        a feed of a hundred thousand events holds half a million such sets, over
        a kilobyte per event, nearly all alike. The records are frozen, so pydantic
        never adds to the set in place (a copy with changes gets a copy of the set),
        and one set per distinct combination is enough. Written out here rather
        than in a helper: every record read passes this way.
        """
        found = self.__pydantic_fields_set__
        kind = type(self)
        last = _LAST_SHARED.get(kind)
        if last is None or last != found:  # records of one class mostly name the same fields: compare with the last before hashing
            last = _LAST_SHARED[kind] = _FIELD_SETS.setdefault(frozenset(found), found)
        if last is not found:
            _SET_ATTRIBUTE(self, "__pydantic_fields_set__", last)


class Source(Model):
    """A document that evidence comes from: an article, a statement, a dataset."""

    id: Id = Field(min_length=1)
    title: Text
    publisher: str | None = None
    published: WhenField | None = None
    published_note: str | None = Field(
        default=None, description="How the publication time was established, when the document has no date line."
    )
    url: WebUrl | None = Field(default=None, description="An http or https address; other schemes are refused.")
    read: dt.date | None = Field(default=None, description="The day the page at 'url' was read, as a plain date.")
    published_not_after: dt.date | None = Field(
        default=None,
        description="For a page with no date line, instead of 'published': the last day it can have appeared "
        "(an archive's first capture, or at the latest the day it was read), in the reference zone. Its events "
        "count from the earliest moment they can have been reported, and answers that depend on that say so.",
    )
    kind: Literal["monitor", "party", "media", "dataset", "official", "other"] | None = Field(
        default=None,
        description="Who speaks: a monitoring body's verified report, a party's own claim, the press, a dataset, an official text.",
    )
    speaks_for: str | None = Field(default=None, description="With kind 'party': the id of the party whose claim it is.")
    file: str | None = Field(default=None, description="Path to a local copy, relative to the file that names it.")
    language: str | None = None

    @model_validator(mode="after")
    def _one_publication(self) -> Source:
        if self.published_not_after is None:
            return self
        if self.published is not None:
            raise ValueError(
                f"source {self.id!r} gives both 'published' and 'published_not_after'; give 'published' when the page "
                "is dated, or only 'published_not_after: 2021-01-14' when it has no date line"
            )
        if self.read is not None and self.published_not_after > self.read:
            raise ValueError(
                f"source {self.id!r}: 'published_not_after' {self.published_not_after.isoformat()} is after the day it "
                f"was read ({self.read.isoformat()}); a page read on a day was published by that day at the latest"
            )
        return self


class Citation(Model):
    """A pointer to a source, with the exact words relied on."""

    source: Id = Field(min_length=1, description="The id of a Source.")
    quote: str | None = Field(
        default=None, description="Words from the source: verbatim, unless 'paraphrase' is true."
    )
    paraphrase: bool = Field(
        default=False, description="True when 'quote' is our own rendering of the source, not its exact words."
    )
    offsets: Annotated[tuple[Annotated[int, Number], Annotated[int, Number]] | None, Number] = Field(
        default=None,
        description="Character offsets [start, end) of the quote in the source's text, when known; "
        "text[start:end] is the quote.",
    )
    note: str | None = None

    @field_validator("offsets")
    @classmethod
    def _ordered_offsets(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and not 0 <= value[0] <= value[1]:
            raise ValueError(f"offsets must satisfy 0 <= start <= end; received {list(value)}")
        return value


class Party(Model):
    """A state or body that signed or is bound by the agreement."""

    id: str = Field(min_length=1)
    name: Text
    roles: list[Literal["party", "signatory", "mediator", "guarantor", "peacekeeper", "monitor", "third party", "class"]] = Field(
        min_length=1,
        description="'monitor' for a body that verifies (a joint commission, UN monitors); 'third party' for a bearer that did not "
        "sign (foreign forces); 'class' for a category of actors ('all armed groups on the frontline').",
    )
    successors: list[str] = Field(
        default=[], description="Parties that took over its obligations (a successor government, or rivals it split into)."
    )
    succeeded: dt.date | None = Field(default=None, description="The day its successors took over, in the reference zone.")
    signed_by: str | None = Field(default=None, description="Who signed for it, with their office.")
    iso3166: str | None = Field(
        default=None,
        description="The state's ISO 3166-1 code (alpha-2 'AZ', alpha-3 'AZE' or numeric '031'), checked against pycountry; "
        "converters match it to ACLED's numeric 'iso'.",
    )
    gw: Annotated[int | None, Number] = Field(
        default=None, ge=2, le=999, description="The state's Gleditsch-Ward number; converters match it to UCDP's gwnoa/gwnob and country_id."
    )
    aliases: list[str] = Field(
        default=[],
        description="Other names of the party's state as datasets write them ('Russia' for 'Russian Federation'); the ACLED "
        "converter finds the party's forces ('Military Forces of Russia (2000-)') by these, its name and its ISO 3166 names.",
    )

    @field_validator("iso3166")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        if value is not None and Party.country_numeric(value) is None:
            raise ValueError(f"an ISO 3166-1 country code such as 'AZ', 'AZE' or '031', not {value!r}")
        return value

    @property
    def iso_numeric(self) -> int | None:
        """The ISO 3166-1 numeric code of ``iso3166`` (31 for 'AZ'), or None."""
        return Party.country_numeric(self.iso3166) if self.iso3166 else None

    @staticmethod
    def country_numeric(code: str) -> int | None:
        """The ISO 3166-1 numeric code for an alpha-2, alpha-3 or numeric code; None if pycountry's table has no such country.

        The table is pycountry's ISO 3166-1 database, read directly (importing
        pycountry itself takes a few hundred milliseconds). Without pycountry
        installed (the ``data`` extra), only the form of the code is checked.
        """
        text = code.strip().upper()
        table = Party._iso3166()
        if table is None:  # pragma: no cover - the data extra installs pycountry
            return int(text) if text.isdigit() and len(text) <= 3 else (0 if text.isalpha() and len(text) in (2, 3) else None)
        return table.get(text.zfill(3) if text.isdigit() else text)

    @staticmethod
    @functools.cache
    def _iso3166() -> dict[str, int] | None:
        import importlib.util
        import json
        from pathlib import Path

        spec = importlib.util.find_spec("pycountry")
        if spec is None or spec.origin is None:
            return None
        rows = json.loads((Path(spec.origin).parent / "databases" / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
        table: dict[str, int] = {}
        for row in rows:
            for key in ("alpha_2", "alpha_3", "numeric"):
                table[row[key]] = int(row["numeric"])
        return table

class Place(Model):
    """A place and the other names reports use for it, and where it is if known."""

    name: Text
    aliases: list[str] = _empty()
    note: str | None = None
    latitude: Annotated[float | None, Number] = Field(default=None, ge=-90, le=90, description="Decimal degrees north (WGS 84).")
    longitude: Annotated[float | None, Number] = Field(default=None, ge=-180, le=180, description="Decimal degrees east (WGS 84).")


class Quantity(Model):
    """A number reported or required: 1,960 servicemen, more than 13,000 people."""

    name: Text
    value: Figure
    qualifier: Literal["exactly", "about", "at least", "more than", "at most"] = "exactly"
    counts: Literal["total", "increment"] = Field(
        default="total",
        description="'total' for a running figure to date (it replaces earlier ones); 'increment' for what this one event added "
        "(increments are summed on top of the latest total).",
    )
    text: str | None = Field(default=None, description="The words the number came from.")
    aliases: list[str] = _empty(
        description="On a target: other names reports use for the same measure, e.g. 'people returned' "
        "for 'people'. Reported figures under any of them count towards the target.",
    )

    @property
    def meets(self) -> float | None:
        """The value this figure surely reaches, or None for an approximate one."""
        return self.value if self.qualifier in ("exactly", "at least", "more than") else None


class Due(Model):
    """When a deadline falls: ``by`` a date, ``at`` an instant, or ``within`` a span.

    ``by: 2020-11-20`` means before the end of that day in the agreement's
    reference zone. ``within: P3Y`` counts from the obligation taking effect,
    or from ``after`` (an instant), or from the first reported fulfilment of
    the obligation named in ``after_fulfilment_of``.
    """

    by: dt.date | None = None
    at: Instant | None = None
    within: SpanField | None = None
    after: Instant | None = None
    after_fulfilment_of: Id | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Due:
        forms = [name for name in ("by", "at", "within") if getattr(self, name) is not None]
        if len(forms) != 1:
            raise ValueError(f"a deadline takes exactly one of 'by', 'at' or 'within'; received {forms or 'none'}")
        if self.within is None and (self.after is not None or self.after_fulfilment_of is not None):
            raise ValueError("'after' and 'after_fulfilment_of' only go with 'within'")
        if self.after is not None and self.after_fulfilment_of is not None:
            raise ValueError("a relative deadline counts from 'after' or 'after_fulfilment_of', not both")
        return self

    def describe(self) -> str:
        """The deadline in words."""
        if self.by is not None:
            return f"by {self.by.isoformat()}"
        if self.at is not None:
            return f"at {self.at.isoformat()}"
        anchor = (
            f"the fulfilment of {self.after_fulfilment_of}"
            if self.after_fulfilment_of
            else (self.after.isoformat() if self.after else "taking effect")
        )
        return f"within {self.within} after {anchor}"


class Exemption(Model):
    """Those an obligation does not bind: an event whose actors are all among them breaches nothing."""

    actors: list[str] = Field(min_length=1, description="Actor names as events give them, e.g. 'groups designated as terrorist by the UN'.")
    note: str | None = None


class _ObligationBase(Model):
    id: Id = Field(min_length=1, description="Stable public name, e.g. '6.kalbajar'.")
    bearers: list[Id] = Field(
        min_length=1,
        description="Ids of the parties that owe it: signatories, or third parties and classes the agreement names (foreign forces, 'all armed groups').",
    )
    answerable: list[str] = Field(
        default=[], description="Signatories that answer for it though they do not bear it (e.g. for forces they host)."
    )
    summary: Text
    effective: Instant | None = Field(default=None, description="When it binds; by default when the agreement does.")
    depends_on: str | None = Field(
        default=None, description="An obligation that must be fulfilled first: this one binds from that fulfilment."
    )
    until_fulfilment_of: str | None = Field(
        default=None, description="It binds until this other obligation is fulfilled ('until the new government takes office')."
    )
    until: dt.date | None = Field(default=None, description="It binds until the end of this day in the reference zone.")
    exemptions: list[Exemption] = _empty( description="Actors it does not bind; their acts breach nothing.")
    sources: list[Citation] = _empty()
    note: str | None = None


class DeadlineObligation(_ObligationBase):
    """Something that must be done by a deadline."""

    kind: Literal["deadline"] = "deadline"
    due: Due
    targets: list[Quantity] = _empty( description="How much is owed, so partial progress past the deadline can be told.")


class StandingObligation(_ObligationBase):
    """Something that must hold all the time from when it takes effect."""

    kind: Literal["standing"] = "standing"


class ProgressObligation(_ObligationBase):
    """Work with no deadline, tracked by partial reports and a completion."""

    kind: Literal["progress"] = "progress"
    targets: list[Quantity] = _empty()
    condition: str | None = Field(default=None, description="What the work is tied to, if anything.")
    kept: bool = Field(
        default=False,
        description="Once done it must stay done (a road reopened must stay open): later breaches count against it.",
    )
    stale_after: SpanField | None = Field(
        default=None,
        description="For work with no date ('as soon as possible'): how long without a report before the answer says it has stalled.",
    )


class TermObligation(_ObligationBase):
    """A period that renews itself unless a party gives notice in time."""

    kind: Literal["term"] = "term"
    period: LengthField
    renewal: LengthField | None = Field(default=None, description="Length of each automatic renewal; none if it does not renew.")
    notice: SpanField | None = Field(default=None, description="How long before a period ends notice must be given.")
    notice_by: list[str] = _empty( description="Parties that may give notice.")


Obligation = Annotated[
    Union[DeadlineObligation, StandingObligation, ProgressObligation, TermObligation],
    Field(discriminator="kind"),
]
"""An obligation of any kind, told apart by its ``kind`` field."""

OBLIGATION_KINDS: tuple[str, ...] = ("deadline", "standing", "progress", "term")


class Point(Model):
    """A clause of the agreement and the obligations it creates.

    ``number`` orders and names the point; an agreement whose articles are not
    numbered can give a ``label`` instead ("Preamble", "Annex I"), and the
    point then takes its position in the list as its number.
    """

    number: Annotated[int, Number] = Field(ge=1, le=100_000)
    label: str | None = Field(default=None, description="The clause's own name, when it has one, e.g. 'Article 2' or 'Annex I'.")
    summary: str
    obligations: list[Obligation] = _empty()


class Amendment(Model):
    """A dated, sourced change to an agreement.

    ``move-deadline`` gives an obligation a new ``due``; ``suspend``,
    ``resume`` and ``end`` change whether it binds; ``supplement`` adds
    ``obligations`` to ``point``; ``end-agreement`` ends the whole agreement
    (``how`` says in what way). Times may be windows: the change counts from
    the latest instant of ``effective`` (by default ``agreed``) and is known
    from the latest instant of ``announced``.
    """

    id: Id = Field(min_length=1)
    kind: Literal["move-deadline", "suspend", "resume", "end", "supplement", "end-agreement"]
    status: Literal["agreed", "proposed"] = Field(
        default="agreed",
        description="'proposed' for a change announced or asked for but never agreed: shown with the obligation, never applied.",
    )
    summary: str
    obligation: Id | None = None
    how: AgreementEnding | None = Field(default=None, description="With 'end-agreement': how the agreement ended.")
    point: Annotated[int | None, Number] = None
    due: Due | None = None
    obligations: list[Obligation] = _empty()
    agreed: WhenField
    announced: WhenField
    effective: WhenField | None = None
    requested_by: list[str] = _empty()
    granted_by: list[str] = _empty()
    announced_by: str | None = None
    reason: str | None = None
    sources: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Amendment:
        if (self.kind == "end-agreement") != (self.how is not None):
            raise ValueError("'how' (terminated, superseded, collapsed or expired) goes with kind 'end-agreement' and nothing else")
        if self.kind == "end-agreement":
            if self.obligation is not None or self.obligations or self.point is not None or self.due is not None:
                raise ValueError("an 'end-agreement' amendment ends everything; it takes no 'obligation', 'point', 'obligations' or 'due'")
            return self
        if self.kind == "supplement":
            if self.point is None or not self.obligations:
                raise ValueError("a supplement needs 'point' and at least one entry in 'obligations'")
            if self.obligation is not None or self.due is not None:
                raise ValueError("a supplement adds obligations; it takes no 'obligation' or 'due'")
        else:
            if self.obligation is None:
                raise ValueError(f"a '{self.kind}' amendment needs 'obligation', the id it changes")
            if self.obligations or self.point is not None:
                raise ValueError(f"only a supplement takes 'point' and 'obligations', not '{self.kind}'")
            if (self.kind == "move-deadline") != (self.due is not None):
                raise ValueError("'due' is required for move-deadline and allowed for nothing else")
        return self

    @property
    def in_effect_from(self) -> dt.datetime:
        """The instant from which the change surely applies."""
        return (self.effective or self.agreed).latest

    @property
    def known_from(self) -> dt.datetime:
        """The instant by which the change had surely been announced."""
        return self.announced.latest


class Agreement(Model):
    """A signed agreement: who is bound, from when, by which clauses."""

    @model_validator(mode="before")
    @classmethod
    def _number_points(cls, data: Any) -> Any:
        """Points without a number take their position in the list (1, 2, ...)."""
        if isinstance(data, dict) and isinstance(data.get("points"), list):
            points = [
                {**p, "number": i + 1} if isinstance(p, dict) and "number" not in p else p for i, p in enumerate(data["points"])
            ]
            return {**data, "points": points}
        return data

    id: Id = Field(min_length=1)
    title: Text
    zone: str = Field(description="IANA name of the reference zone its deadlines are read in.")
    local_zone: str | None = Field(default=None, description="IANA zone where events mostly happen.")
    parties: list[Party] = Field(min_length=1)
    announced: WhenField
    effective: Instant
    points: list[Point] = Field(min_length=1)
    amendments: list[Amendment] = _empty()
    places: list[Place] = _empty()
    sources: list[Source] = _empty()
    note: str | None = None
    external_ids: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*:\S+$")]] = Field(
        default=[], description="Ids of this agreement in other databases, as 'database:id', e.g. 'pax:2297'."
    )
    metadata: dict[str, str] = Field(
        default={}, description="Facts an import brought along and ceasefire does not interpret, e.g. PA-X stage and provision codes."
    )

    @field_validator("zone", "local_zone")
    @classmethod
    def _known_zone(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            cftime.zone(value, where=info.field_name or "zone")
        return value

    def canonical_place(self, name: str) -> str | None:
        """The canonical name for ``name`` or one of its aliases, if known (compared without regard to case; the first place naming it wins)."""
        # The table is found by the places' names and aliases as they are now, so a change to them is never missed.
        return _place_names(tuple((place.name, tuple(place.aliases)) for place in self.places)).get(name.strip().casefold())


@functools.lru_cache(maxsize=64)
def _place_names(places: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """For :meth:`Agreement.canonical_place`: each casefolded name and alias of ``places`` (names with their aliases) to the first place's name."""
    table: dict[str, str] = {}
    for name, aliases in places:
        for alias in (name, *aliases):
            table.setdefault(alias.casefold(), name)
    return table


class Link(Model):
    """An event's bearing on one obligation."""

    obligation: Id = Field(min_length=1)
    role: Role
    note: str | None = None
    quantities: list[str] | None = Field(
        default=None,
        description="The names of the event's figures that measure this obligation, when a report counts several things "
        "(troops deployed and civilians returned); all of them when left out.",
    )
    made_by: MadeBy = Field(default="person", description="Whether a person, a mapping rule or text extraction made it.")
    rule: str | None = None
    confidence: Annotated[float | None, Number] = Field(default=None, ge=0, le=1)


class Dispute(Model):
    """A party's rejection of a reported event."""

    party: str
    note: str | None = None


class Claim(Model):
    """One source's version of a disputed or discrepant fact."""

    value: str
    citation: Citation


class Discrepancy(Model):
    """Sources that disagree on a fact, each recorded rather than one picked."""

    about: str
    claims: list[Claim] = Field(min_length=2)
    note: str | None = None


class Location(Model):
    """Where a dataset places an event: its named place, administrative areas and coordinates."""

    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    country: str | None = None
    latitude: Annotated[float | None, Number] = Field(default=None, ge=-90, le=90, allow_inf_nan=False, description="Decimal degrees north (WGS 84).")
    longitude: Annotated[float | None, Number] = Field(default=None, ge=-180, le=180, allow_inf_nan=False, description="Decimal degrees east (WGS 84).")
    precision: Annotated[int | None, Number] = Field(default=None, description="The dataset's own code for how precise the place is.")


class Record(Model):
    """The dataset row an event was read from, kept whole so nothing given is lost.

    ``fields`` holds every column exactly as written in the file; the typed
    fields next to it are the ones ceasefire reads.
    """

    dataset: Text = Field(description="The dataset, e.g. 'ACLED' or 'UCDP GED'.")
    id: Text = Field(description="The record's id in that dataset.")
    file: str | None = Field(default=None, description="The file the row was read from.")
    line: Annotated[int | None, Number] = Field(default=None, ge=1, description="The row's line in that file.")
    time_precision: Annotated[int | None, Number] = Field(default=None, description="The dataset's own code for how precise the date is.")
    location: Location | None = None
    fields: dict[str, str] = Field(default={}, description="Every column of the row, as written.")


class AgreementEnd(Model):
    """An event's record that the whole agreement stopped binding."""

    how: AgreementEnding
    note: str | None = None


class Event(Model):
    """Something reported to have happened.

    ``occurred`` is the window within which it happened. A happening that
    lasts (a blockade, an occupation, a closed crossing) is written with
    ``occurred`` as the window of its start and either ``until``, the window of
    its end, or ``ongoing: true`` while no report has ended it.
    """

    id: Id = Field(min_length=1)
    kind: Text = Field(description="What happened, e.g. 'handover', 'clash', 'return'.")
    summary: Text
    occurred: WhenField = Field(description="When it happened; for a lasting happening, when it started.")
    until: WhenField | None = Field(default=None, description="For a lasting happening: when it ended.")
    ongoing: bool = Field(default=False, description="A lasting happening that had not ended as of its latest report.")
    ends_agreement: AgreementEnd | None = Field(
        default=None, description="Set when this event ended or overtook the whole agreement."
    )
    occurred_text: str | None = Field(default=None, description="The words the occurrence time was read from.")
    reported: WhenField | None = Field(default=None, description="When first reported; by default the earliest cited source.")
    actors: list[str] = _empty()
    place: str | None = None
    quantities: list[Quantity] = _empty()
    links: list[Link] = _empty()
    disputed_by: list[Dispute] = _empty()
    discrepancies: list[Discrepancy] = _empty()
    sources: list[Citation] = Field(min_length=1)
    status: Literal["accepted", "candidate"] = Field(
        default="accepted", description="Candidates (e.g. from extraction) count only once accepted."
    )
    note: str | None = None
    version: Instant | None = Field(
        default=None,
        description="When this version of the record was published, for data that is revised. Records with "
        "the same id and different versions are revisions of one event; 'reported' still says when the "
        "event itself became known.",
    )
    record: Record | None = Field(default=None, description="The dataset row the event was read from, if any.")

    @model_validator(mode="after")
    def _lasting(self) -> Event:
        if self.until is not None and self.ongoing:
            raise ValueError("a lasting happening has either 'until' (it ended) or 'ongoing: true', not both")
        if self.until is not None and self.until.latest < self.occurred.earliest:
            raise ValueError(
                f"'until' ({self.until.latest.isoformat()} at the latest) is before the happening could have started "
                f"({self.occurred.earliest.isoformat()})"
            )
        for link in self.links:
            if not link.quantities:  # most links name no figures: nothing to check, nothing to build
                continue
            named = {q.name for q in self.quantities}
            unknown = [name for name in link.quantities if name not in named]
            if unknown:
                reported = ", ".join(repr(n) for n in sorted(named)) or "none"
                raise ValueError(f"in the 'quantities' of the link to {link.obligation}, names of figures the event reports ({reported}); {unknown[0]!r} is not one")
        return self

    @property
    def lasting(self) -> bool:
        """True for a happening with a duration (``until`` or ``ongoing``), not a single moment."""
        return self.until is not None or self.ongoing


class Deletion(Model):
    """A record withdrawn from a dataset: from ``deleted`` on, the event it names no longer counts."""

    event: Id = Field(min_length=1, description="The id of the withdrawn event.")
    deleted: Instant
    source: str | None = Field(default=None, description="Where the deletion was read, e.g. a deletions file.")
    note: str | None = None


def _as_coverage_start(value: Any, info: ValidationInfo) -> dt.datetime:
    return cftime.window(value, _zone_from(info), where=info.field_name or "from").earliest


def _as_coverage_end(value: Any, info: ValidationInfo) -> dt.datetime:
    return cftime.window(value, _zone_from(info), where=info.field_name or "to").latest


_COVER_SCHEMA = {"anyOf": [_INSTANT_SCHEMA, _DATE_SCHEMA]}


class Coverage(Model):
    """A stretch of time an event log watches, and what it watches for.

    A plain date as ``from`` means the start of that day, as ``to`` the end of
    it, in the file's zone. Without ``obligations`` the log speaks to every
    obligation; with it, only to those listed (a file of armed clashes speaks
    to a ceasefire, not to refugee returns).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True, populate_by_name=True, serialize_by_alias=True)

    start: Annotated[dt.datetime, BeforeValidator(_as_coverage_start), PlainSerializer(lambda v: v.isoformat(), return_type=str), WithJsonSchema(_COVER_SCHEMA)] = Field(alias="from")
    end: Annotated[dt.datetime, BeforeValidator(_as_coverage_end), PlainSerializer(lambda v: v.isoformat(), return_type=str), WithJsonSchema(_COVER_SCHEMA)] = Field(alias="to")
    obligations: list[str] | None = Field(default=None, description="The obligations it speaks to; all when left out.")
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Coverage:
        if self.end < self.start:
            raise ValueError(
                f"'to' at or after 'from' (this coverage would end at {self.end.isoformat()}, before it starts at "
                f"{self.start.isoformat()}), e.g. from: 2020-11-10, to: 2021-12-31"
            )
        return self

    def speaks_to(self, obligation_id: str) -> bool:
        """True when this coverage watches ``obligation_id``."""
        return self.obligations is None or obligation_id in self.obligations


def _as_coverages(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


_ONE_COVERAGE = Coverage.model_json_schema(by_alias=True)
_COVERS_SCHEMA = {
    "description": "What the log watches: one period, or a list of them.",
    "anyOf": [_ONE_COVERAGE, {"type": "array", "items": _ONE_COVERAGE}],
}


class EventLog(Model):
    """A file of events and the sources they cite."""

    zone: str | None = Field(default=None, description="Zone in which the file's plain dates are read.")
    covers: Annotated[list[Coverage], BeforeValidator(_as_coverages), WithJsonSchema(_COVERS_SCHEMA)] = Field(
        default=[],
        description="What the log watches: periods, and optionally which obligations. When left out, the log is "
        "taken to cover from its first report to its last, for every obligation, and answers say so.",
    )
    sources: list[Source] = _empty()
    events: list[Event] = _empty()
    deletions: list[Deletion] = _empty( description="Records withdrawn from the dataset, with when.")

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            cftime.zone(value)
        return value


_PLAIN = frozenset({str, bool, type(None)})
"""The types of value a link or citation may be given in and still be read once for all its equals: text, true or
false, and nothing. Each is equal only to a value of its own type among these, so equal inputs are the same input."""

_UNSEEN = object()

_SHARED_PARTS: tuple[tuple[str, type[BaseModel], str], ...] = (("links", Link, "obligation"), ("sources", Citation, "source"))
"""The fields of an event whose parts :func:`with_shared_parts` reads once for all their equals, each with its model
and the field that names what it refers to (an obligation, a source)."""


def with_shared_parts(data: Any, context: dict[str, Any], *, own: bool = False) -> Any:
    """An event log's plain data (as read from a file) in which repeated parts are read once, for :func:`ceasefire.loading.parse_events`.

    A feed of a hundred thousand events links the same obligations in the same
    roles, and cites the same sources in the same words, again and again; read
    as they stand, each would become a record of its own, and its names a string
    of its own. Here each link and citation given as text alone (no figures, no
    numbers) is validated the first time it is met, and every later one given
    with the same fields and the same values becomes that same record; the
    names an event gives (its kind, place, actors and figures' names, and its
    dataset record's dataset, file and place names) become one string each.
    pydantic takes a record it is given as already valid.

    A part that does not validate is left as it was given, so the full
    validation reports it at its place with every other problem. ``data``
    itself is not changed (the events are copies, and so is the mapping
    returned) unless ``own`` says that nobody else holds it, as for the
    data the loader has just parsed from a file; it is then changed in place. The records are frozen, so an event cannot change a part it
    shares, and ``model_copy(update=...)`` makes a new one.
    """
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return data
    texts: dict[str, str] = {}
    text = texts.setdefault
    made: dict[tuple[Any, ...], Any] = {}
    seen = made.get
    plain = _PLAIN.issuperset
    events = data["events"] if own else []
    for given in data["events"]:
        if type(given) is not dict:
            if not own:
                events.append(given)
            continue
        event = given if own else given.copy()
        kind = event.get("kind")
        if type(kind) is str:
            event["kind"] = text(kind, kind)
        place = event.get("place")
        if type(place) is str:
            event["place"] = text(place, place)
        actors = event.get("actors")
        if type(actors) is list and actors:
            event["actors"] = [text(a, a) if type(a) is str else a for a in actors]
        quantities = event.get("quantities")
        if type(quantities) is list and quantities:
            event["quantities"] = [_named(q, text) for q in quantities]
        record = event.get("record")
        if type(record) is dict:
            event["record"] = record = _with_names(record, ("dataset", "file"), text)
            if type(record.get("location")) is dict:
                record["location"] = _with_names(record["location"], ("name", "admin1", "admin2", "admin3", "country"), text)
        for name, model, refers in _SHARED_PARTS:
            parts = event.get(name)
            if type(parts) is not list:
                continue
            kept = parts if own else parts.copy()
            for i, part in enumerate(parts):
                if type(part) is dict:
                    values = tuple(part.values())
                    if plain(map(type, values)):
                        key = (model, tuple(part), values)
                        found = seen(key, _UNSEEN)
                        if found is _UNSEEN:
                            found = made[key] = _validated(part, model, context)
                            if found is not None:  # a new record, held by no one else yet: the name it refers by, shared
                                reference = found.__dict__[refers]
                                found.__dict__[refers] = text(reference, reference)
                        if found is not None:
                            kept[i] = found
            event[name] = kept
        if not own:
            events.append(event)
    return data if own else {**data, "events": events}


def _with_names(given: dict[str, Any], names: tuple[str, ...], text: Any) -> dict[str, Any]:
    """A copy of ``given`` (a dataset record or its location) whose fields ``names`` hold the one string kept for each text."""
    found = given.copy()
    for name in names:
        value = found.get(name)
        if type(value) is str:
            found[name] = text(value, value)
    return found


def _named(quantity: Any, text: Any) -> Any:
    """A figure's plain data with its name as the one string kept for that name."""
    if type(quantity) is not dict or type(quantity.get("name")) is not str:
        return quantity
    return {**quantity, "name": text(quantity["name"], quantity["name"])}


def _validated(part: dict[str, Any], model: type[BaseModel], context: dict[str, Any]) -> BaseModel | None:
    """``part`` validated as a ``model``, or None when it is not valid (the validation of the whole log then reports it at its place)."""
    try:
        return model.model_validate(part, context=context)
    except Exception:
        return None

