"""ACLED and UCDP exports read straight into the bulk store equal the Tracker route's store, column for column.

The Tracker route is ``bulk.from_tracker(Tracker(agreement, convert_...(...).log))``: every row a
pydantic event, then a tracker, then columns. :func:`~ceasefire.adapters.acled_columns` and
:func:`~ceasefire.adapters.ucdp_columns` skip the events; here every column of their store (and its
obligations, calendar, start and watching) is held equal to the route's, on every test export, on
several exports with versions and deletions, on a generated export, and on rows drawn by hypothesis.
Their problems and notes are the converters', and what the bulk path refuses is refused with the same
words.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from ceasefire import Tracker, bundled, parse_agreement
from ceasefire.adapters import RuleSet, acled_columns, convert_acled, load_rules, ucdp_columns
from ceasefire.errors import BulkUnsupportedError, InvalidInputError

from _acled_case import AGREEMENT, RULES
from _dataset_rows import ACLED_COLUMNS, RICH_ACLED_RULES, RICH_UCDP_RULES, UCDP_COLUMNS, _write, acled_row, ucdp_row, with_gw
from _store_routes import ACLED, ACLED_RULES, NK, NK_GW, ROOT, UCDP, both_acled, both_ucdp, check, trimmed

bulk = pytest.importorskip("ceasefire.bulk")

CF_LATE = parse_agreement(AGREEMENT | {"announced": "2021-01-01T00:00:00+03:00", "effective": "2021-01-01T00:00:00+03:00"})
"""A ceasefire of 1 January 2021: every test export has a row before it, so each watches it from its start."""


# -- the test exports ----------------------------------------------------------------------------------

EXPORTS = (
    "export-2020-11-28.csv", "export-2021-01-15.csv", "export-2021-style.csv", "api-2020-11-28.json", "api-fields-numeric.json",
    "monadic.csv", "export-semicolon.csv", "export-decimal-comma.csv", "actors-by-code.csv", "malformed.csv",
)  # fmt: skip


@pytest.mark.parametrize("name", EXPORTS)
def test_each_acled_test_export_gives_the_tracker_routes_store(name: str) -> None:
    """For the 2020 statement with the shipped rules, and for a one-obligation ceasefire of 2021 that every export starts before (a store each time).

    Without rules an export watches nothing, and both paths refuse it alike.
    """
    check(*both_acled(ACLED / name, NK, rules=ACLED_RULES))
    assert check(*both_acled(ACLED / name, CF_LATE, rules=RuleSet.model_validate(RULES))) is not None
    route, direct = both_acled(ACLED / name, CF_LATE, rules=None)
    assert isinstance(direct, tuple) and direct == route


def test_an_export_that_starts_after_the_agreement_is_refused_as_the_route_refuses_it() -> None:
    """Half the test exports start after 10 November 2020: neither path can say what happened before their first row."""
    refused = []
    for name in EXPORTS:
        route, direct = both_acled(ACLED / name, NK, rules=ACLED_RULES)
        if isinstance(direct, tuple):
            assert direct == route and "watched from the agreement's start" in direct[1][0].received
            refused.append(name)
    assert refused == ["api-2020-11-28.json", "api-fields-numeric.json", "monadic.csv", "actors-by-code.csv", "malformed.csv"]


def test_versions_deletions_weeks_months_and_rows_before_the_agreement() -> None:
    """Two downloads and the deletions file: a revised record, a deleted one, week and month windows, a clash before the ceasefire."""
    paths = [ACLED / "export-2020-11-28.csv", ACLED / "export-2021-01-15.csv"]
    store = check(*both_acled(paths, NK, rules=ACLED_RULES, deletions=ACLED / "deletions.csv"))
    assert store is not None and store.revised and store.windowed
    kinds = [bulk.KINDS[k] for k in store.kind]
    assert "deletion" in kinds and "move-deadline" in kinds and "breaches" in kinds and "fulfils" in kinds
    day = 86_400_000_000
    spans = {int(round((b - a + 1) / day)) for a, b in zip(store.at, store.latest, strict=True) if b != a}
    assert {1, 7} <= spans and any(s >= 28 for s in spans)  # a day, an ACLED week, a month
    versions = {}
    for code, version in zip(store.event, store.version, strict=True):
        versions.setdefault(int(code), set()).add(int(version))
    assert any(len(v) > 1 for v in versions.values())  # AZE1001 in two versions
    # linked rows over before the ceasefire are context, changing no status
    start = bulk.micros(NK.effective)
    early = (store.latest < start) & (store.kind != bulk.KINDS.index("deletion"))
    assert early.any() and (store.kind[early] == bulk.KINDS.index("context")).all()




def test_statuses_from_the_store_are_the_trackers() -> None:
    """Days in Baku, read in another reference zone: the index built on the direct store answers as the Tracker on every day the breaches touch."""
    agreement = parse_agreement(AGREEMENT)
    rules = RuleSet.model_validate(RULES)
    path = ACLED / "export-2020-11-28.csv"
    tracker = Tracker(agreement, convert_acled(path, agreement=agreement, rules=rules).raise_problems())
    index = bulk.build_index(acled_columns(path, agreement=agreement, rules=rules).raise_problems())
    days = sorted({e.occurred.earliest.date() for e in tracker.events} | {e.occurred.latest.date() for e in tracker.events})
    assert len(days) > 3
    for day in days:
        whole = f"{day.isoformat()}[Asia/Baku]"
        assert index.status_at(whole)["ceasefire"] == str(tracker.obligation_on("ceasefire", whole).status), whole


def test_the_same_problems_for_bad_rows_and_raise_problems_refuses_them() -> None:
    """malformed.csv: every bad row with its file and line, the same in both paths; raise_problems raises them all."""
    done = acled_columns(ACLED / "malformed.csv", agreement=CF_LATE, rules=RuleSet.model_validate(RULES))
    log = convert_acled(ACLED / "malformed.csv", agreement=CF_LATE, rules=RuleSet.model_validate(RULES))
    assert len(done.problems) >= 6 and done.problems == log.problems
    assert all(str(ACLED / "malformed.csv") in p.where for p in done.problems)
    with pytest.raises(InvalidInputError) as caught:
        done.raise_problems()
    assert caught.value.problems == list(log.problems) or tuple(caught.value.problems) == log.problems


def test_what_the_agreement_alone_decides_is_refused_before_a_row_is_read() -> None:
    """The whole 2020 statement (targets, supplements) is refused naming the obligation, before the file is even opened."""
    with pytest.raises(BulkUnsupportedError) as direct:
        acled_columns(ACLED / "no-such-file.csv", agreement=bundled.agreement(), rules=ACLED_RULES)
    with pytest.raises(BulkUnsupportedError) as route:
        bulk.from_tracker(Tracker(bundled.agreement(), convert_acled(ACLED / "export-2020-11-28.csv", agreement=bundled.agreement(), rules=ACLED_RULES).log))
    assert direct.value.problems == route.value.problems and "obligation" in direct.value.problems[0].where


def _rules_with(role: str, obligation: str) -> RuleSet:
    data = copy.deepcopy(RULES)
    data["rules"][0]["link"] = {"obligation": obligation, "role": role}
    return RuleSet.model_validate(data)


@pytest.mark.parametrize("role", ["setback", "notice", "ends"])
def test_a_role_the_columns_do_not_hold_is_refused_as_the_route_refuses_it(role: str) -> None:
    agreement = parse_agreement(AGREEMENT)
    route, direct = both_acled(ACLED / "export-2020-11-28.csv", agreement, rules=_rules_with(role, "ceasefire"))
    assert isinstance(direct, tuple) and direct == route and direct[1][0].where.startswith("event ")


def test_an_obligation_the_rules_do_not_watch_is_refused_as_the_route_refuses_it() -> None:
    """The rules link 6.kalbajar only as context: the export does not watch it, and the store cannot say it stayed quiet."""
    agreement = trimmed(bundled.agreement(), {"1.ceasefire", "2.aghdam", "6.kalbajar", "6.lachin", "6.corridor"})
    route, direct = both_acled(ACLED / "export-2020-11-28.csv", agreement, rules=ACLED_RULES)
    assert isinstance(direct, tuple) and direct == route and "6.corridor" in direct[1][0].where


# -- UCDP ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("accept", [False, True])
def test_the_ged_test_file_gives_the_tracker_routes_store(accept: bool) -> None:
    rules = load_rules(UCDP / "rules.yaml")
    store = check(*both_ucdp(UCDP / "ged-test.csv", NK_GW, rules=rules, accept_candidates=accept))
    assert store is not None and store.windowed and (store.kind == bulk.KINDS.index("breaches")).any()
    check(*both_ucdp([UCDP / "api-page-0.json", UCDP / "api-page-1.json"], NK_GW, rules=rules, released="2021-06-01", accept_candidates=accept))


# -- generated and drawn exports ----------------------------------------------------------------------


def test_a_generated_acled_export_gives_the_tracker_routes_store(generators: Any, tmp_path: Path) -> None:
    """The benchmark's export at 3,000 rows, alone and as a later download after an earlier one (same versions counted once)."""
    early, late = tmp_path / "early.csv", tmp_path / "late.csv"
    generators.acled_export(early, 1_000, seed=7)
    generators.acled_export(late, 3_000, seed=7)
    store = check(*both_acled(late, NK, rules=ACLED_RULES))
    assert store is not None and len(store) > 2_900
    check(*both_acled([early, late], NK, rules=ACLED_RULES, deletions=ACLED / "deletions.csv"))


