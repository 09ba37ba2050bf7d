"""Every command, given bad input, ends with one line on stderr and a documented exit code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire.cli import EXIT_INVALID_INPUT, EXIT_USER_ERROR, main

SRC = Path(__file__).resolve().parents[1] / "src"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_94b7cf4dedc221de.txt"
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files that are wrong in different ways."""
    folder = tmp_path_factory.mktemp("bad")
    files = {
        "dup.yaml": "events: []\nzone: UTC\nzone: Asia/Baku\n",
        "laughs.yaml": BILLION_LAUGHS,
        "empty.yaml": "",
        "deep.json": '{"events": ' + "[" * 50000 + "]" * 50000 + "}",
        "nan.json": '{"events": [], "x": NaN}',
        "acled.csv": "event_id_cnty,event_date\nA1,2020-11-12\n",
        "ucdp.csv": "id,relid\n1,x\n",
        "latin1.txt": "",
        "agreement.yaml": "id: a\ntitle: t\nzone: Europe/Moskow\nparties: []\n",
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    paths["latin1.txt"].write_bytes("Bak\xfc report".encode("latin-1"))
    paths["out"] = folder / "no-such-folder" / "deeper" / "x"
    return paths


def _cases(bad: dict[str, Path]) -> list[list[str]]:
    return [
        ["status", "9999-12-31"],
        ["status", "2020-02-30"],
        ["status", "2020-11-16T00:00:00+24:00"],
        ["status", "2020-11-16", "--known-on", "0001-01-01"],
        ["status", "2020-11-16", "--events", str(bad["dup.yaml"])],
        ["status", "2020-11-16", "--events", str(bad["laughs.yaml"])],
        ["status", "2020-11-16", "--events", str(bad["empty.yaml"])],
        ["status", "2020-11-16", "--events", str(bad["deep.json"])],
        ["status", "2020-11-16", "--events", str(bad["nan.json"])],
        ["status", "2020-11-16", "--agreement", str(bad["agreement.yaml"])],
        ["explain", "6.kelbajar", "--on", "2020-11-26"],
        ["explain", "6.kalbajar", "--on", "9999-01-01"],
        ["timeline", "--from", "2020-02-30", "--to", "2020-03-01"],
        ["timeline", "--from", "0001-01-01", "--to", "2020-03-01"],
        ["timeline", "--from", "2020-12-01", "--to", "2020-11-01"],
        ["calendar", "--on", "9999-12-31", "--out", str(bad["out"])],
        ["calendar", "--on", "2020-11-20", "--out", str(bad["out"])],
        ["chart", "--from", "2020-02-30", "--to", "2020-12-01", "--out", str(bad["out"]) + ".png"],
        ["report", "--on", "9999-01-01", "--out", str(bad["out"]) + ".html"],
        ["schema", "events", "--out", str(bad["out"])],
        ["convert", "acled", str(bad["acled.csv"]), "--out", str(bad["out"])],
        ["convert", "ucdp", str(bad["ucdp.csv"]), "--out", str(bad["out"])],
        ["convert", "ucdp", str(bad["ucdp.csv"]), "--released", "2020-02-30", "--out", str(bad["out"])],
        ["data", "--history", "nope"],
        ["data", "--events", str(bad["dup.yaml"])],
        ["extract", str(bad["latin1.txt"])],
        ["extract", str(SEED), "--published", "2020-02-30"],
        ["extract-score", "--gold", str(bad["dup.yaml"])],
        ["pam", "2020-02-30"],
        ["geojson", "2020-02-30", "--out", str(bad["out"]) + ".geojson"],
        ["import", "pax", str(bad["ucdp.csv"]), "--agreement-id", "x", "--zone", "Europe/Moscow", "--out", str(bad["out"]) + ".yaml"],
        ["fetch", "ucdp", "25.1", "--out", str(bad["out"]), "--base-url", "http://127.0.0.1:9/api"],
        ["status"],
        ["no-such-command"],
    ]


USAGE_ERRORS = (["status"], ["no-such-command"])
"""Mistakes click itself catches: it prints its usage text and one 'Error:' line, with exit code 2."""


def test_every_command_ends_bad_input_with_one_line(bad: dict[str, Path]) -> None:
    """Each command but validate, run on bad input, exits with 2 and writes one 'error:' line (click's usage errors: usage and one 'Error:' line), no traceback."""
    runner = CliRunner(env={"UCDP_ACCESS_TOKEN": None, "ACLED_USERNAME": None, "ACLED_PASSWORD": None})
    seen = set()
    for args in _cases(bad):
        result = runner.invoke(main, args)
        seen.add(args[0])
        assert result.exit_code == EXIT_USER_ERROR, (args, result.exit_code, result.stderr, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Traceback" not in result.stderr, args
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        if args in USAGE_ERRORS:
            assert lines[-1].startswith("Error: "), (args, result.stderr)
        else:
            assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
    assert set(main.commands) - {"validate"} <= seen, f"commands not tried: {set(main.commands) - seen}"


def test_validate_on_bad_files_exits_1_with_one_error_line(bad: dict[str, Path]) -> None:
    """``validate`` lists each bad file's problems on stdout and ends with one error line and exit code 1."""
    result = CliRunner().invoke(main, ["validate", str(bad["dup.yaml"]), str(bad["laughs.yaml"]), str(bad["deep.json"]), str(bad["empty.yaml"])])
    assert result.exit_code == EXIT_INVALID_INPUT
    assert [line for line in result.stderr.splitlines() if line] == ["error: 4 problem(s) in 4 of 4 file(s)"]
    assert "given twice" in result.stdout and "aliases that expand" in result.stdout and "nested more than 64" in result.stdout


@pytest.mark.parametrize(
    ("blocked", "args", "extra"),
    [
        ("dateparser", ["extract", str(SEED)], "extract"),
        ("dateparser", ["extract-score"], "extract"),
        ("matplotlib", ["chart", "--from", "2020-11-10", "--to", "2020-12-01", "--out", "OUT.png"], "charts"),
        ("matplotlib", ["report", "--on", "2020-12-01", "--out", "OUT.html"], "charts"),
    ],
)
def test_a_missing_extra_is_one_line_naming_it(tmp_path: Path, blocked: str, args: list[str], extra: str) -> None:
    """Without an optional library, a command that needs it says which extra to install, in one line, with exit code 2."""
    stub = tmp_path / "block" / blocked
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text(f"raise ImportError('hidden by the test', name={blocked!r})\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "block"), str(SRC)])}
    args = [a.replace("OUT", str(tmp_path / "out")) for a in args]
    done = subprocess.run([sys.executable, "-m", "ceasefire", *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == EXIT_USER_ERROR, done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()], done.stderr
    assert f"pip install 'ceasefire[{extra}]'" in done.stderr and "Traceback" not in done.stderr


def test_an_internal_fault_is_one_line_with_exit_code_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault that is not a user's mistake still ends with one line, exit code 3 and a request to report it."""
    import ceasefire.cli as cli
    from ceasefire.cli import answers

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a fault planted by the test")

    monkeypatch.setattr(answers, "make_tracker", broken)  # the status command calls the name it imported
    result = CliRunner().invoke(main, ["status", "2020-11-16"])
    assert result.exit_code == cli.EXIT_INTERNAL_ERROR
    assert result.stderr.startswith("error: internal error in ceasefire (ZeroDivisionError") and result.stderr.count("\n") == 1
