"""A good event file and a good agreement, as documents, that the bad-input tests damage one field (or many bytes) at a time.

For ``tests/test_bad_input_table.py`` and ``tests/test_fuzz_inputs.py``.
"""

from __future__ import annotations

from typing import Any

EVENTS: dict[str, Any] = {
    "zone": "Asia/Baku",
    "sources": [{"id": "s1", "title": "A report", "url": "https://example.org/a", "published": "2020-11-25"}],
    "events": [
        {
            "id": "e1",
            "kind": "handover",
            "summary": "A district is handed over.",
            "occurred": "2020-11-25",
            "links": [{"obligation": "6.kalbajar", "role": "fulfils", "confidence": 0.5}],
            "quantities": [{"name": "people", "value": 12}],
            "sources": [{"source": "s1", "quote": "handed over", "offsets": [0, 11]}],
        }
    ],
    "deletions": [{"event": "e0", "deleted": "2020-12-01T00:00:00+00:00"}],
}

AGREEMENT: dict[str, Any] = {
    "id": "accord",
    "title": "A small accord",
    "zone": "Europe/Moscow",
    "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}, {"id": "B", "name": "Party B", "roles": ["party"]}],
    "announced": "2021-03-01",
    "effective": "2021-03-01T12:00:00+03:00",
    "sources": [{"id": "text", "title": "Text of the accord"}],
    "points": [
        {"number": 1, "summary": "Stop fighting.", "obligations": [{"id": "1.truce", "kind": "standing", "bearers": ["A", "B"], "summary": "No fire."}]},
        {"number": 2, "summary": "Hand over.", "obligations": [
            {"id": "2.valley", "kind": "deadline", "bearers": ["A"], "summary": "A hands over the valley.", "due": {"by": "2021-03-10"}},
            {"id": "2.term", "kind": "term", "bearers": ["A", "B"], "summary": "A term.", "period": "P5Y", "renewal": "P5Y", "notice": "P6M"},
        ]},
    ],
    "amendments": [{"id": "delay", "kind": "move-deadline", "obligation": "2.valley", "summary": "Later.", "due": {"by": "2021-03-15"},
                    "agreed": "2021-03-09", "announced": "2021-03-09", "sources": [{"source": "text"}]}],
}
