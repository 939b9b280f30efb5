"""The dashboard suite: each benchmark program under CPython, protojit tier 0 and protojit auto.

Every program in PROGRAMS (perf/programs/NAME.py) defines main() returning a
checkable result. Each runner times main() in this process: `cpython` imports
the program on the host; `protojit-interp` and `protojit-auto` load it as a
guest module in a PythonEnvironment at that tier. Each guest result is checked
against CPython's first (a fast wrong answer is a failure). A program's runners run
one after the other, with the same rounds (interleaved per program, not all CPython
runs first).

    python -m pytest perf/bench_programs.py --benchmark-only --benchmark-autosave
    python perf/dashboard.py            # table of ratios + SVG chart from the saved runs
    python perf/bench_programs.py [--wall] [NAME...]   # quick table: CPython, interp, jit, auto side by side

The quick table times each program's steady state (after one warm-up call) under
CPython and each tier back to back, so each row's ratios come from one stretch of
the (shared, noisy) machine; auto/jit is what tiering up costs (the target: auto within 1.2x).
"""
import importlib.util
import os
import types

import pytest

from protojit import tiering
from protojit.runtime.environment import PythonEnvironment

# Seven runs of a program (check, warm-up, 5 rounds) can take minutes on a loaded machine:
# benchmarks are not part of the test suite, so they get more than its 60 s per test.
pytestmark = pytest.mark.timeout(900)

HERE = os.path.join(os.path.dirname(__file__), "programs")
PROGRAMS = ["calls", "loops", "nbody", "spectral_norm", "numpy_loops", "generators",
            "attributes", "dict_str", "parallel_fib", "mandel_method", "module_loop", "hot_leaf"]
TIERS = ["interp", "jit", "auto"]


def host_main(name):
    spec = importlib.util.spec_from_file_location(f"perf_{name}", os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def guest_main(name, tier):
    env = PythonEnvironment(argv=[name], script_dir=HERE, tier=tier)
    opts = types.SimpleNamespace(tier=tier, jit_threshold=tiering.settings.threshold,
                                 jit_cache=True, trace=None)
    tiering.configure(env, opts)
    return env.importer.load(name).main


# One program's runs are adjacent (CPython, then each protojit tier, with the same rounds):
# this shared machine changes speed over seconds, and a ratio is only meaningful between
# runs made under the same conditions (perf/bench_interp.py does the same).
CASES = [(name, runner) for name in PROGRAMS for runner in ("cpython", *(f"protojit-{t}" for t in TIERS))]


@pytest.mark.parametrize("name,runner", CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_program(benchmark, record_median, name, runner):
    benchmark.group = name
    benchmark.extra_info.update(program=name, runner=runner)     # for perf/dashboard.py
    if runner == "cpython":
        fn = host_main(name)
    else:
        fn = guest_main(name, runner.removeprefix("protojit-"))
        assert fn() == host_main(name)()
    benchmark.pedantic(fn, rounds=5, warmup_rounds=1)
    record_median(name, runner, benchmark)


def _median_time(fn, rounds=3, clock=None):
    import time
    clock = clock or time.process_time
    times = []
    for _ in range(rounds):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return sorted(times)[len(times) // 2]


def table(names, wall=False) -> None:
    """The quick table: each program's steady state under CPython and each tier, back to back.
    Times are the process's CPU time (all threads: a background compile's too) unless `wall`:
    on the shared machine the wall clock measured mostly the other processes (hot_leaf at a
    load of 22: 19.7 s of wall time for 1.9 s of CPU). parallel_fib's threads add up in CPU
    time: its speedup needs --wall (or perf/fib_vs_c.py --only par)."""
    import os
    import time
    clock = time.perf_counter if wall else time.process_time
    print(f"times: median {'wall' if wall else 'process CPU'} time of a steady-state run; load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'program':<15} {'cpython':>9} {'interp':>9} {'jit':>9} {'auto':>9}   auto/jit  jit/cpy")
    for name in names:
        host = host_main(name)
        want = host()
        row = {"cpython": _median_time(host, clock=clock)}
        for tier in TIERS:
            fn = guest_main(name, tier)
            got = fn()                      # warm-up (compiles), and the check
            assert got == want, f"{name} at {tier}: {got!r} != {want!r}"
            row[tier] = _median_time(fn, rounds=1 if tier == "interp" else 3, clock=clock)
        print(f"{name:<15} " + " ".join(f"{row[k] * 1e3:8.{1 if row[k] >= 0.01 else 3}f}ms"
                                        for k in ("cpython", *TIERS))
              + f"   {row['auto'] / row['jit']:7.2f}x {row['jit'] / row['cpython']:7.2f}x")


if __name__ == "__main__":
    import sys
    wall = "--wall" in sys.argv[1:]
    table([a for a in sys.argv[1:] if a != "--wall"] or PROGRAMS, wall=wall)
