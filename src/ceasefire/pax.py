"""PA-X (the Peace Agreements Database) rows read into agreement skeletons for a person to complete.

PA-X describes each agreement in one CSV row: ``AgtId`` (its id), ``Agt`` (its
name), ``Dat`` (its date), ``Con`` (the country or conflict), ``Agtp`` (its
type), ``Stage``, ``Part`` (the parties, as free text), ``ThrdPart`` (third
parties), and many provision columns. It does not hold the obligations
themselves, so an import gives a *skeleton*: the title, the date, the parties'
text, the PA-X id as ``external_ids: [pax:<AgtId>]`` and every other non-empty,
non-zero cell kept as written in ``metadata`` (``pax.<column>``). Nothing is
interpreted: the stage, type and provision codes stay PA-X's own.

The skeleton is not yet a valid agreement: it has no points, its effective
instant is only the PA-X date at midnight, and its parties are one entry
holding PA-X's text. Each of these is marked ``TODO`` for the person who
completes it; until then ``ceasefire validate`` refuses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InvalidInputError, Problem
from .time import start_of_day, zone as known_zone

REQUIRED = ("AgtId", "Agt", "Dat")
NAMED = ("AgtId", "Agt", "Dat", "Con", "Agtp", "Stage", "Part", "ThrdPart")


def pax_skeleton(path: str | Path, agreement_id: str, zone: str, *, pax_id: str | None = None) -> dict[str, Any]:
    """The skeleton of an agreement file from one PA-X row (the one whose ``AgtId`` is ``pax_id``, or the only row)."""
    from .adapters.cells import Cells
    from .adapters.rows import read_table

    known_zone(zone, where="zone")
    table = read_table(Path(path), REQUIRED)
    rows = [r for r in table.rows if r.error is None]
    bad = [r.error for r in table.rows if r.error is not None]
    if bad:
        raise InvalidInputError([b for b in bad if b is not None])
    if pax_id is not None:
        rows = [r for r in rows if r.get("AgtId") == str(pax_id)]
    if len(rows) != 1:
        ids = ", ".join(r.get("AgtId") for r in table.rows[:10])
        received = f"{len(rows)} rows with AgtId {pax_id}" if pax_id is not None else f"{len(rows)} rows (AgtId {ids})"
        raise InvalidInputError(Problem(str(path), received, "one PA-X row; choose it with --pax-id, e.g. --pax-id 2297"))
    row = rows[0]
    cells = Cells(row)
    day = cells.date("Dat")
    title = cells.text("Agt", required=True)
    pax = cells.text("AgtId", required=True)
    if cells.problems or day is None:
        raise InvalidInputError(cells.problems)
    metadata = {f"pax.{k}": v.strip() for k, v in row.values.items() if k not in ("AgtId", "Agt") and v.strip() and v.strip() != "0"}
    parties = row.get("Part") or "TODO: the parties"
    return {
        "id": agreement_id,
        "title": title,
        "zone": zone,
        "parties": [{"id": "TODO", "name": parties, "roles": ["party"], "signed_by": None}],
        "announced": day.isoformat(),
        "effective": start_of_day(day, zone).isoformat(),
        "points": [],
        "external_ids": [f"pax:{pax}"],
        "metadata": metadata,
        "note": f"Skeleton from PA-X row {row.where}. TODO: split the parties, check when it took effect, add the points and obligations.",
    }


def write_pax_skeleton(out: str | Path, path: str | Path, agreement_id: str, zone: str, *, pax_id: str | None = None) -> Path:
    """Write :func:`pax_skeleton` as YAML to ``out`` (never over an existing file), with a header saying what to complete."""
    import yaml

    target = Path(out)
    if target.exists():
        raise InvalidInputError(Problem(str(target), "a file that already exists", "a new file name, so no agreement is overwritten"))
    data = pax_skeleton(path, agreement_id, zone, pax_id=pax_id)
    header = (
        f"# Agreement skeleton written by `ceasefire import pax` from {path} (PA-X AgtId {data['external_ids'][0][4:]}).\n"
        "# TODO before use: split 'parties' into one entry per party (id, name, roles), check 'effective'\n"
        "# (PA-X gives a date; midnight in the zone was written), and add the points and their obligations.\n"
        "# metadata keeps PA-X's other cells as written; ceasefire does not interpret them.\n"
    )
    tmp = target.with_name(target.name + ".partial")
    tmp.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
    tmp.replace(target)
    return target
