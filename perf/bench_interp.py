"""Tier 0 against CPython on call-, loop- and attribute-heavy programs.

Each program in perf/programs/ defines main(); we time main() on the host
CPython and main() as a guest function under protojit's interpreter
(--tier interp), in the same process and run, and check both give the same
result (a fast wrong answer is a failure).

    python -m pytest -q perf/bench_interp.py --benchmark-only --benchmark-timer=time.process_time

prints the median ratios at the end. The shared machines change speed from one
second to the next, so repeat the run and quote the median of the ratios; for a
figure that noise cannot move, count instructions (valgrind --tool=callgrind on
main() under each, minus the start-up).
"""
import importlib.util
import os

import pytest

from protojit.runtime.environment import PythonEnvironment

HERE = os.path.join(os.path.dirname(__file__), "programs")
PROGRAMS = ["calls", "loops", "attributes"]


# Every runner gets the same rounds (auto-calibrated rounds differ per runner).
ROUNDS = 5


def host_main(name):
    spec = importlib.util.spec_from_file_location(f"perf_{name}", os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def guest_main(name):
    # Tier 0 only: the tiering policy is process-wide (the CLI sets it from --tier).
    from protojit import tiering
    tiering.settings.tier = "interp"
    env = PythonEnvironment(argv=[name], script_dir=HERE, tier="interp")
    module = env.importer.load(name)
    return module.main


# One program's CPython and protojit runs are adjacent: this shared machine changes speed
# over seconds, and a ratio is only meaningful between runs made under the same conditions.
CASES = [(name, runner) for name in PROGRAMS for runner in ("cpython", "protojit-interp")]


@pytest.mark.parametrize("name,runner", CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_interp_vs_cpython(benchmark, record_median, name, runner):
    benchmark.group = name
    benchmark.extra_info.update(program=name, runner=runner)     # for perf/dashboard.py
    if runner == "cpython":
        fn = host_main(name)
    else:
        fn = guest_main(name)
        assert fn() == host_main(name)()
    benchmark.pedantic(fn, rounds=ROUNDS, warmup_rounds=1)
    record_median(name, runner, benchmark)
