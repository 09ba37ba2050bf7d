"""The README's example and set-up commands are the ones that work."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_example_prints_what_it_says() -> None:
    """The first Python block of the README prints exactly the text block that follows it."""
    match = re.search(r"```python\n(.*?)```\s*\nprints\n\n```text\n(.*?)```", README, re.S)
    assert match, "README lost its example and output blocks"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(match.group(1), "README.md", "exec"), {})
    assert out.getvalue() == match.group(2)


def test_readme_test_command_is_what_ci_runs() -> None:
    """CI runs the README's test command, word for word."""
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert len(blocks) >= 2
    install, run = blocks[1].split(" && ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install in ci and run in ci


def test_readme_main_job_prints_the_status_table() -> None:
    """The README's first command, run as a user would, prints a row for every bundled obligation."""
    import subprocess
    import sys

    command = re.findall(r"```sh\n(.*?)\n```", README, re.S)[0].split(" && ")[1]
    assert command.startswith("python -m ceasefire ")
    args = command.split()[1:]
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for oid in ("1.ceasefire", "6.kalbajar", "9.wg-timetable"):
        assert oid in done.stdout
    assert re.search(r"6\.kalbajar\s.*pending.*2020-11-25", done.stdout)
