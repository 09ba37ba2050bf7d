"""Explanations written on first use: the status at once, the reasons and evidence only when read, and always the same."""

from __future__ import annotations

import pickle

import pytest

from ceasefire import Explanation, bundled
from ceasefire.engine import evidence as evidence_module
from ceasefire.engine.rules import explain
from ceasefire.results import Deferred, explanation_of


@pytest.fixture(scope="module")
def tracker():  # type: ignore[no-untyped-def]
    return bundled.tracker()


def test_status_on_writes_no_evidence_until_it_is_read(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A status table builds no evidence records; reading one answer's evidence builds that answer's alone."""
    calls: list[str] = []
    real = evidence_module.View.evidence

    def counted(self, item):  # type: ignore[no-untyped-def]
        calls.append(item.event.id)
        return real(self, item)

    monkeypatch.setattr(evidence_module.View, "evidence", counted)
    report = tracker.status_on("2020-11-26")
    assert calls == []
    answer = next(o for p in report.points for o in p.obligations if o.obligation_id == "6.kalbajar")
    assert answer.evidence, "Kalbajar's handover is on the record by 26 November 2020"
    assert sorted(set(calls)) == sorted({e.event_id for e in (*answer.evidence, *answer.breaches, *answer.context)})


def test_deferred_explanation_equals_the_rules_written_out(tracker) -> None:
    """What an answer reads on first use is exactly what the rules write when run with their reasons at the same instant."""
    view = tracker.view("2021-03-01", known_on="2021-02-01")
    for entry in tracker.index.entries.values():
        answer = tracker.obligation_on(entry.obligation.id, "2021-03-01", known_on="2021-02-01")
        written = explain(entry, view)
        assert answer.reasons == written.reasons
        assert answer.evidence == written.evidence
        assert answer.breaches == written.breaches
        assert answer.amendments == written.amendments


def test_answers_compare_and_pickle_with_their_explanations(tracker) -> None:
    """Two answers are equal only with equal reasons, and a pickled answer carries its explanation written out."""
    one = tracker.obligation_on("1.ceasefire", "2020-12-15")
    again = tracker.obligation_on("1.ceasefire", "2020-12-15")
    assert one == again and hash(one) == hash(again)
    assert one != type(one)(**{**_fields(one), "why": Explanation(reasons=("a different reason",))})
    copy = pickle.loads(pickle.dumps(again))
    assert copy == one
    assert isinstance(copy.why, Deferred) and copy.reasons == one.reasons


def test_a_deferred_explanation_is_written_once(tracker) -> None:
    """Reading an explanation twice runs the rules once."""
    runs: list[int] = []

    def make() -> Explanation:
        runs.append(1)
        return Explanation(reasons=("once",))

    found = Deferred(make)
    assert explanation_of(found).reasons == ("once",) and explanation_of(found).reasons == ("once",)
    assert runs == [1]


def _fields(answer):  # type: ignore[no-untyped-def]
    import attrs

    return {f.name: getattr(answer, f.name) for f in attrs.fields(type(answer))}


def test_the_text_explanation_shows_background_and_judgements(tracker) -> None:  # type: ignore[no-untyped-def]
    """`ceasefire explain` prints the reports shown but not counted, and the note of each link that is a judgement, beside the quotes."""
    from ceasefire.render._terminal import explanation

    found = tracker.obligation_on("6.kalbajar", "2020-11-30")
    lines = [str(line) for line in explanation(found, tracker.agreement.zone)]
    background = lines.index("background (shown, not counted):")
    assert any("seed.kalbajar-postponement (postponement, context)" in line for line in lines[background:])
    noted = [e for e in (*found.evidence, *found.context) if e.link_note]
    assert noted and all(any(f"why linked: {e.link_note}" in line for line in lines) for e in noted)


def test_dating_words_that_carry_their_own_quotes_are_not_quoted_again() -> None:
    """How a report dated a happening is put in quotation marks, unless the words already hold quoted phrases beside the curator's own."""
    from ceasefire.render.display import report_says

    assert report_says("on November 20") == 'the report says "on November 20"'
    mixed = '"entered the Lachin district on December 1"; convoy moving "on Monday night"'
    assert report_says(mixed) == f"the report says: {mixed}"
