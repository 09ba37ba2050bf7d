"""The fast conversion of ACLED and UCDP exports gives exactly what the plain, row-by-row computation gives.

:class:`~ceasefire.adapters.lookups.Lookups` builds a conversion's look-ups
once and remembers answers; :class:`~ceasefire.adapters.lookups.PlainLookups`
asks the plain functions (``place_of``, ``links_for``, ``state_party``, ...)
afresh for every row, as the converters did before. Here the two are compared
on the bundled test exports, on a generated export of a few thousand rows
(the benchmark's), and on rows drawn by hypothesis with place names in many
spellings, state and other actors, actor types and interactions as numbers,
words and nonsense, tags, every time precision and unreadable cells. The plain
side also reads every date and timestamp afresh (the readings the cells module
keeps are switched off for it), so a fault in what is remembered shows as a
difference. Compared: the whole log as JSON, the problems, the unlinked ids,
the notes and the row count.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, strategies as st

from ceasefire import bundled
from ceasefire.adapters import Conversion, RuleSet, convert_acled, convert_ucdp, load_rules
from ceasefire.adapters import acled as acled_module, cells as cells_module, ucdp as ucdp_module
from ceasefire.adapters.lookups import Lookups, PlainLookups
from ceasefire.adapters.rules import ACTOR_TYPES, INTERACTIONS, Facts, links_for
from ceasefire.model import Agreement, Place
from ceasefire.time import Window

ROOT = Path(__file__).resolve().parents[1]
ACLED = ROOT / "tests" / "data" / "acled"
UCDP = ROOT / "tests" / "data" / "ucdp"
ACLED_RULES = Path(bundled.DATA) / "rules" / "nk-2020-acled.yaml"


def dump(done: Conversion) -> str:
    """Everything a conversion gives, as one comparable text."""
    return json.dumps(
        [
            done.log.model_dump(mode="json", by_alias=True),
            [[p.where, p.received, p.expected] for p in done.problems],
            list(done.unlinked),
            list(done.notes),
            done.rows,
        ],
        sort_keys=True,
    )


@contextlib.contextmanager
def nothing_remembered() -> Iterator[None]:
    """Switch off the readings of dates and timestamps the cells module keeps, and start from none."""
    cells_module._DAYS.clear()
    cells_module._INSTANTS.clear()
    with mock.patch.object(cells_module, "_keep", lambda *args: None):
        yield
    cells_module._DAYS.clear()
    cells_module._INSTANTS.clear()


def plain_acled(path: Any, **options: Any) -> Conversion:
    """The reference: every look-up asked afresh for every row."""
    options = {"agreement": None, "rules": None, "zone": None, "deletions": None, **options}
    with nothing_remembered():
        return acled_module._convert(path, plain=True, **options)


def plain_ucdp(path: Any, **options: Any) -> Conversion:
    options = {"agreement": None, "rules": None, "zone": None, "released": None, "accept_candidates": False, **options}
    with nothing_remembered():
        return ucdp_module._convert(path, plain=True, **options)


def same_acled(path: Any, **options: Any) -> Conversion:
    fast = convert_acled(path, **options)
    assert dump(fast) == dump(plain_acled(path, **options))
    return fast


def same_ucdp(path: Any, **options: Any) -> Conversion:
    fast = convert_ucdp(path, **options)
    assert dump(fast) == dump(plain_ucdp(path, **options))
    return fast


# -- the bundled test exports -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "export-2020-11-28.csv", "export-2021-01-15.csv", "export-2021-style.csv", "api-2020-11-28.json",
        "api-fields-numeric.json", "monadic.csv", "export-semicolon.csv", "export-decimal-comma.csv",
        "actors-by-code.csv", "malformed.csv",
    ],
)  # fmt: skip
def test_each_acled_test_export_converts_as_the_plain_computation_does(name: str) -> None:
    """Every invented ACLED export, with the shipped rules, and without agreement or rules."""
    done = same_acled(ACLED / name, agreement=bundled.agreement(), rules=load_rules(ACLED_RULES))
    assert done.rows > 0
    same_acled(ACLED / name, zone="Asia/Baku")


def test_several_acled_exports_and_deletions_convert_as_the_plain_computation_does() -> None:
    """Two downloads of the same data (a revised record, first reports from the earlier one) and a deletions file."""
    done = same_acled(
        [ACLED / "export-2020-11-28.csv", ACLED / "export-2021-01-15.csv"],
        agreement=bundled.agreement(),
        rules=load_rules(ACLED_RULES),
        deletions=ACLED / "deletions.csv",
    )
    assert done.log.deletions and any(e.reported != Window.exact(e.version) for e in done.log.events if e.version is not None)


@pytest.mark.parametrize("accept", [False, True])
def test_each_ucdp_test_file_converts_as_the_plain_computation_does(accept: bool) -> None:
    """The invented GED file and the two API pages, with their rules, candidates kept or accepted."""
    rules = load_rules(UCDP / "rules.yaml")
    same_ucdp(UCDP / "ged-test.csv", agreement=bundled.agreement(), rules=rules, accept_candidates=accept)
    same_ucdp([UCDP / "api-page-0.json", UCDP / "api-page-1.json"], agreement=bundled.agreement(), rules=rules, released="2021-06-01")
    same_ucdp(UCDP / "ged-test.csv", zone="Asia/Baku")


# -- a generated export of a few thousand rows ----------------------------------------------------------


def test_a_generated_acled_export_converts_as_the_plain_computation_does(generators: Any, tmp_path: Path) -> None:
    """The benchmark's export at 3,000 rows: revised records, monadic rows, unreadable rows, hundreds of places."""
    path = tmp_path / "acled.csv"
    generators.acled_export(path, 3_000, seed=7)
    done = same_acled(path, agreement=bundled.agreement(), rules=load_rules(ACLED_RULES))
    linked = len(done.log.events) - len(done.unlinked)
    assert done.problems and linked > 50 and len(done.unlinked) > 50 and any("is near" in n for n in done.notes)


