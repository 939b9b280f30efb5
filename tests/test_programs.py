"""Differential tests: every guest program in tests/programs/ under protojit vs CPython.

Each top-level file tests/programs/*.py is a program; subfolders are packages that
those programs import, never run on their own. A program runs once under the host
CPython (the oracle, cached per program) and once per protojit tier, with
cwd = tests/programs and PYTHONHASHSEED=0. Stdout and the exit code must be equal;
when the exit code is nonzero, the last line of stderr ("ExcType: message", or the
sys.exit message) must be equal too.

The runs of a program (CPython and each tier) start together on a small pool
of threads, as soon as the first test of that program asks, together with the
runs of the next selected program, so both cores stay busy; each test then
waits for its own run.

Switches (environment variables):
  PJ_TEST_ORACLE_SELF=1   run the host CPython instead of `-m protojit`
                          (checks the harness and the programs' determinism)
  PJ_TEST_TIERS=a,b       tiers to run (default: interp,jit,auto)
  PJ_TEST_JOBS=N          programs' processes running at once (default: 2 per core; 1 = one at a time)
"""
import concurrent.futures
import difflib
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
JOBS = int(os.environ.get("PJ_TEST_JOBS", "0")) or 2 * (os.cpu_count() or 1)


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


def run_cpython(name):
    """The oracle: the host CPython on the program."""
    return _run([sys.executable, name, *ARGS.get(name, [])], _env(), STDIN.get(name))


def run_protojit(name, tier, cache_dir=None):
    if ORACLE_SELF:
        return run_cpython(name)
    argv = [sys.executable, "-m", "protojit", "--tier", tier, name, *ARGS.get(name, [])]
    env = _env(str(REPO))
    if cache_dir is not None:
        env["PROTOJIT_CACHE_DIR"] = cache_dir    # the session's own compiled-code cache
    return _run(argv, env, STDIN.get(name))


class Runs:
    """The program runs of this session: started ahead on a pool, each awaited by its test."""

    def __init__(self, jobs, cache_dir):
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
        self.cache_dir = cache_dir
        self.futures = {}          # (program, runner) -> Future of a Result; runner "cpython" or a tier
        self.order = []            # the selected programs, in test order

    def start(self, name):
        if (name, "cpython") in self.futures:
            return
        self.futures[(name, "cpython")] = self.pool.submit(run_cpython, name)
        for tier in TIERS:
            self.futures[(name, tier)] = self.pool.submit(run_protojit, name, tier, self.cache_dir)

    def result(self, name, runner):
        self.start(name)
        if name in self.order:     # keep the next program's runs going meanwhile
            following = self.order[self.order.index(name) + 1:][:1]
            for other in following:
                self.start(other)
        return self.futures[(name, runner)].result()

    def close(self):
        for future in self.futures.values():
            future.cancel()
        self.pool.shutdown(wait=True)


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory):
    pool = Runs(JOBS, str(tmp_path_factory.mktemp("jit-cache")))
    seen = {}
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if item.module is request.module and callspec is not None and "name" in callspec.params:
            seen.setdefault(callspec.params["name"], None)
    pool.order = list(seen)
    yield pool
    pool.close()


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
def test_program(runs, name, tier):
    theirs = runs.result(name, "cpython")
    ours = runs.result(name, tier)
    check_same(name, tier, theirs, ours)
