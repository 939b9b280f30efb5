"""Differential tests: every guest program in tests/programs/ under protojit vs CPython.

Each top-level file tests/programs/*.py is a program; subfolders are packages that
those programs import, never run on their own. A program runs once under the host
CPython (the oracle, cached per program) and once per protojit tier, with
cwd = tests/programs and PYTHONHASHSEED=0. Stdout, stderr and the exit code must be
equal. Stderr is compared after `normalise_stderr`: object addresses, the session's
temporary directory, the standard library's location (CPython's Lib/ or protojit's
lib/, with its line numbers) and the `^^^`/`~~~` column-marker lines CPython 3.11 adds
to tracebacks (protojit does not track columns) are made equal; nothing else is.

Native-code expectations. A program may declare, in comment lines before its first
statement, what the native tier must do with it; the harness then runs that tier
with `--trace=FILE` and checks the trace's `compile` and `reject` events:

    # expect jit: compiles f, g, h@loop at line 12
    # expect jit: compiles nothing
    # expect jit: rejects f (constant str 'step')
    # run auto: --jit-threshold 10

`compiles NAMES` lists functions (qualnames) that must compile as a whole, or a
loop region `qualname@loop at line N` (on-stack replacement); others may compile
too. `compiles nothing`: no compile event at all. `rejects NAME (TEXT)`: a reject
event for NAME whose reason contains TEXT. `run TIER: ARGS` adds protojit options
to that tier's run (a lower --jit-threshold so an auto run reaches native code).
Every jit_*.py program must declare its --tier jit expectation, and unless it says
`compiles nothing` that list must not be empty. A reject for an internal error
(a codegen crash) fails any traced run.

The runs of a program (CPython and each tier) start together on a small pool
of threads, as soon as the first test of that program asks, together with the
runs of the next selected program, so both cores stay busy; each test then
waits for its own run.

Switches (environment variables):
  PJ_TEST_ORACLE_SELF=1   run the host CPython instead of `-m protojit`
                          (checks the harness and the programs' determinism)
  PJ_TEST_TIERS=a,b       tiers to run (default: interp,jit,auto)
  PJ_TEST_JOBS=N          programs' processes running at once (default: 2 per core; 1 = one at a time)
  PJ_TEST_ARGS="..."      protojit options added to every protojit run (e.g. --no-object-code)
"""
import concurrent.futures
import difflib
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import sysconfig
import tempfile
from typing import NamedTuple

import pytest

PROGRAMS = pathlib.Path(__file__).resolve().parent / "programs"
REPO = PROGRAMS.parent.parent
TIMEOUT = 50

