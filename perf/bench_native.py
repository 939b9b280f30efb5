"""The native tier against CPython, protojit's tier 0 and gcc -O2.

Programs: fib(32) (call-heavy; also compiled as C with `gcc -O2` in a temp dir and
called through ctypes), two float loops (a Kepler-orbit integrator: sqrt, mul,
add in a latency-bound loop; and spectral norm, n=100, over numpy vectors with
a small function called in the inner loop) and a numpy-array loop
(out[i] = a[i] * k + b[i]). Each is
timed under the host CPython, protojit tier 0 (`--tier interp`) and protojit's
native tier (the guest function compiled by codegen, called through its entry
exactly as tier 0 calls it). Every runner's result is checked against CPython's.

Tier 0 runs fib(22) instead of fib(32) (fib(32) would take minutes there); the
summary scales it by the call count (fib(32) makes 7049155 calls, fib(22) 57313).

Run: python -m pytest perf/bench_native.py --benchmark-only -q
The ratios are printed at the end (perf/conftest.py) and by `python perf/bench_native.py`.
"""
import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import pytest

SOURCE = '''
import math


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def orbit(x, y, vx, vy, dt, n):
    for i in range(n):
        r = math.sqrt(x * x + y * y)
        a = -1.0 / (r * r * r)
        vx += a * x * dt
        vy += a * y * dt
        x += vx * dt
        y += vy * dt
    return x, y, vx, vy


def axpy(out, a, b, k):
    for i in range(len(a)):
        out[i] = a[i] * k + b[i]
    return len(out)


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def mul_av(v, out):
    n = len(v)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out[i] = s
    return n


def mul_atv(v, out):
    n = len(v)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out[i] = s
    return n


def spectral(u, v, tmp):
    for k in range(10):
        mul_av(u, tmp)
        mul_atv(tmp, v)
        mul_av(v, tmp)
        mul_atv(tmp, u)
    vbv = 0.0
    vv = 0.0
    for i in range(len(u)):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)
'''

C_FIB = "long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"

N_ARR = 1_000_000
ORBIT_ARGS = (1.0, 0.0, 0.0, 1.0, 0.001, 1_000_000)
FIB_CALLS = {32: 7049155, 22: 57313}
N_SPECTRAL = 100


def _spectral_arrays(n=N_SPECTRAL):
    return np.ones(n), np.ones(n), np.ones(n)


def _arrays():
    a = np.arange(N_ARR, dtype=np.float64)
    b = np.ones(N_ARR)
    return np.zeros(N_ARR), a, b


def host_functions():
    ns = {}
    exec(compile(SOURCE, "<bench_native>", "exec"), ns)
    return ns


def guest_functions(tmpdir):
    """The same source as a guest module under tier 0 (no automatic tiering)."""
    from protojit import tiering
    from protojit.runtime.environment import PythonEnvironment
    tiering.settings.tier = "interp"
    path = os.path.join(tmpdir, "bench_native_guest.py")
    with open(path, "w") as fh:
        fh.write(SOURCE)
    env = PythonEnvironment(argv=[path], script_dir=tmpdir, tier="interp")
    main = env.new_main_module(path)
    env.run_source(SOURCE, path, main.__dict__)
    return main.__dict__


def native_entry(gfn, args):
    from protojit.codegen.compiler import compile_function
    spec = compile_function(gfn, args)
    return spec, (lambda *a: spec.call(a))


def c_fib(tmpdir):
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        return None
    src = os.path.join(tmpdir, "fib.c")
    lib = os.path.join(tmpdir, "libfib.so")
    with open(src, "w") as fh:
        fh.write(C_FIB)
    subprocess.run([gcc, "-O2", "-shared", "-fPIC", "-o", lib, src], check=True)
    dll = ctypes.CDLL(lib)
    dll.fib.restype = ctypes.c_long
    dll.fib.argtypes = [ctypes.c_long]
    return dll.fib


