"""JSON Schemas for ceasefire's files, generated from the models that read them.

Editors that understand JSON Schema (VS Code with the YAML extension, JetBrains
IDEs, ...) can check an agreement, event or mapping-rule file while it is
written. The published copies live in ``docs/schemas/``; a test keeps them
equal to what this module generates. The schemas check each field's form; the
checks that need the whole picture (ids that must exist, quotes that must be
found) still happen when ceasefire loads the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS: tuple[str, ...] = ("agreement", "events", "rules")
"""The file kinds with a schema, as ``ceasefire schema KIND`` names them."""


def _model(kind: str) -> type[BaseModel]:
    from .adapters.rules import RuleSet
    from .errors import InvalidInputError, Problem
    from .model import Agreement, EventLog

    models: dict[str, type[BaseModel]] = {"agreement": Agreement, "events": EventLog, "rules": RuleSet}
    if kind not in models:
        raise InvalidInputError(Problem("schema kind", repr(kind), f"one of {', '.join(KINDS)}"))
    return models[kind]


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file: 'agreement', 'events' or 'rules'."""
    schema = _model(kind).model_json_schema()
    return {"$schema": DIALECT, "$id": f"{kind}.schema.json", **schema}


def schema_text(kind: str) -> str:
    """The schema as the text published in ``docs/schemas/KIND.schema.json``."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: str | Path) -> list[Path]:
    """Write every schema into ``folder`` as ``KIND.schema.json``; return the paths written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
