"""The two worked examples in docs/examples/: they validate, and they answer as their sources say.

Each assertion's docstring names the stored public page (by its source id in the example's files)
that the expected answer comes from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire import Tracker, load_agreement, load_events
from ceasefire.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
NAMES = ("minsk-2015", "pretoria-2022")


@cache
def tracker(name: str) -> Tracker:
    return Tracker(load_agreement(EXAMPLES / name / "agreement.yaml"), load_events(EXAMPLES / name / "events.yaml"))


def status(name: str, obligation: str, when: str, known_on: str | None = None) -> str:
    return tracker(name).status_on(when, known_on=known_on)[obligation].status.value


def evidence(name: str, obligation: str, when: str, known_on: str | None = None) -> list[str]:
    return [e.event_id for e in tracker(name).status_on(when, known_on=known_on)[obligation].evidence]


@pytest.mark.parametrize("name", NAMES)
def test_example_validates_without_warnings(name):
    """`ceasefire validate` passes both files of the example and has nothing to warn about."""
    files = [str(EXAMPLES / name / f) for f in ("agreement.yaml", "events.yaml")]
    done = CliRunner().invoke(main, ["validate", *files])
    assert done.exit_code == 0, done.output
    assert "warning" not in done.output and done.output.count(": ok: ") == 2


@pytest.mark.parametrize("name", NAMES)
def test_example_sources_are_public_pages(name):
    """Every source of the example names a web page, and every event quotes at least one of them."""
    agreement = load_agreement(EXAMPLES / name / "agreement.yaml")
    log = load_events(EXAMPLES / name / "events.yaml")
    assert all(s.url and s.url.startswith("http") for s in [*agreement.sources, *log.sources])
    assert len(log.events) >= 12
    assert all(any(c.quote for c in e.sources) for e in log.events)


# Minsk, February 2015


def test_minsk_pullback_start_overdue_then_late():
    """The pullback was due to start by the second day of the ceasefire (moscowtimes-2015-02-12); Ukraine began it on 26 February (rappler-2015-02-26)."""
    assert status("minsk-2015", "2.withdrawal-start", "2015-02-19") == "overdue"
    assert status("minsk-2015", "2.withdrawal-start", "2015-02-27") == "fulfilled late"


def test_minsk_ceasefire_breached_at_debaltseve():
    """Fighting went on at Debaltseve from the start of the ceasefire on Sunday 15 February until the town fell on Wednesday 18 February (azcentral-2015-02-18)."""
    assert status("minsk-2015", "1.ceasefire", "2015-02-15") == "breached"
    assert status("minsk-2015", "1.ceasefire", "2015-02-17") == "breached"


def test_minsk_ceasefire_unwatched_after_debaltseve():
    """The sample logs only the Debaltseve fighting (its `covers`), so later days read unmonitored, with the breach still on record (azcentral-2015-02-18)."""
    item = tracker("minsk-2015").status_on("2015-03-20")["1.ceasefire"]
    assert item.status.value == "unmonitored"
    assert [e.event_id for e in item.breaches] == ["debaltseve-offensive"]
    assert item.breach_history.count == 1


def test_minsk_clauses_not_followed_are_unmonitored():
    """Humanitarian access and the exit of foreign forces are not followed in the sample, so nothing is claimed about them."""
    assert status("minsk-2015", "7.humanitarian-access", "2015-03-20") == "unmonitored"
    assert status("minsk-2015", "10.foreign-withdrawal", "2016-01-05") == "unmonitored"


def test_minsk_border_waits_for_local_elections():
    """The border handover waits on local elections (point 9); none is reported, the Paris summit asked to put the rebels' off (europarussia-2015-10-03): not yet in force, not overdue."""
    item = tracker("minsk-2015").status_on("2016-01-05")["9.border"]
    assert item.status.value == "not yet in force"
    assert any("12.local-elections" in r for r in item.reasons)