def test_a_generated_ucdp_export_converts_as_the_plain_computation_does(generators: Any, tmp_path: Path) -> None:
    """The benchmark's GED export at 3,000 rows with its rules, candidates kept and accepted."""
    path, rules_path = tmp_path / "ged.csv", tmp_path / "rules.yaml"
    generators.ucdp_export(path, 3_000, seed=7)
    rules_path.write_text(generators.UCDP_RULES, encoding="utf-8")
    for accept in (False, True):
        done = same_ucdp(path, agreement=bundled.agreement(), rules=load_rules(rules_path), accept_candidates=accept)
        assert done.problems and len(done.log.events) - len(done.unlinked) > 50


# -- rows drawn by hypothesis ---------------------------------------------------------------------------

PLACES = (
    "Kalbajar", "KALBAJAR", " kalbajar ", "Kəlbəcər", "Kelbecer", "Karvachar", "kalbajar region", "Kalbajr", "Agdam",
    "Ağdam", "Aghdam", "Akna", "Lachin", "Laçın", "Lacin", "Berdzor", "Stepanakert", "Xankəndi", "Xankendi", "Shusha",
    "Şuşa", "Susa", "Madagiz", "Khojavend", "Hadrut", "Tavush", "Berd", "",
)  # fmt: skip
ACTORS = (
    "Military Forces of Azerbaijan (2003-)", "military forces of  AZERBAIJAN (2003-)", "Police Forces of Azerbaijan (2003-)",
    "Government of Azerbaijan", "Military Forces of Armenia (2018-)", "Military Forces of the Republic of Armenia (2018-)",
    "Police Forces of Armenia (2018-) Border Guards", "Military Forces of Artsakh", "Military Forces of Russia (2000-)",
    "Military Forces of Russian Federation", "Former Military Forces of Armenia (2018-)", "Protesters (Armenia)",
    "Civilians (Azerbaijan)", "Unidentified Armed Group (Azerbaijan)", "",
)  # fmt: skip
CODES = ("1", "2", "7", "8", "1.0", "State forces", "civilians", "Rebel group", "External/Other forces", "99", "abc", "")
INTERACTION_CELLS = ("12", "17", "10", "78", "State forces-Rebel group", "Rebel group-State forces", "State forces only", "civilians-state forces", "x-y", "12.5", "")
KINDS = (
    ("Battles", "Armed clash"), ("battles", "ARMED CLASH"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Strategic developments", "Non-violent transfer of territory"), ("Protests", "Peaceful protest"), ("", "Attack"),
)  # fmt: skip
TAGS = ("crowd size=no report", "local administrators", "women targeted: candidates for office", "Crowd Size=around 100")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

def mostly(good: tuple[str, ...], bad: tuple[str, ...]) -> Any:
    """One of ``good``, or one time in twenty one of ``bad`` (a decimal comma is bad only in a file separated by commas): most drawn rows are read, some are refused."""
    return st.tuples(st.integers(0, 19), st.sampled_from(good), st.sampled_from(bad)).map(lambda t: t[2] if t[0] == 19 else t[1])


place = st.one_of(st.sampled_from(PLACES), st.text(alphabet="abkəçışğ -", max_size=8))


@st.composite
def acled_row(draw: Any) -> dict[str, str]:
    day = draw(st.dates(dt.date(2020, 10, 1), dt.date(2021, 3, 1)))
    kind = draw(st.sampled_from(KINDS))
    return {
        "event_id_cnty": draw(mostly(tuple(f"{p}{i}" for p in ("AZE", "ARM") for i in range(1, 9)), ("",))),
        "event_date": draw(mostly((day.isoformat(), day.strftime("%d %B %Y"), f"{day.isoformat()} 00:00:00"), ("2020-13-01", "", "2020-11-12 10:00"))),
        "year": str(day.year),
        "time_precision": draw(mostly(("1", "1", "2", "3", "1.0"), ("4", ""))),
        "disorder_type": draw(st.sampled_from(("Political violence", "political violence", "Demonstrations", ""))),
        "event_type": kind[0],
        "sub_event_type": kind[1],
        "actor1": draw(st.sampled_from(ACTORS)),
        "assoc_actor_1": "; ".join(draw(st.lists(st.sampled_from(ACTORS), max_size=2))),
        "inter1": draw(st.sampled_from(CODES)),
        "actor2": draw(st.sampled_from(ACTORS)),
        "assoc_actor_2": "; ".join(draw(st.lists(st.sampled_from(ACTORS), max_size=2))),
        "inter2": draw(st.sampled_from(CODES)),
        "interaction": draw(st.sampled_from(INTERACTION_CELLS)),
        "civilian_targeting": draw(st.sampled_from(("", "Civilian targeting"))),
        "iso": draw(st.sampled_from(("31", "51", "643", "31.0", "", "x"))),
        "region": "Caucasus and Central Asia",
        "country": draw(st.sampled_from(("Azerbaijan", "Armenia", "Russia", "Republic of Azerbaijan"))),
        "admin1": draw(place),
        "admin2": draw(place),
        "admin3": draw(place),
        "location": draw(place),
        "latitude": draw(mostly(("40.1098", "39.5", ""), ("north", "95", "40,1098"))),
        "longitude": draw(mostly(("46.0383", "47.0", ""), ("200",))),
        "geo_precision": draw(mostly(("1", "2", "3", ""), ("9",))),
        "source": draw(st.sampled_from(("Invented Wire", ""))),
        "source_scale": draw(st.sampled_from(("National", ""))),
        "notes": draw(st.text(max_size=12)),
        "fatalities": draw(mostly(("0", "2", "2.0", ""), ("-1", "many", "2,0", "1,500"))),
        "tags": "; ".join(draw(st.lists(st.sampled_from(TAGS), max_size=2))),
        "timestamp": draw(mostly(("1605603600", "1605690000", "1606557600", "1610000000", "1612000000"), ("", "soon"))),
    }


RICH_ACLED_RULES = {
    "id": "rich",
    "dataset": "ACLED",
    "agreement": "nk-2020",
    "rules": [
        {
            "id": "clash", "summary": "clash in the zone",
            "match": {"event_type": ["Battles"], "sides": [["Military Forces of Azerbaijan*"], ["Military Forces of Armenia*", "*Artsakh*"]],
                      "places": ["Kalbajar", "Shusha", "Khankendi"], "after": "2020-11-10T00:00:00+03:00"},
            "link": {"obligation": "1.ceasefire", "role": "breaches"},
        },
        {"id": "codes", "summary": "by codes", "match": {"interaction": [12, "State forces-Civilians"], "inter1": [1], "inter2": ["Rebel group", 7, ""]}, "link": {"obligation": "1.ceasefire", "role": "context"}},
        {"id": "parties", "summary": "by parties", "match": {"parties": ["AZ"], "countries": ["AZ", "AM"], "before": "2021-01-01T00:00:00+04:00"}, "link": {"obligation": "6.kalbajar", "role": "context"}},
        {"id": "between", "summary": "between parties", "match": {"between": [["AZ"], ["AM", "RU"]], "disorder_type": ["Political violence"]}, "link": {"obligation": "2.aghdam", "role": "context"}},
        {"id": "tags", "summary": "by tags", "match": {"tags": ["crowd size=*"], "civilian_targeting": [""], "actors": ["Protesters*", "*Russia*"]}, "link": {"obligation": "6.lachin", "role": "context"}},
        {
            "id": "handover", "summary": "handover",
            "match": {"sub_event_type": ["Non-violent transfer of territory"], "actors": ["Military Forces of Azerbaijan*"], "places": ["Kalbajar", "Lachin", "Agdam"]},
            "link": {"obligation": "6.kalbajar", "role": "fulfils"},
        },
    ],
}  # fmt: skip


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]], delimiter: str = ",") -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=delimiter)
        out.writerow(columns)
        out.writerows([row[c] for c in columns] for row in rows)


