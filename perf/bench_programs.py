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
            "attributes", "dict_str", "parallel_fib"]
TIERS = ["interp", "auto"]


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