def test_minsk_bearers_are_classes_and_the_osce_a_monitor():
    """The armed formations of certain areas and the foreign forces are classes, not signatories; the OSCE monitors (moscowtimes-2015-02-12, theinternationalrelations-minsk)."""
    parties = {p.id: p.roles for p in tracker("minsk-2015").agreement.parties}
    assert parties["CADLR"] == ["class"] and parties["FOREIGN"] == ["class"]
    assert "monitor" in parties["OSCE"]
    assert tracker("minsk-2015").status_on("2015-03-20")["1.ceasefire"].bearers == ("UA", "CADLR")


def test_minsk_swaps_add_up():
    """The swap of 139 for 52 (upi-2015-02-21) and the "3 for 6" swap (tass-858197) are increments: 142 and 58 freed in the swaps logged, not a drop to 3 and 6."""
    figures = {q.name: q.value for q in tracker("minsk-2015").status_on("2016-03-01")["6.hostages"].quantities}
    assert figures == {"people freed by the rebels (swaps logged here)": 142, "people freed by Kyiv (swaps logged here)": 58}


def test_minsk_paris_target_is_listed_never_applied():
    """The December 2019 Paris summit's "by year's end" exchange (hamodia-2019-12-09) was never made part of the package: listed as proposed, never a deadline."""
    item = tracker("minsk-2015").status_on("2020-01-05")["6.hostages"]
    assert item.proposals == ("paris-2019-exchange-target",)
    assert item.deadline is None and item.status.value == "in progress"


def test_minsk_amnesty_stalled():
    """No page in the sample reports progress on the amnesty law, which had none by February 2016 (tass-858197); half a year on, the answer says so."""
    item = tracker("minsk-2015").status_on("2016-03-01")["5.amnesty"]
    assert item.headline == "pending (no progress reported since it took effect on 2015-02-15)"


def test_minsk_rada_resolution_three_days_late():
    """The Rada was to name the areas by 14 March (kommersant-2687383, kayhan-12092) and voted on 17 March (eurasia-2015-03-17)."""
    assert status("minsk-2015", "4.rada-resolution", "2015-03-16") == "overdue"
    assert status("minsk-2015", "4.rada-resolution", "2015-03-18") == "fulfilled late"


def test_minsk_first_exchange_counts_as_progress():
    """The swap of 139 soldiers for 52 fighters on 21 February (upi-2015-02-21) is progress on the all-for-all exchange, not its end."""
    assert status("minsk-2015", "6.hostages", "2015-02-22") == "in progress"
    assert evidence("minsk-2015", "6.hostages", "2015-02-22") == ["swap-2015-02-21"]


def test_minsk_extension_into_2016_is_known_only_once_announced():
    """The leaders extended the package into 2016 on 30 December 2015 (nizkor-2015-12-30): the end of 2015 is the deadline in force until that is known."""
    before = tracker("minsk-2015").status_on("2015-12-29", known_on="2015-12-29")["11.constitution"]
    after = tracker("minsk-2015").status_on("2016-01-05")["11.constitution"]
    assert before.deadline.latest.date().isoformat() == "2015-12-31"
    assert after.deadline.latest.date().isoformat() == "2016-12-31"
    assert after.original_deadline.latest.date().isoformat() == "2015-12-31"
    assert after.status.value == "in progress"


def test_minsk_unverified_claims_are_not_known_before_their_report():
    """The separatists' claim of 1 March and the monitors' sighting of 7 March were both reported on 10 March (sputnik-2015-03-10)."""
    assert evidence("minsk-2015", "2.withdrawal", "2015-03-20", known_on="2015-03-09") == ["ukraine-starts-pullback"]
    assert evidence("minsk-2015", "2.withdrawal", "2015-03-20") == ["ukraine-starts-pullback", "separatists-claim-completion", "smm-observes-pullback"]


