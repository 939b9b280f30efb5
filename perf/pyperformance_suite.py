"""pyperformance's pure-Python benchmarks under CPython and protojit, side by side.

The benchmark programs are not in this repository: they are fetched at run time from the
published `pyperformance` package (`pip download pyperformance` into a temporary folder,
then its wheel is unpacked), and each `bm_NAME/run_benchmark.py` runs as a script with
perf/pyperformance/pyperf.py standing in for the `pyperf` package (see its docstring).

For each benchmark, CPython's run and protojit's runs (one per tier) are adjacent: this
shared machine changes speed over seconds, and a ratio is only meaningful between runs
made under the same conditions. Every runner gets the same warm-up and measured-run
counts; the figure is the median of the measured runs (steady state). A protojit run
whose benchmark result differs from CPython's is marked WRONG. Each protojit run also
reports its seconds of compiling (protojit --compile-report: the whole run, warm-ups
included): CPU seconds, and the wall seconds the program waited for compiles (at
--tier auto most compile on a background thread), a column per tier after the speed-ups.

    python perf/pyperformance_suite.py                     # all, tiers auto,jit,interp
    python perf/pyperformance_suite.py --tiers auto richards nbody
    python perf/pyperformance_suite.py --warmups 1 --runs 3 --timeout 600
    python perf/pyperformance_suite.py --tiers jit --object-code richards   # flags to protojit

Check `uptime` first: figures taken on a loaded machine are not figures.
"""
from __future__ import annotations

import argparse
import functools
import json
import math
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field

SHIM_DIR = pathlib.Path(__file__).resolve().parent / "pyperformance"
REPO = SHIM_DIR.parent.parent

# (benchmark folder, extra arguments): pyperformance's own defaults unless noted.
BENCHMARKS = {
    "richards": [],
    "deltablue": [],
    "chaos": [],
    "go": [],
    "hexiom": [],
    "raytrace": [],
    "nbody": [],
    "float": [],
    "fannkuch": [],
    "nqueens": [],
    "spectral_norm": [],
    "unpack_sequence": [],
    "meteor_contest": [],
    "pyflate": [],
    "scimark": [],
    "barnes_hut": [],
}


@dataclass
class Outcome:
    """One benchmark script under one runner: its measured runs per bench name."""
    runner: str
    times: dict[str, list[float]] = field(default_factory=dict)
    results: dict[str, str | None] = field(default_factory=dict)
    error: str | None = None
    compile_s: float | None = None   # protojit's seconds compiling in the whole run (--compile-report)
    compile_cpu_s: float | None = None   # ... CPU seconds of the compiling thread
    blocked_s: float | None = None       # ... wall seconds the program waited for compiles

    def median(self) -> float | None:
        """The steady-state time of the whole script: the sum over its bench calls
        (scimark has five) of each call's median run."""
        if self.error or not self.times:
            return None
        return sum(statistics.median(t) for t in self.times.values())


