"""A loaded feed holds one object for each repeated part, and nothing a user can see or do tells it from a copy per event."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest
from pydantic import ValidationError

from ceasefire import parse_events
from ceasefire import time as cftime
from ceasefire.errors import CeasefireError
from ceasefire.model import Event


def _new(text: str) -> str:
    """``text`` as a new string object, as a parser makes one for every value it reads (a literal is one object everywhere)."""
    return "".join(list(text))


def _event(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"ev-{i}",
        "kind": _new("handover"),
        "summary": f"step {i}",
        "occurred": "2021-01-01",
        "actors": [_new("Armenia"), _new("Azerbaijan")],
        "links": [{"obligation": "withdraw", "role": "advances"}],
        "sources": [{"source": "s", "quote": "the same words"}],
        "version": "2021-02-01T00:00:00+00:00",
        **extra,
    }


def _log(*events: dict[str, Any]) -> dict[str, Any]:
    return {"zone": "Asia/Baku", "sources": [{"id": "s", "title": "a report"}], "events": list(events)}


def test_equal_parts_are_one_object() -> None:
    """Equal links, citations, instants, windows and names read from a file are one object each, shared by the events."""
    one, two = _event(1), _event(2)
    assert one["kind"] is not two["kind"] and one["actors"][0] is not two["actors"][0]
    a, b = parse_events(_log(one, two)).events
    assert a.links[0] is b.links[0]
    assert a.sources[0] is b.sources[0]
    assert a.version is b.version
    assert a.occurred is b.occurred
    assert a.kind is b.kind
    assert a.actors[0] is b.actors[0] and a.actors[1] is b.actors[1]


def test_what_was_given_is_kept() -> None:
    """Every event dumps, in full and as given, exactly as the same event validated on its own, with no sharing."""
    raw = [
        _event(1),
        _event(2, links=[{"obligation": "withdraw", "role": "advances", "made_by": "person"}]),
        _event(3, sources=[{"source": "s", "quote": "the same words", "paraphrase": False}]),
        _event(4, links=[{"obligation": "withdraw", "role": "breaches", "note": "shelling"}, {"obligation": "withdraw", "role": "advances"}]),
    ]
    loaded = parse_events(_log(*raw)).events
    for given, event in zip(raw, loaded):
        alone = Event.model_validate(given, context={"zone": "Asia/Baku"})
        assert event == alone
        assert event.model_dump(mode="json") == alone.model_dump(mode="json")
        assert event.model_dump(exclude_unset=True) == alone.model_dump(exclude_unset=True)
        assert pickle.loads(pickle.dumps(event)).model_dump(exclude_unset=True) == alone.model_dump(exclude_unset=True)


def test_fields_given_keep_parts_apart() -> None:
    """A link that names its default ``made_by`` and one that leaves it out are equal in value but kept as two records."""
    a, b = parse_events(_log(_event(1), _event(2, links=[{"obligation": "withdraw", "role": "advances", "made_by": "person"}]))).events
    assert a.links[0] == b.links[0]
    assert a.links[0] is not b.links[0]
    assert "made_by" not in a.links[0].model_dump(exclude_unset=True)
    assert b.links[0].model_dump(exclude_unset=True)["made_by"] == "person"
    noted = {"obligation": "withdraw", "role": "advances", "note": "person"}
    made = {"obligation": "withdraw", "role": "advances", "made_by": "person"}
    c, d = parse_events(_log(_event(1, links=[noted]), _event(2, links=[made]))).events
    assert c.links[0].note == "person" and c.links[0].made_by == "person"
    assert d.links[0].note is None and d.links[0].made_by == "person"


def test_parts_that_could_change_or_blur_are_not_shared() -> None:
    """A link holding a list of figure names, or a confidence (a float: -0.0 equals 0.0), stays its event's own."""
    figures = {"quantities": [{"name": "troops", "value": 5}]}
    named = [{"obligation": "withdraw", "role": "advances", "quantities": ["troops"]}]
    a, b = parse_events(_log(_event(1, **figures, links=named), _event(2, **figures, links=named))).events
    assert a.links[0] == b.links[0] and a.links[0] is not b.links[0]
    assert a.links[0].quantities is not b.links[0].quantities
    zero, negative = (
        parse_events(_log(_event(1, links=[{"obligation": "withdraw", "role": "advances", "confidence": 0.0}]),
                          _event(2, links=[{"obligation": "withdraw", "role": "advances", "confidence": -0.0}]))).events
    )
    assert repr(zero.links[0].confidence) == "0.0" and repr(negative.links[0].confidence) == "-0.0"


