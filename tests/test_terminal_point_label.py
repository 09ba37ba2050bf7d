"""The terminal status table names each obligation's point by its label when the agreement labels its points."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ceasefire.cli import main

LABELLED = """\
id: labelled
title: Two unnumbered articles
zone: UTC
parties:
  - {id: A, name: Army of A, roles: [party, signatory]}
  - {id: F, name: Foreign forces, roles: [third party]}
announced: 2021-03-01
effective: "2021-03-01T00:00:00+00:00"
points:
  - label: Article on the ceasefire
    summary: fire stops
    obligations: [{id: hold, kind: standing, bearers: [A], summary: hold fire}]
  - number: 7
    summary: a numbered point among labelled ones
    obligations: [{id: out, kind: deadline, bearers: [F], summary: leave, due: {by: 2021-06-01}}]
"""

EVENTS = "zone: UTC\ncovers: {from: 2021-03-01, to: 2021-12-31}\nevents: []\n"


def _table(tmp_path: Path, agreement: str) -> str:
    (tmp_path / "a.yaml").write_text(agreement, encoding="utf-8")
    (tmp_path / "e.yaml").write_text(EVENTS, encoding="utf-8")
    done = CliRunner().invoke(main, ["status", "2021-04-01", "--agreement", str(tmp_path / "a.yaml"), "--events", str(tmp_path / "e.yaml")])
    assert done.exit_code == 0, done.output
    return done.output


def test_labels_head_each_row(tmp_path: Path) -> None:
    """A labelled point's rows start with its label; an unlabelled point in the same agreement shows its number."""
    rows = {line.split("│")[2].strip(): line.split("│")[1].strip() for line in _table(tmp_path, LABELLED).splitlines() if line.count("│") > 3}
    assert rows["hold"] == "Article on the ceasefire"
    assert rows["out"] == "7"


def test_no_point_column_without_labels(tmp_path: Path) -> None:
    """An agreement without labels keeps the table as it was: the obligation id comes first."""
    plain = LABELLED.replace("  - label: Article on the ceasefire\n", "  - number: 1\n")
    header = next(line for line in _table(tmp_path, plain).splitlines() if "obligation" in line and "┃" in line)
    assert header.split("┃")[1].strip() == "obligation" and "point" not in header


def test_explain_and_json_name_the_label(tmp_path: Path) -> None:
    """`explain` writes the point's label beside its position, and the JSON status carries it as `point_label`."""
    import json

    (tmp_path / "a.yaml").write_text(LABELLED, encoding="utf-8")
    (tmp_path / "e.yaml").write_text(EVENTS, encoding="utf-8")
    files = ["--agreement", str(tmp_path / "a.yaml"), "--events", str(tmp_path / "e.yaml")]
    explained = CliRunner().invoke(main, ["explain", "hold", "--on", "2021-04-01", *files])
    assert explained.exit_code == 0, explained.output
    assert "point 1 (Article on the ceasefire), standing" in explained.output
    listed = CliRunner().invoke(main, ["status", "2021-04-01", "--format", "json", *files])
    assert listed.exit_code == 0, listed.output
    found = {o["obligation_id"]: o["point_label"] for o in json.loads(listed.output)["obligations"]}
    assert found == {"hold": "Article on the ceasefire", "out": None}
