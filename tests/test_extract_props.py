"""Property tests of extraction: spellings of a place and equivalent dates give the same event; offsets slice to quotes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ceasefire import bundled
from ceasefire.extract import extract_events
from ceasefire.time import local_date

AGREEMENT = bundled.agreement()
ZONE = "Asia/Baku"
DISTRICTS = [p for p in AGREEMENT.places if p.name in ("Kalbajar", "Aghdam", "Lachin")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
TEMPLATES = [
    "Azerbaijani troops entered {place} {when}.",
    "The army moved into {place} {when}, officials said.",
    "{When_cap}, Armenian forces withdrew from {place}.",
]


def spellings(place) -> list[str]:  # type: ignore[no-untyped-def]
    """Every name of a place that reads as a standalone word in a sentence."""
    return [place.name, *place.aliases]


def equivalent_expressions(published: dt.date, back: int) -> list[str]:
    """Ways of writing the day ``back`` days before ``published``, each meaning that same day."""
    target = published - dt.timedelta(days=back)
    month = target.strftime("%B")
    forms = [f"on {month} {target.day}", f"on {target.day} {month}", f"on {month} {target.day}, {target.year}", f"{NUMBER_WORDS[back]} days ago"]
    if len(month) > 4:  # news style shortens only the longer month names: "Nov. 25", but "May 1"
        forms.append(f"on {month[:3]}. {target.day}")
    forms.append(f"on {WEEKDAYS[target.weekday()]}")
    if back == 1:
        forms.append("yesterday")
    return forms


def key(event):  # type: ignore[no-untyped-def]
    """What must not change between rewrites of one sentence."""
    return (event.kind, event.place, event.occurred, sorted((l.obligation, l.role) for l in event.links))


def one_event(sentence: str, published: dt.date):  # type: ignore[no-untyped-def]
    events = [e for e in extract_events(sentence, published=published, source="s", agreement=AGREEMENT).events if e.kind == "handover"]
    assert len(events) == 1, (sentence, events)
    return events[0]


def _render(template: str, place: str, when: str) -> str:
    return template.format(place=place, when=when, When_cap=when[0].upper() + when[1:])


@given(
    district=st.sampled_from(DISTRICTS),
    template=st.sampled_from(TEMPLATES),
    published=st.dates(min_value=dt.date(2020, 11, 17), max_value=dt.date(2024, 12, 31)),
    back=st.integers(min_value=1, max_value=6),
    data=st.data(),
)
def test_another_spelling_of_the_place_gives_the_same_event(district, template, published, back, data) -> None:  # type: ignore[no-untyped-def]
    """Replacing a district's name by any of its aliases changes neither kind, place, date nor links."""
    when = data.draw(st.sampled_from(equivalent_expressions(published, back)))
    a, b = data.draw(st.sampled_from(spellings(district))), data.draw(st.sampled_from(spellings(district)))
    first, second = one_event(_render(template, a, when), published), one_event(_render(template, b, when), published)
    assert key(first) == key(second)
    assert first.place == district.name


@given(
    district=st.sampled_from(DISTRICTS),
    template=st.sampled_from(TEMPLATES),
    published=st.dates(min_value=dt.date(2020, 11, 17), max_value=dt.date(2024, 12, 31)),
    back=st.integers(min_value=1, max_value=6),
    data=st.data(),
)
def test_an_equivalent_date_expression_gives_the_same_event(district, template, published, back, data) -> None:  # type: ignore[no-untyped-def]
    """Writing the same day another way (month first, day first, abbreviated, with year, weekday, N days ago) gives the same event on that day."""
    forms = equivalent_expressions(published, back)
    a, b = data.draw(st.sampled_from(forms)), data.draw(st.sampled_from(forms))
    first, second = one_event(_render(template, district.name, a), published), one_event(_render(template, district.name, b), published)
    assert key(first) == key(second)
    target = published - dt.timedelta(days=back)
    assert local_date(first.occurred.earliest, ZONE) == target == local_date(first.occurred.latest, ZONE)