def test_shared_parts_cannot_be_changed_through_one_event() -> None:
    """A shared record refuses changes, and a copy with changes leaves every other event's part as it was."""
    a, b = parse_events(_log(_event(1), _event(2))).events
    with pytest.raises(ValidationError):
        a.links[0].note = "changed"  # type: ignore[misc]
    changed = a.links[0].model_copy(update={"note": "changed"})
    deep = a.model_copy(deep=True)
    deep.links[0].__dict__["note"] = "changed in a deep copy"
    assert changed.note == "changed" and "note" in changed.model_fields_set
    assert a.links[0].note is None and b.links[0].note is None
    assert "note" not in b.links[0].model_fields_set
    assert copy.copy(b.links[0]) == b.links[0]


def test_instants_keep_the_offset_they_were_written_in() -> None:
    """The same instant written in two offsets stays two instants, each written back as given."""
    a, b = parse_events(_log(_event(1, version="2021-02-01T04:00:00+04:00"), _event(2))).events
    assert a.version == b.version
    assert a.version is not b.version
    assert a.version is not None and b.version is not None
    assert a.version.isoformat() == "2021-02-01T04:00:00+04:00" and b.version.isoformat() == "2021-02-01T00:00:00+00:00"


def test_the_loader_keeps_no_texts() -> None:
    """After a file is read, cleanly or not, no text it held is remembered by the time module."""
    parse_events(_log(_event(1), _event(2)))
    assert not cftime._INSTANTS and not cftime._WINDOWS
    with pytest.raises(CeasefireError):
        parse_events(_log(_event(1), _event(2, version="2021-02-30T00:00:00+00:00")))
    assert not cftime._INSTANTS and not cftime._WINDOWS


def test_a_bad_instant_is_reported_at_every_place() -> None:
    """A time already read well elsewhere does not hide a bad one, and the same bad text is refused at each event that gives it."""
    bad = "2021-02-30T00:00:00+00:00"
    with pytest.raises(CeasefireError) as found:
        parse_events(_log(_event(1), _event(2, version=bad), _event(3, version=bad)))
    places = [p.where for p in found.value.problems]
    assert places == ["<events> (events[1].version)", "<events> (events[2].version)"]


def _row(i: int) -> dict[str, Any]:
    location = {"admin1": _new("Karabakh"), "country": _new("Azerbaijan")}
    return {"dataset": _new("ACLED"), "id": str(i), "file": _new("export.csv"), "line": i + 1, "location": location, "fields": {"event_id_cnty": f"AZE{i}"}}


def test_dataset_records_share_their_names() -> None:
    """Events read from a dataset share the dataset's name, the file's and the place names, and dump as validated alone."""
    raw = [_event(1, record=_row(1)), _event(2, record=_row(2))]
    assert raw[0]["record"]["dataset"] is not raw[1]["record"]["dataset"]
    a, b = parse_events(_log(*raw)).events
    assert a.record is not None and b.record is not None and a.record.location is not None and b.record.location is not None
    assert a.record.dataset is b.record.dataset and a.record.file is b.record.file
    assert a.record.location.admin1 is b.record.location.admin1 and a.record.location.country is b.record.location.country
    for given, event in zip(raw, (a, b)):
        assert event.model_dump(exclude_unset=True) == Event.model_validate(given, context={"zone": "Asia/Baku"}).model_dump(exclude_unset=True)


def test_the_data_given_is_not_changed() -> None:
    """parse_events reads the caller's data without changing it: the sharing works on copies."""
    data = _log(_event(1, record=_row(1)), _event(2, quantities=[{"name": "troops", "value": 5}], place="Lachin", record=_row(2)))
    before = copy.deepcopy(data)
    held = [(event, event["record"], event["record"]["location"], event["links"], event["kind"]) for event in data["events"]]
    parse_events(data)
    assert data == before
    for event, (given, record, location, links, kind) in zip(data["events"], held):
        assert event is given and event["record"] is record and record["location"] is location
        assert event["links"] is links and event["kind"] is kind
    assert all(type(link) is dict for event in data["events"] for link in event["links"])


def test_a_bad_part_is_reported_at_every_event_that_gives_it() -> None:
    """A link that does not validate is not read once for all: each event giving it is reported, with its field."""
    bad = [{"obligation": "withdraw", "role": "complies"}]
    with pytest.raises(CeasefireError) as found:
        parse_events(_log(_event(1, links=bad), _event(2), _event(3, links=bad)))
    assert [p.where for p in found.value.problems] == ["<events> (events[0].links[0].role)", "<events> (events[2].links[0].role)"]
