"""Extraction on real wire copy: the labelled set, the per-article scorer, and the failure modes of issue 18.

Every text in the failure-mode tests is written for the test; none is copied from the real set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from _extraction import extract_text, local_days, of
from ceasefire import bundled
from ceasefire.cli import main
from ceasefire.errors import InvalidInputError
from ceasefire.extract import extract_events
from ceasefire.extract.evaluation import (
    Article,
    Label,
    date_class,
    evaluate,
    load_set,
    match,
    report,
    score_article,
)
from ceasefire.model import Citation, Event, Link
from ceasefire.time import window

REAL = Path(__file__).resolve().parent / "data" / "extract" / "real"
ZONE = "Asia/Baku"


def day(text: str):  # type: ignore[no-untyped-def]
    """A whole local day as a window."""
    return window(text, ZONE)


def days(first: str, last: str):  # type: ignore[no-untyped-def]
    """Local days from first to last as a window."""
    return window({"earliest": first, "latest": last}, ZONE)


def kinds(text: str, published: str = "2020-12-15") -> list[Event]:
    """The events extracted from a short text of our own."""
    return extract_text(text, published)


span_days = local_days


# ------------------------------------------------------------------ the set's files


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return load_set(REAL)


def test_the_set_has_enough_real_articles_from_many_publishers_and_years(articles: list[Article]) -> None:
    """At least 25 articles, from at least ten publishers, with every year from 2020 to 2024."""
    assert len(articles) >= 25
    assert len({a.publisher for a in articles}) >= 10
    assert {a.published[:4] for a in articles} == {"2020", "2021", "2022", "2023", "2024"}


def test_every_article_file_is_well_formed(articles: list[Article]) -> None:
    """Each article of the three sets has an http(s) URL, a read date, a short excerpt, labelled events (or a note saying why none), and quotes found in its excerpt."""
    import yaml

    for article in [*articles, *load_set(REAL.parent / "real-batch-2"), *load_set(REAL.parent / "real-batch-3")]:
        data = yaml.safe_load(article.path.read_text(encoding="utf-8"))
        assert str(data["url"]).startswith(("http://", "https://")), article.id
        assert isinstance(data["read"], dt.date), article.id
        assert len(article.text) < 1500, f"{article.id}: keep excerpts short"
        assert article.events or "Nothing is labelled" in str(data.get("notes", "")), article.id
        for label in article.events:
            assert all(article.text[a:b] for a, b in label.spans), article.id
        assert article.id.startswith(article.published[:10]), article.id


def test_every_third_article_in_name_order_is_held_out(articles: list[Article]) -> None:
    """The held-out part is fixed by rule: the 3rd, 6th, 9th... file in name order, a third of the set."""
    names = sorted(a.id for a in articles)
    held = [a.id for a in articles if a.part == "held-out"]
    assert held == names[2::3]
    assert len(held) == len(articles) // 3


def test_a_quote_missing_from_its_excerpt_is_refused(tmp_path: Path) -> None:
    """A label whose quote is not in the excerpt gives a typed error naming the file and the field."""
    (tmp_path / "2020-11-20-x.yaml").write_text(
        "url: https://example.org/a\npublisher: X\npublished: 2020-11-20\nread: 2026-11-29\nexcerpt: |\n  Troops entered Aghdam.\nevents:\n  - {id: a, kind: handover, quotes: ['Troops left Aghdam'], occurred: '2020-11-20'}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError, match=r"2020-11-20-x\.yaml: events\[0\]\.quotes.*not in the excerpt"):
        load_set(tmp_path)


def test_a_link_without_a_known_role_is_refused(tmp_path: Path) -> None:
    """A label link must be 'OBLIGATION ROLE' with a known role, and the error gives an example."""
    (tmp_path / "2020-11-20-x.yaml").write_text(
        "url: https://example.org/a\npublisher: X\npublished: 2020-11-20\nread: 2026-11-29\nexcerpt: |\n  Troops entered Aghdam.\n"
        "events:\n  - {id: a, kind: handover, quotes: ['Troops entered Aghdam'], occurred: '2020-11-20', links: ['2.aghdam done']}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError, match=r"e\.g\. '6\.kalbajar fulfils'"):
        load_set(tmp_path)


# ------------------------------------------------------------------ the scorer's matching rules


TEXT = "Troops left Aghdam on Nov. 20 and Kalbajar on Nov. 25. Prisoners were exchanged. The road, which was begun in May, has been finished."


def article(*labels: Label) -> Article:
    """A one-text article with the given labels."""
    return Article("a", Path("a.yaml"), "https://example.org", "X", "2020-12-01", TEXT, tuple(labels), (), "development")


def label(id: str, kind: str, quote: str, occurred, links=()) -> Label:  # type: ignore[no-untyped-def]
    """A label on a quote of TEXT."""
    at = TEXT.index(quote)
    return Label(id, kind, ((at, at + len(quote)),), occurred, links=frozenset(links))


def extracted(id: str, kind: str, quote: str, occurred, links=()) -> Event:  # type: ignore[no-untyped-def]
    """An extracted event citing a quote of TEXT by offsets."""
    at = TEXT.index(quote)
    return Event(
        id=id, kind=kind, summary="s", occurred=occurred, sources=[Citation(source="a", quote=quote, offsets=(at, at + len(quote)))],
        links=[Link(obligation=o, role=r, made_by="extraction", rule=rule) for o, r, rule in links], status="candidate",
    )  # fmt: skip


def test_events_match_by_kind_and_overlapping_quote_not_by_sharing_a_sentence() -> None:
    """An extracted event citing one clause matches the label on that clause, not the label on the other clause of the sentence."""
    aghdam = label("aghdam", "handover", "left Aghdam on Nov. 20", day("2020-11-20"))
    kalbajar = label("kalbajar", "handover", "Kalbajar on Nov. 25", day("2020-11-25"))
    got = extracted("x", "handover", "Troops left Aghdam on Nov. 20", day("2020-11-20"))
    pairs = match([got], [aghdam, kalbajar])
    assert [(e.id, g.id) for e, g in pairs] == [("x", "aghdam")]
    assert match([extracted("y", "exchange", "Troops left Aghdam on Nov. 20", day("2020-11-20"))], [aghdam]) == []


def test_obligations_that_disagree_prevent_a_match() -> None:
    """When both sides link obligations directly and share none, they are different events."""
    aghdam = label("aghdam", "handover", "Troops left Aghdam on Nov. 20 and Kalbajar on Nov. 25.", day("2020-11-20"), [("2.aghdam", "fulfils")])
    wrong = extracted("x", "handover", "Troops left Aghdam on Nov. 20 and Kalbajar on Nov. 25.", day("2020-11-20"), [("6.kalbajar", "fulfils", "handover.fulfils")])
    assert match([wrong], [aghdam]) == []


def test_matching_is_one_to_one_so_a_duplicate_costs_precision() -> None:
    """Two extracted events for one labelled happening: one matches, the other is an extra event."""
    lab = label("ex", "exchange", "Prisoners were exchanged.", days("2020-11-10", "2020-12-01"))
    one = extracted("x1", "exchange", "Prisoners were exchanged.", day("2020-11-30"))
    two = extracted("x2", "exchange", "Prisoners were exchanged.", day("2020-11-29"))
    score = score_article(article(lab), [one, two], [], ZONE)
    assert len(score.pairs) == 1 and len(score.extra) == 1 and not score.missed
    assert score.recall == 1.0 and score.precision == 0.5


def test_dates_are_exact_inside_containing_or_wrong() -> None:
    """The four date classes compare local days: same days, narrower inside, wider around, or anything else."""
    assert date_class(day("2020-11-20"), day("2020-11-20"), ZONE) == "exact"
    assert date_class(day("2020-11-20"), days("2020-11-18", "2020-11-21"), ZONE) == "inside"
    assert date_class(days("2020-11-10", "2020-11-30"), day("2020-11-20"), ZONE) == "containing"
    assert date_class(days("2020-11-19", "2020-11-21"), days("2020-11-20", "2020-11-25"), ZONE) == "wrong"


def test_links_are_scored_by_obligation_and_role_leaving_out_passing_mentions() -> None:
    """A right obligation with a wrong role counts only in the loose row; a context link from a passing mention is not counted."""
    lab = label("aghdam", "handover", "Troops left Aghdam on Nov. 20", day("2020-11-20"), [("2.aghdam", "fulfils")])
    got = extracted("x", "handover", "Troops left Aghdam on Nov. 20", day("2020-11-20"), [("2.aghdam", "advances", "r"), ("6.corridor", "context", "mention.corridor")])
    result = report([score_article(article(lab), [got], [], ZONE)])
    loose, strict = result.row("obligation links (obligation)"), result.row("obligation links (obligation and role)")
    assert (loose.right_given, loose.given, loose.wanted) == (1, 1, 1)
    assert (strict.right_given, strict.given) == (0, 1)


def test_claims_about_the_agreement_are_scored_apart_from_events() -> None:
    """Flagged claims count against labelled wrong claims; a claim event is not an extra event."""
    from ceasefire.extract.evaluation import ClaimLabel

    art = Article("a", Path("a.yaml"), "u", "X", "2020-12-01", TEXT, (), (ClaimLabel("c", "date", (0, 10)),), "development")
    claim_event = extracted("c", "claim-about-agreement", "Troops left Aghdam on Nov. 20", day("2020-12-01"))
    score = score_article(art, [claim_event], [(0, 20), (40, 50)], ZONE)
    assert not score.extra and (score.flagged, score.claims_right, score.claims_found) == (2, 1, 1)


# ------------------------------------------------------------------ the failure modes, on texts of our own


def test_a_mention_of_the_signed_agreement_is_not_a_signing() -> None:
    """'In accordance with the statement signed on ...' names the agreement; only the handover is reported."""
    events = kinds("Army units entered Aghdam on November 20 in accordance with the statement signed by the three leaders on November 10.")
    assert [e.kind for e in events] == ["handover"]
    assert span_days(events[0]) == (dt.date(2020, 11, 20),) * 2


def test_a_clause_that_reports_the_signing_is_a_signing() -> None:
    """'On November 9, the leaders signed a joint statement' reports the signing, dated within 9-10 November."""
    (signing,) = of(kinds("On November 9, the three leaders signed a joint statement that ended the war."), "signing")
    first, last = span_days(signing)
    assert dt.date(2020, 11, 9) <= first <= last <= dt.date(2020, 11, 10)


@pytest.mark.parametrize(
    "text",
    [
        "The agreement calls for an exchange of prisoners of war.",
        "The deal stipulated that Armenia hand over the Aghdam district.",
        "The freed men will undergo medical checks and return to their families.",
        "Displaced families hope to return to Aghdam next year.",
        "Their return is prohibited because the roads are mined.",
        "Residents were unable to return home while the road was shut, officials said.",
    ],
)
def test_duties_plans_hopes_and_prohibitions_are_not_happenings(text: str) -> None:
    """A duty, a plan (also in a coordinated verb), a hope or a prohibition proposes no exchange, handover or return."""
    assert not [e for e in kinds(text) if e.kind in ("exchange", "handover", "return")]


def test_an_allegation_is_a_statement_not_the_attack() -> None:
    """'Baku accused Yerevan of violating the ceasefire' is Azerbaijan's statement; no clash is proposed from it."""
    events = kinds("Baku accused Yerevan of violating the ceasefire near the border on Monday.")
    assert [e.kind for e in events] == ["statement"]
    assert "AZ" in events[0].actors


