"""Checking dataset exports and rule files without loading them into a tracker.

Each ``check_*`` function reads a whole file, raises one error listing every
problem found (with file, line and column), and otherwise returns a one-line
summary of what the file holds. :func:`sniff` tells the kinds apart by their
columns or keys, so one command can check any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .._documents import parse_json, parse_yaml
from ..errors import CeasefireError, Problem
from ..model import Agreement

from ..adapters.acled import DELETION_COLUMNS
from ..adapters.acled import REQUIRED as ACLED_REQUIRED
from ..adapters.rows import read_table
from ..adapters.ucdp import REQUIRED as UCDP_REQUIRED

KINDS: tuple[str, ...] = ("acled", "acled-deletions", "ucdp", "rules")


def sniff(path: str | Path) -> str | None:
    """The kind of dataset file at ``path`` ('acled', 'acled-deletions', 'ucdp', 'rules'), or None."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "rules" if _looks_like_rules(text) else None
    if suffix == ".json":
        return _sniff_json(text)
    try:
        columns = read_table(path, ()).columns
    except CeasefireError:
        return None
    return _by_columns(list(columns))


def _by_columns(columns: list[str]) -> str | None:
    have = set(columns)
    if set(DELETION_COLUMNS) == have:
        return "acled-deletions"
    if set(ACLED_REQUIRED) <= have:
        return "acled"
    if set(UCDP_REQUIRED) <= have:
        return "ucdp"
    return None


def _sniff_json(text: str) -> str | None:
    try:
        data = parse_json(text, "<sniff>")
    except CeasefireError:
        return None
    if isinstance(data, dict) and "rules" in data and "dataset" in data:
        return "rules"
    rows = (data.get("data", data.get("Result")) if isinstance(data, dict) else data)
    if isinstance(rows, list) and rows and isinstance(rows[0], dict):
        return _by_columns([str(k) for k in rows[0]])
    return None


def _looks_like_rules(text: str) -> bool:
    if "rules" not in text or "dataset" not in text:
        return False
    try:
        data = parse_yaml(text, "<sniff>")
    except CeasefireError:
        return False
    return isinstance(data, dict) and "rules" in data and "dataset" in data


def check_acled(path: str | Path) -> str:
    """Every row of an ACLED export (CSV or API JSON) is readable; the summary of what it holds."""
    from ..adapters.acled import convert_acled

    done = convert_acled(path, zone="UTC")
    done.raise_problems()
    return f"{path}: ACLED export, {done.rows} rows, every one readable"


def check_acled_deletions(path: str | Path) -> str:
    """Every row of an ACLED deletions file is readable."""
    from .problems import raise_problems
    from ..errors import InvalidInputError
    from ..adapters.acled import load_deletions

    deletions, problems = load_deletions(path)
    raise_problems((InvalidInputError, p) for p in problems)
    return f"{path}: ACLED deletions, {len(deletions)} rows, every one readable"


def check_ucdp(path: str | Path) -> str:
    """Every row of a UCDP GED CSV file (or API page) is readable.

    A row without source dates passes: it is dated at conversion, by the
    release date given there.
    """
    from ..adapters.ucdp import convert_ucdp

    done = convert_ucdp(path, zone="UTC", released="2000-01-01")
    done.raise_problems()
    return f"{path}: UCDP GED file, {done.rows} rows, every one readable"


def check_rules_file(path: str | Path, agreement: Agreement | None = None) -> str:
    """A mapping-rule file is valid, and names only real obligations of ``agreement`` (by default the bundled one) when written for it."""
    from .. import bundled
    from ..adapters.rules import check_rules, load_rules

    rules = load_rules(path)
    agreement = agreement or bundled.agreement()
    checked = ""
    if rules.agreement == agreement.id:
        check_rules(rules, agreement)
        checked = f", every obligation found in {agreement.id}"
    return f"{path}: mapping rules for {rules.dataset}, {len(rules.rules)} rules{checked}"


CHECKS: dict[str, Callable[[Path], str]] = {
    "acled": check_acled,
    "acled-deletions": check_acled_deletions,
    "ucdp": check_ucdp,
    "rules": check_rules_file,
}
"""The check for each kind :func:`sniff` returns."""


_LABELS = {"acled": "ACLED export", "acled-deletions": "ACLED deletions", "ucdp": "UCDP GED file", "rules": "mapping rules"}


def check_dataset_file(path: Path, agreement: Agreement | None = None) -> tuple[str, str, list[Problem]] | None:
    """Check ``path`` if it is a dataset export or rule file: its kind, a summary and every problem; None for other files."""
    kind = sniff(path)
    if kind is None:
        return None
    try:
        summary = check_rules_file(path, agreement) if kind == "rules" else CHECKS[kind](path)
    except CeasefireError as exc:
        return kind, _LABELS[kind], list(exc.problems)
    return kind, summary.removeprefix(f"{path}: "), []
