"""A timeline's causes say what was known at its cut-off: the current record of a revised event, and only the sources published by then."""

from __future__ import annotations

from ceasefire import bundled


def _causes(obligation: str, start: str, end: str, known_on: str | None = None):  # type: ignore[no-untyped-def]
    line = bundled.tracker().timeline(start, end, known_on=known_on)
    return [i.cause for i in line.for_obligation(obligation) if i.cause.kind == "event"]


def test_a_revised_event_is_named_by_the_record_current_at_the_cut_off() -> None:
    """The Hadrut clash has two records with one window: on all the evidence the cause is written from the later one, as known on 14 December 2020 from the first."""
    latest = _causes("1.ceasefire", "2020-12-01", "2020-12-20")
    first = _causes("1.ceasefire", "2020-12-01", "2020-12-20", known_on="2020-12-14")
    assert latest and first and {c.ref for c in latest + first} == {"rec.hadrut-clash-2020-12"}
    assert all("attack and take Hin Tagher and Khtsaberd" in c.description for c in latest)
    assert all("attack towards Hin Tagher and Khtsaberd" in c.description for c in first)
    assert all("azatutyun-2020-12-16" in c.sources for c in latest)
    assert not any("azatutyun-2020-12-16" in c.sources for c in first)


def test_a_cause_names_only_the_sources_published_by_the_cut_off() -> None:
    """The monitoring centre's opening cites a page of the next day; as known on the opening day, the cause does not name it."""
    [on_the_day] = _causes("5.monitoring-centre", "2021-01-25", "2021-02-05", known_on="2021-01-30")[-1:]
    [later] = _causes("5.monitoring-centre", "2021-01-25", "2021-02-05")[-1:]
    assert on_the_day.ref == later.ref == "rec.monitoring-centre-opened"
    assert "brecorder-2021-01-31" in later.sources and "brecorder-2021-01-31" not in on_the_day.sources