def test_an_attack_reported_as_a_happening_is_a_clash_breaching_the_ceasefire() -> None:
    """'Troops shelled a village on Monday, the ministry said' is a clash on that Monday."""
    (clash,) = of(kinds("Azerbaijani troops shelled the village of Taghavard on Monday, the ministry said."), "clash")
    assert span_days(clash) == (dt.date(2020, 12, 14),) * 2
    assert [(l.obligation, l.role) for l in clash.links] == [("1.ceasefire", "breaches")]


def test_an_allegation_and_the_happening_it_announces_are_kept_apart() -> None:
    """In 'accused X of violating the ceasefire and announced that soldiers had been killed', the killing is a clash and the accusation a statement."""
    events = kinds("The ministry in Baku accused Armenia of violating the ceasefire and announced that two soldiers had been killed in clashes.")
    assert sorted(e.kind for e in events) == ["clash", "statement"]


def test_a_denial_beside_a_report_disputes_it_rather_than_adding_a_statement() -> None:
    """'Yerevan said troops opened fire on Friday, a charge Baku denied' is one clash, disputed by Azerbaijan."""
    events = kinds("Yerevan said troops opened fire near the village on Friday, a charge Baku denied.")
    assert [e.kind for e in events] == ["clash"] and [d.party for d in events[0].disputed_by] == ["AZ"]


