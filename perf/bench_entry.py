"""The cost of entering native code: a compiled leaf `add(a, b)` of two ints, called
from host code and from tier 0, against CPython calling the same function.

Pairs, each measured back to back (the shared machine changes speed over seconds):
  host    a host loop calls f(1, 2) N times: f is CPython's add / protojit's native
          add (the Function's vectorcall -> the C entry, runtime_c/capi/pjentry.c)
  array   a host loop calls at(xs, 1) (`return xs[i]`, a float64 numpy array): CPython's
          indexing against the native entry unboxing the array (a buffer view)
  tier0   a guest loop `s = add(s, i)` run by tier 0 with add native, against the same
          loop and add under CPython; and the same tier-0 loop with a tier-0 add (what
          --tier auto did before native leaves were entered through the C entry)
Per-call nanoseconds are the median round time / N (the quick table: in this thread's CPU
time, which the other processes of a loaded machine change least). The target: <= 150 ns per
call of the native leaf from host code or tier 0 (the entry itself; a tier-0 call site
adds the interpreter's own work around it, which the tier0 pair shows).

    python -m pytest perf/bench_entry.py --benchmark-only -q
    python perf/bench_entry.py            # quick table, no pytest-benchmark

Instruction counts (stable on a loaded machine; per call = difference / 2M):
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python perf/bench_entry.py --calls host-cpython 1000000
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python perf/bench_entry.py --calls host-cpython 3000000
    (and host-native, tier0-native, tier0-cpython)
"""
import os
import sys
import tempfile
import time

import pytest

SOURCE = '''
def add(a, b):
    return a + b


def at(xs, i):
    return xs[i]


def loop(n):
    s = 0
    for i in range(n):
        s = add(s, i)
    return s
'''

N = 100_000


def host_functions():
    ns = {}
    exec(compile(SOURCE, "<bench_entry>", "exec"), ns)
    return ns


def guest_functions(native_add: bool):
    """The source as a guest module under tier 0; `add` compiled when native_add."""
    from protojit import tiering
    from protojit.runtime.environment import PythonEnvironment
    tiering.settings.tier = "interp"    # nothing tiers up by itself: `loop` stays in tier 0
    with tempfile.TemporaryDirectory(prefix="pj_bench_entry_") as d:
        path = os.path.join(d, "bench_entry_guest.py")
        with open(path, "w") as fh:
            fh.write(SOURCE)
        env = PythonEnvironment(argv=[path], script_dir=d, tier="interp")
        main = env.new_main_module(path)
        env.run_source(SOURCE, path, main.__dict__)
    g = main.__dict__
    if native_add:
        import numpy as np
        assert tiering.compile_now(g["add"], (1, 2)), "add did not compile"
        assert tiering.compile_now(g["at"], (np.zeros(3), 1)), "at did not compile"
        from protojit import _pjentry
        from protojit.runtime.function import record_of   # (a guest def is a CPython function)
        assert type(record_of(g["add"]).invoke) is _pjentry.Entry
    return g


def host_calls(f, n=N):
    for _ in range(n):
        f(1, 2)


def host_array_calls(f, n=N):
    import numpy as np
    xs = np.arange(4.0)
    for _ in range(n):
        f(xs, 1)


@pytest.fixture(scope="module")
def fns():
    return {"cpython": host_functions(), "native": guest_functions(True),
            "interp": guest_functions(False)}


def _bench(benchmark, record_median, group, runner, fn, *args):
    benchmark.group = group
    benchmark.extra_info.update(program=group, runner=runner, calls=N)
    benchmark.pedantic(fn, args=args, rounds=7, iterations=1, warmup_rounds=1)
    record_median(group, runner, benchmark)


def test_host_cpython(benchmark, record_median, fns):
    _bench(benchmark, record_median, "entry-host", "cpython", host_calls, fns["cpython"]["add"])


def test_host_native(benchmark, record_median, fns):
    assert fns["native"]["add"](2, 3) == 5
    _bench(benchmark, record_median, "entry-host", "protojit-native", host_calls, fns["native"]["add"])


def test_tier0_cpython(benchmark, record_median, fns):
    _bench(benchmark, record_median, "entry-tier0", "cpython", fns["cpython"]["loop"], N)


def test_tier0_native(benchmark, record_median, fns):
    assert fns["native"]["loop"](N) == fns["cpython"]["loop"](N)
    _bench(benchmark, record_median, "entry-tier0", "protojit-native", fns["native"]["loop"], N)


def test_tier0_interp(benchmark, record_median, fns):
    _bench(benchmark, record_median, "entry-tier0", "protojit-interp", fns["interp"]["loop"], N)


def _time(fn, *args, rounds=7):
    """The median of `rounds` runs in this thread's CPU time (time.thread_time): on the shared
    machine the wall clock mostly measured the other processes (21 us per native host call
    at a load of 16, where the thread's own time gave ~0.1 us)."""
    best = []
    for _ in range(rounds):
        t0 = time.thread_time()
        fn(*args)
        best.append(time.thread_time() - t0)
    return sorted(best)[rounds // 2]


def main(argv):
    if argv[:1] == ["--calls"]:     # one scenario, for callgrind (see the docstring)
        what, n = argv[1], int(argv[2])
        g = host_functions() if what.endswith("cpython") else guest_functions(True)
        if what.startswith("host"):
            host_calls(g["add"], n)
        else:
            g["loop"](n)
        return
    fns = {"cpython": host_functions(), "native": guest_functions(True),
           "interp": guest_functions(False)}
    rows = [("host call", "cpython", host_calls, fns["cpython"]["add"]),
            ("host call", "native", host_calls, fns["native"]["add"]),
            ("array arg", "cpython", host_array_calls, fns["cpython"]["at"]),
            ("array arg", "native", host_array_calls, fns["native"]["at"]),
            ("tier-0 loop", "cpython", fns["cpython"]["loop"], N),
            ("tier-0 loop", "native add", fns["native"]["loop"], N),
            ("tier-0 loop", "tier-0 add", fns["interp"]["loop"], N)]
    for what, runner, fn, arg in rows:
        print(f"{what:<12} {runner:<11} {_time(fn, arg) / N * 1e9:8.1f} ns per call")


if __name__ == "__main__":
    main(sys.argv[1:])
