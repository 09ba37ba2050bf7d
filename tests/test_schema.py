"""The published JSON Schemas are generated from the models and accept the files ceasefire ships."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ceasefire import bundled
from ceasefire.errors import InvalidInputError
from ceasefire.schema import KINDS, json_schema, schema_text

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = ROOT / "docs" / "schemas"


class _TextTimes(yaml.SafeLoader):
    """A YAML loader that leaves dates and times as the strings an editor sees."""


_TextTimes.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_as_editor(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextTimes)  # noqa: S506 - a SafeLoader subclass


@pytest.mark.parametrize("kind", KINDS)
def test_published_schema_equals_the_generated_one(kind: str) -> None:
    """docs/schemas/KIND.schema.json is exactly what the models generate today (regenerate with `ceasefire schema KIND --out ...`)."""
    assert (PUBLISHED / f"{kind}.schema.json").read_text(encoding="utf-8") == schema_text(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    """Each schema is itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("agreement", bundled.AGREEMENT_FILE),
        ("events", bundled.SEED_EVENTS_FILE),
        ("rules", bundled.DATA / "rules" / "nk-2020-acled.yaml"),
        ("rules", ROOT / "tests" / "data" / "ucdp" / "rules.yaml"),
    ],
)
def test_shipped_files_satisfy_their_schema(kind: str, path: Path) -> None:
    """The bundled agreement, seed events and rule files pass their schema as an editor would check them."""
    jsonschema.Draft202012Validator(json_schema(kind)).validate(load_as_editor(path))


def test_schema_catches_a_misspelt_field() -> None:
    """A field the model does not know fails the schema, as it fails loading."""
    data = load_as_editor(bundled.DATA / "rules" / "nk-2020-acled.yaml")
    data["rules"][0]["match"]["subevent_type"] = ["Armed clash"]  # type: ignore[index]
    errors = list(jsonschema.Draft202012Validator(json_schema("rules")).iter_errors(data))
    assert errors and "subevent_type" in json.dumps([e.message for e in errors])


def test_unknown_kind_is_refused() -> None:
    """Asking for a schema of an unknown kind names the kinds there are."""
    with pytest.raises(InvalidInputError, match="agreement, events, rules"):
        json_schema("treaty")


def test_schema_command_prints_and_writes(tmp_path: Path) -> None:
    """`ceasefire schema KIND` prints the published schema, and --out writes the same text to a file."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    printed = CliRunner().invoke(main, ["schema", "rules"])
    assert printed.exit_code == 0 and printed.output == schema_text("rules")
    out = tmp_path / "events.schema.json"
    assert CliRunner().invoke(main, ["schema", "events", "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_text("events")