def test_two_districts_on_two_days_in_one_sentence_are_two_handovers() -> None:
    """'Left Aghdam on Nov. 20 and Kalbajar on Nov. 25' gives each district its own day and obligation."""
    events = of(kinds("Armenian forces left Aghdam on Nov. 20 and Kalbajar on Nov. 25 as the deal required.", "2020-11-30"), "handover")
    got = sorted((e.place, span_days(e)[0], tuple(l.obligation for l in e.links if l.role == "fulfils")) for e in events)
    assert got == [("Aghdam", dt.date(2020, 11, 20), ("2.aghdam",)), ("Kalbajar", dt.date(2020, 11, 25), ("6.kalbajar",))]


def test_a_list_of_districts_gives_one_handover_each() -> None:
    """'Withdrew from the Agdam and Kalbajar regions' is a handover of each district."""
    events = of(kinds("Earlier, Armenian troops withdrew from the Agdam and Kalbajar regions.", "2020-12-01"), "handover")
    assert sorted(e.place for e in events) == ["Aghdam", "Kalbajar"]


def test_a_days_arrivals_and_a_running_total_are_not_merged() -> None:
    """A day's returns and 'overall, 36,000 have already returned' are two events with their own figures."""
    text = "More than 1,100 refugees returned to Stepanakert on Monday. Overall, more than 36,000 refugees have already returned to their homes."
    events = of(kinds(text, "2020-12-08"), "return")
    assert len(events) == 2
    assert sorted(q.value for e in events for q in e.quantities) == [1100, 36000]


