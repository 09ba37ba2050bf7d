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

from _dataset_rows import ACLED_COLUMNS, ACTORS, CODES, INTERACTION_CELLS, KINDS, RICH_ACLED_RULES, RICH_UCDP_RULES, TAGS, UCDP_COLUMNS, _write, acled_row, place, ucdp_row, with_gw

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


@given(rows=st.lists(acled_row(), min_size=1, max_size=25), delimiter=st.sampled_from((",", ";")), rich=st.booleans())
def test_drawn_acled_rows_convert_as_the_plain_computation_does(rows: list[dict[str, str]], delimiter: str, rich: bool) -> None:
    """Any rows, in a comma- or semicolon-separated file, with the shipped rules or rules using every condition."""
    rules = RuleSet.model_validate(RICH_ACLED_RULES) if rich else load_rules(ACLED_RULES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.csv"
        _write(path, ACLED_COLUMNS, rows, delimiter)
        same_acled(path, agreement=bundled.agreement(), rules=rules)


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
