"""The bundled record: its form, a handful of answers checked against what its sources say, and its page."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import ceasefire
from ceasefire import bundled
from ceasefire.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = yaml.safe_load(bundled.RECORD_FILE.read_text(encoding="utf-8"))
MAX_QUOTE = 300


def _citations(event: dict) -> list[dict]:
    """Every citation an event makes: its sources and the claims of its discrepancies."""
    claims = [claim["citation"] for difference in event.get("discrepancies", []) for claim in difference["claims"]]
    return [*event["sources"], *claims]


def _obligation_ids() -> set[str]:
    agreement = bundled.agreement()
    return {o.id for p in agreement.points for o in p.obligations} | {o.id for a in agreement.amendments for o in a.obligations}


def test_record_loads_apart_from_the_seeds() -> None:
    """The record parses as its own event log, and none of its event ids is also a seed event id."""
    record, seeds = bundled.record(), bundled.seed_events()
    assert len(record.events) >= 30
    assert {e.id for e in record.events}.isdisjoint({e.id for e in seeds.events})
    assert all(e.id.startswith("rec.") for e in record.events)


def test_record_declares_its_coverage() -> None:
    """The record says which stretch of time it watches, with an end, and a note on what it leaves out."""
    covers = RAW["covers"]
    covers = covers if isinstance(covers, list) else [covers]
    assert covers and all(c.get("from") and c.get("to") for c in covers)
    assert any(c.get("note") for c in covers)
    assert bundled.record().covers


def test_every_source_is_dated_addressed_and_read() -> None:
    """Each source of the record has a publisher, a publication date, an http(s) address and the date it was read."""
    for source in RAW["sources"]:
        assert source.get("publisher"), source["id"]
        assert source.get("published"), source["id"]
        assert re.match(r"https?://", source.get("url", "")), source["id"]
        assert source.get("read"), source["id"]


def test_every_event_quotes_a_declared_source_briefly() -> None:
    """Every event cites at least one declared source with a quote of at most ~300 characters, marked verbatim or paraphrase."""
    declared = {s["id"] for s in RAW["sources"]}
    for event in RAW["events"]:
        assert event["sources"], event["id"]
        for citation in _citations(event):
            assert citation["source"] in declared, (event["id"], citation["source"])
            quote = citation.get("quote") or ""
            assert 0 < len(quote) <= MAX_QUOTE, (event["id"], len(quote))
            assert isinstance(citation.get("paraphrase", False), bool), event["id"]


def test_every_figure_is_in_a_quote_of_its_event() -> None:
    """A figure's words (each part, where "..." joins parts) appear in a quote of its own event, so every number shown has its source's words."""
    for event in RAW["events"]:
        quotes = [c.get("quote") or "" for c in _citations(event)]
        for figure in event.get("quantities", []):
            parts = [p.strip() for p in (figure.get("text") or "").split("...") if p.strip()]
            missing = [p for p in parts if not any(p in q for q in quotes)]
            assert not missing, (event["id"], figure["name"], missing)


def test_every_source_is_used() -> None:
    """No source is declared without an event citing it."""
    used = {c["source"] for e in RAW["events"] for c in _citations(e)}
    assert {s["id"] for s in RAW["sources"]} == used


def test_every_link_names_an_obligation_of_the_statement() -> None:
    """Every link of the record points at an obligation of the bundled statement or its supplement."""
    known = _obligation_ids()
    for event in RAW["events"]:
        for link in event.get("links", []):
            assert link["obligation"] in known, (event["id"], link["obligation"])


def test_every_obligation_has_evidence_on_the_record() -> None:
    """The record links at least one event to every obligation of the statement."""
    linked = {link["obligation"] for e in RAW["events"] for link in e.get("links", [])}
    missing = _obligation_ids() - linked
    assert not missing, missing


def test_lachin_was_handed_over_on_time() -> None:
    """On 2 December 2020 the Lachin handover of 1 December counts as fulfilled, on the record's sources."""
    item = ceasefire.status_on("2020-12-02")["6.lachin"]
    assert str(item.status) == "fulfilled"
    assert any(e.event_id == "rec.lachin-handover" for e in item.evidence)


