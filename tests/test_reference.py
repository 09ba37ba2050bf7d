"""The generated reference page of the input files (docs/reference/files.md) stays complete and current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ceasefire import model

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_reference.py"


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location("make_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_page_is_current(reference):
    """The page on disk is exactly what the models give now; after a model change run python scripts/make_reference.py."""
    assert reference.PAGE.read_text(encoding="utf-8") == reference.render()


def test_every_field_has_a_meaning(reference):
    """No field of any model reachable from an agreement or event file lacks a meaning (add a description to the field, or to DESCRIPTIONS in the script)."""
    missing = [
        f"{cls.__name__}.{name}"
        for _, root, _ in reference.ROOTS
        for cls in reference._reachable(root)
        for name, field in cls.model_fields.items()
        if reference._meaning(cls, name, field) == "(no description yet)"
    ]
    assert missing == []


def test_every_input_model_has_a_section(reference):
    """Every model a user can write (obligations of each kind, amendments, events, sources, citations, quantities, links...) has its own section."""
    text = reference.render()
    wanted = [model.Agreement, model.Party, model.Place, model.Source, model.Point, model.DeadlineObligation, model.StandingObligation,
              model.ProgressObligation, model.TermObligation, model.Due, model.Quantity, model.Citation, model.Amendment, model.EventLog,
              model.Event, model.Link, model.Dispute, model.Discrepancy, model.Claim, model.Record, model.Location, model.Deletion]
    for cls in wanted:
        assert f"\n### {cls.__name__}\n" in text
        for name in cls.model_fields:
            assert f"| `{name}` |" in text.split(f"\n### {cls.__name__}\n")[1].split("\n### ")[0]


def test_refusals_are_listed(reference):
    """Each section says what is refused: unknown fields always, and the rules a model checks across fields."""
    text = reference.render()
    assert text.count("Refused: fields not listed above") == text.count("\n### ")
    assert "none, or more than one, of `by`, `at` and `within`" in text
    assert "`confidence` above 1" in text
    assert "both `published` and `published_not_after`" in text


def test_an_example_with_backticks_stays_one_code_span(reference):
    """An example value holding backticks or a pipe is written as one code span in one table cell."""
    cell = reference._example({"note": "see `a|b`"})
    assert cell.startswith("`` ") and cell.endswith(" ``") and "\\|" in cell
    assert cell.count("``") == 2
