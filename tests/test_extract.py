"""Extraction of candidate events from report text: quotes, dates, places, links, merging, claims, acceptance."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire import InvalidInputError, Tracker, bundled, parse_agreement
from ceasefire.extract import accept, combine, extract_events
from ceasefire.time import Window

BAKU = "Asia/Baku"

# Written for these tests: other places, other wording, other dates than the seed articles.
OWN_ARTICLE = """\
Berdzor handed back as Russian troops guard the road

Azerbaijani forces took control of Berdzor on Tuesday, the defence ministry in Baku announced.
Armenian units withdrew from the district overnight, residents said.
A day later, President Ilham Aliyev toured the town.
Around 1,500 refugees have returned to Stepanakert in the past week, according to Russian officials.
Under the deal, Lachin must be handed over by 5 December.
There will be no delay in the handover of the remaining areas, an aide said.
"""


def day(text: str) -> Window:
    """The whole of a day in Baku."""
    return Window.day(dt.date.fromisoformat(text), BAKU)


def own() -> list:
    return list(extract_events(OWN_ARTICLE, published="2020-12-02", source="own", agreement=bundled.agreement()).events)


def by_kind(events: list, kind: str) -> list:
    return [e for e in events if e.kind == kind]


def test_own_article_handover_is_resolved_through_aliases_and_weekday() -> None:
    """A handover of 'Berdzor' on 'Tuesday' in a Wednesday article is a Lachin handover on that Tuesday, linked to 6.lachin."""
    (handover,) = by_kind(own(), "handover")
    assert handover.place == "Lachin"
    assert handover.occurred == day("2020-12-01")
    assert handover.occurred_text == "on Tuesday / overnight"  # both sentences that date it (since part 8, "overnight" is a time)
    assert [(l.obligation, l.role, l.made_by) for l in handover.links] == [("6.lachin", "fulfils", "extraction")]
    assert handover.status == "candidate"


def test_days_later_counts_from_the_last_day_named() -> None:
    """'A day later' counts from the Tuesday named in the sentences before."""
    (visit,) = by_kind(own(), "visit")
    assert (visit.place, visit.occurred, visit.occurred_text) == ("Lachin", day("2020-12-02"), "A day later")


def test_quantities_keep_their_qualifier() -> None:
    """'Around 1,500 refugees' is about 1,500, and the return is linked to the refugees' obligation."""
    (back,) = by_kind(own(), "return")
    assert [(q.value, q.qualifier, q.text) for q in back.quantities] == [(1500.0, "about", "Around 1,500 refugees")]
    assert [l.obligation for l in back.links] == ["7.returns"]
    assert back.occurred.earliest >= day("2020-11-23").earliest


def test_negated_and_planned_happenings_are_not_events() -> None:
    """'Must be handed over' and 'there will be no delay' propose no happening (the first is checked as a claim instead)."""
    events = own()
    assert not by_kind(events, "postponement")
    happenings = [e for e in events if e.kind != "claim-about-agreement"]
    assert all("must be handed over" not in c.quote for e in happenings for c in e.sources)


def test_wrong_deadline_in_a_report_is_a_discrepancy() -> None:
    """A report that gives Lachin a deadline of 5 December, which the agreement does not have, yields a discrepancy with both sides cited."""
    result = extract_events(OWN_ARTICLE, published="2020-12-02", source="own", agreement=bundled.agreement())
    (gap,) = result.discrepancies
    assert gap.claims[0].value == "Lachin by 2020-12-05"
    assert gap.claims[0].citation.quote == "Under the deal, Lachin must be handed over by 5 December."
    assert "6.lachin" in gap.claims[1].value and "2020-12-01" in gap.claims[1].value
    assert any(e.kind == "claim-about-agreement" and e.discrepancies == [gap] for e in result.events)


def test_right_deadline_is_not_a_discrepancy() -> None:
    """A report that repeats the agreement's own deadlines, original or moved, gives no discrepancy."""
    text = "Per the agreement, Lachin is to be handed over by December 1. Kelbajar was to be returned by November 25."
    result = extract_events(text, published="2020-11-20", source="r", agreement=bundled.agreement())
    assert result.discrepancies == ()


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Azerbaijani troops entered Kalbajar on Wednesday.", "2020-11-26", "2020-11-25"),
        ("Azerbaijani troops entered Kalbajar on the night of November 25.", "2020-11-27", "2020-11-25"),
        ("Azerbaijani troops entered Kalbajar yesterday.", "2020-11-26", "2020-11-25"),
        ("Azerbaijani troops entered Kalbajar 3 days ago.", "2020-11-28", "2020-11-25"),
        ("Azerbaijani troops entered Kalbajar on 25 November 2020.", "2021-01-10", "2020-11-25"),
        ("Azerbaijani troops entered Kalbajar on Nov. 25.", "2021-01-03", "2020-11-25"),
    ],
)
def test_time_expressions_resolve_against_publication(sentence: str, published: str, expected: str) -> None:
    """Relative and written dates resolve to the day meant, read in the agreement's local zone (a year-less date takes the nearest year)."""
    (event,) = extract_events(sentence, published=published, source="s", agreement=bundled.agreement()).events
    assert event.occurred == day(expected)


