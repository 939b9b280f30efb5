"""pytest-benchmark view of perf/pyperformance_suite.py: pyperformance's pure-Python
benchmarks (fetched at run time, never copied here) under CPython and protojit.

Each case runs one benchmark script in a subprocess under one runner; a program's
CPython case and its protojit cases are adjacent (parametrize order). The benchmark
fixture times the whole process (start-up, warm-up and compilation included); the
steady-state figure (median of the measured runs after warm-up) is what the ratio table
at the end of the run uses, and what `python perf/pyperformance_suite.py` prints.

    python -m pytest -q perf/bench_pyperformance.py --benchmark-only
    PJ_PYPERF_TIERS=auto PJ_PYPERF_NAMES=richards,nbody python -m pytest -q perf/bench_pyperformance.py --benchmark-only
"""
import os

import pytest

import pyperformance_suite as suite
from conftest import _MEDIANS

pytestmark = pytest.mark.timeout(3600)

NAMES = [n for n in os.environ.get("PJ_PYPERF_NAMES", ",".join(suite.BENCHMARKS)).split(",") if n]
TIERS = [t for t in os.environ.get("PJ_PYPERF_TIERS", "auto,jit").split(",") if t]
RUNNERS = ["cpython"] + [f"protojit-{t}" for t in TIERS]
CASES = [(name, runner) for name in NAMES for runner in RUNNERS]
_CPYTHON_RESULTS = {}


@pytest.mark.parametrize("name,runner", CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_pyperformance(benchmark, name, runner):
    benchmark.group = f"pyperformance-{name}"
    benchmark.extra_info.update(program=name, runner=runner)
    outcome = {}

    def run():
        outcome["o"] = suite.run_one(name, runner, warmups=3, runs=5, timeout=1800)
    benchmark.pedantic(run, rounds=1, iterations=1)
    o = outcome["o"]
    assert o.error is None, o.error
    if runner == "cpython":
        _CPYTHON_RESULTS[name] = o.results
    else:
        assert o.results == _CPYTHON_RESULTS.get(name, o.results), "result differs from CPython's"
    benchmark.extra_info["steady_median_s"] = o.median()
    _MEDIANS[(f"pyperf-{name}", runner)] = o.median()
