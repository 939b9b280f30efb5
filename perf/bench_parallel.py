"""pytest-benchmark suite: the parallel Fibonacci program, threads = 0 (fib(n) in the
calling thread), 1, 2 and 4, under CPython (the host, in this process) and protojit --tier auto
(a guest module in this process).

The program text is perf/parallel_fib.py's GUEST_PROGRAM (plain Python, as a user writes
it). Each benchmark group is one runner; the speedup with N threads is
N * median(threads=0) / median(threads=N): about 1.0 under CPython (the GIL), up to the core
count under protojit once fib is compiled (native code runs without the GIL). The two
runners use different n (CPython is slower) and each thread gets ~100 ms of work.
Every result is checked against an exact fib(n).

    python -m pytest perf/bench_parallel.py --benchmark-only
    python perf/parallel_fib.py          # the same comparison as one table
"""
import importlib.util
import os
import types

import pytest

from protojit import tiering
from protojit.runtime.environment import PythonEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
N = {"cpython": 28, "protojit-auto": 37}
THREADS = (0, 1, 2, 4)
MODULE = "parallel_fib_guest"


def _load_host(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


script = _load_host("pj_perf_parallel_fib", os.path.join(HERE, "parallel_fib.py"))


@pytest.fixture(scope="module")
def programs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel_fib")
    path = folder / f"{MODULE}.py"
    path.write_text(script.GUEST_PROGRAM)
    host = _load_host(f"pj_perf_{MODULE}", str(path))
    env = PythonEnvironment(argv=[str(path)], script_dir=str(folder), tier="auto")
    opts = types.SimpleNamespace(tier="auto", jit_threshold=tiering.settings.threshold,
                                 jit_cache=True, trace=None)
    tiering.configure(env, opts)
    guest = env.importer.load(MODULE)
    return {"cpython": host, "protojit-auto": guest}


@pytest.mark.parametrize("threads", THREADS)
@pytest.mark.parametrize("runner", sorted(N))
def test_parallel_fib(benchmark, programs, runner, threads):
    program, n = programs[runner], N[runner]
    expected = script.exact_fib(n)
    program.run(2, 22)            # warm-up: protojit's native tier compiles fib here
    if threads == 0:
        def job():
            return [program.fib(n)]
    else:
        def job():
            return program.run(threads, n)
    assert job() == [expected] * max(threads, 1)
    benchmark.group = f"parallel_fib {runner} n={n}"
    benchmark.extra_info.update(runner=runner, threads=threads, n=n)
    benchmark.pedantic(job, rounds=3, warmup_rounds=0)