@pytest.fixture(scope="module")
def setup():
    tmp = tempfile.mkdtemp(prefix="pj_bench_native_")
    try:
        yield {"host": host_functions(), "guest": guest_functions(tmp), "cfib": c_fib(tmp)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _bench(benchmark, fn, *args, rounds=3):
    return benchmark.pedantic(fn, args=args, rounds=rounds, iterations=1, warmup_rounds=1)


# ---- fib -----------------------------------------------------------------------------

def test_fib_cpython(benchmark, record_median, setup):
    benchmark.group = "fib(32)"
    assert _bench(benchmark, setup["host"]["fib"], 32) == 2178309
    record_median("fib(32)", "cpython", benchmark)


def test_fib_interp(benchmark, record_median, setup):
    benchmark.group = "fib(32)"
    assert _bench(benchmark, setup["guest"]["fib"], 22, rounds=2) == 17711
    record_median("fib(22)", "protojit-interp", benchmark)


def test_fib_native(benchmark, record_median, setup):
    benchmark.group = "fib(32)"
    spec, call = native_entry(setup["guest"]["fib"], (32,))
    assert _bench(benchmark, call, 32, rounds=5) == 2178309
    record_median("fib(32)", "protojit-native", benchmark)


def test_fib_gcc(benchmark, record_median, setup):
    benchmark.group = "fib(32)"
    if setup["cfib"] is None:
        pytest.skip("no C compiler")
    assert _bench(benchmark, setup["cfib"], 32, rounds=5) == 2178309
    record_median("fib(32)", "gcc -O2 (ctypes)", benchmark)


# ---- float loop --------------------------------------------------------------------------

def test_orbit_cpython(benchmark, record_median, setup):
    benchmark.group = "orbit"
    _bench(benchmark, setup["host"]["orbit"], *ORBIT_ARGS)
    record_median("orbit", "cpython", benchmark)


def test_orbit_interp(benchmark, record_median, setup):
    benchmark.group = "orbit"
    small = ORBIT_ARGS[:-1] + (ORBIT_ARGS[-1] // 20,)
    assert _bench(benchmark, setup["guest"]["orbit"], *small, rounds=2) == setup["host"]["orbit"](*small)
    record_median("orbit/20", "protojit-interp", benchmark)


def test_orbit_native(benchmark, record_median, setup):
    benchmark.group = "orbit"
    spec, call = native_entry(setup["guest"]["orbit"], ORBIT_ARGS)
    assert _bench(benchmark, call, *ORBIT_ARGS, rounds=5) == setup["host"]["orbit"](*ORBIT_ARGS)
    record_median("orbit", "protojit-native", benchmark)


# ---- spectral norm (float loop with calls, numpy vectors) ---------------------------------

def test_spectral_cpython(benchmark, record_median, setup):
    benchmark.group = "spectral"
    host = setup["host"]["spectral"]
    r = _bench(benchmark, lambda: host(*_spectral_arrays()))   # fresh vectors each round
    assert abs(r - 1.2742) < 1e-3
    record_median("spectral", "cpython", benchmark)


def test_spectral_interp(benchmark, record_median, setup):
    benchmark.group = "spectral"
    guest = setup["guest"]["spectral"]
    _bench(benchmark, lambda: guest(*_spectral_arrays(20)), rounds=2)
    record_median("spectral(n=20)", "protojit-interp", benchmark)


def test_spectral_native(benchmark, record_median, setup):
    benchmark.group = "spectral"
    spec, call = native_entry(setup["guest"]["spectral"], _spectral_arrays())
    r = _bench(benchmark, lambda: call(*_spectral_arrays()), rounds=5)
    assert r == setup["host"]["spectral"](*_spectral_arrays())
    record_median("spectral", "protojit-native", benchmark)


# ---- numpy loop --------------------------------------------------------------------------

def test_axpy_cpython(benchmark, record_median, setup):
    benchmark.group = "axpy"
    out, a, b = _arrays()
    _bench(benchmark, setup["host"]["axpy"], out, a, b, 2.5)
    record_median("axpy", "cpython", benchmark)


def test_axpy_interp(benchmark, record_median, setup):
    benchmark.group = "axpy"
    out, a, b = _arrays()
    n = N_ARR // 20
    _bench(benchmark, setup["guest"]["axpy"], out[:n], a[:n], b[:n], 2.5, rounds=2)
    record_median("axpy/20", "protojit-interp", benchmark)


def test_axpy_native(benchmark, record_median, setup):
    benchmark.group = "axpy"
    out, a, b = _arrays()
    spec, call = native_entry(setup["guest"]["axpy"], (out, a, b, 2.5))
    _bench(benchmark, call, out, a, b, 2.5, rounds=5)
    assert out.tolist() == (a * 2.5 + b).tolist()
    record_median("axpy", "protojit-native", benchmark)


def _best(fn, *args, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t)
    return best


def main():
    """A quick table without pytest (best of a few runs; the machine may be loaded)."""
    tmp = tempfile.mkdtemp(prefix="pj_bench_native_")
    try:
        host, guest, cfib = host_functions(), guest_functions(tmp), c_fib(tmp)
        t0 = time.perf_counter()
        spec, nfib = native_entry(guest["fib"], (32,))
        first = time.perf_counter() - t0
        warm, cpu = float("inf"), float("inf")
        for _ in range(5):
            c0 = time.process_time()
            warm = min(warm, native_entry(guest["fib"], (32,))[0].times["total"])
            cpu = min(cpu, time.process_time() - c0)
        print(f"fib compile: first {first * 1000:.1f} ms (includes LLVM start-up), then best of 5 "
              f"{warm * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU")
        cp = _best(host["fib"], 32, repeat=3)
        t0i = _best(guest["fib"], 22, repeat=1) * FIB_CALLS[32] / FIB_CALLS[22]
        # native and C interleaved, best of 15 each: on a shared machine both then had
        # the same chances of getting a whole core
        nat = c = float("inf")
        for _ in range(15):
            nat = min(nat, _best(nfib, 32, repeat=1))
            if cfib is not None:
                c = min(c, _best(cfib, 32, repeat=1))
        line = f"fib(32): cpython {cp * 1e3:.1f} ms, tier0 ~{t0i * 1e3:.0f} ms (scaled), native {nat * 1e3:.2f} ms"
        if cfib is not None:
            line += f", gcc -O2 {c * 1e3:.2f} ms; native/C = {nat / c:.2f}x"
        print(line + f"; CPython/native = {cp / nat:.1f}x")
        spec, norbit = native_entry(guest["orbit"], ORBIT_ARGS)
        cp, nat = _best(host["orbit"], *ORBIT_ARGS, repeat=2), _best(norbit, *ORBIT_ARGS)
        assert norbit(*ORBIT_ARGS) == host["orbit"](*ORBIT_ARGS)
        small = ORBIT_ARGS[:-1] + (ORBIT_ARGS[-1] // 20,)
        t0i = _best(guest["orbit"], *small, repeat=1) * 20
        print(f"orbit(1e6 steps): cpython {cp * 1e3:.1f} ms, tier0 ~{t0i * 1e3:.0f} ms (scaled), "
              f"native {nat * 1e3:.2f} ms; CPython/native = {cp / nat:.1f}x")
        spec, nspec = native_entry(guest["spectral"], _spectral_arrays())
        cp = _best(lambda: host["spectral"](*_spectral_arrays()), repeat=2)
        nat = _best(lambda: nspec(*_spectral_arrays()))
        assert nspec(*_spectral_arrays()) == host["spectral"](*_spectral_arrays())
        t0i = _best(lambda: guest["spectral"](*_spectral_arrays(20)), repeat=1) * (N_SPECTRAL / 20) ** 2
        print(f"spectral norm(n={N_SPECTRAL}): cpython {cp * 1e3:.1f} ms, tier0 ~{t0i * 1e3:.0f} ms (scaled), "
              f"native {nat * 1e3:.2f} ms; CPython/native = {cp / nat:.1f}x")
        out, a, b = _arrays()
        spec, naxpy = native_entry(guest["axpy"], (out, a, b, 2.5))
        cp, nat = _best(host["axpy"], out, a, b, 2.5, repeat=2), _best(naxpy, out, a, b, 2.5)
        n = N_ARR // 20
        t0i = _best(guest["axpy"], out[:n], a[:n], b[:n], 2.5, repeat=1) * 20
        print(f"axpy(1e6): cpython {cp * 1e3:.1f} ms, tier0 ~{t0i * 1e3:.0f} ms (scaled), "
              f"native {nat * 1e3:.2f} ms; CPython/native = {cp / nat:.1f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
