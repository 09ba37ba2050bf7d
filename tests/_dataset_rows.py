"""ACLED and UCDP GED rows drawn by hypothesis, rules that use every condition, and a writer of such rows as a CSV file.

The rows mix good cells with, now and then, bad ones (most drawn rows are read, some are refused).
For ``tests/test_datasets_lookups.py`` and ``tests/test_adapters_store.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from ceasefire.model import Agreement

PLACES = (
    "Kalbajar", "KALBAJAR", " kalbajar ", "Kəlbəcər", "Kelbecer", "Karvachar", "kalbajar region", "Kalbajr", "Agdam",
    "Ağdam", "Aghdam", "Akna", "Lachin", "Laçın", "Lacin", "Berdzor", "Stepanakert", "Xankəndi", "Xankendi", "Shusha",
    "Şuşa", "Susa", "Madagiz", "Khojavend", "Hadrut", "Tavush", "Berd", "",
)  # fmt: skip
ACTORS = (
    "Military Forces of Azerbaijan (2003-)", "military forces of  AZERBAIJAN (2003-)", "Police Forces of Azerbaijan (2003-)",
    "Government of Azerbaijan", "Military Forces of Armenia (2018-)", "Military Forces of the Republic of Armenia (2018-)",
    "Police Forces of Armenia (2018-) Border Guards", "Military Forces of Artsakh", "Military Forces of Russia (2000-)",
    "Military Forces of Russian Federation", "Former Military Forces of Armenia (2018-)", "Protesters (Armenia)",
    "Civilians (Azerbaijan)", "Unidentified Armed Group (Azerbaijan)", "",
)  # fmt: skip
CODES = ("1", "2", "7", "8", "1.0", "State forces", "civilians", "Rebel group", "External/Other forces", "99", "abc", "")
INTERACTION_CELLS = ("12", "17", "10", "78", "State forces-Rebel group", "Rebel group-State forces", "State forces only", "civilians-state forces", "x-y", "12.5", "")
KINDS = (
    ("Battles", "Armed clash"), ("battles", "ARMED CLASH"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Strategic developments", "Non-violent transfer of territory"), ("Protests", "Peaceful protest"), ("", "Attack"),
)  # fmt: skip
TAGS = ("crowd size=no report", "local administrators", "women targeted: candidates for office", "Crowd Size=around 100")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

def mostly(good: tuple[str, ...], bad: tuple[str, ...]) -> Any:
    """One of ``good``, or one time in twenty one of ``bad`` (a decimal comma is bad only in a file separated by commas): most drawn rows are read, some are refused."""
    return st.tuples(st.integers(0, 19), st.sampled_from(good), st.sampled_from(bad)).map(lambda t: t[2] if t[0] == 19 else t[1])


place = st.one_of(st.sampled_from(PLACES), st.text(alphabet="abkəçışğ -", max_size=8))


@st.composite
def acled_row(draw: Any) -> dict[str, str]:
    day = draw(st.dates(dt.date(2020, 10, 1), dt.date(2021, 3, 1)))
    kind = draw(st.sampled_from(KINDS))
    return {
        "event_id_cnty": draw(mostly(tuple(f"{p}{i}" for p in ("AZE", "ARM") for i in range(1, 9)), ("",))),
        "event_date": draw(mostly((day.isoformat(), day.strftime("%d %B %Y"), f"{day.isoformat()} 00:00:00"), ("2020-13-01", "", "2020-11-12 10:00"))),
        "year": str(day.year),
        "time_precision": draw(mostly(("1", "1", "2", "3", "1.0"), ("4", ""))),
        "disorder_type": draw(st.sampled_from(("Political violence", "political violence", "Demonstrations", ""))),
        "event_type": kind[0],
        "sub_event_type": kind[1],
        "actor1": draw(st.sampled_from(ACTORS)),
        "assoc_actor_1": "; ".join(draw(st.lists(st.sampled_from(ACTORS), max_size=2))),
        "inter1": draw(st.sampled_from(CODES)),
        "actor2": draw(st.sampled_from(ACTORS)),
        "assoc_actor_2": "; ".join(draw(st.lists(st.sampled_from(ACTORS), max_size=2))),
        "inter2": draw(st.sampled_from(CODES)),
        "interaction": draw(st.sampled_from(INTERACTION_CELLS)),
        "civilian_targeting": draw(st.sampled_from(("", "Civilian targeting"))),
        "iso": draw(st.sampled_from(("31", "51", "643", "31.0", "", "x"))),
        "region": "Caucasus and Central Asia",
        "country": draw(st.sampled_from(("Azerbaijan", "Armenia", "Russia", "Republic of Azerbaijan"))),
        "admin1": draw(place),
        "admin2": draw(place),
        "admin3": draw(place),
        "location": draw(place),
        "latitude": draw(mostly(("40.1098", "39.5", ""), ("north", "95", "40,1098"))),
        "longitude": draw(mostly(("46.0383", "47.0", ""), ("200",))),
        "geo_precision": draw(mostly(("1", "2", "3", ""), ("9",))),
        "source": draw(st.sampled_from(("Invented Wire", ""))),
        "source_scale": draw(st.sampled_from(("National", ""))),
        "notes": draw(st.text(max_size=12)),
        "fatalities": draw(mostly(("0", "2", "2.0", ""), ("-1", "many", "2,0", "1,500"))),
        "tags": "; ".join(draw(st.lists(st.sampled_from(TAGS), max_size=2))),
        "timestamp": draw(mostly(("1605603600", "1605690000", "1606557600", "1610000000", "1612000000"), ("", "soon"))),
    }


RICH_ACLED_RULES = {
    "id": "rich",
    "dataset": "ACLED",
    "agreement": "nk-2020",
    "rules": [
        {
            "id": "clash", "summary": "clash in the zone",
            "match": {"event_type": ["Battles"], "sides": [["Military Forces of Azerbaijan*"], ["Military Forces of Armenia*", "*Artsakh*"]],
                      "places": ["Kalbajar", "Shusha", "Khankendi"], "after": "2020-11-10T00:00:00+03:00"},
            "link": {"obligation": "1.ceasefire", "role": "breaches"},
        },
        {"id": "codes", "summary": "by codes", "match": {"interaction": [12, "State forces-Civilians"], "inter1": [1], "inter2": ["Rebel group", 7, ""]}, "link": {"obligation": "1.ceasefire", "role": "context"}},
        {"id": "parties", "summary": "by parties", "match": {"parties": ["AZ"], "countries": ["AZ", "AM"], "before": "2021-01-01T00:00:00+04:00"}, "link": {"obligation": "6.kalbajar", "role": "context"}},
        {"id": "between", "summary": "between parties", "match": {"between": [["AZ"], ["AM", "RU"]], "disorder_type": ["Political violence"]}, "link": {"obligation": "2.aghdam", "role": "context"}},
        {"id": "tags", "summary": "by tags", "match": {"tags": ["crowd size=*"], "civilian_targeting": [""], "actors": ["Protesters*", "*Russia*"]}, "link": {"obligation": "6.lachin", "role": "context"}},
        {
            "id": "handover", "summary": "handover",
            "match": {"sub_event_type": ["Non-violent transfer of territory"], "actors": ["Military Forces of Azerbaijan*"], "places": ["Kalbajar", "Lachin", "Agdam"]},
            "link": {"obligation": "6.kalbajar", "role": "fulfils"},
        },
    ],
}  # fmt: skip


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]], delimiter: str = ",") -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=delimiter)
        out.writerow(columns)
        out.writerows([row[c] for c in columns] for row in rows)


UCDP_COLUMNS = (
    "id", "code_status", "type_of_violence", "side_a", "side_b", "source_office", "source_date", "source_headline",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "country_id", "event_clarity",
    "date_prec", "date_start", "date_end", "best", "high", "low", "gwnoa", "gwnob", "number_of_sources",
)  # fmt: skip


@st.composite
def ucdp_row(draw: Any) -> dict[str, str]:
    start = draw(st.dates(dt.date(2020, 10, 1), dt.date(2021, 3, 1)))
    end = start + dt.timedelta(days=draw(mostly(("0", "0", "3"), ("-1",)).map(int)))
    best = draw(st.integers(0, 5))
    return {
        "id": draw(mostly(tuple(str(i) for i in range(1, 16)), ("",))),
        "code_status": draw(st.sampled_from(("Clear", "clear", "Check dyad", ""))),
        "type_of_violence": draw(mostly(("1", "2", "3"), ("4",))),
        "side_a": draw(st.sampled_from(("Government of Azerbaijan", "Government of Armenia", ""))),
        "side_b": draw(st.sampled_from(("Republic of Artsakh", "Government of Armenia", "Civilians", ""))),
        "source_office": draw(st.sampled_from(("Invented Wire", ""))),
        "source_date": draw(mostly((start.isoformat(), f"{start.isoformat()};{end.isoformat()}", ""), ("someday",))),
        "source_headline": draw(st.text(max_size=8)),
        "where_prec": draw(mostly(("1", "7", ""), ("8",))),
        "where_coordinates": draw(place),
        "adm_1": draw(place),
        "adm_2": draw(place),
        "latitude": draw(mostly(("40.1", ""), ("91",))),
        "longitude": draw(st.sampled_from(("46.0", ""))),
        "country": "Azerbaijan",
        "country_id": draw(st.sampled_from(("373", "371", "", "373.0"))),
        "event_clarity": draw(mostly(("1", "2", ""), ("3",))),
        "date_prec": draw(mostly(("1", "5"), ("6",))),
        "date_start": f"{start.isoformat()} 00:00:00.000",
        "date_end": f"{end.isoformat()} 00:00:00.000",
        "best": str(best),
        "high": str(best + 1),
        "low": draw(mostly((str(best),), ("", "x"))),
        "gwnoa": draw(st.sampled_from(("373", "371", "373, 371", ""))),
        "gwnob": draw(st.sampled_from(("371", "", "365"))),
        "number_of_sources": draw(mostly(("1", ""), ("two",))),
    }


RICH_UCDP_RULES = {
    "id": "rich-ucdp",
    "dataset": "UCDP GED",
    "agreement": "nk-2020",
    "rules": [
        {"id": "zone", "summary": "in the zone", "match": {"event_type": ["state-based"], "places": ["Kalbajar", "Shusha"], "after": "2020-11-10T00:00:00+03:00"}, "link": {"obligation": "1.ceasefire", "role": "breaches"}},
        {"id": "parties", "summary": "by parties", "match": {"parties": ["AZ"], "countries": ["AZ"], "event_clarity": [1, 2]}, "link": {"obligation": "6.kalbajar", "role": "context"}},
        {"id": "between", "summary": "between", "match": {"between": [["AZ"], ["AM"]], "code_status": ["Check dyad", "Clear"]}, "link": {"obligation": "2.aghdam", "role": "context"}},
        {"id": "sides", "summary": "sides", "match": {"sides": [["Government of A*"], ["Republic*"]]}, "link": {"obligation": "6.lachin", "role": "context"}},
    ],
}  # fmt: skip


def with_gw(agreement: Agreement) -> Agreement:
    """The bundled agreement with Gleditsch-Ward numbers for its parties, so that UCDP rules may name them."""
    numbers = {"AZ": 373, "AM": 371, "RU": 365}
    return agreement.model_copy(update={"parties": [p.model_copy(update={"gw": numbers.get(p.id)}) for p in agreement.parties]})