# Extra command-line arguments for the programs that read sys.argv.
ARGS = {
    "argv_echo.py": ["alpha", "--beta=2", "", "x y", "42", "-c", "--", "-m", "ü"],
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
EXTRA_ARGS = shlex.split(os.environ.get("PJ_TEST_ARGS", ""))


class Result(NamedTuple):
    stdout: str
    stderr: str
    returncode: int
    events: tuple = None    # the trace's compile/reject events (traced protojit runs only)


class Expectations(NamedTuple):
    """A program's `# expect TIER: ...` and `# run TIER: ...` header (see the docstring)."""
    compiles: dict          # tier -> list of names, [] for "compiles nothing"
    rejects: dict           # tier -> list of (name, reason text)
    args: dict              # tier -> extra protojit options


_HEADER_LINE = re.compile(r"#\s*(expect|run)\s+(interp|jit|auto)\s*:\s*(.*)$")


def expectations(name):
    compiles, rejects, args = {}, {}, {}
    for line in (PROGRAMS / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            break                                   # the header ends at the first statement
        m = _HEADER_LINE.match(line)
        if m is None:
            continue
        kind, tier, rest = m.groups()
        if kind == "run":
            args[tier] = args.get(tier, []) + shlex.split(rest)
            continue
        verb, _, rest = rest.partition(" ")
        rest = rest.strip()
        if verb == "compiles":
            names = [] if rest == "nothing" else [n.strip() for n in rest.split(",") if n.strip()]
            if tier in compiles and (not names or not compiles[tier]):
                raise ValueError(f"{name}: 'compiles nothing' and a compile list for {tier}")
            compiles[tier] = compiles.get(tier, []) + names
        elif verb == "rejects":
            m2 = re.fullmatch(r"(.+?)\s+\((.*)\)", rest)
            if m2 is None:
                raise ValueError(f"{name}: bad reject line {line!r}: want 'rejects NAME (REASON)'")
            rejects.setdefault(tier, []).append(m2.groups())
        else:
            raise ValueError(f"{name}: bad header line {line!r}")
    return Expectations(compiles, rejects, args)


def _traced(name, tier):
    exp = expectations(name)
    return tier in exp.compiles or tier in exp.rejects


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


def _trace_events(path):
    """The compile and reject events of a --trace=FILE run; None if it wrote no trace."""
    found = []
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                event = json.loads(line)
                if event["event"] in ("compile", "reject"):
                    found.append({k: event.get(k) for k in ("event", "function", "region", "reason")})
    except FileNotFoundError:
        return None
    return tuple(found)


def run_protojit(name, tier, cache_dir=None):
    if ORACLE_SELF:
        return run_cpython(name)
    options = ["--tier", tier, *EXTRA_ARGS, *expectations(name).args.get(tier, [])]
    env = _env(str(REPO))
    if cache_dir is not None:
        env["PROTOJIT_CACHE_DIR"] = cache_dir    # the session's own compiled-code cache
    if not _traced(name, tier):
        return _run([sys.executable, "-m", "protojit", *options, name, *ARGS.get(name, [])],
                    env, STDIN.get(name))
    with tempfile.TemporaryDirectory(prefix="pj-trace-") as tmp:
        trace = os.path.join(tmp, "trace.jsonl")
        result = _run([sys.executable, "-m", "protojit", *options, f"--trace={trace}", name,
                       *ARGS.get(name, [])], env, STDIN.get(name))
        saved = f"protojit: trace saved to {trace} (show it with: protojit trace {trace})\n"
        return result._replace(stderr=result.stderr.replace(saved, ""), events=_trace_events(trace))


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


_MARKER_LINE = re.compile(r"^[ \t]*(?:\|[ \t]*)?[~^]+[ \t]*\n", re.M)   # (also inside a group: "  |   ^^^")
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]+\b")


def _library_dirs():
    """CPython's standard library and protojit's lib/ (which stands in for parts of it)."""
    dirs = {sysconfig.get_paths()["stdlib"], str(REPO / "lib")}
    return sorted((os.path.realpath(d) for d in dirs), key=len, reverse=True)


_LIBRARY_FRAME = re.compile(r'File "(?:%s)/([^"]+)", line \d+'
                            % "|".join(re.escape(d) for d in _library_dirs()))


def normalise_stderr(text):
    """What of stderr must be equal: see the module docstring."""
    text = _MARKER_LINE.sub("", text)
    text = _ADDRESS.sub("0x?", text)
    text = _LIBRARY_FRAME.sub(r'File "<lib>/\1", line ?', text)
    for tmp in {tempfile.gettempdir(), os.path.realpath(tempfile.gettempdir())}:
        text = text.replace(tmp, "$TMPDIR")
    return text


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
    if normalise_stderr(ours.stderr) != normalise_stderr(theirs.stderr):
        problems.append("stderr differs (normalised):\n" + diff(
            normalise_stderr(theirs.stderr), normalise_stderr(ours.stderr), "stderr"))
    if _traced(name, tier) and not ORACLE_SELF:
        problems += native_problems(name, tier, ours.events)
    if problems:
        tail = "\n".join(ours.stderr.splitlines()[-15:])
        pytest.fail(f"{name} [--tier {tier}]\n" + "\n".join(problems)
                    + f"\n--- protojit stderr (tail) ---\n{tail}", pytrace=False)


def native_problems(name, tier, events):
    """How a traced run's compile/reject events fall short of the program's header."""
    if events is None:
        return [f"--tier {tier} was run with --trace=FILE but wrote no trace"]
    exp = expectations(name)
    compiled = {e["function"] + (f"@{e['region']}" if e["region"] else "")
                for e in events if e["event"] == "compile"}
    rejects = [e for e in events if e["event"] == "reject"]
    seen = (f"\n  compiled: {', '.join(sorted(compiled)) or 'nothing'}\n  rejected: "
            + "; ".join(sorted({f"{e['function']}{'@' + e['region'] if e['region'] else ''}"
                               f" ({e['reason']})" for e in rejects})))
    problems = []
    wanted = exp.compiles.get(tier)
    if wanted == [] and compiled:
        problems.append(f"header says --tier {tier} compiles nothing, but it compiled{seen}\n"
                        "(a codegen gap closed? update the program's header)")
    missing = [n for n in wanted or [] if n not in compiled]
    if missing:
        problems.append(f"header says --tier {tier} compiles {', '.join(missing)}: it did not{seen}")
    for function, reason in exp.rejects.get(tier, []):
        if not any(function in (e["function"], f"{e['function']}@{e['region']}") and reason in e["reason"]
                   for e in rejects):
            problems.append(f"header says --tier {tier} rejects {function} ({reason}): it did not{seen}"
                            "\n(a codegen gap closed? update the program's header)")
    crashes = [e for e in rejects if e["reason"].startswith("internal error")]
    problems += [f"codegen crashed on {e['function']}: {e['reason']}" for e in crashes]
    return problems


def test_corpus_is_large_enough():
    # 201 programs when this was last raised; a lost glob or folder drops far below.
    assert len(_program_names()) >= 190


@pytest.mark.parametrize("name", [n for n in _program_names() if n.startswith("jit_")])
def test_jit_program_declares_native_code(name):
    """Every jit_ program says what --tier jit compiles; only a declared `nothing` may be empty."""
    exp = expectations(name)
    assert "jit" in exp.compiles, f"{name}: no '# expect jit: compiles ...' header line"
    if exp.compiles["jit"] == []:
        assert exp.rejects.get("jit"), f"{name}: compiles nothing at --tier jit: say what it rejects"


# Known differences from CPython, each a wrong-output bug with an open note (issue 18):
# marked so that the run says so (xfail, not strict: a fix shows as XPASS), never skipped.
KNOWN_WRONG: dict = {}


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("name", _program_names())
def test_program(runs, name, tier):
    try:
        check_same(name, tier, runs.result(name, "cpython"), runs.result(name, tier))
    except (AssertionError, pytest.fail.Exception):
        if (name, tier) in KNOWN_WRONG:
            pytest.xfail(KNOWN_WRONG[name, tier])
        raise
