"""The seed articles are kept unchanged, and every quote taken from them is found in them verbatim."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DATA = ROOT / "src" / "ceasefire" / "data"

SHA256 = {
    "000_94b7cf4dedc221de.txt": "7bb095159d470f96c9365c501348505f4c1f2867a0ff12c7d28a0c0a2f02c48a",
    "001_43e56d985bf25498.txt": "10d5151d33813390115b66be0c366296e35ad550b1e37d1c266356d43a357a43",
    "002_df3373dbb6161ae0.txt": "ac81eb5754b27c7ce9eae260c1a7750fbf80abe4190e4b1d7b960fb274263d8a",
    "003_fb48a464cd13c67d.txt": "dad3e83e47bffd3ca435e08ff93094d5a81919b59344a785b434a9c00f6fedb4",
    "004_f1dac8c1d0a6fa64.txt": "9031567e19ed4d1476effb974b7fc3e38bf2f5c4031ed5aadd0ee91f29616d91",
}


def test_seed_files_are_the_five_articles_unchanged() -> None:
    """seeds/ holds exactly the five articles, byte for byte as received."""
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir()}
    assert found == SHA256


def test_seed_files_match_the_shared_copy_when_present() -> None:
    """Where the shared folder sits beside the project, its seeds and ours are identical."""
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no shared/seeds beside this checkout")
    for name in SHA256:
        assert (shared / name).read_bytes() == (SEEDS / name).read_bytes()


def _quotes(node: object, sources: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Every (file, quote) pair in a loaded YAML tree, following citations to their sources' files."""
    if isinstance(node, dict):
        if "source" in node and "quote" in node and node["source"] in sources:
            yield sources[node["source"]], node["quote"]
        for value in node.values():
            yield from _quotes(value, sources)
    elif isinstance(node, list):
        for value in node:
            yield from _quotes(value, sources)


def _bundled_quotes() -> list[tuple[str, str]]:
    trees = [yaml.safe_load((DATA / name).read_text(encoding="utf-8")) for name in ("nk-2020.yaml", "seed-events.yaml")]
    sources = {s["id"]: s["file"] for tree in trees for s in tree.get("sources", []) if s.get("file")}
    return [pair for tree in trees for pair in _quotes(tree, sources)]


QUOTES = _bundled_quotes()


@pytest.mark.parametrize(("file", "quote"), QUOTES, ids=[f"{f[6:9]}:{q[:30]}" for f, q in QUOTES])
def test_every_seed_quote_is_verbatim(file: str, quote: str) -> None:
    """Each quote in the bundled data is found, character for character, in the seed file it cites."""
    assert quote in (ROOT / file).read_text(encoding="utf-8")


def test_quotes_are_many_and_cover_every_seed() -> None:
    """The bundled data quotes every one of the five seeds, so the check above is not vacuous."""
    assert len(QUOTES) >= 40
    assert {Path(f).name for f, _ in QUOTES} == set(SHA256)