def test_a_start_and_a_completion_are_not_merged() -> None:
    """The withdrawal that began in April and the one completed in June are two events."""
    text = "The withdrawal of Russian peacekeepers began in mid-April 2024. The peacekeepers completely left Azerbaijan on June 12."
    events = of(kinds(text, "2024-06-13"), "withdrawal")
    assert sorted(span_days(e) for e in events) == [(dt.date(2024, 4, 11), dt.date(2024, 4, 20)), (dt.date(2024, 6, 12), dt.date(2024, 6, 12))]
    assert all(("4.term", "ends") in {(l.obligation, l.role) for l in e.links} for e in events)


def test_an_operation_launched_after_a_killing_is_a_second_happening() -> None:
    """'Launched an operation after a soldier was killed last week': the killing is its own clash, dated last week."""
    events = of(kinds("The army launched a counter-terrorist operation after one of its soldiers was killed last week.", "2020-12-16"), "clash")
    assert len(events) == 2
    assert (dt.date(2020, 12, 7), dt.date(2020, 12, 13)) in [span_days(e) for e in events]


def test_openings_closures_offensives_and_withdrawals_are_read() -> None:
    """A centre that opened, a road blocked since a day, an operation launched and peacekeepers leaving are each proposed."""
    centre = of(kinds("A joint centre to monitor the ceasefire opened in Aghdam on Saturday.", "2021-01-31"), "centre-open")
    assert centre and centre[0].place == "Aghdam" and ("5.monitoring-centre", "advances") in {(l.obligation, l.role) for l in centre[0].links}
    (closure,) = of(kinds("The Lachin corridor has been blocked since 12 December by people calling themselves activists.", "2022-12-20"), "road-closure")
    assert span_days(closure) == (dt.date(2022, 12, 12),) * 2
    assert ("6.corridor-safety", "breaches") in {(l.obligation, l.role) for l in closure.links}
    assert of(kinds("Azerbaijan launched a military operation in Karabakh on September 19.", "2023-09-20"), "clash")
    assert of(kinds("Russian peacekeepers are leaving the region, the agency reports.", "2024-04-17"), "withdrawal")