def test_last_week_and_weeks_ago_are_windows() -> None:
    """'Last week' is the calendar week before publication; 'two weeks ago' is fourteen days back give or take three."""
    last_week = extract_events("Azerbaijani troops entered Aghdam last week.", published="2020-11-26", source="s").events[0]
    assert last_week.occurred == Window(day("2020-11-16").earliest, day("2020-11-22").latest)
    ago = extract_events("The Azerbaijani army entered Aghdam two weeks ago.", published="2020-12-04", source="s").events[0]
    assert ago.occurred == Window(day("2020-11-17").earliest, day("2020-11-23").latest)


def test_publication_window_widens_relative_dates() -> None:
    """With publication known only as 25 or 26 November, 'on Tuesday' is 24 November either way."""
    event = extract_events("Azerbaijani troops entered Aghdam on Tuesday.", published="2020-11-25..2020-11-26", source="s").events[0]
    assert event.occurred == day("2020-11-24")


def test_undated_happening_runs_from_the_agreement_to_publication() -> None:
    """With no time expression, an event lies between the agreement taking effect and the report."""
    event = extract_events("Some 300 refugees have returned to Shushi.", published="2020-11-20", source="s").events[0]
    assert event.occurred == Window(bundled.agreement().effective, day("2020-11-20").latest)
    assert event.place == "Shusha"


def test_happenings_before_the_agreement_are_dropped() -> None:
    """Fighting that broke out in September, before the agreement, proposes no event."""
    text = "Heavy fighting broke out on September 27. Clashes erupted in late September."
    assert extract_events(text, published="2020-11-20", source="s").events == ()


def test_same_happening_in_two_reports_is_one_event() -> None:
    """Two reports of the Kalbajar entry, in different words and spellings, merge into one event with both sources."""
    first = extract_events("Azerbaijani units entered the Kelbajar district on November 25.", published="2020-11-25", source="a")
    second = extract_events("The army has entered Karvachar, the ministry said on Wednesday.", published="2020-11-26", source="b")
    (event,) = combine(first, second).events
    assert {c.source for c in event.sources} == {"a", "b"}
    assert event.occurred == day("2020-11-25")


def test_different_places_stay_different_events() -> None:
    """Handovers of two districts on the same day stay two events."""
    text = "Azerbaijani troops entered Agdam on November 20. Azerbaijani troops entered Berdzor on November 20."
    events = extract_events(text, published="2020-11-21", source="s").events
    assert sorted(e.place for e in events) == ["Aghdam", "Lachin"]


def test_offsets_slice_back_to_quotes_on_every_seed() -> None:
    """Every citation of every event extracted from the seeds slices back to its quote."""
    from ceasefire.extract.score import run, seed_inputs

    agreement, _, texts = seed_inputs()
    result = run(agreement, texts)
    cited = [c for e in result.events for c in e.sources]
    assert cited
    for citation in cited:
        start, end = citation.offsets
        assert texts[citation.source][1][start:end] == citation.quote


def test_candidates_count_only_when_accepted() -> None:
    """A candidate handover changes no status until accepted; accepting keeps made_by: extraction on its links."""
    result = extract_events("Azerbaijani troops entered Lachin on November 30.", published="2020-11-30", source="s")
    log = result.to_log()
    agreement = bundled.agreement()
    assert str(Tracker(agreement, log).obligation_on("6.lachin", "2020-12-02").status) != "fulfilled"
    assert str(Tracker(agreement, log, candidates=True).obligation_on("6.lachin", "2020-12-02").status) == "fulfilled"
    accepted = accept(result.events, ids=[result.events[0].id])
    assert accepted[0].status == "accepted" and accepted[0].links[0].made_by == "extraction"
    status = Tracker(agreement, log.model_copy(update={"events": list(accepted)})).obligation_on("6.lachin", "2020-12-02")
    assert str(status.status) == "fulfilled"
    assert [e.made_by for e in status.evidence] == ["extraction"]


