"""Foreign calls: a ctypes `abs` loop under CPython's ctypes and protojit's own ctypes.

The program calls libc `abs` N times in a loop (`total += abs_(-i)`), with argtypes
[c_int] / restype c_int (the common, declared case), and once more without argtypes
(CPython's default conversions), and `strtol` with a byref out pointer (the full
conversion path of lib/ctypes). Runners:

  cpython               the host CPython and its ctypes (libffi)
  protojit-interp       tier 0 with lib/ctypes: direct stubs (one host prototype per
                        signature entering an llvmlite stub that calls abs)
  protojit-interp-buffer  the same with the generic buffer stubs (PJ_FFI_ENTRY=buffer:
                        one host prototype for every signature, arguments packed in memory)
  protojit-native       the loop compiled by the native tier: machine code that calls abs
                        by address (codegen/ffi.py emit_native_call), no host frame per
                        call; a failure, with the reason, if codegen refuses the loop (a
                        benchmark must not vanish from the table when codegen regresses)

Every runner's result is checked against CPython's. The machine is shared: quote medians.

Run: python -m pytest perf/bench_ctypes.py --benchmark-only -q
     python perf/bench_ctypes.py   (1,000,000 calls per runner, CPU microseconds per call)
"""
import os
import shutil
import sys
import tempfile
import time

import pytest

SOURCE = '''
from ctypes import CDLL, byref, c_char_p, c_int, c_long, POINTER

libc = CDLL("libc.so.6")


def bind():
    """Fresh function objects (after the FFI entry kind changed)."""
    global abs_, abs_default, strtol
    abs_ = libc["abs"]
    abs_.argtypes = [c_int]
    abs_.restype = c_int
    abs_default = libc["abs"]
    strtol = libc["strtol"]
    strtol.argtypes = [c_char_p, POINTER(c_char_p), c_int]
    strtol.restype = c_long


bind()


def loop_abs(n):
    total = 0
    for i in range(n):
        total += abs_(-i)
    return total


def loop_default(n):
    total = 0
    for i in range(n):
        total += abs_default(-i)
    return total


def loop_strtol(n):
    end = c_char_p()
    total = 0
    for i in range(n):
        total += strtol(b"12345xyz", byref(end), 10)
    return total, end.value
'''

N = 200_000            # calls per benchmark round (the summary gives time per call)
N_SLOW = 2_000         # strtol + byref: the full conversion path at tier 0


def host_functions():
    ns = {}
    exec(compile(SOURCE, "<bench_ctypes>", "exec"), ns)
    return ns


def guest_functions(tmpdir):
    from protojit import tiering
    from protojit.runtime.environment import PythonEnvironment
    tiering.settings.tier = "interp"
    path = os.path.join(tmpdir, "bench_ctypes_guest.py")
    with open(path, "w") as fh:
        fh.write(SOURCE)
    env = PythonEnvironment(argv=[path], script_dir=tmpdir, tier="interp")
    main = env.new_main_module(path)
    env.run_source(SOURCE, path, main.__dict__)
    return main.__dict__


def native_loop(guest):
    """The native tier's compiled loop_abs, or None and the reason it cannot be compiled."""
    try:
        from protojit.codegen.compiler import compile_function
        spec = compile_function(guest["loop_abs"], (N,))
    except Exception as e:      # Unsupported (or any codegen gap): reported, not hidden
        return None, f"{type(e).__name__}: {e}"
    return (lambda n: spec.call((n,))), None


def entry_kind(kind, guest):
    from protojit import ffi
    ffi.ENTRY_KIND = kind
    guest["bind"]()


@pytest.fixture(scope="module")
def setup():
    tmp = tempfile.mkdtemp(prefix="pj_bench_ctypes_")
    try:
        host = host_functions()
        yield {"host": host, "guest": guest_functions(tmp), "expected": host["loop_abs"](N)}
    finally:
        from protojit import ffi
        ffi.ENTRY_KIND = "direct"
        shutil.rmtree(tmp, ignore_errors=True)


def _bench(benchmark, fn, *args, rounds=3):
    return benchmark.pedantic(fn, args=args, rounds=rounds, iterations=1, warmup_rounds=1)