@pytest.mark.parametrize(
    "text",
    [
        "The exchange was helped by Russian peacekeepers that have been deployed under the deal.",
        "Russian peacekeepers stationed in the region delivered food to Kalbajar.",
        "The terms of the deployment of the Russian contingent say nothing about escorts.",
        "Officials met the commanders of the Russian peacekeeping contingent deployed in the area.",
    ],
)
def test_passing_mentions_of_the_peacekeepers_are_not_deployments(text: str) -> None:
    """Peacekeepers named by a relative clause, a participle or a noun are not a deployment."""
    assert not of(kinds(text), "deployment")


def test_a_clause_that_reports_the_deployment_is_one() -> None:
    """'Russian peacekeeping forces have deployed in the region' reports a deployment that advances point 3."""
    (deployment,) = of(kinds("Russian peacekeeping forces have deployed in the region."), "deployment")
    assert ("3.peacekeepers", "advances") in {(l.obligation, l.role) for l in deployment.links}


def test_the_past_24_hours_count_back_from_the_day_the_report_names() -> None:
    """'Within the past 24 hours, the ministry said on Thursday' is Wednesday and Thursday, whatever the publication day."""
    (returns,) = of(kinds("More than 900 refugees returned to Stepanakert within the past 24 hours, the ministry said on Thursday.", "2020-12-04"), "return")
    assert span_days(returns) == (dt.date(2020, 12, 2), dt.date(2020, 12, 3))


def test_it_said_takes_the_report_date_of_the_sentence_before() -> None:
    """A running total followed by 'it said' is bounded by the report day named in the sentence before."""
    text = "The ministry gave its figures on Sunday, the agency said on Sunday. Since 14 November, about 25,000 people have come back, it said."
    (returns,) = of(kinds(text, "2020-12-01"), "return")
    assert span_days(returns) == (dt.date(2020, 11, 14), dt.date(2020, 11, 29))


def test_a_wrong_agreement_date_and_wrong_deadlines_are_flagged_and_right_ones_are_not() -> None:
    """'The agreement reached ... on November 14' and a list of districts all due 'by December 1' are flagged; the right dates are not."""
    wrong = extract_events(
        "Under the ceasefire agreement reached by Moscow, Baku and Yerevan on November 14, Armenia was obliged to leave Aghdam, Kalbajar and Lachin by December 1.",
        published="2020-12-13", source="t",
    )  # fmt: skip
    assert sorted(d.about for d in wrong.discrepancies) == ["date of the agreement", "deadline for Aghdam", "deadline for Kalbajar"]
    right = extract_events(
        "According to a statement signed by the leaders of Armenia, Azerbaijan and Russia on November 9, 2020, Armenia had to return Kalbajar by November 25 and Lachin by December 1.",
        published="2021-01-10", source="t",
    )  # fmt: skip
    assert right.discrepancies == ()


def test_sentences_glued_without_a_space_are_split_and_keep_offsets() -> None:
    """'...peacekeepers.According to...' is two sentences, each slicing back to its own text; a web address is not cut."""
    from ceasefire.extract.text import sentences

    text = "Kalbajar was handed over under the watch of peacekeepers.According to Gadin.Net, the ministry confirmed it."
    found = sentences(text)
    assert [s.text for s in found] == ["Kalbajar was handed over under the watch of peacekeepers.", "According to Gadin.Net, the ministry confirmed it."]
    assert all(text[s.start : s.end] == s.text for s in found)


# ------------------------------------------------------------------ the development part as a regression floor


