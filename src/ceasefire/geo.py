"""Events and places as GeoJSON, each with the status of the obligations it bears on.

:func:`geojson` gives a ``FeatureCollection`` (RFC 7946: longitude before
latitude, WGS 84) for a status date and an optional knowledge cut-off:

* one ``Point`` per event counted for some obligation on that date, at the
  coordinates its dataset gave (``coordinates_from: "record"``), else at its
  place's coordinates from the agreement (``coordinates_from: "place"``, which
  says where the place is, not where the event was); events with neither are
  listed in the collection's ``unplaced`` member rather than dropped;
* one ``Point`` per place of the agreement with coordinates, with the status of
  every obligation that has evidence there.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .engine import Tracker, When
from .model import Event


def _current(events: list[Event], known_on: dt.datetime | None) -> Event | None:
    """The version of an event counted at ``known_on``: the newest published by then (all versions if None)."""
    usable = [e for e in events if known_on is None or e.version is None or e.version <= known_on]
    return max(usable, key=lambda e: e.version or dt.datetime.min.replace(tzinfo=dt.timezone.utc)) if usable else None


def geojson(tracker: Tracker, when: When, *, known_on: When | None = None) -> dict[str, Any]:
    """The events and places behind the status on ``when`` (as known on ``known_on``), as a GeoJSON FeatureCollection."""
    report = tracker.status_on(when, known_on=known_on)
    places = {p.name: p for p in tracker.agreement.places}
    by_id: dict[str, list[Event]] = {}
    for event in tracker.events:
        by_id.setdefault(event.id, []).append(event)
    links: dict[str, list[dict[str, str]]] = {}
    at_place: dict[str, dict[str, str]] = {}
    for item in report.obligations:
        for evidence in (*item.evidence, *item.breaches, *item.context):
            links.setdefault(evidence.event_id, []).append(
                {"obligation": item.obligation_id, "role": evidence.role, "made_by": evidence.made_by, "status": _value(item.status)}
            )
            if evidence.canonical_place:
                at_place.setdefault(evidence.canonical_place, {})[item.obligation_id] = _value(item.status)
    features: list[dict[str, Any]] = []
    unplaced: list[str] = []
    for event_id, bearing in links.items():
        chosen = _current(by_id.get(event_id, []), report.known_on)
        if chosen is None:
            continue
        event = chosen
        point, origin = _point(event, places)
        if point is None:
            unplaced.append(event_id)
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": point},
                "properties": {
                    "feature": "event",
                    "id": event.id,
                    "kind": event.kind,
                    "summary": event.summary,
                    "place": event.place,
                    "occurred_from": event.occurred.earliest.isoformat(),
                    "occurred_to": event.occurred.latest.isoformat(),
                    "coordinates_from": origin,
                    "obligations": bearing,
                },
            }
        )
    for place in tracker.agreement.places:
        if place.latitude is None or place.longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": {"feature": "place", "name": place.name, "aliases": place.aliases, "obligations": at_place.get(place.name, {})},
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "at": report.at.isoformat(),
        "known_on": report.known_on.isoformat() if report.known_on else None,
        "agreement": report.agreement_id,
        "unplaced": sorted(unplaced),
    }


def _value(status: object) -> str:
    return str(getattr(status, "value", status))


def _point(event: Event, places: dict[str, Any]) -> tuple[list[float] | None, str | None]:
    where = event.record.location if event.record is not None else None
    if where is not None and where.latitude is not None and where.longitude is not None:
        return [where.longitude, where.latitude], "record"
    place = places.get(event.place or "")
    if place is not None and place.latitude is not None and place.longitude is not None:
        return [place.longitude, place.latitude], "place"
    return None, None


def write_geojson(path: str | Path, tracker: Tracker, when: When, *, known_on: When | None = None) -> Path:
    """Write :func:`geojson` to ``path`` (through a temporary file, so a failure leaves no half-written file)."""
    out = Path(path)
    tmp = out.with_name(out.name + ".partial")
    tmp.write_text(json.dumps(geojson(tracker, when, known_on=known_on), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out