def test_seeds_alone_do_not_know_the_lachin_handover() -> None:
    """Asked on the seeds alone, the same question has no Lachin handover to count: the choice of evidence is real."""
    assert str(ceasefire.status_on("2020-12-02", record=False)["6.lachin"].status) != "fulfilled"


def test_working_group_met_by_its_deadline() -> None:
    """The working group's first meeting on 30 January 2021 fulfils the supplement's first deadline."""
    assert str(ceasefire.status_on("2021-02-01")["9.wg-established"].status) == "fulfilled"


def test_monitoring_centre_opened_then_closed() -> None:
    """The monitoring centre is set up by March 2021 and has ended by July 2024."""
    assert str(ceasefire.status_on("2021-03-01")["5.monitoring-centre"].status) == "fulfilled"
    assert str(ceasefire.status_on("2024-07-01")["5.monitoring-centre"].status) == "ended"


def test_peacekeepers_term_ended_in_2024() -> None:
    """The contingent's term is in force in 2023 and ended by the completed withdrawal of 12 June 2024."""
    assert str(ceasefire.status_on("2023-10-01")["4.term"].status) != "ended"
    assert str(ceasefire.status_on("2024-07-01")["4.term"].status) == "ended"


def test_corridor_blocked_in_february_2023() -> None:
    """Azerbaijan's guarantee of safe passage stands breached while the corridor was blocked in early 2023."""
    assert str(ceasefire.status_on("2023-02-01")["6.corridor-safety"].status) == "breached"


def test_ceasefire_breached_during_the_september_2023_offensive() -> None:
    """During the offensive (19 September to 13:00 on 20 September 2023) the ceasefire reads breached; after it, unmonitored with its breaches named.

    The record keeps only major armed incidents, so it does not watch the ceasefire between them: a
    quiet stretch in it is no evidence that the ceasefire held.
    """
    assert str(ceasefire.status_on("2023-09-20T10:00:00+04:00")["1.ceasefire"].status) == "breached"
    assert str(ceasefire.status_on("2023-09-19")["1.ceasefire"].status) == "breached"
    after = ceasefire.status_on("2023-09-21")["1.ceasefire"]
    assert str(after.status) == "unmonitored"
    assert after.headline.endswith("5 breaches in the loaded evidence, latest rec.offensive-2023-09, 2023-09-19 until 2023-09-20 13:00 Asia/Baku)")


def test_seeds_only_flag_chooses_the_seed_evidence() -> None:
    """`ceasefire --seeds-only status` answers from the seeds alone, and differs from the default on 2 December 2020."""
    both = CliRunner().invoke(main, ["status", "2020-12-02", "--format", "csv"])
    seeds = CliRunner().invoke(main, ["--seeds-only", "status", "2020-12-02", "--format", "csv"])
    assert both.exit_code == 0 and seeds.exit_code == 0, both.output + seeds.output
    lachin = [line for line in both.output.splitlines() if ",6.lachin," in line]
    lachin_seeds = [line for line in seeds.output.splitlines() if ",6.lachin," in line]
    assert lachin and lachin_seeds and lachin != lachin_seeds