def test_minsk_ends_with_russias_declaration():
    """Russia's president said on 22 February 2022 that the Minsk agreements no longer existed (nationalpost-2022-02-22): every clause reads ended.

    The border handover waited on local elections that were never held, so it ends without ever having bound.
    """
    report = tracker("minsk-2015").status_on("2022-03-01")
    assert {item.status.value for item in report.obligations} == {"ended"}
    assert any("never bound" in r for r in report["9.border"].reasons)
    assert status("minsk-2015", "9.border", "2022-02-21") == "not yet in force"
    assert status("minsk-2015", "6.hostages", "2022-02-21") == "in progress"


# Pretoria, November 2022


def test_pretoria_commanders_met_within_five_days():
    """The commanders were to meet within five days (ap-via-uaetimes-2022-11-03) and met in Nairobi from 7 November (addisstandard-nairobi-2022-11-12)."""
    assert status("pretoria-2022", "6.commanders-meet", "2022-11-10") == "fulfilled"


def test_pretoria_light_weapons_not_followed():
    """Full disarmament was due within 30 days (reuters-factbox-via-inkl); the sample does not follow it, so the answer is unmonitored, not overdue."""
    item = tracker("pretoria-2022").status_on("2022-12-10")["6.light-weapons"]
    assert item.status.value == "unmonitored"
    assert item.deadline.latest.date().isoformat() == "2022-12-03"


def test_pretoria_supplement_binds_only_from_nairobi():
    """The withdrawal of foreign and non-ENDF forces enters with the Nairobi declaration of 12 November (fnn-2022-11-12, columbian-2022-11-12)."""
    assert status("pretoria-2022", "6.foreign-withdrawal", "2022-11-10") == "not yet in force"
    assert status("pretoria-2022", "6.foreign-withdrawal", "2023-01-20") == "in progress"


def test_pretoria_services_and_delisting():
    """Power came back to Mekelle on 6 December (devdiscourse-2022-12-06); parliament delisted the TPLF on 22 March 2023 (alarabiya-2023-03-22)."""
    assert evidence("pretoria-2022", "services", "2022-12-07") == ["mekelle-power-restored"]
    assert status("pretoria-2022", "delisting", "2023-03-21") == "pending"
    assert status("pretoria-2022", "delisting", "2023-03-23") == "fulfilled"


def test_pretoria_interim_administration_set_up():
    """Getachew Reda was appointed to lead the interim administration on 23 March 2023 (ena-2023-03-23)."""
    assert status("pretoria-2022", "10.interim-administration", "2023-03-22") == "pending"
    assert status("pretoria-2022", "10.interim-administration", "2023-03-24") == "fulfilled"


def test_pretoria_monitors_launch_known_only_from_its_report():
    """The AU mission was launched on 29 December 2022, but the only page here that says so appeared on 17 January 2023 (allafrica-2023-01-17)."""
    assert status("pretoria-2022", "au-monitoring", "2023-01-05", known_on="2023-01-05") == "pending"
    assert evidence("pretoria-2022", "au-monitoring", "2023-01-20") == ["au-mission-launched", "heavy-weapons-handover"]


def test_pretoria_undated_page_counts_from_the_handover_with_a_caveat():
    """An undated page reports the 10 January handover (addisstandard-heavy-weapons), a dated one on 13 January (africa-com-2023-01-13): known on the 11th, it counts, with a caveat."""
    item = tracker("pretoria-2022").status_on("2023-01-11", known_on="2023-01-11")["6.heavy-weapons"]
    assert [e.event_id for e in item.evidence] == ["heavy-weapons-handover"]
    (seen,) = item.evidence
    assert (seen.reported.earliest.date().isoformat(), seen.reported.latest.date().isoformat()) == ("2023-01-10", "2023-01-13")
    assert any("rests on an undated page (addisstandard-heavy-weapons)" in r for r in item.reasons)
    assert not any("undated" in r for r in tracker("pretoria-2022").status_on("2023-01-20", known_on="2023-01-20")["6.heavy-weapons"].reasons)


