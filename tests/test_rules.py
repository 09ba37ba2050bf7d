"""Mapping rules are data: validated strictly, matched on type, actors, interaction, place and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire import UnknownFieldError, UnknownObligationError, bundled
from ceasefire.adapters import convert_acled, load_rules
from ceasefire.adapters.rules import Facts, Match, check_rules, links_for, matches
from ceasefire.errors import InvalidInputError
from ceasefire.time import Window

RULES = Path(bundled.DATA) / "rules" / "nk-2020-acled.yaml"
AZ, AM = "Military Forces of Azerbaijan (2003-)", "Military Forces of Armenia (2018-)"


def facts(**changes: object) -> Facts:
    base: dict[str, object] = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "sides": ((AZ,), (AM,)),
        "interaction": "State forces-State forces",
        "places": ("Khojavend", "Hadrut"),
        "occurred": Window.day(dt.date(2020, 11, 12), "Asia/Baku"),
    }
    return Facts(**{**base, **changes})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def rules():
    """The shipped rules for the 2020 statement."""
    return load_rules(RULES)


def test_shipped_rules_name_only_real_obligations(rules) -> None:
    """Every shipped rule links to an obligation of the bundled agreement."""
    check_rules(rules, bundled.agreement())
    assert {r.link.obligation for r in rules.rules} == {"1.ceasefire", "2.aghdam", "6.kalbajar", "6.lachin"}


def test_clash_after_ceasefire_is_a_rule_made_breach(rules) -> None:
    """A clash between the Parties' forces in the zone after the ceasefire gives a breach of 1.ceasefire marked as rule-made."""
    (link,) = links_for(facts(), rules, bundled.agreement())
    assert (link.obligation, link.role, link.made_by, link.rule) == ("1.ceasefire", "breaches", "rule", "ceasefire.clash")


def test_sides_match_in_either_order(rules) -> None:
    """Actor 1 and actor 2 have no direction, so the two sides may come either way round."""
    assert links_for(facts(sides=((AM,), (AZ,))), rules, bundled.agreement())


def test_one_sided_or_outside_the_zone_or_before_the_ceasefire_do_not_match(rules) -> None:
    """No link for one side only, a place outside the zone, or a day before the ceasefire."""
    agreement = bundled.agreement()
    assert links_for(facts(sides=((AZ,), ())), rules, agreement) == []
    assert links_for(facts(places=("Tavush", "Berd")), rules, agreement) == []
    assert links_for(facts(occurred=Window.day(dt.date(2020, 11, 9), "Asia/Baku")), rules, agreement) == []


def test_a_window_straddling_the_start_does_not_match(rules) -> None:
    """'after' means surely after: a month-long window that starts before the ceasefire is left unlinked."""
    november = Window.days(dt.date(2020, 11, 1), dt.date(2020, 11, 30), "Asia/Baku")
    assert links_for(facts(occurred=november), rules, bundled.agreement()) == []