def _page_module():
    spec = importlib.util.spec_from_file_location("make_record_page", ROOT / "scripts" / "make_record_page.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_record_page_is_current() -> None:
    """docs/record.md is exactly what scripts/make_record_page.py renders now: refresh it after changing the record."""
    page = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    assert page == _page_module().render(), "docs/record.md is stale: run python scripts/make_record_page.py"


@pytest.mark.parametrize("day", ["2020-12-02", "2021-03-01", "2022-06-01", "2023-02-01", "2023-10-01", "2024-07-01"])
def test_page_table_matches_the_library(day: str) -> None:
    """Each column of the page's table is the library's answer for that date."""
    page = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    header = next(line for line in page.splitlines() if line.startswith("| obligation |"))
    column = [c.strip() for c in header.strip("|").split("|")].index(day)
    rows = [line for line in page.splitlines() if line.startswith("| [`")]
    shown = {re.search(r"`([^`]+)`", r).group(1): [c.strip() for c in r.strip("|").split("|")][column] for r in rows}
    report = ceasefire.status_on(day)
    assert shown == {o.obligation_id: str(o.status) for o in report}


def test_parallel_withdrawal_ends_with_the_september_2023_terms() -> None:
    """The withdrawal point stops reading "in progress" once the Karabakh forces accept to disarm on 20 September 2023."""
    before = ceasefire.status_on("2023-09-19")["4.parallel-withdrawal"]
    assert str(before.status) == "in progress"
    for day in ("2023-09-25", "2025-03-01"):
        item = ceasefire.status_on(day)["4.parallel-withdrawal"]
        assert str(item.status) == "ended", day
        assert item.ended_by == "rec.karabakh-forces-disarm-2023-09-20"


def test_corridor_safety_ends_with_the_exodus() -> None:
    """Azerbaijan's safe-passage duty reads "ended" by the exodus once nearly all of Karabakh's Armenians had left (30 September 2023), its breaches kept."""
    assert str(ceasefire.status_on("2023-09-25")["6.corridor-safety"].status) == "holding"
    for day in ("2023-10-01", "2024-04-20", "2025-03-01"):
        item = ceasefire.status_on(day)["6.corridor-safety"]
        assert str(item.status) == "ended", day
        assert item.ended_by == "rec.exodus-2023", day
        assert item.disputed_by == (), day  # the departure is reported, not disputed; the sides differ on Baku's intentions
        assert item.breach_history is not None and item.breach_history.count == 5


def test_offensive_is_known_on_the_day_it_began() -> None:
    """Asked as it could be known at the end of 19 September 2023, the ceasefire reads breached: the offensive was reported that day."""
    item = ceasefire.status_on("2023-09-19", known_on="2023-09-19")["1.ceasefire"]
    assert str(item.status) == "breached"
    assert "rec.offensive-2023-09" in [b.event_id for b in item.breaches]


@pytest.mark.parametrize("day", ["2023-09-19", "2023-10-01", "2025-03-01", "2025-06-10"])
def test_returns_are_not_called_stalled_while_returns_were_reported(day: str) -> None:
    """Returns to the districts around Karabakh were reported through 2023-2025, so 7.returns is in progress without "no progress reported since" on these days."""
    item = ceasefire.status_on(day)["7.returns"]
    assert str(item.status) == "in progress"
    assert item.stalled_since is None, item.headline
    assert "no progress reported since" not in item.headline


def test_returns_figures_name_their_place() -> None:
    """The figures for 7.returns are kept apart by place, so the latest (a village's count) is not shown as if it were all returns."""
    figures = {q.name: q.value for q in ceasefire.status_on("2024-06-15")["7.returns"].quantities}
    assert "returnees" not in figures
    assert figures["returnees to Stepanakert"] == 4436
    assert figures["returnees to Aghali (Zangilan)"] == 649
    assert figures["people settled in Lachin town"] == 1906


def test_exchange_progress_after_june_2021_is_on_the_record() -> None:
    """Releases of 2020-war prisoners in July 2021 and September 2022 keep 8.exchange from reading stalled since June 2021; the two mine-map releases add up to 30."""
    mid_2023 = ceasefire.status_on("2023-06-15")["8.exchange"]
    assert str(mid_2023.status) == "in progress" and mid_2023.stalled_since is None, mid_2023.headline
    autumn = ceasefire.status_on("2023-10-01")["8.exchange"]
    assert autumn.headline == "in progress (no progress reported since 2022-09-08)"
    figures = {q.name: q.value for q in autumn.quantities}
    assert figures["detainees released"] == 30
    assert figures["prisoners returned to Armenia"] == 49


def test_september_2022_border_fighting_is_shown_beside_the_ceasefire() -> None:
    """After September 2022 the ceasefire's answer names the border fighting as background, without counting it as a breach."""
    item = ceasefire.status_on("2022-12-20")["1.ceasefire"]
    assert "rec.border-clashes-2022-09" in [e.event_id for e in item.context]
    assert str(item.status) == "unmonitored"  # the record does not watch the ceasefire between the major incidents it keeps
    assert item.breach_history is not None and item.breach_history.count == 3


def test_monitoring_memorandum_is_known_when_it_was_signed() -> None:
    """Asked as it could be known in December 2020, the monitoring centre is under way: TASS reported the memorandum on 11 November."""
    item = ceasefire.status_on("2020-12-15", known_on="2020-12-15")["5.monitoring-centre"]
    assert str(item.status) == "in progress"
    assert "rec.monitoring-memorandum" in [e.event_id for e in item.evidence]


def test_brussels_railway_agreement_is_known_in_january_2022() -> None:
    """Asked as it could be known in January 2022, unblocking is under way: the Brussels railway agreement was reported on 15 December 2021."""
    item = ceasefire.status_on("2022-01-15", known_on="2022-01-15")["9.unblock"]
    assert str(item.status) == "in progress"
    assert "rec.railway-agreed-2021" in [e.event_id for e in item.evidence]


def test_the_exodus_is_a_setback_of_the_returns_clause_and_its_figures_are_returns() -> None:
    """From the exodus on, the returns clause stays in progress but its line names the exodus; its figures are of people returning, not of the peacekeepers."""
    before, after = ceasefire.status_on("2023-09-15")["7.returns"], ceasefire.status_on("2023-10-01")["7.returns"]
    assert "setback" not in before.headline
    assert str(after.status) == "in progress" and after.headline == "in progress (setback reported: rec.exodus-2023, 2023-09-24 .. 2023-09-30 Asia/Baku)"  # the whole week it lasted
    names = {q.name for q in ceasefire.status_on("2024-06-15")["7.returns"].quantities}
    assert "returnees to Stepanakert" in names and not names & {"servicemen", "observation posts", "units of military equipment"}


def test_washington_declaration_advances_unblocking_as_the_brussels_agreement_did() -> None:
    """The 2025 commitment to reopen transport routes counts towards unblocking, as the 2021 railway agreement does; before it, the line says how long nothing was reported."""
    before = ceasefire.status_on("2025-08-07")["9.unblock"]
    after = ceasefire.status_on("2025-08-30")["9.unblock"]
    assert before.headline == "in progress (no progress reported since 2022-05-17)"  # the Meghri survey, reported done on 17 May 2022 (twentieth session)
    assert "rec.washington-2025-08-08" not in [e.event_id for e in before.evidence]
    assert after.headline == "in progress"
    assert "rec.washington-2025-08-08" in [e.event_id for e in after.evidence]


def test_hold_positions_ended_after_the_offensive_says_it_was_broken_first() -> None:
    """On 1 October 2023 the hold on positions has ended with the disarmament, and its one line still says the offensive of 19 September broke it first."""
    answer = ceasefire.status_on("2023-10-01")["1.hold-positions"]
    assert str(answer.status) == "ended"
    assert answer.headline == (
        "ended (by rec.karabakh-forces-disarm-2023-09-20; 4 breaches in the loaded evidence while it bound, latest rec.offensive-2023-09, 2023-09-19 until 2023-09-20 13:00 Asia/Baku)"
    )


def test_an_ended_hold_lists_the_breaches_its_line_counts() -> None:
    """The four breaches the one line counts are listed with the evidence (and in the table's evidence column), beside the disarmament that ended it."""
    from ceasefire.render.export import to_markdown

    report = ceasefire.status_on("2023-10-01")
    answer = report["1.hold-positions"]
    listed = [e.event_id for e in answer.breaches]
    assert len(listed) == 4 and listed[-1] == "rec.offensive-2023-09"
    assert [e.event_id for e in answer.evidence] == ["rec.karabakh-forces-disarm-2023-09-20"]
    row = next(line for line in to_markdown(report).splitlines() if line.startswith("| 1.hold-positions |"))
    assert all(event_id in row for event_id in listed)


def test_where_the_watching_ended_reads_the_same_whatever_zone_the_instant_carries() -> None:
    """The end of 1 December 2020 in Baku is said as that day in the agreement's local zone, also when the instant carries a bare offset (as on a Dask worker)."""
    import datetime as dt

    import attrs

    answer = ceasefire.status_on("2023-10-01")["1.ceasefire"]
    assert answer.horizon is not None and answer.horizon.day_zone == "Asia/Baku"
    assert answer.headline.startswith("unmonitored by the loaded evidence (watched only to the end of 2020-12-01 (Asia/Baku), when no breach had yet been reported; ")
    ends = answer.horizon.evidence_ends
    assert ends is not None
    offset = attrs.evolve(answer, horizon=attrs.evolve(answer.horizon, evidence_ends=ends.astimezone(dt.timezone(dt.timedelta(hours=4)))))
    assert offset.headline == answer.headline


def test_an_unwatched_date_says_the_gap_is_in_the_loaded_evidence() -> None:
    """On 1 October 2023 the record watches the ceasefire no longer: the line says the gap is in what was loaded, when the watching stopped, and the breaches known since.

    "unmonitored" alone would read in print as a claim that nobody watched the ceasefire, which the record cannot know.
    """
    from ceasefire.render._markdown import evidence_line

    report = ceasefire.status_on("2023-10-01")
    assert report["1.ceasefire"].headline == (
        "unmonitored by the loaded evidence (watched only to the end of 2020-12-01 (Asia/Baku), when no breach had yet been reported; "
        "5 breaches in the loaded evidence, latest rec.offensive-2023-09, 2023-09-19 until 2023-09-20 13:00 Asia/Baku)"
    )
    assert evidence_line(report).endswith(
        "; 1 obligation is marked unmonitored: nothing loaded watches it through to this date, so its status is not known."
    )


def test_a_clause_with_nothing_ever_reported_says_its_stall_runs_from_its_start() -> None:
    """No progress on new links to Nakhchivan is on the record: the line says the silence runs from when the clause took effect, not from a report that day."""
    item = ceasefire.status_on("2023-10-01")["9.new-links"]
    assert item.headline == "pending (no progress reported since it took effect on 2020-11-10)"
    assert any(r.startswith("stalled: no progress reported since it took effect at 2020-11-10") for r in item.reasons)
    moved = ceasefire.status_on("2023-10-01")["8.exchange"]
    assert moved.headline == "in progress (no progress reported since 2022-09-08)"


def test_the_statements_clauses_cite_a_text_a_reader_can_open() -> None:
    """The Kremlin's text is cited without an address; points 1 to 6 also quote an English text posted on the day, with its address and the day it was read."""
    agreement = bundled.agreement()
    source = next(s for s in agreement.sources if s.id == "mfa-az-2020-11-10")
    assert source.url is not None and source.url.startswith("https://") and source.read is not None
    for point in agreement.points:
        for obligation in point.obligations:
            cited = [c for c in obligation.sources if c.source == source.id]
            if point.number <= 6 and obligation.id not in ("6.corridor", "6.new-route-plan", "6.corridor-safety"):
                assert len(cited) == 1 and cited[0].quote and not cited[0].paraphrase, obligation.id


def test_the_last_day_of_the_record_says_how_much_of_the_day_asked_about_is_unwatched() -> None:
    """The record watches to the end of 31 August 2025 in Baku, an hour before that day ends in Moscow: the answer names the hour, and the day asked in Baku is watched whole."""
    report = ceasefire.status_on("2025-08-31")
    item = report["7.returns"]
    assert item.status.value == "unmonitored"
    assert "watched only to the end of 2025-08-31 (Asia/Baku), 1 hour before the end of the day asked about, when it was in progress" in item.headline
    out = CliRunner().invoke(main, ["status", "2025-08-31"]).output
    assert "The loaded evidence ends at end of 2025-08-31 (Asia/Baku), 1 hour before the end of the day asked about (Europe/Moscow)" in out
    assert "through to the end of this day" in out
    assert ceasefire.status_on("2025-08-31[Asia/Baku]")["7.returns"].headline.startswith("in progress")
    later = ceasefire.status_on("2025-09-02")["7.returns"].headline
    assert "before the end of the day asked about" not in later and "watched only to the end of 2025-08-31 (Asia/Baku), when" in later


def test_an_end_not_yet_reported_is_not_known_under_an_earlier_cut_off() -> None:
    """The blockade's end (28 April 2023) was first reported as done on 29 April: as known in January, it is going on, and nothing printed names its end."""
    early = ceasefire.status_on("2023-05-01", known_on="2023-01-15")["6.corridor-safety"]
    assert "2023-04-28" not in early.explain() and "until" not in early.headline
    assert any("ongoing, no report has ended it" in r for r in early.reasons)
    assert early.headline.endswith("latest rec.corridor-blockade-2022, from 2022-12-12 Asia/Baku with no report of its end)")
    late = ceasefire.status_on("2023-05-01", known_on="2023-04-30")["6.corridor-safety"]
    assert any("rec.corridor-blockade-2022" in e.event_id and e.until is not None for e in late.breaches)


def test_the_exodus_ends_the_corridor_guarantee_once_its_end_is_reported() -> None:
    """While the departures were going on (as known on 28 September) the guarantee still bound; once their end was reported, it had ended."""
    assert ceasefire.status_on("2023-09-28", known_on="2023-09-28")["6.corridor-safety"].status.value == "holding"
    done = ceasefire.status_on("2023-10-02", known_on="2023-10-01")["6.corridor-safety"]
    assert done.status.value == "ended" and done.ended_by == "rec.exodus-2023"


def test_the_offensive_known_on_its_first_day_is_still_going_on() -> None:
    """As known at the end of 19 September, the offensive had begun and no report had ended it: the day is breached by its beginning, and no end is named."""
    item = ceasefire.status_on("2023-09-19", known_on="2023-09-19")["1.ceasefire"]
    assert item.status.value == "breached"
    assert any("ongoing, no report has ended it" in r for r in item.reasons)
    assert "13:00" not in item.explain()


def test_a_figure_reported_later_is_not_known_before_its_report() -> None:
    """The Horadiz-Aghband railway was first reported in January 2022; its 40 percent was reported in December: as known in March 2022, neither the figure nor the words about it show."""
    early = ceasefire.status_on("2022-03-01", known_on="2022-03-01")["9.new-links"]
    (railway,) = [e for e in early.context if e.event_id == "rec.horadiz-aghband-railway"]
    assert "40 percent" not in railway.summary and all(name != "share of the route completed (percent)" for name, _, _ in railway.quantities)
    late = ceasefire.status_on("2023-01-01")["9.new-links"]
    (railway,) = [e for e in late.context if e.event_id == "rec.horadiz-aghband-railway"]
    assert "over 40 percent" in railway.summary


def test_a_first_version_says_nothing_of_what_came_later() -> None:
    """The note on each first version is the same plain line, which tells a reader under an early cut-off nothing about what was reported after."""
    log = bundled.record()
    ids = [e.id for e in log.events]
    firsts = [e for e in log.events if ids.count(e.id) > 1 and e.version == min(x.version for x in log.events if x.id == e.id)]
    assert len(firsts) == 8 and {e.note for e in firsts} == {"The record as first reported."}
