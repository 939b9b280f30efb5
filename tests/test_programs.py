"""Differential tests: every guest program in tests/programs/ under protojit vs CPython.

Each top-level file tests/programs/*.py is a program; subfolders are packages that
those programs import, never run on their own. A program runs once under the host
CPython (the oracle, cached per program) and once per protojit tier, with
cwd = tests/programs and PYTHONHASHSEED=0. Stdout and the exit code must be equal;
when the exit code is nonzero, the last line of stderr ("ExcType: message", or the
sys.exit message) must be equal too.

Switches (environment variables):
  PJ_TEST_ORACLE_SELF=1   run the host CPython instead of `-m protojit`
                          (checks the harness and the programs' determinism)
  PJ_TEST_TIERS=a,b       tiers to run (default: interp,jit,auto)
"""
import difflib
import functools
import os
import pathlib
import subprocess
import sys
from typing import NamedTuple

import pytest

PROGRAMS = pathlib.Path(__file__).resolve().parent / "programs"
REPO = PROGRAMS.parent.parent
TIMEOUT = 50

# Extra command-line arguments for the programs that read sys.argv.
ARGS = {
    "argv_echo.py": ["alpha", "--beta=2", "", "x y", "42"],
}

# Text fed to the stdin of the programs that read it (the same for CPython and protojit).
STDIN = {
    "refl_input.py": "Ada Lovelace\nsecond\nthird\n    indented  \n\n1\n2\n3\nstop-numbers\n"
                     "left over\nno newline at end",
    # pdb commands for CPython; the guest debugger must answer exactly as pdb does.
    "refl_breakpoint.py": "\n".join([
        "p y", "where", "list", "list", "p x, y", 'pp {"k": list(range(3))}', "p nosuch",
        "y + 100", "s", "where", "n", "p b", "n", "n", "p z", "n", "r", "n", "c",
        "p items", "n", "p items", "c", ""]),
    "refl_help_interactive.py": "refl_support.documented.bump\nlen\nif\nTrue\nkeywords\n"
                                '"refl_support.documented.Square"\nno_such_thing_pj\nquit\n',
}

TIERS = [t for t in os.environ.get("PJ_TEST_TIERS", "interp,jit,auto").split(",") if t]
ORACLE_SELF = os.environ.get("PJ_TEST_ORACLE_SELF", "") not in ("", "0")


class Result(NamedTuple):
    stdout: str
    stderr: str
    returncode: int


def _program_names():
    return sorted(p.name for p in PROGRAMS.glob("*.py"))


def _env(extra_path=None):
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONPATH", None)
    if extra_path:
        env["PYTHONPATH"] = extra_path
    return env


def _run(argv, env, stdin=None):
    proc = subprocess.run(argv, cwd=PROGRAMS, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT, input=stdin)
    return Result(proc.stdout, proc.stderr, proc.returncode)


@functools.lru_cache(maxsize=None)
def run_cpython(name):
    """The oracle: the host CPython on the program (once per program per session)."""
    return _run([sys.executable, name, *ARGS.get(name, [])], _env(), STDIN.get(name))


def run_protojit(name, tier):
    if ORACLE_SELF:
        return _run([sys.executable, name, *ARGS.get(name, [])], _env(), STDIN.get(name))
    argv = [sys.executable, "-m", "protojit", "--tier", tier, name, *ARGS.get(name, [])]
    return _run(argv, _env(str(REPO)), STDIN.get(name))


def last_line(text):
    lines = text.rstrip("\n").splitlines()
    return lines[-1] if lines else ""


def diff(expected, actual, what):
    return "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"cpython {what}", tofile=f"protojit {what}"))


def check_same(name, tier, theirs, ours):
    """Assert protojit's result equals CPython's, with a readable report if not."""
    problems = []
    if ours.stdout != theirs.stdout:
        problems.append("stdout differs:\n" + diff(theirs.stdout, ours.stdout, "stdout"))
    if ours.returncode != theirs.returncode:
        problems.append(f"exit code: cpython {theirs.returncode}, protojit {ours.returncode}")
    if theirs.returncode != 0 and last_line(ours.stderr) != last_line(theirs.stderr):
        problems.append(f"last stderr line:\n  cpython:  {last_line(theirs.stderr)!r}\n"
                        f"  protojit: {last_line(ours.stderr)!r}")
    if problems:
        tail = "\n".join(ours.stderr.splitlines()[-15:])
        pytest.fail(f"{name} [--tier {tier}]\n" + "\n".join(problems)
                    + f"\n--- protojit stderr (tail) ---\n{tail}", pytrace=False)


def test_corpus_is_large_enough():
    assert len(_program_names()) >= 70


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("name", _program_names())
def test_program(name, tier):
    theirs = run_cpython(name)
    ours = run_protojit(name, tier)
    check_same(name, tier, theirs, ours)