def test_accept_refuses_unknown_ids() -> None:
    """Accepting an id that is not among the events is an error naming it."""
    events = extract_events("Azerbaijani troops entered Lachin on November 30.", published="2020-11-30", source="s").events
    with pytest.raises(InvalidInputError, match="no-such-event"):
        accept(events, ids=["no-such-event"])


def test_missing_publication_date_is_an_error() -> None:
    """A text with no date line and no publication date given is refused, with an example of what to pass."""
    with pytest.raises(InvalidInputError, match="2020-11-25..2020-11-26"):
        extract_events("Azerbaijani troops entered Lachin on Monday.", source="s")


def test_date_line_gives_publication() -> None:
    """A leading date line is the publication date when none is given, and is never quoted."""
    (event,) = extract_events(" date 2020-11-26 Azerbaijani troops entered Lachin on Wednesday.", source="s").events
    assert event.occurred == day("2020-11-25")
    assert not event.sources[0].quote.startswith("date")


def test_rules_work_for_another_agreement() -> None:
    """Nothing is tied to the 2020 statement: another agreement's places, aliases and obligations are used as given."""
    other = parse_agreement(
        {
            "id": "river-accord",
            "title": "River accord",
            "zone": "Europe/Paris",
            "local_zone": "Europe/Paris",
            "parties": [{"id": "W", "name": "Westland", "roles": ["party"]}, {"id": "E", "name": "Eastland", "roles": ["party"]}],
            "announced": "2024-03-01",
            "effective": "2024-03-01T00:00:00+01:00",
            "places": [{"name": "Northtown", "aliases": ["Nordby"]}],
            "points": [
                {
                    "number": 1,
                    "summary": "Northtown returns to Westland.",
                    "obligations": [
                        {"id": "1.northtown", "kind": "deadline", "bearers": ["E"], "summary": "Eastland hands Northtown back to Westland.", "due": {"by": "2024-03-20"}}
                    ],
                }
            ],
        }
    )
    text = "Westland troops entered Nordby on Monday. Under the accord, Northtown must be handed over by 25 March."
    result = extract_events(text, published="2024-03-13", source="wire", agreement=other)
    (event,) = [e for e in result.events if e.kind == "handover"]
    assert (event.place, [l.obligation for l in event.links]) == ("Northtown", ["1.northtown"])
    assert event.occurred == Window.day(dt.date(2024, 3, 11), "Europe/Paris")
    assert [g.claims[0].value for g in result.discrepancies] == ["Northtown by 2024-03-25"]
    Tracker(other, result.to_log())  # every citation, the model's side included, names a known source


def test_a_figure_the_agreement_does_not_set_is_a_discrepancy() -> None:
    """'1,500 peacekeepers are to guard the corridor' is compared with the 1,960 servicemen the statement sets."""
    result = extract_events("Under the agreement, 1,500 peacekeepers are to guard the corridor.", published="2020-11-29", source="s")
    (gap,) = result.discrepancies
    assert gap.claims[0].value == "1,500 peacekeepers"
    assert gap.claims[1].value.startswith("3.peacekeepers: 1,960 servicemen")


def test_the_agreements_own_figure_is_not_a_discrepancy() -> None:
    """A report repeating the statement's 1,960 servicemen gives no discrepancy, whatever other targets the obligation has."""
    result = extract_events("Russian peacekeepers – 1,960 servicemen – will be stationed along the contact line.", published="2020-11-15", source="s")
    assert result.discrepancies == ()


def test_a_month_named_alone_before_the_agreement_drops_the_event() -> None:
    """'Families who fled in October' is read as October 2020, before the agreement, so no event is proposed."""
    text = "Families who fled Hadrut in October have packed and left again."
    assert extract_events(text, published="2020-12-28", source="s").events == ()


def test_explain_says_which_evidence_came_from_extraction() -> None:
    """An accepted extracted event is named in the explanation as linked by text extraction."""
    result = extract_events("Azerbaijani troops entered Lachin on November 30.", published="2020-11-30", source="s")
    log = result.to_log().model_copy(update={"events": list(accept(result.events))})
    text = Tracker(bundled.agreement(), log).obligation_on("6.lachin", "2020-12-02").explain()
    assert f"linked by text extraction, not by a person: {result.events[0].id}" in text
    assert "linked by text extraction" not in bundled.tracker().obligation_on("6.lachin", "2020-12-02").explain()


