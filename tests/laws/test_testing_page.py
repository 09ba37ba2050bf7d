"""The worked example on the "Testing your own agreement" page runs and passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "testing.md"


def _example(edit: tuple[str, str] | None = None) -> dict[str, object]:
    """The page's Python block, run as a module would be, with one text ``edit`` if given."""
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "the page has exactly one Python example"
    code = blocks[0]
    if edit is not None:
        assert edit[0] in code
        code = code.replace(*edit)
    namespace: dict[str, object] = {"__name__": "testing_page_example"}
    exec(compile(code, str(PAGE), "exec"), namespace)
    return namespace


EXAMPLE = _example()
TESTS = sorted(name for name in EXAMPLE if name.startswith("test_"))


def test_the_page_has_its_three_examples() -> None:
    """The page shows the three property tests its text describes."""
    assert TESTS == ["test_a_handover_by_the_deadline_is_on_time", "test_every_fulfilment_names_its_evidence", "test_feed_order_never_matters"]


@pytest.mark.parametrize("name", TESTS)
def test_page_example_passes(name: str) -> None:
    """Each property test on the page passes under the current hypothesis profile."""
    EXAMPLE[name]()  # type: ignore[operator]


def test_page_example_can_fail() -> None:
    """Were the handover due a day earlier, the page's on-time test would find a late handover."""
    early = _example(('"due": {"by": "2021-03-10"}', '"due": {"by": "2021-03-09"}'))
    with pytest.raises(AssertionError):
        early["test_a_handover_by_the_deadline_is_on_time"]()  # type: ignore[operator]