def test_the_development_part_scores_at_least_what_was_measured(articles: list[Article]) -> None:
    """On the development part, event recall, precision and dates inside the true window stay at or above the values measured."""
    result = evaluate([a for a in articles if a.part == "development"], bundled.agreement())
    events = result.row("events")
    assert (events.right_wanted, events.wanted) >= (45, 46) and events.recall is not None and events.recall >= 45 / 46
    assert events.precision is not None and events.precision >= 45 / 46
    assert result.inside is not None and result.inside >= 41 / 45


def test_the_development_sets_of_part_3_score_at_least_what_was_measured(articles: list[Article]) -> None:
    """The old held-out third and the second batch, development data since issue 18 part 3, stay at or above their measured floors."""
    old_third = evaluate([a for a in articles if a.part == "held-out"], bundled.agreement())
    batch_2 = evaluate(load_set(REAL.parent / "real-batch-2"), bundled.agreement())
    for result, right, wanted, given, inside in ((old_third, 21, 22, 22, 20 / 21), (batch_2, 13, 13, 13, 12 / 13)):
        events = result.row("events")
        assert events.wanted == wanted and events.right_wanted >= right
        assert events.precision is not None and events.precision >= right / given
        assert result.inside is not None and result.inside >= inside


def test_extract_score_real_prints_both_parts() -> None:
    """`ceasefire extract-score --real DIR` prints one table per part, each naming its size."""
    done = CliRunner().invoke(main, ["extract-score", "--real", str(REAL)])
    assert done.exit_code == 0, done.output
    assert "## development part: 24 articles, 46 labelled events" in done.output
    assert "## held-out part: 11 articles, 22 labelled events" in done.output
    assert "| events |" in done.output


@pytest.mark.parametrize("part", ["development", "held-out"])
def test_the_documented_real_tables_are_what_the_code_gives(articles: list[Article], part: str) -> None:
    """docs/extraction.md shows each part's score table exactly as the scorer prints it."""
    from ceasefire.extract.evaluation import table

    page = (Path(__file__).resolve().parents[1] / "docs" / "extraction.md").read_text(encoding="utf-8")
    documented = page.split(f"<!-- real-{part}-score:start -->\n", 1)[1].split(f"<!-- real-{part}-score:end -->", 1)[0].strip()
    assert documented == table(evaluate([a for a in articles if a.part == part], bundled.agreement()))


def test_a_wire_dateline_bounds_the_report_but_does_not_date_its_events() -> None:
    """'BAKU (Wire - 14th November, 2020) ... have exchanged bodies' happened by 14 November, not on it."""
    (exchange,) = of(kinds("BAKU (Wire - 14th November, 2020) Armenia and Azerbaijan have exchanged bodies of soldiers, the ministry said.", "2020-11-14"), "exchange")
    assert span_days(exchange) == (dt.date(2020, 11, 10), dt.date(2020, 11, 14))


def test_signed_as_an_adjective_is_not_a_signing() -> None:
    """'The signed agreement obliged Armenia to withdraw' names the agreement; nothing is proposed."""
    assert kinds("The signed agreement obliged Armenia to withdraw its troops.", "2021-04-29") == []


def test_plural_mine_blasts_are_mine_explosions_not_clashes() -> None:
    """'Killed in mine blasts' is a mine explosion, and the killing in it is not also a clash."""
    assert [e.kind for e in kinds("Four police officers and two civilians were killed in mine blasts on the road.", "2023-09-19")] == ["mine-explosion"]


def test_the_documented_second_batch_table_is_what_the_code_gives() -> None:
    """docs/extraction.md shows the second batch's score table exactly as the scorer prints it."""
    from ceasefire.extract.evaluation import table

    page = (Path(__file__).resolve().parents[1] / "docs" / "extraction.md").read_text(encoding="utf-8")
    documented = page.split("<!-- real-batch-2-score:start -->\n", 1)[1].split("<!-- real-batch-2-score:end -->", 1)[0].strip()
    assert documented == table(evaluate(load_set(REAL.parent / "real-batch-2"), bundled.agreement()))


# ------------------------------------------------------------------ issue 18, part 3: what the development sets showed


