"""Packaging: the version, the licence and the citation file, and what the built sdist and wheel carry."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

import ceasefire

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_version_attribute_comes_from_the_package_metadata() -> None:
    """ceasefire.__version__ is the version the installed metadata gives, not a second copy."""
    assert ceasefire.__version__ == version("ceasefire")
    assert ceasefire.__version__ == PROJECT["version"]


def test_citation_file_names_the_same_version_and_licence() -> None:
    """CITATION.cff is valid YAML in format 1.2.0 with the project's version, licence and authors."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(cff)
    assert cff["version"] == PROJECT["version"]
    assert cff["license"] == PROJECT["license"] == "MIT"
    assert [a["name"] for a in cff["authors"]] == [a["name"] for a in PROJECT["authors"]]


def test_licence_file_is_the_mit_licence_the_metadata_names() -> None:
    """LICENSE holds the MIT text and pyproject.toml ships it as the licence file."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
    assert PROJECT["license-files"] == ["LICENSE"]


def test_changelog_lists_the_current_version() -> None:
    """CHANGELOG.md has an Unreleased section and a section for the version in pyproject.toml."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in text
    assert f"## [{PROJECT['version']}]" in text


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist and a wheel built from this checkout, without network (the build backend is installed)."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def test_wheel_carries_the_licence_the_data_and_the_templates(dist: Path) -> None:
    """The wheel holds LICENSE in its metadata, the bundled agreement, seed events, seed articles and report templates."""
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"ceasefire-{PROJECT['version']}.dist-info/licenses/LICENSE" in names
    for needed in ("ceasefire/data/nk-2020.yaml", "ceasefire/data/seed-events.yaml", "ceasefire/render/templates/report.html.j2", "ceasefire/py.typed"):
        assert needed in names
    assert len([n for n in names if n.startswith("ceasefire/data/seeds/")]) == len(list((ROOT / "seeds").glob("*.txt")))


def test_sdist_carries_the_licence_the_citation_and_the_data(dist: Path) -> None:
    """The sdist holds LICENSE, CITATION.cff, CHANGELOG.md, the seed articles and the bundled data."""
    (sdist,) = dist.glob("*.tar.gz")
    top = f"ceasefire-{PROJECT['version']}"
    names = set(tarfile.open(sdist).getnames())
    for needed in ("LICENSE", "CITATION.cff", "CHANGELOG.md", "src/ceasefire/data/nk-2020.yaml", "seeds"):
        assert f"{top}/{needed}" in names or any(n.startswith(f"{top}/{needed}/") for n in names), needed


def test_installed_wheel_runs_the_readme_command(dist: Path, tmp_path: Path) -> None:
    """The wheel installed into a new virtual environment answers `python -m ceasefire status 2020-11-16` from its own copy."""
    env = tmp_path / "venv"
    # The dependencies come from this interpreter's site-packages (no network); ceasefire itself only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env)], check=True, timeout=120)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    (wheel,) = dist.glob("*.whl")
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the suite may run with PYTHONPATH=src
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True, env=clean, timeout=300)
    assert done.returncode == 0, done.stderr
    where = subprocess.run([str(python), "-c", "import ceasefire; print(ceasefire.__file__)"], capture_output=True, text=True, cwd=tmp_path, env=clean, timeout=60)
    assert str(env) in where.stdout, where.stdout + where.stderr
    run = subprocess.run([str(python), "-m", "ceasefire", "status", "2020-11-16"], capture_output=True, text=True, cwd=tmp_path, env=clean, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "6.kalbajar" in run.stdout and "pending" in run.stdout
