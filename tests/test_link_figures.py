"""A link may name which of its event's figures measure the obligation it links to; the others are not that obligation's figures."""

from __future__ import annotations

import pytest

from ceasefire import InvalidInputError, Tracker, parse_agreement, parse_events

AGREEMENT = {
    "id": "f",
    "title": "f",
    "zone": "UTC",
    "announced": "2021-01-01",
    "effective": "2021-01-01T00:00:00Z",
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [
        {
            "number": 1,
            "summary": "p",
            "obligations": [
                {"id": "deploy", "kind": "progress", "bearers": ["A"], "summary": "troops deploy"},
                {"id": "returns", "kind": "progress", "bearers": ["A"], "summary": "people return"},
            ],
        }
    ],
}


def log(link_figures: dict[str, list[str] | None]) -> dict[str, object]:
    """One report counting both troops and returnees, linked as progress to both obligations, each link naming the figures given."""
    links = []
    for obligation, names in link_figures.items():
        link: dict[str, object] = {"obligation": obligation, "role": "advances"}
        if names is not None:
            link["quantities"] = names
        links.append(link)
    return {
        "sources": [{"id": "r", "title": "a report", "published": "2021-02-01T12:00:00Z"}],
        "events": [
            {
                "id": "report",
                "kind": "deployment",
                "summary": "troops deployed; people returned",
                "occurred": "2021-02-01[UTC]",
                "quantities": [{"name": "servicemen", "value": 1960}, {"name": "returnees", "value": 4436}],
                "links": links,
                "sources": [{"source": "r"}],
            }
        ],
    }


def test_each_obligation_shows_only_the_figures_its_link_names() -> None:
    """The returns obligation shows the returnees and not the troops, in its figures, its evidence and its explanation; the deployment the reverse."""
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events(log({"deploy": ["servicemen"], "returns": ["returnees"]})))
    report = tracker.status_on("2021-03-01")
    returns, deploy = report["returns"], report["deploy"]
    assert [(q.name, q.value) for q in returns.quantities] == [("returnees", 4436)]
    assert [(q.name, q.value) for q in deploy.quantities] == [("servicemen", 1960)]
    assert [e.quantities for e in returns.evidence] == [(("returnees", 4436, "exactly"),)]
    assert "servicemen" not in returns.explain() and "returnees" in returns.explain()


def test_a_link_that_names_no_figures_keeps_them_all() -> None:
    """Without ``quantities`` on the link, every figure of the event is the obligation's, as before."""
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events(log({"returns": None})))
    assert sorted(q.name for q in tracker.status_on("2021-03-01")["returns"].quantities) == ["returnees", "servicemen"]


def test_a_link_naming_a_figure_the_event_lacks_is_refused() -> None:
    """A misspelt figure name on a link is an error naming the link's obligation, the name and the names the event has."""
    with pytest.raises(InvalidInputError, match=r"\(events\[0\]\): received .*; expected in the 'quantities' of the link to returns, names of figures the event reports \('returnees', 'servicemen'\); 'returnee' is not one"):
        parse_events(log({"returns": ["returnee"]}))


def test_two_roles_naming_different_figures_show_both() -> None:
    """One report linked to one obligation as a step naming the troops and as the completion naming the returnees shows both figures once done.

    Each figure counts once however many links name it, and none is lost because the other link came first.
    """
    events = log({})
    events["events"][0]["quantities"][0]["counts"] = "increment"  # type: ignore[index]  # counted twice, it would read 3920
    events["events"][0]["links"] = [  # type: ignore[index]
        {"obligation": "returns", "role": "advances", "quantities": ["servicemen"]},
        {"obligation": "returns", "role": "fulfils", "quantities": ["returnees", "servicemen"]},
    ]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events(events))
    returns = tracker.obligation_on("returns", "2021-03-01")
    assert returns.status.value == "fulfilled"
    assert [(q.name, q.value) for q in returns.quantities] == [("returnees", 4436), ("servicemen", 1960)]
