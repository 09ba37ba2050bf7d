"""The command line: status, explain, timeline, validate and calendar, and how each reports mistakes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire.cli import main

DATA = Path(__file__).resolve().parents[1] / "src" / "ceasefire" / "data"
COMMANDS = ("status", "explain", "timeline", "validate", "calendar")


def run(*args: str) -> object:
    """Run the command line in-process, keeping stdout and stderr apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    """--help works on each command and shows an example line."""
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example: ceasefire " + command in result.output


def test_status_table_keeps_whole_ids():
    """Piped, the status table prints every id whole and no colour codes."""
    result = run("status", "2020-11-26")
    assert result.exit_code == 0
    assert "4.parallel-withdrawal" in result.stdout and "9.wg-project-lists" in result.stdout
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_status_formats(fmt):
    """status --format writes the export of the report in that format."""
    result = run("status", "2020-11-26", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        assert json.loads(result.stdout)["schema"] == "ceasefire.status/2"
    elif fmt == "csv":
        rows = {r["obligation_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
        assert rows["6.kalbajar"]["status"] == "fulfilled"
    else:
        assert "| 6.lachin | pending |" in result.stdout


def test_status_known_on_changes_the_answer():
    """Known on 14 November, Kalbajar on the 16th is past what was known (unmonitored); with everything known it is pending."""
    early = json.loads(run("status", "2020-11-16", "--known-on", "2020-11-14", "--format", "json").stdout)
    late = json.loads(run("status", "2020-11-16", "--format", "json").stdout)
    status = {d["obligation_id"]: d for d in early["obligations"]}
    assert status["6.kalbajar"]["status"] == "unmonitored"
    assert status["6.kalbajar"]["horizon"]["last_known"] == "pending"
    assert early["evidence_ends"].startswith("2020-11-14T23:59:59")
    assert {d["obligation_id"]: d["status"] for d in late["obligations"]}["6.kalbajar"] == "pending"


def test_explain_shows_reasons_quotes_and_sources():
    """explain prints the status, the amendment, the event and verbatim quotes with their files."""
    result = run("explain", "6.kalbajar", "--on", "2020-11-26")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("6.kalbajar: fulfilled")
    assert "kalbajar-postponement" in out and "in effect from end of 2020-11-15 (Asia/Baku)" in out
    assert "seed.kalbajar-handover" in out
    assert '"units of the Azerbaijani army entered the Kalbajar region on November 25"' in out
    assert "seeds/003_fb48a464cd13c67d.txt" in out



def test_explain_lists_the_figures_to_date():
    """explain lists each reported figure with its target and the event it comes from."""
    out = run("explain", "3.peacekeepers", "--on", "2020-11-20").stdout
    assert "figures to date:" in out
    assert "servicemen: a personnel of 1960 (target 1960; latest from rec.peacekeepers-deployed)" in out

def test_explain_json():
    """explain --format json gives the obligation's document: on the seeds alone Lachin is past the evidence, with the record fulfilled."""
    document = json.loads(run("--seeds-only", "explain", "6.lachin", "--on", "2020-12-02", "--format", "json").stdout)
    assert document["status"] == "unmonitored"
    assert document["horizon"]["last_known"] == "pending"
    assert json.loads(run("explain", "6.lachin", "--on", "2020-12-02", "--format", "json").stdout)["status"] == "fulfilled"


def test_timeline_table_and_filter():
    """timeline --obligation shows only that obligation's intervals, with open and closed ends."""
    result = run("--seeds-only", "timeline", "--from", "2020-11-10", "--to", "2020-12-31", "--obligation", "6.lachin")
    assert result.exit_code == 0
    assert "(end of 2020-12-01 (Asia/Baku)" in result.stdout and "seed-events.yaml stops watching" in result.stdout
    assert "6.kalbajar" not in result.stdout


def test_timeline_json():
    """timeline --format json follows the timeline schema name."""
    result = run("timeline", "--from", "2020-11-01", "--to", "2020-11-30", "--format", "json")
    assert json.loads(result.stdout)["schema"] == "ceasefire.timeline/2"


@pytest.mark.parametrize(
    "args, message",
    [
        (["status", "2020-13-45"], "expected a real date"),
        (["status", "2020-11-16T10:00:00"], "with no offset"),
        (["status", "2020-11-16", "--format", "xml"], "'xml' is not one of"),
        (["status", "2020-11-16", "--events", "no-such-file.yaml"], "does not exist"),
        (["explain", "6.kelbajar", "--on", "2020-11-26"], "obligation_id: received '6.kelbajar'"),
        (["timeline", "--from", "2020-12-01", "--to", "2020-11-01"], "after the end"),
        (["timeline", "--from", "2020-11-01", "--to", "2020-11-30", "--obligation", "nope"], "obligation_id: received 'nope'; expected an obligation of nk-2020"),
    ],
)
def test_user_mistakes_give_one_message_and_no_traceback(args, message):
    """A bad date, format, file or id ends with a message on stderr, exit code 2 and no traceback."""
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_validate_accepts_the_bundled_files():
    """The bundled agreement and seed events validate with exit code 0."""
    result = run("validate", str(DATA / "nk-2020.yaml"), str(DATA / "seed-events.yaml"))
    assert result.exit_code == 0, result.output
    assert "agreement nk-2020" in result.stdout


def test_validate_reports_every_problem_with_file_and_line(tmp_path):
    """Each wrong link, undeclared source and undated event is reported with its file and line, and the exit code is 1."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "zone: Asia/Baku\n"
        "events:\n"
        "  - id: e1\n"
        "    kind: handover\n"
        "    summary: a handover\n"
        "    occurred: 2020-11-25\n"
        "    links: [{obligation: 6.kelbajar, role: fulfils}]\n"
        "    sources: [{source: nowhere}]\n",
        encoding="utf-8",
    )
    missing = tmp_path / "missing.yaml"
    result = run("validate", str(bad), str(missing))
    assert result.exit_code == 1
    assert f"{bad}:7 (events[0].links[0].obligation)" in result.stdout
    assert f"{bad}:8 (events[0].sources[0].source)" in result.stdout
    assert "no 'reported' time" in result.stdout
    assert f"{missing}: received no such file" in result.stdout
    assert "4 problem(s) in 2 of 2 file(s)" in result.stderr


def test_validate_reports_an_impossible_date(tmp_path):
    """A date such as 31 November is reported with its line, not as a crash."""
    bad = tmp_path / "dates.yaml"
    bad.write_text("events:\n  - id: e1\n    occurred: 2020-11-31\n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3: received '2020-11-31', a day that is not on the calendar" in result.stdout


def test_validate_checks_events_against_a_given_agreement(tmp_path):
    """With --agreement, event links are checked against that agreement's obligations."""
    agreement = tmp_path / "accord.yaml"
    agreement.write_text(
        "id: accord\ntitle: An accord\nzone: UTC\nparties: [{id: A, name: A, roles: [party]}]\n"
        "announced: 2021-01-01\neffective: '2021-01-01T00:00:00+00:00'\n"
        "sources: [{id: text, title: Text, published: 2021-01-01}]\n"
        "points: [{number: 1, summary: Truce, obligations: [{id: 1.truce, kind: standing, bearers: [A], summary: No fire}]}]\n",
        encoding="utf-8",
    )
    events = tmp_path / "events.yaml"
    events.write_text(
        "zone: UTC\nevents:\n  - {id: e1, kind: clash, summary: A clash, occurred: 2021-01-05,\n"
        "     links: [{obligation: 6.kalbajar, role: breaches}], sources: [{source: text}]}\n",
        encoding="utf-8",
    )
    result = run("validate", str(events), "--agreement", str(agreement))
    assert result.exit_code == 1
    assert "obligation id '6.kalbajar' in event e1" in result.stdout
    assert "an obligation of accord" in result.stdout


def test_installed_command_runs_in_a_subprocess(tmp_path):
    """The installed `ceasefire` command prints the status table, and a bad date exits 2 with one line on stderr."""
    exe = shutil.which("ceasefire") or pytest.skip("the ceasefire command is not installed")
    ok = subprocess.run([exe, "status", "2020-12-02"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0
    assert "6.lachin" in ok.stdout and "rec.lachin-handover" in ok.stdout
    assert "The loaded evidence ends at" in ok.stdout
    bad = subprocess.run([exe, "explain", "6.kalbajar", "--on", "yesterday"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: ") and len(bad.stderr.strip().splitlines()) == 1
    assert "Traceback" not in bad.stderr


def test_module_entry_point_matches():
    """python -m ceasefire runs the same command line."""
    out = subprocess.run([sys.executable, "-m", "ceasefire", "timeline", "--help"], capture_output=True, text=True, check=True)
    assert "Example: ceasefire timeline" in out.stdout


def test_quotes_with_brackets_are_printed_verbatim():
    """A quote holding square brackets is printed exactly as the source has it."""
    out = run("explain", "6.kalbajar", "--on", "2020-11-26").stdout
    assert "Kalbajar region [in the zone of the Karabakh conflict] to Azerbaijan" in out


HOWTO = Path(__file__).resolve().parents[1] / "docs" / "how-to"
PAGES = ("status.md", "explain.md", "timeline.md", "validate.md", "calendar.md")


@pytest.mark.parametrize("page", PAGES)
def test_howto_pages_show_the_real_output(page, tmp_path, monkeypatch):
    """Every command on the how-to page, run as shown, prints exactly the output pasted under it."""
    import re
    import shlex

    root = HOWTO.parents[1]
    for name in ("tests", "src"):
        (tmp_path / name).symlink_to(root / name)
    monkeypatch.chdir(tmp_path)
    text = (HOWTO / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        command, _, expected = block.partition("\n")
        done = CliRunner().invoke(main, shlex.split(command)[2:], terminal_width=100)
        assert done.output.rstrip("\n") == expected.rstrip("\n"), command
    if page == "calendar.md":
        excerpt = re.findall(r"```text\n(.*?)```", text, flags=re.S)[0]
        assert excerpt in (tmp_path / "deadlines.ics").read_text(encoding="utf-8").replace("\r\n", "\n")


def test_validate_checks_links_beside_an_ill_formed_event(tmp_path):
    """An event with a bad role is reported, and the wrong obligation id of the well-formed event after it too, in line order."""
    bad = tmp_path / "mixed.yaml"
    bad.write_text(
        "zone: Asia/Baku\n"
        "sources: [{id: wire, title: Wire, published: 2020-11-26}]\n"
        "events:\n"
        "  - {id: e1, kind: handover, summary: one, occurred: 2020-11-20, links: [{obligation: 2.aghdam, role: fulfills}], sources: [{source: wire}]}\n"
        "  - {id: e2, kind: handover, summary: two, occurred: 2020-11-25, links: [{obligation: 6.kelbajar, role: fulfils}], sources: [{source: wire}]}\n",
        encoding="utf-8",
    )
    result = run("validate", str(bad))
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("  - ")]
    assert len(lines) == 2
    assert "(events[0].links[0].role): received 'fulfills'" in lines[0]
    assert "(events[1].links[0].obligation): received obligation id '6.kelbajar'" in lines[1]


def test_status_table_says_what_its_evidence_and_sources_columns_hold():
    """A term in force rests on the statement's text, so its row cites no source: the table says the count leaves that text out, and where the events' words are."""
    out = run("status", "2023-10-01").stdout
    row = next(line for line in out.splitlines() if "4.term" in line)
    assert row.rstrip("│ ").endswith("0")
    assert "not counting the agreement's own text" in out
    assert "ceasefire explain OBLIGATION --on DATE" in out