def test_a_generated_ged_export_gives_the_tracker_routes_store(generators: Any, tmp_path: Path) -> None:
    path, rules = tmp_path / "ged.csv", tmp_path / "rules.yaml"
    generators.ucdp_export(path, 3_000, seed=7)
    rules.write_text(generators.UCDP_RULES.replace("6.kalbajar", "1.ceasefire"), encoding="utf-8")
    for accept in (False, True):
        store = check(*both_ucdp(path, NK_GW, rules=load_rules(rules), accept_candidates=accept))
        assert store is not None and len(store) > 2_000


def _watching(rules: dict[str, Any]) -> RuleSet:
    """The drawn-row rules with each obligation they name watched by some rule (no obligation only as context)."""
    data = copy.deepcopy(rules)
    roles = {"between": "fulfils", "tags": "fulfils", "sides": "breaches", "parties": "fulfils"}
    for rule in data["rules"]:
        rule["link"]["role"] = roles.get(rule["id"], rule["link"]["role"])
    return RuleSet.model_validate(data)


EARLY_ACLED = {c: "" for c in ACLED_COLUMNS} | {
    "event_id_cnty": "AZE900", "event_date": "2020-09-01", "time_precision": "1", "event_type": "Battles", "timestamp": "1600000000",
}  # fmt: skip
"""A readable row before the ceasefire, so that the drawn export watches from the agreement's start."""


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(acled_row(), min_size=1, max_size=25), delimiter=st.sampled_from((",", ";")), rich=st.booleans(), early=st.booleans())
def test_drawn_acled_rows_give_the_tracker_routes_store(rows: list[dict[str, str]], delimiter: str, rich: bool, early: bool) -> None:
    """Any rows, read or refused, with the shipped rules or rules using every condition; stores equal or the same refusal."""
    rules = _watching(RICH_ACLED_RULES) if rich else ACLED_RULES
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.csv"
        _write(path, ACLED_COLUMNS, ([EARLY_ACLED] if early else []) + rows, delimiter)
        route, direct = both_acled(path, NK, rules=rules)
        store = check(route, direct)
        if early:
            assert store is not None