def test_a_participle_after_an_article_or_preposition_is_an_adjective_not_a_happening() -> None:
    """'In the liberated Kalbajar district' names the district; only the mine blast of the sentence is proposed."""
    events = kinds("A driver was hurt in a mine explosion in the liberated Kalbajar district.", "2021-05-20")
    assert [e.kind for e in events] == ["mine-explosion"]
    (handover,) = of(kinds("Azerbaijani troops liberated Kalbajar district last month.", "2021-05-20"), "handover")
    assert handover.place == "Kalbajar"


def test_a_checkpoint_a_state_sets_up_on_the_corridor_is_a_closure_and_the_peacekeepers_own_is_a_post() -> None:
    """The doer decides: a party's checkpoint on the corridor breaches safe passage; the peacekeepers' checkpoint is their post."""
    text = "On 2 May, Azerbaijan set up a checkpoint on the Lachin corridor near the border, beside a post of the Russian peacekeepers."
    (closure,) = kinds(text, "2023-05-03")
    assert closure.kind == "road-closure" and span_days(closure) == (dt.date(2023, 5, 2), dt.date(2023, 5, 2))
    assert ("6.corridor-safety", "breaches") in {(l.obligation, l.role) for l in closure.links}
    (post,) = kinds("Russian peacekeepers set up a checkpoint near Shusha on Monday.", "2020-11-20")
    assert post.kind == "peacekeeper-post"


def test_a_closed_bridge_is_a_road_closure_dated_from_its_start() -> None:
    """'Since 2 May, the army has closed the bridge' is a closure that began on 2 May."""
    (closure,) = of(kinds("Since 2 May, the army has closed the river bridge on the mountain road.", "2023-05-10"), "road-closure")
    assert span_days(closure) == (dt.date(2023, 5, 2), dt.date(2023, 5, 2))


def test_taking_control_allows_a_modifier_between_the_words() -> None:
    """'Has taken full control of Lachin' is a handover of Lachin."""
    (handover,) = of(kinds("The army has taken full control of Lachin, the ministry said.", "2022-08-26"), "handover")
    assert handover.place == "Lachin"


def test_the_start_and_the_completion_of_a_construction_are_two_events() -> None:
    """A road 'launched in May 2021' that 'has been completed' gives a start in May 2021 and a completion by publication."""
    text = "The construction of the bypass road near Lachin, which was launched in May 2021, has been completed, the agency said."
    events = sorted(of(kinds(text, "2022-08-10"), "construction"), key=lambda e: e.occurred.earliest)
    assert [span_days(e) for e in events] == [(dt.date(2021, 5, 1), dt.date(2021, 5, 31)), (dt.date(2021, 5, 1), dt.date(2022, 8, 10))]


def test_reports_that_give_different_times_of_day_are_not_merged() -> None:
    """Shooting 'at 06:40 GMT' and shooting 'around 12:15 GMT' in the next sentence are two clashes, even where one names no place."""
    text = "A soldier was wounded at 06:40 GMT when troops opened fire near a hamlet. Later, soldiers opened fire on a post in the Lachin district around 12:15 GMT."
    assert len(of(kinds(text, "2023-04-20"), "clash")) == 2


def test_a_mine_blast_suppresses_the_clash_only_in_its_own_stretch_of_the_sentence() -> None:
    """'Launched an operation after officers were killed in mine blasts' is an operation (clash) and a mine explosion."""
    events = kinds("The army launched an operation on Tuesday after two officers were killed in mine blasts.", "2023-09-20")
    assert sorted(e.kind for e in events) == ["clash", "mine-explosion"]


def test_coming_under_fire_is_a_clash() -> None:
    """'A convoy came under fire near Shusha on Tuesday' reports a clash on that Tuesday."""
    (clash,) = of(kinds("A convoy came under fire near Shusha on Tuesday, officials said.", "2021-01-14"), "clash")
    assert span_days(clash) == (dt.date(2021, 1, 12), dt.date(2021, 1, 12))


