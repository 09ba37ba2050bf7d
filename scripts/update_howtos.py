"""Re-run the commands pasted in the how-to pages and paste their real output back.

Run it after a deliberate change to the bundled data or to what a command prints, then review the
diff: the tests compare each page with a fresh run, so a page can never show stale output.

    python scripts/update_howtos.py [PAGE.md ...]

With no argument it refreshes every page in docs/how-to/; name other pages to refresh them too
(docs/examples.md is kept this way). A YAML block under a line `<!-- file: PATH -->` is replaced
by the file at PATH, so a page that shows a file always shows it as it is.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from ceasefire.cli import main

ROOT = Path(__file__).resolve().parents[1]
HOWTO = ROOT / "docs" / "how-to"
WIDTH = 100


PYTHON_BLOCK = r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```"
"""A Python block followed by the word "prints" and a text block: the block is run as a script and its output pasted (docs/how-to/scale.md)."""


def run_python(match: re.Match[str]) -> str:
    """The Python block of ``match`` with the output of running it, as ``python script.py`` would, pasted under it."""
    import contextlib
    import io

    code = match.group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<how-to>", "exec"), {"__name__": "__main__"})
    return f"```python\n{code}```\n\nprints\n\n```text\n{out.getvalue()}```"


def refresh(page: Path, workdir: Path) -> bool:
    """Rewrite each console block of ``page`` with its command's real output; True if anything changed."""
    text = page.read_text(encoding="utf-8")

    def run(match: re.Match[str]) -> str:
        command = match.group(1).partition("\n")[0]
        done = CliRunner().invoke(main, shlex.split(command)[2:], terminal_width=WIDTH)
        return f"```console\n{command}\n{done.output.rstrip(chr(10))}\n```"

    def show(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"<!-- file: {name} -->\n```yaml\n{(ROOT / name).read_text(encoding='utf-8')}```"

    new = re.sub(r"```console\n(.*?)```", run, text, flags=re.S)
    new = re.sub(PYTHON_BLOCK, run_python, new, flags=re.S)
    new = re.sub(r"<!-- file: (\S+) -->\n```yaml\n(.*?)```", show, new, flags=re.S)
    if new != text:
        page.write_text(new, encoding="utf-8")
    return new != text


def main_() -> None:
    pages = [Path(p).resolve() for p in sys.argv[1:]] or sorted(HOWTO.glob("*.md"))
    os.environ["COLUMNS"] = str(WIDTH)
    for page in pages:
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("tests", "src", "docs"):  # docs: the worked examples in docs/examples/
                (Path(tmp) / name).symlink_to(ROOT / name)
            cwd = Path.cwd()
            os.chdir(tmp)
            try:
                changed = refresh(page.resolve(), Path(tmp))
            finally:
                os.chdir(cwd)
        print(f"{'updated' if changed else 'unchanged'}: {page}")


if __name__ == "__main__":
    main_()