@given(rows=st.lists(acled_row(), min_size=1, max_size=25), delimiter=st.sampled_from((",", ";")), rich=st.booleans())
def test_drawn_acled_rows_convert_as_the_plain_computation_does(rows: list[dict[str, str]], delimiter: str, rich: bool) -> None:
    """Any rows, in a comma- or semicolon-separated file, with the shipped rules or rules using every condition."""
    rules = RuleSet.model_validate(RICH_ACLED_RULES) if rich else load_rules(ACLED_RULES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.csv"
        _write(path, ACLED_COLUMNS, rows, delimiter)
        same_acled(path, agreement=bundled.agreement(), rules=rules)


UCDP_COLUMNS = (
    "id", "code_status", "type_of_violence", "side_a", "side_b", "source_office", "source_date", "source_headline",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "country_id", "event_clarity",
    "date_prec", "date_start", "date_end", "best", "high", "low", "gwnoa", "gwnob", "number_of_sources",
)  # fmt: skip


@st.composite
def ucdp_row(draw: Any) -> dict[str, str]:
    start = draw(st.dates(dt.date(2020, 10, 1), dt.date(2021, 3, 1)))
    end = start + dt.timedelta(days=draw(mostly(("0", "0", "3"), ("-1",)).map(int)))
    best = draw(st.integers(0, 5))
    return {
        "id": draw(mostly(tuple(str(i) for i in range(1, 16)), ("",))),
        "code_status": draw(st.sampled_from(("Clear", "clear", "Check dyad", ""))),
        "type_of_violence": draw(mostly(("1", "2", "3"), ("4",))),
        "side_a": draw(st.sampled_from(("Government of Azerbaijan", "Government of Armenia", ""))),
        "side_b": draw(st.sampled_from(("Republic of Artsakh", "Government of Armenia", "Civilians", ""))),
        "source_office": draw(st.sampled_from(("Invented Wire", ""))),
        "source_date": draw(mostly((start.isoformat(), f"{start.isoformat()};{end.isoformat()}", ""), ("someday",))),
        "source_headline": draw(st.text(max_size=8)),
        "where_prec": draw(mostly(("1", "7", ""), ("8",))),
        "where_coordinates": draw(place),
        "adm_1": draw(place),
        "adm_2": draw(place),
        "latitude": draw(mostly(("40.1", ""), ("91",))),
        "longitude": draw(st.sampled_from(("46.0", ""))),
        "country": "Azerbaijan",
        "country_id": draw(st.sampled_from(("373", "371", "", "373.0"))),
        "event_clarity": draw(mostly(("1", "2", ""), ("3",))),
        "date_prec": draw(mostly(("1", "5"), ("6",))),
        "date_start": f"{start.isoformat()} 00:00:00.000",
        "date_end": f"{end.isoformat()} 00:00:00.000",
        "best": str(best),
        "high": str(best + 1),
        "low": draw(mostly((str(best),), ("", "x"))),
        "gwnoa": draw(st.sampled_from(("373", "371", "373, 371", ""))),
        "gwnob": draw(st.sampled_from(("371", "", "365"))),
        "number_of_sources": draw(mostly(("1", ""), ("two",))),
    }


RICH_UCDP_RULES = {
    "id": "rich-ucdp",
    "dataset": "UCDP GED",
    "agreement": "nk-2020",
    "rules": [
        {"id": "zone", "summary": "in the zone", "match": {"event_type": ["state-based"], "places": ["Kalbajar", "Shusha"], "after": "2020-11-10T00:00:00+03:00"}, "link": {"obligation": "1.ceasefire", "role": "breaches"}},
        {"id": "parties", "summary": "by parties", "match": {"parties": ["AZ"], "countries": ["AZ"], "event_clarity": [1, 2]}, "link": {"obligation": "6.kalbajar", "role": "context"}},
        {"id": "between", "summary": "between", "match": {"between": [["AZ"], ["AM"]], "code_status": ["Check dyad", "Clear"]}, "link": {"obligation": "2.aghdam", "role": "context"}},
        {"id": "sides", "summary": "sides", "match": {"sides": [["Government of A*"], ["Republic*"]]}, "link": {"obligation": "6.lachin", "role": "context"}},
    ],
}  # fmt: skip


def with_gw(agreement: Agreement) -> Agreement:
    """The bundled agreement with Gleditsch-Ward numbers for its parties, so that UCDP rules may name them."""
    numbers = {"AZ": 373, "AM": 371, "RU": 365}
    return agreement.model_copy(update={"parties": [p.model_copy(update={"gw": numbers.get(p.id)}) for p in agreement.parties]})


@given(rows=st.lists(ucdp_row(), min_size=1, max_size=20), accept=st.booleans(), released=st.sampled_from((None, "2021-06-01")))
def test_drawn_ucdp_rows_convert_as_the_plain_computation_does(rows: list[dict[str, str]], accept: bool, released: str | None) -> None:
    """Any GED rows, with rules using every condition UCDP has, candidates kept or accepted, with or without a release date."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.csv"
        _write(path, UCDP_COLUMNS, rows)
        same_ucdp(path, agreement=with_gw(bundled.agreement()), rules=RuleSet.model_validate(RICH_UCDP_RULES), accept_candidates=accept, released=released)


# -- the look-ups one by one ----------------------------------------------------------------------------


@given(
    names=st.lists(place, max_size=6),
    event_type=st.sampled_from([k[0] for k in KINDS]),
    sub_event_type=st.sampled_from([k[1] for k in KINDS]),
    sides=st.tuples(st.lists(st.sampled_from(ACTORS), max_size=3), st.lists(st.sampled_from(ACTORS), max_size=3)),
    codes=st.tuples(st.sampled_from(CODES), st.sampled_from(CODES), st.sampled_from(INTERACTION_CELLS)),
    tags=st.lists(st.sampled_from(TAGS), max_size=2),
    day=st.dates(dt.date(2020, 10, 1), dt.date(2021, 3, 1)),
    country=st.sampled_from(("31", "51", "x", "")),
)
def test_links_places_and_parties_are_the_plain_answers(
    names: list[str], event_type: str, sub_event_type: str, sides: Any, codes: Any, tags: list[str], day: dt.date, country: str
) -> None:
    """For drawn facts, every look-up of :class:`Lookups` equals :class:`PlainLookups`' (the plain functions')."""
    agreement = bundled.agreement()
    rules = RuleSet.model_validate(RICH_ACLED_RULES)
    names_by_party = acled_module.party_names(agreement)
    fast, plain = Lookups(agreement, rules, names_by_party), PlainLookups(agreement, rules, names_by_party)
    both = (tuple(sides[0]), tuple(sides[1]))
    facts = Facts(
        event_type=event_type, sub_event_type=sub_event_type, sides=both, side_parties=plain.side_parties(both),
        interaction=codes[2], places=tuple(names), occurred=Window.day(day, "Asia/Baku"), inter1=codes[0], inter2=codes[1],
        disorder_type="Political violence", tags=tuple(tags), country_code=country, country_scheme="iso",
    )  # fmt: skip
    for _ in range(2):  # asked twice: the second answers come from what was remembered
        assert fast.links(facts) == links_for(facts, rules, agreement) == plain.links(facts)
        assert [fast.place_of(n) for n in names] == [plain.place_of(n) for n in names]
        assert fast.side_parties(both) == plain.side_parties(both)
        for value, table in ((codes[0], ACTOR_TYPES), (codes[2], INTERACTIONS)):
            assert fast.code_forms(value, table) == plain.code_forms(value, table)


def _canonical_reference(agreement: Agreement, name: str) -> str | None:
    """What Agreement.canonical_place gave at the session's start: a scan of every place."""
    wanted = name.strip().casefold()
    for one in agreement.places:
        if wanted in {one.name.casefold(), *(a.casefold() for a in one.aliases)}:
            return one.name
    return None


