"""Render a performance dashboard from saved pytest-benchmark runs.

Input: the JSON files that `pytest perf --benchmark-only --benchmark-autosave`
writes under .benchmarks/ (one file per run). Each benchmark is identified by
its program and runner (extra_info, or its group and test name for older
suites). Output, in --out (default perf/dashboard/):

- table.svg / table.txt: the latest run as a rich table: median time per
  program and runner, and the ratio to CPython measured in the same run;
- history.svg: one panel per program, median time (log scale) per runner over
  the saved runs, oldest to newest, so a regression shows as a step up.

    python perf/dashboard.py [--storage .benchmarks] [--out perf/dashboard]
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field
from html import escape

from rich.console import Console
from rich.table import Table

RUNNER_COLOURS = {"cpython": "#4c72b0", "protojit-interp": "#dd8452", "protojit-auto": "#55a868",
                  "protojit-jit": "#c44e52", "native": "#8172b3"}
FALLBACK_COLOURS = ["#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"]


@dataclass
class Run:
    """One saved benchmark run: when, which commit, and median seconds per (program, runner)."""
    when: str
    commit: str
    medians: dict[tuple[str, str], float] = field(default_factory=dict)


def identify(bench: dict) -> tuple[str, str]:
    """(program, runner) of one benchmark entry."""
    extra = bench.get("extra_info") or {}
    if "program" in extra and "runner" in extra:
        return extra["program"], extra["runner"]
    # Older suites: test_cpython[name] / test_protojit_interp[name] in group `name`.
    test = re.sub(r"\[.*\]$", "", bench["name"])
    runner = test.removeprefix("test_").replace("_", "-")
    return bench.get("group") or bench["name"], runner


def load_runs(storage: str) -> list[Run]:
    runs = []
    for path in glob.glob(os.path.join(storage, "**", "*.json"), recursive=True):
        with open(path) as f:
            data = json.load(f)
        run = Run(when=data.get("datetime", ""), commit=(data.get("commit_info") or {}).get("id", "")[:8])
        for bench in data.get("benchmarks", []):
            run.medians[identify(bench)] = bench["stats"]["median"]
        if run.medians:
            runs.append(run)
    runs.sort(key=lambda r: r.when)
    return runs


def runner_order(runners) -> list[str]:
    known = [r for r in RUNNER_COLOURS if r in runners]
    return known + sorted(r for r in runners if r not in RUNNER_COLOURS)


def colour(runner: str, order: list[str]) -> str:
    return RUNNER_COLOURS.get(runner) or FALLBACK_COLOURS[order.index(runner) % len(FALLBACK_COLOURS)]


# -- the table ------------------------------------------------------------------------------

def format_ratio(ratio: float) -> str:
    style = "green" if ratio < 1 else ("yellow" if ratio < 10 else "red")
    return f"[{style}]{ratio:.2f}x[/{style}]"


def build_table(run: Run) -> Table:
    programs = sorted({p for p, _ in run.medians})
    runners = runner_order({r for _, r in run.medians})
    table = Table(title=f"protojit / CPython, median time (run {run.when[:19]}, commit {run.commit})")
    table.add_column("program")
    for runner in runners:
        table.add_column(runner, justify="right")
    for program in programs:
        base = run.medians.get((program, "cpython"))
        cells = []
        for runner in runners:
            median = run.medians.get((program, runner))
            if median is None:
                cells.append("-")
            elif base and runner != "cpython":
                cells.append(f"{median * 1e3:.2f} ms  {format_ratio(median / base)}")
            else:
                cells.append(f"{median * 1e3:.2f} ms")
        table.add_row(program, *cells)
    return table


# -- the history chart ----------------------------------------------------------------------

PANEL_W, PANEL_H, PAD = 320, 180, 36


def panel_svg(program: str, runs: list[Run], runners: list[str], x0: int, y0: int) -> list[str]:
    """One program's panel: a polyline per runner of log10(median) over the runs."""
    series = {r: [(i, run.medians.get((program, r))) for i, run in enumerate(runs)] for r in runners}
    values = [v for points in series.values() for _, v in points if v]
    out = [f'<g transform="translate({x0},{y0})">',
           f'<rect width="{PANEL_W}" height="{PANEL_H}" fill="white" stroke="#ccc"/>',
           f'<text x="8" y="16" font-size="13" font-weight="bold">{escape(program)}</text>']
    if not values:
        return out + ["</g>"]
    lo, hi = math.log10(min(values)), math.log10(max(values))
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    span_x = max(len(runs) - 1, 1)

    def xy(i, v):
        x = PAD + (PANEL_W - 2 * PAD) * (i / span_x if len(runs) > 1 else 0.5)
        y = PANEL_H - PAD + 8 - (PANEL_H - 2 * PAD) * (math.log10(v) - lo) / (hi - lo)
        return f"{x:.1f},{y:.1f}"

    out.append(f'<text x="4" y="{PAD}" font-size="9">{10 ** hi * 1e3:.3g} ms</text>')
    out.append(f'<text x="4" y="{PANEL_H - PAD + 8}" font-size="9">{10 ** lo * 1e3:.3g} ms</text>')
    for runner, points in series.items():
        coords = [xy(i, v) for i, v in points if v]
        if not coords:
            continue
        c = colour(runner, runners)
        out.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="{" ".join(coords)}"/>')
        out += [f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{c}"/>' for p in coords]
    out.append(f'<text x="{PAD}" y="{PANEL_H - 6}" font-size="9">run 1 .. {len(runs)} (oldest to newest)</text>')
    return out + ["</g>"]


def history_svg(runs: list[Run]) -> str:
    programs = sorted({p for run in runs for p, _ in run.medians})
    runners = runner_order({r for run in runs for _, r in run.medians})
    columns = 3
    rows = max(1, math.ceil(len(programs) / columns))
    legend_h = 28
    width, height = columns * (PANEL_W + 10) + 10, rows * (PANEL_H + 10) + 10 + legend_h
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif">', f'<rect width="{width}" height="{height}" fill="#f7f7f7"/>']
    x = 10
    for runner in runners:
        parts.append(f'<rect x="{x}" y="9" width="12" height="12" fill="{colour(runner, runners)}"/>')
        parts.append(f'<text x="{x + 16}" y="20" font-size="12">{escape(runner)}</text>')
        x += 24 + 8 * len(runner)
    for k, program in enumerate(programs):
        row, col = divmod(k, columns)
        parts += panel_svg(program, runs, runners, 10 + col * (PANEL_W + 10), legend_h + 10 + row * (PANEL_H + 10))
    parts.append("</svg>")
    return "\n".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--storage", default=".benchmarks", help="pytest-benchmark storage folder")
    parser.add_argument("--out", default=os.path.join("perf", "dashboard"), help="output folder")
    args = parser.parse_args(argv)
    runs = load_runs(args.storage)
    if not runs:
        print(f"dashboard: no saved runs under {args.storage}; run "
              "`python -m pytest perf --benchmark-only --benchmark-autosave` first", file=sys.stderr)
        return 1
    os.makedirs(args.out, exist_ok=True)
    console = Console(record=True, width=140)
    console.print(build_table(runs[-1]))
    console.save_svg(os.path.join(args.out, "table.svg"), title="protojit dashboard", clear=False)
    console.save_text(os.path.join(args.out, "table.txt"))
    with open(os.path.join(args.out, "history.svg"), "w") as f:
        f.write(history_svg(runs))
    print(f"dashboard: {len(runs)} run(s); wrote {args.out}/table.svg, table.txt, history.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
