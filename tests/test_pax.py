"""PA-X rows (invented, in PA-X's named columns) imported as agreement skeletons."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ceasefire.errors import InvalidInputError
from ceasefire.model import Agreement
from ceasefire.pax import pax_skeleton

PAX = Path(__file__).parent / "data" / "pax" / "pax-invented.csv"


def test_a_row_becomes_a_skeleton_with_its_pax_id_and_cells_kept() -> None:
    """Title, date, parties' text and the PA-X id are carried over; other non-zero cells are kept as written in metadata."""
    data = pax_skeleton(PAX, "invented-2020", "Europe/Moscow", pax_id="90001")
    assert (data["title"], data["announced"], data["external_ids"]) == ("Invented test statement on a ceasefire", "2020-11-09", ["pax:90001"])
    assert data["effective"] == "2020-11-09T00:00:00+03:00" and data["points"] == []
    assert data["parties"][0]["name"] == "Invented Party A; Invented Party B"
    assert data["metadata"] == {
        "pax.Dat": "2020-11-09", "pax.Con": "Invented country A/Invented country B", "pax.Agtp": "Inter", "pax.Stage": "Cea",
        "pax.Part": "Invented Party A; Invented Party B", "pax.ThrdPart": "Invented Mediator C", "pax.InventedProvisionA": "1",
    }  # fmt: skip


def test_a_file_of_several_rows_needs_a_pax_id() -> None:
    """Without --pax-id, a file with two rows is refused, naming the ids it holds."""
    with pytest.raises(InvalidInputError, match="90001, 90002"):
        pax_skeleton(PAX, "x", "UTC")


def test_the_skeleton_is_refused_until_completed_then_loads(tmp_path: Path) -> None:
    """The written skeleton fails loading (no points, a TODO party); completed with a party and a point, it loads and keeps pax:90001."""
    from ceasefire import CeasefireError
    from ceasefire.loading import load_agreement
    from ceasefire.pax import write_pax_skeleton

    written = write_pax_skeleton(tmp_path / "a.yaml", PAX, "invented-2020", "Europe/Moscow", pax_id="90001")
    with pytest.raises(CeasefireError):
        load_agreement(written)
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    data["parties"] = [{"id": "A", "name": "Invented Party A", "roles": ["party"]}]
    data["points"] = [{"number": 1, "summary": "s", "obligations": [{"id": "1.a", "kind": "standing", "bearers": ["A"], "summary": "s"}]}]
    (tmp_path / "done.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    loaded = load_agreement(tmp_path / "done.yaml")
    assert isinstance(loaded, Agreement) and loaded.external_ids == ["pax:90001"] and loaded.metadata["pax.Stage"] == "Cea"


def test_import_command_writes_yaml_and_never_overwrites(tmp_path: Path) -> None:
    """`ceasefire import pax` writes the skeleton with its TODO header, and refuses to write over an existing file."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    args = ["import", "pax", str(PAX), "--pax-id", "90002", "--agreement-id", "inv", "--zone", "UTC", "--out", str(tmp_path / "a.yaml")]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Agreement skeleton") and yaml.safe_load(text)["external_ids"] == ["pax:90002"]
    again = CliRunner().invoke(main, args)
    assert again.exit_code != 0 and "already exists" in again.output