def test_an_undated_event_caused_by_a_dated_handover_takes_its_day() -> None:
    """'The handover of Lachin closed the last road' happened on the day the Lachin handover is dated."""
    text = "Azerbaijani troops entered Berdzor on Tuesday. The handover of Lachin closed the last road to the village."
    events = extract_events(text, published="2020-12-03", source="s").events
    (closure,) = by_kind(list(events), "road-closure")
    assert closure.occurred == day("2020-12-01")
    assert closure.id == "x.road-closure.lachin.2020-12-01"


def test_a_party_rejecting_a_report_is_recorded_as_disputing_it() -> None:
    """A denial in the same or the next sentence marks the event as disputed by the party named before it."""
    text = "Armenian officials said Azerbaijani troops shelled positions near Martuni on Saturday. Baku dismissed the claim."
    (clash,) = by_kind(list(extract_events(text, published="2020-12-07", source="s").events), "clash")
    assert [d.party for d in clash.disputed_by] == ["AZ"]
    assert [l.obligation for l in clash.links] == ["1.ceasefire"] and clash.occurred == day("2020-12-05")
    (same,) = extract_events("Yerevan said troops opened fire near Hadrut on Friday, a charge Baku denied.", published="2020-12-07", source="s").events
    assert [d.party for d in same.disputed_by] == ["AZ"]


def test_dates_of_the_agreement_are_checked_against_its_announcements() -> None:
    """'The statement of 12 November' is a discrepancy; the statement of 9 November and the supplement of 11 January are not."""
    agreement = bundled.agreement()
    wrong = extract_events("The statement of 12 November was signed in Moscow.", published="2020-11-20", source="s", agreement=agreement)
    assert [g.about for g in wrong.discrepancies] == ["date of the agreement"]
    for right in ("The statement of 9 November was signed in Moscow.", "The statement of 11 January was signed in Moscow."):
        assert extract_events(right, published="2021-02-01", source="s", agreement=agreement).discrepancies == ()


def test_since_a_date_runs_from_that_date_to_the_report() -> None:
    """'Since 20 November, 5,000 refugees have returned' lies between 20 November and publication."""
    (back,) = extract_events("Since 20 November, some 5,000 refugees have returned to Shushi.", published="2020-12-10", source="s").events
    assert back.occurred == Window(day("2020-11-20").earliest, day("2020-12-10").latest)


def test_a_first_meeting_fulfils_an_obligation_to_meet() -> None:
    """A working group's first meeting on a named day is proposed as fulfilling the obligation to meet, and other meetings are not."""
    first = extract_events("The transport working group held its first meeting on 28 January.", published="2021-02-01", source="s").events
    assert [(e.kind, [(l.obligation, l.role) for l in e.links]) for e in first] == [("meeting", [("9.wg-established", "fulfils")])]
    other = extract_events("The three leaders met in Sochi on 26 November.", published="2021-11-27", source="s").events
    assert [(e.kind, e.links) for e in other] == [("meeting", [])]


def test_a_reopened_corridor_is_context_for_safe_passage() -> None:
    """Traffic resuming through the corridor is proposed as context for the obligation of safe movement along it (at no place: "the Lachin corridor" names a road, not the district, since part 6)."""
    (event,) = extract_events("Traffic through the Lachin corridor resumed on Monday.", published="2020-12-09", source="s").events
    assert (event.kind, event.place, event.links[0].obligation) == ("corridor-open", None, "6.corridor-safety")
    assert {l.role for l in event.links} == {"context"}


def test_two_wrong_deadlines_in_one_sentence_are_one_claim_event() -> None:
    """A sentence with two deadlines the agreement does not have gives two discrepancies, carried by one claim event."""
    text = "Under the deal, Lachin must be handed over by 5 December and Agdam by 22 November."
    result = extract_events(text, published="2020-11-18", source="s")
    assert sorted(g.claims[0].value for g in result.discrepancies) == ["Aghdam by 2020-11-22", "Lachin by 2020-12-05"]
    (claim,) = [e for e in result.events if e.kind == "claim-about-agreement"]
    assert claim.discrepancies == list(result.discrepancies)


def test_a_verb_alone_does_not_make_a_date_the_agreements() -> None:
    """'A convoy reached Stepanakert on Friday' gives no discrepancy about the agreement's date; 'the truce signed on' a wrong day does."""
    assert extract_events("A Russian convoy of 20 trucks reached Stepanakert on Friday.", published="2020-12-21", source="s").discrepancies == ()
    wrong = extract_events("Under the truce signed on 12 November, Armenia left Agdam.", published="2020-11-25", source="s").discrepancies
    assert [g.about for g in wrong] == ["date of the agreement"]
