"""The foundation's acceptance table: the bundled statement and the seed events only (``record=False``)."""

from __future__ import annotations

import datetime as dt

import pytest

import ceasefire
from ceasefire import Status


def day(value: dt.datetime) -> str:
    """The calendar date of ``value`` in Moscow time, the statement's reference zone."""
    return ceasefire.time.local_date(value, "Europe/Moscow").isoformat()


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2020-11-09", Status.NOT_YET_IN_FORCE),
        ("2020-11-09T20:59:59+00:00", Status.NOT_YET_IN_FORCE),
        ("2020-11-09T21:00:00+00:00", Status.COMPLIED),
    ],
)
def test_ceasefire_takes_effect_at_midnight_moscow(when: str, expected: Status) -> None:
    """The ceasefire binds from 00:00 Moscow time on 10 November 2020, i.e. 21:00 UTC on the 9th."""
    assert ceasefire.status_on(when, record=False)["1.ceasefire"].status is expected


@pytest.mark.parametrize(("when", "expected"), [("2020-11-19", Status.PENDING), ("2020-11-21", Status.FULFILLED)])
def test_aghdam_handover(when: str, expected: Status) -> None:
    """Aghdam is pending the day before its deadline and fulfilled the day after it."""
    assert ceasefire.status_on(when, record=False)["2.aghdam"].status is expected


def test_kalbajar_before_postponement() -> None:
    """On 14 November Kalbajar is pending against its original 15 November deadline."""
    result = ceasefire.status_on("2020-11-14", record=False)["6.kalbajar"]
    assert result.status is Status.PENDING
    assert result.deadline is not None and day(result.deadline.latest) == "2020-11-15"
    assert result.amendments == ()


def test_kalbajar_after_postponement() -> None:
    """On 16 November Kalbajar is pending against 25 November, with the original date and the amendment named."""
    result = ceasefire.status_on("2020-11-16", record=False)["6.kalbajar"]
    assert result.status is Status.PENDING
    assert result.deadline is not None and day(result.deadline.latest) == "2020-11-25"
    assert result.original_deadline is not None and day(result.original_deadline.latest) == "2020-11-15"
    (amendment,) = result.amendments
    assert amendment.amendment_id == "kalbajar-postponement"
    assert amendment.agreed.latest.date().isoformat() == "2020-11-15"
    assert amendment.requested_by == ("AM",) and amendment.granted_by == ("AZ",)


def test_kalbajar_beyond_the_evidence_when_postponement_unknown() -> None:
    """Seen with only what was known on 14 November, nothing known covers the 15 November deadline: unmonitored, last known pending."""
    result = ceasefire.status_on("2020-11-20", known_on="2020-11-14", record=False)["6.kalbajar"]
    assert result.status is Status.UNMONITORED
    assert result.amendments == ()
    assert day(result.deadline.latest) == "2020-11-15"  # type: ignore[union-attr]
    assert result.horizon is not None and result.horizon.last_known is Status.PENDING
    assert result.horizon.evidence_ends is not None and day(result.horizon.evidence_ends) == "2020-11-14"


def test_kalbajar_fulfilled_on_amended_deadline_with_four_seeds() -> None:
    """On 26 November Kalbajar is fulfilled on time against 25 November, on the word of four seed articles."""
    result = ceasefire.status_on("2020-11-26", record=False)["6.kalbajar"]
    assert result.status is Status.FULFILLED
    assert day(result.deadline.latest) == "2020-11-25"  # type: ignore[union-attr]
    (handover,) = [e for e in result.evidence if e.role == "fulfils"]
    files = {c.file for c in handover.citations}
    assert len(files) == 4 and all(f and f.startswith("seeds/") for f in files)


@pytest.mark.parametrize(("when", "expected"), [("2020-11-26", Status.PENDING), ("2020-12-02", Status.UNMONITORED)])
def test_lachin_with_no_report_of_handover(when: str, expected: Status) -> None:
    """No seed reports the Lachin handover: pending before 1 December; after it the seeds have ended, so it is unmonitored."""
    result = ceasefire.status_on(when, record=False)["6.lachin"]
    assert result.status is expected
    assert [e for e in result.evidence if e.role == "fulfils"] == []


def test_term_in_force_with_period_end_and_notice_date() -> None:
    """On 26 November the term is in force; the period ends 10 November 2025 and notice is due by 10 May 2025."""
    result = ceasefire.status_on("2020-11-26", record=False)["4.term"]
    assert result.status is Status.IN_FORCE
    assert result.term is not None
    assert day(result.term.period_end) == "2025-11-10"
    assert result.term.notice_due is not None and day(result.term.notice_due) == "2025-05-10"


@pytest.mark.parametrize(
    ("obligation", "quantity", "value"),
    [("7.returns", "people returned", 13000), ("8.exchange", "bodies of soldiers", 400)],
)
def test_progress_with_reported_quantities(obligation: str, quantity: str, value: int) -> None:
    """Returns and the exchange of bodies are in progress on 26 November, with the figures reported."""
    result = ceasefire.status_on("2020-11-26", record=False)[obligation]
    assert result.status is Status.IN_PROGRESS
    assert {(q.name, q.value) for q in result.quantities} == {(quantity, value)}


def test_unblocking_pending_with_nothing_reported() -> None:
    """Nothing in the seeds bears on unblocking the region's links: pending, with no evidence."""
    result = ceasefire.status_on("2020-11-26", record=False)["9.unblock"]
    assert result.status is Status.PENDING
    assert result.evidence == ()


def test_supplement_obligations_wait_for_the_supplement() -> None:
    """The working-group obligations of January 2021 are not yet in force in November 2020, and bind after."""
    assert ceasefire.status_on("2020-11-26", record=False)["9.wg-established"].status is Status.NOT_YET_IN_FORCE
    later = ceasefire.status_on("2021-01-20", record=False)["9.wg-established"]
    assert later.status is not Status.NOT_YET_IN_FORCE and later.added_by == "supplement-2021-01-11"


def test_supplement_unknown_before_its_announcement() -> None:
    """Asked with knowledge of 1 January 2021, the supplement's obligations do not yet exist."""
    result = ceasefire.status_on("2021-02-10", known_on="2021-01-01", record=False)["9.wg-established"]
    assert result.status is Status.NOT_YET_IN_FORCE
    assert "knowledge cut-off" in result.reasons[0]
