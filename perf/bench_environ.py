"""os.environ: the guest's live mapping over the C environment against CPython's dict copy.

The same main() runs on the host CPython (its os) and under protojit's tier 0 (the guest
lib/os.py, one C-runtime call per access); both must return the same checksum.
Run: python -m pytest perf/bench_environ.py --benchmark-only
"""
import sys

from protojit.runtime.environment import PythonEnvironment

SOURCE = '''
import os

def main():
    total = 0
    for i in range(2000):
        os.environ["PJ_BENCH_ENV"] = str(i)
        total += len(os.environ["PJ_BENCH_ENV"])
        if "PJ_BENCH_ENV" in os.environ:
            total += 1
        total += len(os.getenv("PJ_BENCH_MISSING", ""))
    del os.environ["PJ_BENCH_ENV"]
    return total
'''


# Every runner gets the same rounds (auto-calibrated rounds differ per runner).
ROUNDS = 5


def host_main():
    namespace = {"__name__": "bench_environ_host"}
    exec(compile(SOURCE, "<bench_environ>", "exec"), namespace)
    return namespace["main"]


def guest_main():
    from protojit import tiering
    tiering.settings.tier = "interp"
    env = PythonEnvironment(argv=["bench_environ"], script_dir=None, tier="interp")
    host_main_module = sys.modules["__main__"]
    try:
        module = env.new_main_module(None)
        env.run_source(SOURCE, "<bench_environ>", module.__dict__)
    finally:
        sys.modules["__main__"] = host_main_module
    return module.__dict__["main"]


def test_cpython(benchmark, record_median):
    benchmark.group = "environ"
    fn = host_main()
    benchmark.pedantic(fn, rounds=ROUNDS, warmup_rounds=1)
    record_median("environ", "cpython", benchmark)


def test_protojit_interp(benchmark, record_median):
    benchmark.group = "environ"
    fn = guest_main()
    assert fn() == host_main()()
    benchmark.pedantic(fn, rounds=ROUNDS, warmup_rounds=1)
    record_median("environ", "protojit-interp", benchmark)
