"""A ceasefire between Azerbaijan and Armenia that must hold, and ACLED rules that link the two armies' clashes to it as breaches.

For tests that read ACLED exports into the bulk path (``tests/test_acled_bulk.py``, ``tests/test_adapters_store.py``).
"""

from __future__ import annotations

AGREEMENT = {
    "id": "cf", "title": "A ceasefire that must hold", "zone": "Europe/Moscow", "local_zone": "Asia/Baku",
    "announced": "2020-11-10T00:00:00+03:00", "effective": "2020-11-10T00:00:00+03:00",
    "parties": [{"id": "AZ", "name": "Republic of Azerbaijan", "iso3166": "AZ", "roles": ["party"]},
                {"id": "AM", "name": "Republic of Armenia", "iso3166": "AM", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "Fire stops", "obligations": [
        {"id": "ceasefire", "kind": "standing", "bearers": ["AZ", "AM"], "summary": "No fire between the parties' forces."}]}],
}

RULES = {
    "id": "cf-acled", "dataset": "ACLED", "agreement": "cf", "summary": "Battles and strikes between the two armies breach the ceasefire.",
    "rules": [{"id": "clash", "summary": "Fighting between the two states' forces.",
               "match": {"event_type": ["Battles", "Explosions/Remote violence"], "between": [["AZ"], ["AM"]]},
               "link": {"obligation": "ceasefire", "role": "breaches"}}],
}
