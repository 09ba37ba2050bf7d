"""An ACLED export read by the converter reaches the bulk path whole: its day-dated rows stay windows, and the bulk answers equal the Tracker's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire import Tracker, parse_agreement
from ceasefire.adapters import convert_acled
from ceasefire.adapters.rules import RuleSet
from ceasefire.time import moment

from _acled_case import AGREEMENT, RULES

bulk = pytest.importorskip("ceasefire.bulk")

EXPORT = Path(__file__).parent / "data" / "acled" / "export-2020-11-28.csv"


def test_a_converted_export_keeps_its_days_on_the_bulk_path() -> None:
    """Each linked row is a whole day in Baku on the columns, and on every day of the export the bulk status equals the Tracker's."""
    agreement = parse_agreement(AGREEMENT)
    log = convert_acled(EXPORT, agreement=agreement, rules=RuleSet.model_validate(RULES)).raise_problems()
    tracker = Tracker(agreement, log)
    store = bulk.from_tracker(tracker)
    assert store.windowed  # day-precision rows are windows of a day, not instants
    index = bulk.build_index(store)
    breaches = [e for e in log.events if any(link.role == "breaches" for link in e.links)]
    assert breaches, "the export holds clashes between the two armies"
    days = sorted({e.occurred.earliest.date() for e in breaches} | {e.occurred.latest.date() for e in breaches})
    for day in days:
        for hour in ("00:00:00", "11:59:59", "23:59:59.999999"):
            at = moment(f"{day.isoformat()}T{hour}+04:00", "Asia/Baku")
            want = str(tracker.obligation_on("ceasefire", at).status)
            assert index.status_at(at)["ceasefire"] == want, (day, hour, want)
        whole = f"{day.isoformat()}[Asia/Baku]"  # the whole day in Baku
        assert index.status_at(whole)["ceasefire"] == str(tracker.obligation_on("ceasefire", whole).status), whole