def test_a_completion_is_dated_no_earlier_than_its_reported_beginning() -> None:
    """Peacekeepers that 'finally left' in a report saying the withdrawal began in mid-April left no earlier than mid-April."""
    text = "The peacekeepers have finally left the region. The withdrawal of the peacekeepers began in mid-April 2024."
    events = of(kinds(text, "2024-06-13"), "withdrawal")
    assert sorted(span_days(e) for e in events) == [(dt.date(2024, 4, 11), dt.date(2024, 4, 20)), (dt.date(2024, 4, 11), dt.date(2024, 6, 13))]


def test_a_link_rule_with_a_cue_prefers_the_obligation_that_names_the_cue_word() -> None:
    """A closure of the corridor near 'the border' breaches the corridor's safety, not the transport link guarded by border guards."""
    (closure,) = kinds("On 2 May, Azerbaijan blocked the Lachin corridor close to the border.", "2023-05-03")
    assert {(l.obligation, l.role) for l in closure.links if l.role != "context"} == {("6.corridor-safety", "breaches")}


def test_matching_pairs_as_many_events_as_can_be_paired_one_to_one() -> None:
    """A label whose quote holds another label's quote does not take the only event that fits the other label."""
    whole = "The road, which was begun in May, has been finished."
    begun = label("begun", "construction", "which was begun in May", days("2021-05-01", "2021-05-31"))
    finished = label("finished", "construction", whole, days("2020-11-10", "2022-08-10"))
    start = extracted("x-start", "construction", "The road, which was begun in May", days("2021-05-01", "2021-05-31"))
    end = extracted("x-end", "construction", "has been finished.", days("2020-11-10", "2022-08-10"))
    assert sorted((e.id, g.id) for e, g in match([start, end], [finished, begun])) == [("x-end", "finished"), ("x-start", "begun")]


# ------------------------------------------------------------------ the third batch: the fresh held-out set of part 3


def test_the_third_batch_is_new_copy_from_other_publishers_and_years() -> None:
    """The fresh held-out set has at least 12 articles from 12 publishers over 2020-2024, none of them an article of the earlier sets."""
    third = load_set(REAL.parent / "real-batch-3")
    earlier = {a.url for a in [*load_set(REAL), *load_set(REAL.parent / "real-batch-2")]}
    assert len(third) >= 12 and len({a.publisher for a in third}) >= 12
    assert {a.published[:4] for a in third} == {"2020", "2021", "2022", "2023", "2024"}
    assert not {a.url for a in third} & earlier


def test_the_third_batch_scores_at_least_what_was_measured_after_part_4() -> None:
    """On the third batch, development data since part 4, events found, precision and dates inside the true window stay at or above the part-4 figures."""
    result = evaluate(load_set(REAL.parent / "real-batch-3"), bundled.agreement())
    events = result.row("events")
    assert events.wanted == 29 and events.right_wanted >= 23
    assert events.precision is not None and events.precision >= 23 / 24
    assert result.inside is not None and result.inside >= 21 / 23


def test_the_documented_third_batch_table_is_what_the_code_gives() -> None:
    """docs/extraction.md shows the third batch's score table exactly as the scorer prints it."""
    from ceasefire.extract.evaluation import table

    page = (Path(__file__).resolve().parents[1] / "docs" / "extraction.md").read_text(encoding="utf-8")
    documented = page.split("<!-- real-batch-3-score:start -->\n", 1)[1].split("<!-- real-batch-3-score:end -->", 1)[0].strip()
    assert documented == table(evaluate(load_set(REAL.parent / "real-batch-3"), bundled.agreement()))


def test_an_unknown_agent_in_the_patterns_file_is_a_typed_error() -> None:
    """A kind whose `agent` is neither 'peacekeepers' nor 'state' is refused with the file, the field and the values allowed."""
    import yaml

    from ceasefire.errors import FileFormatError
    from ceasefire.extract.patterns import PATTERNS_FILE, parse

    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    data["kinds"]["checkpoint"]["agent"] = "army"
    with pytest.raises(FileFormatError, match=r"kinds\.checkpoint\.agent.*'army'.*peacekeepers"):
        parse(data)