EARLY_UCDP = {c: "" for c in UCDP_COLUMNS} | {
    "id": "900", "type_of_violence": "1", "date_prec": "1", "date_start": "2020-09-01", "date_end": "2020-09-01", "source_date": "2020-09-02",
    "best": "0", "low": "0", "high": "0",
}  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(ucdp_row(), min_size=1, max_size=20), accept=st.booleans(), released=st.sampled_from((None, "2021-06-01")), early=st.booleans())
def test_drawn_ged_rows_give_the_tracker_routes_store(rows: list[dict[str, str]], accept: bool, released: str | None, early: bool) -> None:
    agreement = with_gw(trimmed(bundled.agreement(), {"1.ceasefire", "2.aghdam", "6.kalbajar", "6.lachin"}))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.csv"
        _write(path, UCDP_COLUMNS, ([EARLY_UCDP] if early else []) + rows)
        store = check(*both_ucdp(path, agreement, rules=_watching(RICH_UCDP_RULES), accept_candidates=accept, released=released))
        if early:
            assert store is not None


def test_no_event_object_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """The direct path never builds a pydantic Event, Source or Record: each is made to fail, and the store is still made."""
    from ceasefire.adapters import acled, ucdp

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an event object was made")

    for module in (acled, ucdp):
        for name in ("Event", "Source", "Record", "Citation"):
            monkeypatch.setattr(module, name, refuse)
    assert len(acled_columns(ACLED / "export-2020-11-28.csv", agreement=NK, rules=ACLED_RULES).store) > 5
    assert len(ucdp_columns(UCDP / "ged-test.csv", agreement=NK_GW, rules=load_rules(UCDP / "rules.yaml"), accept_candidates=True).store) >= 2
    with pytest.raises(AssertionError):
        convert_acled(ACLED / "export-2020-11-28.csv", agreement=NK, rules=ACLED_RULES)



