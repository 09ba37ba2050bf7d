"""Registers ceasefire's strategies with hypothesis, through its ``hypothesis`` entry point.

Hypothesis calls :func:`_register` when it is imported, so
``st.from_type(Agreement)`` and ``st.builds(...)`` with ceasefire types work
with no extra import. The strategies module itself is only imported when a
strategy is first asked for.
"""

from __future__ import annotations

from typing import Any


def _register() -> None:
    """Tell hypothesis which strategy builds each public ceasefire input type."""
    from hypothesis import strategies as st

    from .. import model, time

    def lazily(name: str, pick: int | None = None) -> Any:
        def resolve(_: type) -> Any:
            from . import strategies

            found = getattr(strategies, name)()
            return found if pick is None else found.map(lambda pair: pair[pick])

        return resolve

    table = {
        time.Window: lazily("windows"),
        time.Span: lazily("spans"),
        model.Agreement: lazily("agreements"),
        model.EventLog: lazily("agreements_with_logs", pick=1),
        model.Due: lazily("dues"),
        model.DeadlineObligation: lazily("deadline_obligations"),
        model.StandingObligation: lazily("standing_obligations"),
        model.ProgressObligation: lazily("progress_obligations"),
        model.TermObligation: lazily("term_obligations"),
        model.Amendment: lazily("amendments"),
        model.Source: lazily("sources"),
        model.Citation: lazily("citations"),
        model.Link: lazily("links"),
        model.Quantity: lazily("quantities"),
        model.Event: lazily("events"),
    }
    for kind, resolve in table.items():
        st.register_type_strategy(kind, resolve)