SENTENCES = [
    "Azerbaijani troops entered Kelbajar on Monday.",
    "Some 300 refugees have returned to Shushi.",
    "The exchange of prisoners of war continues.",
    "Russian peacekeepers have deployed along the Lachin corridor.",
    "Mass protests broke out in Yerevan, with protesters demanding the prime minister's resignation.",
    "A landmine explosion near Madagiz killed one soldier.",
    "“Engineering work is done,” the ministry said.",
    "No event here at all.",
]


@given(
    parts=st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from([" ", "  ", "\n", "\n\n", " \n ", "\t"])), min_size=1, max_size=8),
    lead=st.sampled_from(["", " ", "\n", "Heading without a stop\n", " date 2021-05-02 "]),
)
def test_offsets_always_slice_back_to_the_quote(parts, lead) -> None:  # type: ignore[no-untyped-def]
    """However sentences and white space are arranged, text[start:end] of every citation is its quote."""
    text = lead + "".join(sentence + gap for sentence, gap in parts)
    result = extract_events(text, published="2021-05-02", source="s", agreement=AGREEMENT)
    for event in result.events:
        for citation in event.sources:
            start, end = citation.offsets
            assert text[start:end] == citation.quote
    for gap in result.discrepancies:
        start, end = gap.claims[0].citation.offsets
        assert text[start:end] == gap.claims[0].citation.quote


def _seed_results():  # type: ignore[no-untyped-def]
    from ceasefire.extract.score import seed_inputs

    agreement, _, texts = seed_inputs()
    return [extract_events(text, source=source, agreement=agreement) for source, text in texts.values()]


SEED_RESULTS = _seed_results()


def _summary(result):  # type: ignore[no-untyped-def]
    return sorted(
        (e.kind, e.place or "", str(e.occurred), tuple(sorted((c.source, c.offsets) for c in e.sources)), tuple(sorted(l.obligation for l in e.links)))
        for e in result.events
    )


@given(order=st.permutations(range(len(SEED_RESULTS))))
def test_the_order_reports_are_combined_in_does_not_change_the_events(order) -> None:  # type: ignore[no-untyped-def]
    """Combining the seed reports in any order gives the same events, with the same sources, windows and links."""
    from ceasefire.extract import combine

    assert _summary(combine(*(SEED_RESULTS[i] for i in order))) == _summary(combine(*SEED_RESULTS))


CLAIMS = [
    "Under the agreement, {place} must be handed over by {when}.",
    "{place} was to be returned to Azerbaijan by {when}, the statement says.",
    "Per the agreement, Armenia had until {when} to withdraw from {place}.",
]
OBLIGATION_OF = {"Kalbajar": "6.kalbajar", "Aghdam": "2.aghdam", "Lachin": "6.lachin"}


@given(
    district=st.sampled_from(DISTRICTS),
    template=st.sampled_from(CLAIMS),
    due=st.dates(min_value=dt.date(2020, 11, 11), max_value=dt.date(2020, 12, 31)),
    data=st.data(),
)
def test_a_stated_deadline_is_a_discrepancy_exactly_when_the_agreement_never_had_it(district, template, due, data) -> None:  # type: ignore[no-untyped-def]
    """A report's deadline for a district is flagged if and only if it is none of the deadlines that district's obligation has had."""
    from ceasefire.extract.claims import deadlines_of

    place = data.draw(st.sampled_from(spellings(district)))
    sentence = template.format(place=place, when=f"{due.day} {due.strftime('%B')}")
    result = extract_events(sentence, published="2021-01-05", source="s", agreement=AGREEMENT)
    flagged = [g.claims[0].value for g in result.discrepancies]
    if due in deadlines_of(AGREEMENT, OBLIGATION_OF[district.name]):
        assert flagged == []
    else:
        assert flagged == [f"{district.name} by {due.isoformat()}"]