def test_the_example_in_the_bulk_how_to_prints_what_it_shows() -> None:
    """The Python block of docs/how-to/bulk.md's "From an ACLED or UCDP export", run from the checkout, prints exactly the text under it."""
    import re
    import subprocess
    import sys

    page = (ROOT / "docs" / "how-to" / "bulk.md").read_text(encoding="utf-8")
    section = page.split("### From an ACLED or UCDP export\n", 1)[1].split("\n### ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    (expected,) = re.findall(r"```text\n(.*?)```", section, flags=re.S)
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert ran.stdout == expected


def test_a_version_given_twice_with_other_content_is_the_same_problem(tmp_path: Path) -> None:
    """A second export repeating AZE1001's timestamp with other notes: both paths refuse it alike, and count the unchanged rows once."""
    original = ACLED / "export-2020-11-28.csv"
    changed = tmp_path / "changed.csv"
    text = original.read_text(encoding="utf-8")
    assert text.count("Invented test row: on 12 November 2020") == 1
    changed.write_text(text.replace("Invented test row: on 12 November 2020", "Invented test row, corrected: on 12 November 2020"), encoding="utf-8")
    route, direct = both_acled([original, changed], NK, rules=ACLED_RULES)
    store = check(route, direct)
    assert store is not None and len(direct.problems) == 1 and "other content" in direct.problems[0].received
    assert any("counted once" in note for note in direct.notes)


def test_no_agreement_is_a_clear_error() -> None:
    """The store is made of an agreement's obligations: without one, an error saying so, not a traceback from inside."""
    for columns in (acled_columns, ucdp_columns):
        with pytest.raises(InvalidInputError) as caught:
            columns(ACLED / "export-2020-11-28.csv", agreement=None)  # type: ignore[arg-type]
        assert caught.value.problems[0].where == "agreement" and "NoneType" in caught.value.problems[0].received