def test_pretoria_labels_name_the_points():
    """Articles 4, 6 and 10 keep their numbers (pax-2464, ap-via-uaetimes-2022-11-03, addisstandard-interim-admin); the other clauses carry this file's names, shown in the status table."""
    report = tracker("pretoria-2022").status_on("2023-01-20")
    assert [(p.number, p.label) for p in report.points if p.label and p.label.startswith("Article")] == [(4, "Article 4"), (6, "Article 6"), (10, "Article 10")]
    files = [str(EXAMPLES / "pretoria-2022" / f) for f in ("agreement.yaml", "events.yaml")]
    done = CliRunner().invoke(main, ["status", "2023-01-20", "--agreement", files[0], "--events", files[1]])
    assert "│ Services and aid " in done.output and "│ Article 6 " in done.output


def test_pretoria_interim_administration_lasts_until_elections():
    """The interim administration is to be in place until elections are held for the region (voa-via-iafrica-interim): set up, it stays fulfilled while no election is reported."""
    item = tracker("pretoria-2022").status_on("2023-05-02")["10.interim-administration"]
    assert item.status.value == "fulfilled" and item.ended_by is None
    assert tracker("pretoria-2022").agreement.points[-1].obligations[0].until_fulfilment_of == "10.elections"


def test_pretoria_monitors_and_party_voices():
    """The AU is a monitor (jpost-2022-11-04); the appointment's source is Ethiopia's state news agency, a claim of ET (ena-2023-03-23)."""
    item = tracker("pretoria-2022").status_on("2023-03-24")["10.interim-administration"]
    assert [c.voice for c in item.sources] == ["claim of ET"]
    assert "monitor" in {p.id: p.roles for p in tracker("pretoria-2022").agreement.parties}["AU"]


PAGE = EXAMPLES.parent / "examples.md"


def test_examples_page_shows_the_real_output(tmp_path, monkeypatch):
    """Every command on docs/examples.md, run as shown, prints exactly the output pasted under it."""
    import re
    import shlex

    root = EXAMPLES.parents[1]
    for name in ("tests", "src", "docs"):
        (tmp_path / name).symlink_to(root / name)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) >= 6
    for block in blocks:
        command, _, expected = block.partition("\n")
        done = CliRunner().invoke(main, shlex.split(command)[2:], terminal_width=100)
        assert done.output.rstrip("\n") == expected.rstrip("\n"), command


def test_examples_page_charts_exist():
    """Each chart the page shows is in docs/img/ and is a PNG drawn by scripts/make_example_charts.py."""
    import re

    images = re.findall(r"!\[[^\]]*\]\((img/[^)]+)\)", PAGE.read_text(encoding="utf-8"))
    assert images == ["img/example-minsk-2015.png", "img/example-pretoria-2022.png"]
    for image in images:
        assert (EXAMPLES.parent / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


HOWTO = EXAMPLES.parent / "how-to" / "write-an-agreement.md"


def test_write_an_agreement_shows_the_real_files_and_output(tmp_path, monkeypatch):
    """Each file shown on the how-to is the file on disk, and each command prints exactly the output pasted under it."""
    import re
    import shlex

    text = HOWTO.read_text(encoding="utf-8")
    root = EXAMPLES.parents[1]
    shown = re.findall(r"<!-- file: (\S+) -->\n```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert [name for name, _ in shown] == [f"docs/examples/truce/{n}.yaml" for n in ("step-2", "step-3", "agreement", "events-draft", "events")]
    for name, body in shown:
        assert (root / name).read_text(encoding="utf-8") == body, name
    for name in ("tests", "src", "docs"):
        (tmp_path / name).symlink_to(root / name)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 11
    for block in blocks:
        command, _, expected = block.partition("\n")
        done = CliRunner().invoke(main, shlex.split(command)[2:], terminal_width=100)
        assert done.output.rstrip("\n") == expected.rstrip("\n"), command