def test_places_match_through_the_agreement_aliases(rules) -> None:
    """A transfer in 'Karvachar' matches the Kalbajar rule, because the agreement lists it as an alias."""
    transfer = facts(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory", sides=((AZ,), ()), places=("Karvachar",))
    (link,) = links_for(transfer, rules, bundled.agreement())
    assert (link.obligation, link.role, link.rule, link.made_by) == ("6.kalbajar", "fulfils", "handover.kalbajar", "rule")


@pytest.mark.parametrize(("district", "obligation"), [("Agdam", "2.aghdam"), ("Kalbajar", "6.kalbajar"), ("Berdzor", "6.lachin")])
def test_a_transfer_to_azerbaijan_fulfils_its_handover_and_any_other_is_context(rules, district: str, obligation: str) -> None:
    """A transfer of territory in a handover district with Azerbaijan's forces fulfils the handover (made by a rule); without them it is context only."""
    base = {"event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory", "places": (district,)}
    (link,) = links_for(facts(**base, sides=((AZ,), ())), rules, bundled.agreement())
    assert (link.obligation, link.role, link.made_by, link.rule.split(".")[0]) == (obligation, "fulfils", "rule", "handover")
    (other,) = links_for(facts(**base, sides=(("Unidentified Armed Group (Armenia)",), ())), rules, bundled.agreement())
    assert (other.obligation, other.role, other.rule.split(".")[0]) == (obligation, "context", "territory")
    assert links_for(facts(**base, sides=((AZ,), ()), occurred=Window.day(dt.date(2020, 11, 5), "Asia/Baku")), rules, bundled.agreement()) == []


def test_interaction_and_actor_types_match_in_either_form() -> None:
    """A rule written with numbers matches rows written in words and the other way round, for interaction, inter1 and inter2."""
    in_words = facts(inter1="State forces", inter2="Rebel group", interaction="State forces-Rebel group")
    in_numbers = facts(inter1="1", inter2="2", interaction="12")
    for match in (Match(interaction=[12]), Match(interaction=["State forces-Rebel group"]), Match(inter1=[1], inter2=["Rebel group"])):
        assert matches(match, in_words, None) and matches(match, in_numbers, None)
    assert matches(Match(interaction=["Rebel group-State forces"]), in_numbers, None)
    assert not matches(Match(interaction=[11]), in_words, None) and not matches(Match(inter1=[2]), in_numbers, None)


def test_codes_written_with_other_digits_or_underscores_match_nothing() -> None:
    """A code cell written with full-width digits or an underscore is no code: Python's float would read it as the number."""
    from ceasefire.adapters.parties import gw_parties

    agreement = bundled.agreement()
    numbered = agreement.model_copy(update={"parties": [p.model_copy(update={"gw": n}) for p, n in zip(agreement.parties, (373, 371, 365), strict=True)]})
    assert gw_parties("373", numbered) == ("AZ",)
    assert gw_parties("\uff13\uff17\uff13", numbered) == () and gw_parties("3_73", numbered) == ()
    assert matches(Match(interaction=[12]), facts(interaction="12"), None)
    assert not matches(Match(interaction=[12]), facts(interaction="\uff11\uff12"), None)
    assert not matches(Match(inter1=[1]), facts(inter1="\u0661"), None)  # ARABIC-INDIC DIGIT ONE


def test_rules_match_disorder_type_civilian_targeting_and_tags() -> None:
    """disorder_type and civilian_targeting compare as text; tags as patterns against each ';'-separated tag."""
    row = facts(disorder_type="Political violence", civilian_targeting="Civilian targeting", tags=("crowd size=no report", "women targeted: girls"))
    assert matches(Match(disorder_type=["political violence"], civilian_targeting=["Civilian targeting"], tags=["crowd size=*"]), row, None)
    assert not matches(Match(disorder_type=["Demonstrations"]), row, None)
    assert not matches(Match(civilian_targeting=["Civilian targeting"]), facts(), None)
    assert not matches(Match(tags=["local administrators"]), row, None)


def test_interaction_and_actor_patterns_are_matched() -> None:
    """interaction must be one of those listed, and 'actors' matches any actor against shell-style patterns."""
    match = Match(interaction=["State forces-State forces"], actors=["military forces of armenia*"])
    assert matches(match, facts(), None)
    assert not matches(match, facts(interaction="State forces-Civilians"), None)
    assert not matches(Match(actors=["Protesters*"]), facts(), None)


def test_first_rule_wins_for_an_obligation() -> None:
    """When two rules give the same obligation, only the first one's link is made."""
    data = {
        "id": "t", "dataset": "ACLED",
        "rules": [
            {"id": "a", "summary": "first", "match": {}, "link": {"obligation": "1.ceasefire", "role": "context"}},
            {"id": "b", "summary": "second", "match": {}, "link": {"obligation": "1.ceasefire", "role": "breaches"}},
        ],
    }  # fmt: skip
    from ceasefire.adapters import RuleSet

    (link,) = links_for(facts(), RuleSet.model_validate(data), None)
    assert link.rule == "a"


def test_unknown_field_in_a_rule_file_is_refused(tmp_path: Path) -> None:
    """A misspelt key in a rule file is refused with its line, not ignored."""
    text = RULES.read_text(encoding="utf-8").replace("sub_event_type: [Armed clash]", "subevent_type: [Armed clash]")
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UnknownFieldError, match=r"bad\.yaml:\d+ \(rules\[0\]\.match\.subevent_type\)"):
        load_rules(tmp_path / "bad.yaml")


