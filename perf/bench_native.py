"""The native tier against CPython, protojit's tier 0 and gcc -O2.

Programs: fib(32) (also compiled as C with `gcc -O2` in a temp dir and called through
ctypes). Native fib is not two calls per level: codegen's accumulator pass
(codegen/passes.py) turns `return fib(n - 1) + fib(n - 2)` into one recursive call plus
a loop that accumulates, so it measures one call and one loop iteration per level
against CPython's (and C's) two calls. tak(22, 16, 8) (Takeuchi: three calls per level whose
results are arguments, not added: the pass does not rewrite it; 905685 calls) is the
call-heavy benchmark. Two float loops (a Kepler-orbit integrator: sqrt, mul,
add in a latency-bound loop; and spectral norm, n=100, over numpy vectors with
a small function called in the inner loop) and a numpy-array loop
(out[i] = a[i] * k + b[i]). Each is
timed under the host CPython, protojit tier 0 (`--tier interp`) and protojit's
native tier (the guest function compiled by codegen, called through its entry
exactly as tier 0 calls it). Every runner's result is checked against CPython's.

Tier 0 runs fib(22) instead of fib(32) (fib(32) would take minutes there); the
summary scales it by the call count (fib(32) makes 7049155 calls, fib(22) 57313).
`python perf/bench_native.py` (the quick table) runs every runner of a program the
same number of times, interleaved round by round, takes each one's best, and checks
every result (tier 0's on the smaller input too) against CPython's.

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


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


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
TAK_ARGS, TAK_SMALL = (22, 16, 8), (18, 12, 6)
TAK_CALLS = {TAK_ARGS: 905685, TAK_SMALL: 63609}


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
    assert _bench(benchmark, setup["guest"]["fib"], 22) == 17711
    record_median("fib(22)", "protojit-interp", benchmark)


def test_fib_native(benchmark, record_median, setup):
    benchmark.group = "fib(32)"
    spec, call = native_entry(setup["guest"]["fib"], (32,))
    assert _bench(benchmark, call, 32) == 2178309
    record_median("fib(32)", "protojit-native", benchmark)


def test_fib_gcc(benchmark, record_median, setup):
    benchmark.group = "fib(32)"
    if setup["cfib"] is None:
        pytest.skip("no C compiler")
    assert _bench(benchmark, setup["cfib"], 32) == 2178309
    record_median("fib(32)", "gcc -O2 (ctypes)", benchmark)


# ---- tak: call-heavy, not rewritten by the accumulator pass -------------------------------

def test_tak_cpython(benchmark, record_median, setup):
    benchmark.group = "tak"
    assert _bench(benchmark, setup["host"]["tak"], *TAK_ARGS) == 9
    record_median("tak", "cpython", benchmark)


def test_tak_interp(benchmark, record_median, setup):
    benchmark.group = "tak"
    assert _bench(benchmark, setup["guest"]["tak"], *TAK_SMALL) == 7
    record_median("tak(18,12,6)", "protojit-interp", benchmark)


def test_tak_native(benchmark, record_median, setup):
    benchmark.group = "tak"
    spec, call = native_entry(setup["guest"]["tak"], TAK_ARGS)
    assert _bench(benchmark, call, *TAK_ARGS) == 9
    record_median("tak", "protojit-native", benchmark)


# ---- float loop --------------------------------------------------------------------------

def test_orbit_cpython(benchmark, record_median, setup):
    benchmark.group = "orbit"
    _bench(benchmark, setup["host"]["orbit"], *ORBIT_ARGS)
    record_median("orbit", "cpython", benchmark)


def test_orbit_interp(benchmark, record_median, setup):
    benchmark.group = "orbit"
    small = ORBIT_ARGS[:-1] + (ORBIT_ARGS[-1] // 20,)
    assert _bench(benchmark, setup["guest"]["orbit"], *small) == setup["host"]["orbit"](*small)
    record_median("orbit/20", "protojit-interp", benchmark)


def test_orbit_native(benchmark, record_median, setup):
    benchmark.group = "orbit"
    spec, call = native_entry(setup["guest"]["orbit"], ORBIT_ARGS)
    assert _bench(benchmark, call, *ORBIT_ARGS) == setup["host"]["orbit"](*ORBIT_ARGS)
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
    _bench(benchmark, lambda: guest(*_spectral_arrays(20)))
    record_median("spectral(n=20)", "protojit-interp", benchmark)


def test_spectral_native(benchmark, record_median, setup):
    benchmark.group = "spectral"
    spec, call = native_entry(setup["guest"]["spectral"], _spectral_arrays())
    r = _bench(benchmark, lambda: call(*_spectral_arrays()))
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
    _bench(benchmark, setup["guest"]["axpy"], out[:n], a[:n], b[:n], 2.5)
    record_median("axpy/20", "protojit-interp", benchmark)


def test_axpy_native(benchmark, record_median, setup):
    benchmark.group = "axpy"
    out, a, b = _arrays()
    spec, call = native_entry(setup["guest"]["axpy"], (out, a, b, 2.5))
    _bench(benchmark, call, out, a, b, 2.5)
    assert out.tolist() == (a * 2.5 + b).tolist()
    record_median("axpy", "protojit-native", benchmark)


def _once(fn, args):
    t = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t, result


def _interleaved(runners, rounds):
    """runners: {name: (fn, args, expected)}. Each runs once per round, in turn, `rounds`
    rounds: every runner gets the same count and the same moments of a shared machine.
    Returns {name: best seconds}; a result other than `expected` is an error (`expected`
    may be a check, called with the result, untimed)."""
    best = dict.fromkeys(runners, float("inf"))
    for _ in range(rounds):
        for name, (fn, args, expected) in runners.items():
            seconds, result = _once(fn, args)
            if not (expected(result) if callable(expected) else result == expected):
                raise AssertionError(f"{name}: got {result!r}, CPython gives {expected!r}")
            best[name] = min(best[name], seconds)
    return best


def main(rounds=5):
    """A quick table without pytest: each program's runners interleaved, `rounds` each."""
    tmp = tempfile.mkdtemp(prefix="pj_bench_native_")
    try:
        host, guest, cfib = host_functions(), guest_functions(tmp), c_fib(tmp)
        t0 = time.perf_counter()
        spec, nfib = native_entry(guest["fib"], (32,))
        first = time.perf_counter() - t0
        warm, cpu = float("inf"), float("inf")
        for _ in range(rounds):
            c0 = time.process_time()
            warm = min(warm, native_entry(guest["fib"], (32,))[0].times["total"])
            cpu = min(cpu, time.process_time() - c0)
        print(f"fib compile: first {first * 1000:.1f} ms (includes LLVM start-up), then best of {rounds} "
              f"{warm * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU")

        runners = {"cpython": (host["fib"], (32,), host["fib"](32)),
                   "tier0": (guest["fib"], (22,), host["fib"](22)),
                   "native": (nfib, (32,), host["fib"](32))}
        if cfib is not None:
            runners["gcc"] = (cfib, (32,), host["fib"](32))
        b = _interleaved(runners, rounds)
        t0i = b["tier0"] * FIB_CALLS[32] / FIB_CALLS[22]
        line = (f"fib(32) (native: one call + a loop per level): cpython {b['cpython'] * 1e3:.1f} ms, "
                f"tier0 ~{t0i * 1e3:.0f} ms (scaled), native {b['native'] * 1e3:.2f} ms")
        if cfib is not None:
            line += f", gcc -O2 {b['gcc'] * 1e3:.2f} ms; native/C = {b['native'] / b['gcc']:.2f}x"
        print(line + f"; CPython/native = {b['cpython'] / b['native']:.1f}x")

        spec, ntak = native_entry(guest["tak"], TAK_ARGS)
        b = _interleaved({"cpython": (host["tak"], TAK_ARGS, host["tak"](*TAK_ARGS)),
                          "tier0": (guest["tak"], TAK_SMALL, host["tak"](*TAK_SMALL)),
                          "native": (ntak, TAK_ARGS, host["tak"](*TAK_ARGS))}, rounds)
        t0i = b["tier0"] * TAK_CALLS[TAK_ARGS] / TAK_CALLS[TAK_SMALL]
        print(f"tak{TAK_ARGS} (calls only): cpython {b['cpython'] * 1e3:.1f} ms, tier0 ~{t0i * 1e3:.0f} ms "
              f"(scaled), native {b['native'] * 1e3:.2f} ms; CPython/native = {b['cpython'] / b['native']:.1f}x")

        spec, norbit = native_entry(guest["orbit"], ORBIT_ARGS)
        small = ORBIT_ARGS[:-1] + (ORBIT_ARGS[-1] // 20,)
        b = _interleaved({"cpython": (host["orbit"], ORBIT_ARGS, host["orbit"](*ORBIT_ARGS)),
                          "tier0": (guest["orbit"], small, host["orbit"](*small)),
                          "native": (norbit, ORBIT_ARGS, host["orbit"](*ORBIT_ARGS))}, rounds)
        print(f"orbit(1e6 steps): cpython {b['cpython'] * 1e3:.1f} ms, tier0 ~{b['tier0'] * 20e3:.0f} ms "
              f"(scaled), native {b['native'] * 1e3:.2f} ms; CPython/native = {b['cpython'] / b['native']:.1f}x")

        spec, nspec = native_entry(guest["spectral"], _spectral_arrays())
        b = _interleaved({"cpython": (lambda: host["spectral"](*_spectral_arrays()), (),
                                      host["spectral"](*_spectral_arrays())),
                          "tier0": (lambda: guest["spectral"](*_spectral_arrays(20)), (),
                                    host["spectral"](*_spectral_arrays(20))),
                          "native": (lambda: nspec(*_spectral_arrays()), (),
                                     host["spectral"](*_spectral_arrays()))}, rounds)
        t0i = b["tier0"] * (N_SPECTRAL / 20) ** 2
        print(f"spectral norm(n={N_SPECTRAL}): cpython {b['cpython'] * 1e3:.1f} ms, tier0 ~{t0i * 1e3:.0f} ms "
              f"(scaled), native {b['native'] * 1e3:.2f} ms; CPython/native = {b['cpython'] / b['native']:.1f}x")

        _, a, bb = _arrays()
        n = N_ARR // 20
        want = (a * 2.5 + bb).tolist()
        outs = {name: np.zeros(N_ARR) for name in ("cpython", "tier0", "native")}   # one each
        spec, naxpy = native_entry(guest["axpy"], (outs["native"], a, bb, 2.5))

        def check(name, size):
            return lambda _: outs[name][:size].tolist() == want[:size]
        b = _interleaved({"cpython": (host["axpy"], (outs["cpython"], a, bb, 2.5), check("cpython", N_ARR)),
                          "tier0": (guest["axpy"], (outs["tier0"][:n], a[:n], bb[:n], 2.5), check("tier0", n)),
                          "native": (naxpy, (outs["native"], a, bb, 2.5), check("native", N_ARR))}, rounds)
        print(f"axpy(1e6): cpython {b['cpython'] * 1e3:.1f} ms, tier0 "
              f"~{b['tier0'] * 20e3:.0f} ms (scaled), native {b['native'] * 1e3:.2f} ms; "
              f"CPython/native = {b['cpython'] / b['native']:.1f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
