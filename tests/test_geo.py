"""GeoJSON export of the events and places behind a status."""

from __future__ import annotations

import json
from pathlib import Path

from ceasefire import Tracker, bundled
from ceasefire.adapters import convert_acled, load_rules
from ceasefire.geo import geojson

DATA = Path(__file__).parent / "data" / "acled"
RULES = Path(bundled.DATA) / "rules" / "nk-2020-acled.yaml"


def test_events_keep_their_coordinates_and_carry_their_obligations_status() -> None:
    """Each counted ACLED event is a Point at its row's longitude and latitude, with the obligations it bears on and their status."""
    agreement = bundled.agreement()
    log = convert_acled(DATA / "export-2020-11-28.csv", agreement=agreement, rules=load_rules(RULES)).raise_problems()
    data = geojson(Tracker(agreement, log), "2020-11-30")
    events = {f["properties"]["id"]: f for f in data["features"] if f["properties"]["feature"] == "event"}
    assert events["AZE1002"]["geometry"] == {"type": "Point", "coordinates": [46.0383, 40.1098]}
    assert events["AZE1002"]["properties"]["coordinates_from"] == "record"
    assert events["AZE1002"]["properties"]["obligations"] == [{"obligation": "6.kalbajar", "role": "fulfils", "made_by": "rule", "status": "fulfilled"}]
    earlier = geojson(Tracker(agreement, log), "2020-11-13")
    (clash,) = [f for f in earlier["features"] if f["properties"].get("id") == "AZE1001"]
    assert clash["properties"]["obligations"][0]["status"] == "breached"
    json.dumps(data)


def test_places_with_coordinates_are_features_and_events_without_any_are_listed() -> None:
    """A place given coordinates becomes a Point with its obligations' status; an event with no coordinates is named in 'unplaced'."""
    agreement = bundled.agreement()
    places = [p.model_copy(update={"latitude": 40.1, "longitude": 46.04}) if p.name == "Kalbajar" else p for p in agreement.places]
    agreement = agreement.model_copy(update={"places": places})
    log = convert_acled(DATA / "export-2020-11-28.csv", agreement=agreement, rules=load_rules(RULES)).raise_problems()
    stripped = log.model_copy(update={"events": [e.model_copy(update={"record": None}) if e.id == "AZE1001" else e for e in log.events]})
    data = geojson(Tracker(agreement, stripped), "2020-11-30")
    (kalbajar,) = [f for f in data["features"] if f["properties"]["feature"] == "place"]
    assert kalbajar["geometry"]["coordinates"] == [46.04, 40.1] and kalbajar["properties"]["obligations"] == {"6.kalbajar": "fulfilled"}
    assert data["unplaced"] == ["AZE1001"]


def test_geojson_command_writes_the_file(tmp_path: Path) -> None:
    """`ceasefire geojson` writes a FeatureCollection and says how many features it holds."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    runner = CliRunner()
    converted = runner.invoke(main, ["convert", "acled", str(DATA / "export-2020-11-28.csv"), "--out", str(tmp_path / "e.yaml")])
    assert converted.exit_code == 0, converted.output
    done = runner.invoke(main, ["geojson", "2020-11-30", "--events", str(tmp_path / "e.yaml"), "--out", str(tmp_path / "s.geojson")])
    assert done.exit_code == 0, done.output
    data = json.loads((tmp_path / "s.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "events" in done.output and not (tmp_path / "s.geojson.partial").exists()