def test_rules_naming_unknown_obligations_are_refused(tmp_path: Path) -> None:
    """A rule that links to an obligation the agreement lacks is refused before any row is read."""
    text = RULES.read_text(encoding="utf-8").replace("obligation: 6.lachin", "obligation: 6.lachen")
    (tmp_path / "typo.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UnknownObligationError, match="6.lachen"):
        convert_acled(Path(__file__).parent / "data" / "acled" / "export-2020-11-28.csv", agreement=bundled.agreement(), rules=load_rules(tmp_path / "typo.yaml"))


def test_rules_for_another_dataset_are_refused() -> None:
    """ACLED rows are not mapped with rules written for UCDP GED."""
    ucdp_rules = load_rules(Path(__file__).parent / "data" / "ucdp" / "rules.yaml")
    with pytest.raises(InvalidInputError, match="rules for UCDP GED"):
        convert_acled(Path(__file__).parent / "data" / "acled" / "export-2020-11-28.csv", agreement=bundled.agreement(), rules=ucdp_rules)



def test_checks_pass_good_files_and_list_every_bad_row() -> None:
    """Checking a good file gives a summary; checking a file with bad rows raises one error naming each."""
    from ceasefire.validation.datasets import check_acled, check_rules_file

    data = Path(__file__).parent / "data"
    assert "7 rows, every one readable" in check_acled(data / "acled" / "export-2020-11-28.csv")
    assert "8 rules, every obligation found in nk-2020" in check_rules_file(RULES)
    with pytest.raises(InvalidInputError) as caught:
        check_acled(data / "acled" / "malformed.csv")
    assert len(caught.value.problems) == 6


def test_validate_command_accepts_dataset_and_rule_files() -> None:
    """`ceasefire validate` checks ACLED, UCDP GED and rule files beside agreements, naming each bad row."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    data = Path(__file__).parent / "data"
    good = [data / "acled" / "export-2020-11-28.csv", data / "acled" / "api-2020-11-28.json", data / "acled" / "deletions.csv", RULES]
    done = CliRunner().invoke(main, ["validate", *map(str, good)])
    assert done.exit_code == 0, done.output
    assert done.output.count(": ok: ") == 4 and "mapping rules for ACLED, 8 rules" in done.output
    bad = CliRunner().invoke(main, ["validate", str(data / "ucdp" / "ged-test.csv")])
    assert bad.exit_code != 0 and "ged-test.csv:5 (column type_of_violence)" in bad.output


def test_countries_match_acled_iso_through_the_parties_iso3166_codes() -> None:
    """A rule naming party AZ matches ACLED rows whose numeric iso is Azerbaijan's (31), through the party's ISO 3166 code."""
    agreement = bundled.agreement()
    assert {p.id: p.iso_numeric for p in agreement.parties} == {"AZ": 31, "AM": 51, "RU": 643}
    assert matches(Match(countries=["AZ"]), facts(country_code="31", country_scheme="iso"), agreement)
    assert not matches(Match(countries=["AM"]), facts(country_code="31", country_scheme="iso"), agreement)
    assert not matches(Match(countries=["AZ"]), facts(), agreement)


def test_parties_match_ucdp_sides_by_gleditsch_ward_number() -> None:
    """With Gleditsch-Ward numbers on the parties, 'parties' matches UCDP's gwnoa/gwnob and 'countries' its country_id."""
    agreement = bundled.agreement()
    numbered = agreement.model_copy(update={"parties": [p.model_copy(update={"gw": n}) for p, n in zip(agreement.parties, (373, 371, 365), strict=True)]})
    row = facts(country_code="373", country_scheme="gw", side_codes=("373",))
    assert matches(Match(parties=["AZ"], countries=["AZ"]), row, numbered)
    assert not matches(Match(parties=["AM"]), row, numbered)


def test_a_rule_naming_a_party_without_the_code_it_needs_is_refused() -> None:
    """A UCDP rule naming a party that has no Gleditsch-Ward number, or an unknown party, is refused before any row is read."""
    from ceasefire.adapters import RuleSet

    data = {"id": "t", "dataset": "UCDP GED", "rules": [{"id": "a", "summary": "s", "match": {"parties": ["AZ", "XX"]}, "link": {"obligation": "1.ceasefire", "role": "breaches"}}]}
    with pytest.raises(InvalidInputError) as caught:
        check_rules(RuleSet.model_validate(data), bundled.agreement())
    assert "which has no gw" in str(caught.value) and "'XX'" in str(caught.value)


def test_party_codes_are_checked_against_iso_3166() -> None:
    """An ISO 3166 code pycountry does not know is refused; alpha-2, alpha-3 and numeric forms are accepted."""
    from pydantic import ValidationError

    from ceasefire.model import Party

    assert [Party(id="X", name="x", roles=["party"], iso3166=c).iso_numeric for c in ("AZ", "AZE", "031")] == [31, 31, 31]
    with pytest.raises(ValidationError, match="ISO 3166-1"):
        Party(id="X", name="x", roles=["party"], iso3166="ZZ")