@given(name=place, extra=st.lists(st.tuples(st.sampled_from(("Hadrut", "Kalbajar", "Tavush", "Berd")), st.lists(place, max_size=3)), max_size=3))
def test_canonical_place_answers_as_before_and_sees_every_change(name: str, extra: list[tuple[str, list[str]]]) -> None:
    """``Agreement.canonical_place`` answers as the scan it replaces, also after places are added to the agreement in place."""
    agreement = bundled.agreement().model_copy(deep=True)  # a copy: the bundled agreement is shared by every test
    assert agreement.canonical_place(name) == _canonical_reference(agreement, name)
    for added, aliases in extra:
        agreement.places.append(Place(name=added, aliases=aliases))  # the list of a frozen model can still be changed
        assert agreement.canonical_place(name) == _canonical_reference(agreement, name)
        assert agreement.canonical_place(added) == _canonical_reference(agreement, added)


def test_a_conversion_reads_the_agreement_as_it_is_when_it_starts(tmp_path: Path) -> None:
    """An alias added to the agreement between two conversions applies to the second."""
    agreement = bundled.agreement().model_copy(deep=True)  # a copy: the bundled agreement is shared by every test
    path = tmp_path / "one.csv"
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update({"event_id_cnty": "AZE9", "event_date": "2020-11-25", "time_precision": "1", "event_type": "Strategic developments", "timestamp": "1606557600", "location": "Qarvaçar"})
    _write(path, ACLED_COLUMNS, [row])
    assert convert_acled(path, agreement=agreement).log.events[0].place == "Qarvaçar"
    next(p for p in agreement.places if p.name == "Kalbajar").aliases.append("Qarvaçar")
    assert convert_acled(path, agreement=agreement).log.events[0].place == "Kalbajar"


@pytest.mark.parametrize(("inter2", "linked"), [("", ["codes"]), ("7", ["codes"]), ("Civilians", ["codes"]), ("2", ["codes"]), ("3", []), ("Protesters", [])])
def test_a_code_condition_reads_both_forms_and_a_blank_cell_as_the_plain_rule_does(inter2: str, linked: list[str]) -> None:
    """A rule allowing '' for inter2 matches a row whose inter2 is blank; 7 and 'Civilians' are one code, 2 is 'Rebel group'; the answers are the plain ones."""
    agreement, rules = bundled.agreement(), RuleSet.model_validate(RICH_ACLED_RULES)
    facts = Facts(
        event_type="Battles", sub_event_type="Armed clash", sides=((), ()), interaction="12", places=(),
        occurred=Window.day(dt.date(2020, 11, 12), "Asia/Baku"), inter1="1", inter2=inter2,
    )  # fmt: skip
    fast = Lookups(agreement, rules)
    assert [link.rule for link in fast.links(facts)] == [link.rule for link in links_for(facts, rules, agreement)] == linked