@functools.lru_cache(maxsize=None)
def benchmarks_dir() -> pathlib.Path:
    """Download pyperformance's wheel once per process and unpack it."""
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="pj-pyperformance-"))
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                    "pyperformance"], check=True)
    wheel = next(tmp.glob("pyperformance-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp / "x")
    return tmp / "x" / "pyperformance" / "data-files" / "benchmarks"


# protojit options given to every protojit run (main's --object-code, --pj-flag)
PROTOJIT_FLAGS: list[str] = []


def command(runner: str, script: pathlib.Path, args: list[str], report: str | None = None) -> list[str]:
    if runner == "cpython":
        return [sys.executable, str(script), *args]
    tier = runner.removeprefix("protojit-")
    extra = [f"--compile-report={report}"] if report else []
    return [sys.executable, "-m", "protojit", "--tier", tier, *PROTOJIT_FLAGS, *extra, str(script), *args]


def _compile_seconds(report: pathlib.Path) -> tuple:
    """(wall, CPU, blocked) compile seconds protojit's --compile-report wrote (Nones:
    nothing written)."""
    try:
        records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    except OSError:
        return None, None, None
    if not records:
        return None, None, None
    return tuple(sum(r[k] for r in records) for k in ("compile_s", "compile_cpu_s", "blocked_s"))


def run_one(name: str, runner: str, warmups: int, runs: int, timeout: float) -> Outcome:
    script = benchmarks_dir() / f"bm_{name}" / "run_benchmark.py"
    env = dict(os.environ, PJ_BENCH_WARMUPS=str(warmups), PJ_BENCH_RUNS=str(runs),
               PYTHONPATH=str(SHIM_DIR), PROTOJIT_PATH=str(SHIM_DIR), PYTHONHASHSEED="0")
    out = Outcome(runner)
    with tempfile.TemporaryDirectory(prefix="pj-compile-report-") as tmp:
        report = pathlib.Path(tmp) / "compile.json" if runner != "cpython" else None
        try:
            proc = subprocess.run(command(runner, script, BENCHMARKS[name], report), env=env,
                                  cwd=script.parent, capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            out.error = f"timeout {timeout:.0f}s"
            return out
        if report is not None:
            out.compile_s, out.compile_cpu_s, out.blocked_s = _compile_seconds(report)
    for line in proc.stdout.splitlines():
        if line.startswith("PJBENCH "):
            record = json.loads(line[len("PJBENCH "):])
            out.times[record["name"]] = record["times"]
            out.results[record["name"]] = record["result"]
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        out.error = f"exit {proc.returncode}: {last[:120]}"
    return out


def run_suite(names, tiers, warmups, runs, timeout, report=print):
    """Each benchmark under CPython then each protojit tier, adjacent; returns
    {name: {runner: Outcome}} and reports a line per run as it finishes."""
    table = {}
    for name in names:
        row = table[name] = {}
        for runner in ["cpython"] + [f"protojit-{t}" for t in tiers]:
            o = row[runner] = run_one(name, runner, warmups, runs, timeout)
            base = row["cpython"]
            status = o.error or ("WRONG" if o.results != base.results else "ok")
            t = o.median()
            ratio = f"{base.median() / t:6.2f}x" if t and base.median() else "   n/a"
            comp = (f"  compile CPU {o.compile_cpu_s:5.2f} s, program waited {o.blocked_s:5.2f} s"
                    f" (compile wall {o.compile_s:.2f} s)" if o.compile_s is not None else "")
            report(f"{name:<16} {runner:<16} {_ms(t):>10} ms  "
                   f"speed vs CPython {ratio}  {status}{comp}")
    return table


def _ms(seconds) -> str:
    """Milliseconds to three significant digits: unpack_sequence's iteration takes microseconds."""
    if not seconds:
        return "nan"
    ms = seconds * 1e3
    return f"{ms:.{max(0, 2 - math.floor(math.log10(ms)))}f}"


def summary(table, tiers) -> list[str]:
    """Speed-ups against CPython (CPython time / protojit time; >1 is faster) and their
    geometric means over the benchmarks every runner finished correctly."""
    runners = [f"protojit-{t}" for t in tiers]
    lines = [f"{'benchmark':<16} {'CPython ms':>11} " + " ".join(f"{r:>16}" for r in runners)]
    logs = {r: [] for r in runners}
    for name, row in table.items():
        base = row["cpython"].median()
        cells = []
        for r in runners:
            o = row[r]
            t = o.median()
            if o.error or not t or not base:
                cells.append(f"{(o.error or 'n/a')[:16]:>16}")
            elif o.results != row["cpython"].results:
                cells.append(f"{'WRONG':>16}")
            else:
                cells.append(f"{base / t:15.2f}x")
                logs[r].append(math.log(base / t))
        lines.append(f"{name:<16} {_ms(base):>11} " + " ".join(cells))
    geo = " ".join(f"{math.exp(sum(v) / len(v)) if v else float('nan'):15.2f}x" for v in logs.values())
    lines.append(f"{'geometric mean':<16} {'':>11} {geo}   (speed-up over CPython; >1 is faster)")
    lines.append("")
    lines.append(f"{'compile seconds':<16} {'':>11} " + " ".join(f"{r:>16}" for r in runners)
                 + "   (CPU seconds compiling / wall seconds the program waited for compiles,"
                   " whole run, warm-ups included)")
    for name, row in table.items():
        cells = [f"{row[r].compile_cpu_s:7.2f} /{row[r].blocked_s:6.2f}"
                 if row[r].compile_s is not None else f"{'n/a':>16}" for r in runners]
        lines.append(f"{name:<16} {'':>11} " + " ".join(cells))
    return lines


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("names", nargs="*", help="benchmarks (default: all of " + ", ".join(BENCHMARKS) + ")")
    p.add_argument("--tiers", default="auto,jit,interp")
    p.add_argument("--warmups", type=int, default=3)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--object-code", action="store_true", help="pass --object-code to protojit")
    p.add_argument("--pj-flag", action="append", default=[], metavar="FLAG",
                   help="another option for every protojit run (repeatable)")
    a = p.parse_args(argv)
    PROTOJIT_FLAGS[:] = (["--object-code"] if a.object_code else []) + a.pj_flag
    names = a.names or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")
    tiers = [t for t in a.tiers.split(",") if t]
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
          f"{a.warmups} warm-up + {a.runs} measured runs per runner")
    table = run_suite(names, tiers, a.warmups, a.runs, a.timeout)
    print()
    print("\n".join(summary(table, tiers)))


if __name__ == "__main__":
    main()