def test_abs_cpython(benchmark, record_median, setup):
    benchmark.group = "abs"
    assert _bench(benchmark, setup["host"]["loop_abs"], N) == setup["expected"]
    record_median("abs", "cpython", benchmark)


def test_abs_interp(benchmark, record_median, setup):
    benchmark.group = "abs"
    entry_kind("direct", setup["guest"])
    assert _bench(benchmark, setup["guest"]["loop_abs"], N) == setup["expected"]
    record_median("abs", "protojit-interp", benchmark)


def test_abs_interp_buffer(benchmark, record_median, setup):
    benchmark.group = "abs"
    entry_kind("buffer", setup["guest"])
    try:
        assert _bench(benchmark, setup["guest"]["loop_abs"], N) == setup["expected"]
    finally:
        entry_kind("direct", setup["guest"])
    record_median("abs", "protojit-interp-buffer", benchmark)


def test_abs_native(benchmark, record_median, setup):
    benchmark.group = "abs"
    loop, reason = native_loop(setup["guest"])
    if loop is None:
        pytest.fail(f"native tier does not compile loop_abs: {reason}")
    assert _bench(benchmark, loop, N) == setup["expected"]
    record_median("abs", "protojit-native", benchmark)


def test_default_conversions_cpython(benchmark, record_median, setup):
    benchmark.group = "abs-default"
    assert _bench(benchmark, setup["host"]["loop_default"], N) == setup["expected"]
    record_median("abs-default", "cpython", benchmark)


def test_default_conversions_interp(benchmark, record_median, setup):
    benchmark.group = "abs-default"
    assert _bench(benchmark, setup["guest"]["loop_default"], N) == setup["expected"]
    record_median("abs-default", "protojit-interp", benchmark)


def test_strtol_byref_cpython(benchmark, record_median, setup):
    benchmark.group = "strtol-byref"
    assert _bench(benchmark, setup["host"]["loop_strtol"], N_SLOW) == (12345 * N_SLOW, b"xyz")
    record_median("strtol-byref", "cpython", benchmark)


def test_strtol_byref_interp(benchmark, record_median, setup):
    benchmark.group = "strtol-byref"
    assert _bench(benchmark, setup["guest"]["loop_strtol"], N_SLOW) == (12345 * N_SLOW, b"xyz")
    record_median("strtol-byref", "protojit-interp", benchmark)


def _per_call(fn, n, repeat=3):
    """Best of `repeat` runs, in this thread's CPU time (the machine is shared: wall time
    includes waiting for a core)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.thread_time()
        fn(n)
        best = min(best, time.thread_time() - start)
    return best / n * 1e6


def main():
    """1,000,000 abs calls per runner; prints microseconds of CPU per call (best of 3)."""
    n = 1_000_000
    tmp = tempfile.mkdtemp(prefix="pj_bench_ctypes_")
    try:
        host, guest = host_functions(), guest_functions(tmp)
        rows = [("cpython ctypes", _per_call(host["loop_abs"], n)),
                ("protojit tier 0 (direct stubs)", _per_call(guest["loop_abs"], n))]
        entry_kind("buffer", guest)
        rows.append(("protojit tier 0 (buffer stubs)", _per_call(guest["loop_abs"], n)))
        entry_kind("direct", guest)
        rows.append(("cpython ctypes, no argtypes", _per_call(host["loop_default"], n)))
        rows.append(("protojit tier 0, no argtypes", _per_call(guest["loop_default"], n)))
        rows.append(("cpython strtol+byref", _per_call(host["loop_strtol"], 20_000)))
        rows.append(("protojit tier 0 strtol+byref", _per_call(guest["loop_strtol"], 20_000)))
        loop, reason = native_loop(guest)
        base = rows[0][1]
        for name, us in rows:
            print(f"{name:<34} {us:8.3f} us/call  {us / base:6.2f}x")
        if loop is None:
            raise SystemExit(f"protojit native tier: loop_abs does not compile: {reason}")
        assert loop(n) == host["loop_abs"](n), "native tier result differs from CPython's"
        us = _per_call(loop, n)
        print(f"{'protojit native tier':<34} {us:8.3f} us/call  {us / base:6.3f}x"
              f"  ({base / us:.0f} times faster than CPython's ctypes)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
