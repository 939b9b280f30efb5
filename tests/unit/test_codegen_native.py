"""The native tier end to end: emitted LLVM IR per construct, machine-code calls,
guards (Deopt / NOT_APPLICABLE), exceptions, compile time, threads, tiering,
OSR and trace events."""
import json
import os
import subprocess
import sys
import tempfile
import textwrap

import numpy as np
import pytest

from protojit.codegen import compiler, lower
from protojit.codegen.compiler import NOT_APPLICABLE, Deopt, compile_function

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


SRC = """
import math

K = 3

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def add(a, b):
    return a + b

def fdiv(a, b):
    return a / b

def floordiv(a, b):
    return a // b

def mod(a, b):
    return a % b

def scale(x):
    return x * K

def get(a, i):
    return a[i]

def put(a, i, v):
    a[i] = v
    return 0

def root(x):
    return math.sqrt(x)

def shape2(m):
    return m.shape

def powi(a, b):
    return a ** b
"""


@pytest.fixture(scope="module")
def g(guest):
    return guest(SRC)


def llvm_ir(g, name, *args):
    spec = compile_function(g[name], args, keep_ir=True)
    return spec, spec.llvm_ir


def test_int_add_is_overflow_checked(g):
    spec, text = llvm_ir(g, "add", 1, 2)
    assert "llvm.sadd.with.overflow.i64" in text
    assert spec.call((1, 2)) == 3
    assert spec.call((2 ** 62, 2 ** 62)).guard == "int64 overflow"


def test_float_ops_and_zero_checks(g):
    spec, text = llvm_ir(g, "add", 1.5, 2.0)
    assert "fadd double" in text and "with.overflow" not in text
    spec, text = llvm_ir(g, "fdiv", 1.0, 2.0)
    assert "fdiv double" in text
    assert spec.call((1.0, 4.0)) == 0.25
    with pytest.raises(ZeroDivisionError, match="^float division by zero$"):
        spec.call((1.0, 0.0))


def test_int_floor_division_and_modulo_follow_python(g):
    spec, text = llvm_ir(g, "floordiv", 7, 2)
    assert "sdiv i64" in text and "srem i64" in text
    for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5)):
        assert spec.call((a, b)) == a // b
    assert type(spec.call((-(2 ** 63), -1))) is Deopt
    with pytest.raises(ZeroDivisionError, match="^integer division or modulo by zero$"):
        spec.call((1, 0))
    spec = compile_function(g["mod"], (7, 2))
    for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2), (-(2 ** 63), -1)):
        assert spec.call((a, b)) == a % b
    spec = compile_function(g["mod"], (7.5, 2.0))
    for a, b in ((7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-0.0, 3.0)):
        r = spec.call((a, b))
        assert r == a % b and str(r) == str(a % b)


def test_recursive_calls_are_direct_fastcc(g):
    spec, text = llvm_ir(g, "fib", 10)
    assert "fastcc" in text and f"icmp sgt i64" in text   # native depth limit
    assert spec.call((20,)) == 6765
    assert spec.call((2 ** 70,)) is NOT_APPLICABLE       # not an int64 argument
    assert spec.call((1.5,)) is NOT_APPLICABLE


def test_compile_reports_its_stage_times(g):
    # How fast is perf/'s business (bench_native.py prints the compile time); this checks
    # that the trace's `compile` event has its per-stage figures to show.
    spec = compile_function(g["fib"], (3,))
    assert "total" in spec.times and len(spec.times) > 1
    assert all(v >= 0 for v in spec.times.values())
    assert max(v for k, v in spec.times.items() if k != "total") <= spec.times["total"]


def test_arrays_index_store_shape_and_numpy_errors(g):
    a = np.arange(10, dtype=np.int64)
    spec, text = llvm_ir(g, "get", a, 3)
    assert "getelementptr i8" in text
    assert spec.call((a, -1)) == 9 and type(spec.call((a, 2))) is np.int64
    with pytest.raises(IndexError, match="^index 10 is out of bounds for axis 0 with size 10$"):
        spec.call((a, 10))
    assert spec.call((a.astype(np.float64), 1)) is NOT_APPLICABLE
    put = compile_function(g["put"], (a, 0, 5))
    assert put.call((a, 4, 99)) == 0 and a[4] == 99
    m = np.zeros((3, 4))
    assert compile_function(g["shape2"], (m,)).call((m,)) == (3, 4)


def test_math_domain_error(g):
    spec = compile_function(g["root"], (4.0,))
    assert spec.call((2.0,)) == 2.0 ** 0.5
    with pytest.raises(ValueError, match="^math domain error$"):
        spec.call((-1.0,))


def test_int_power_overflow_and_negative_exponent_deopt(g):
    spec = compile_function(g["powi"], (2, 3))
    assert spec.call((3, 4)) == 81 and spec.call((-2, 63)) == -(2 ** 63)
    assert type(spec.call((2, 63))) is Deopt and type(spec.call((2, -1))) is Deopt


def test_global_change_is_a_guard(g):
    spec = compile_function(g["scale"], (2,))
    assert spec.call((2,)) == 6
    g["K"] = 4.5
    try:
        assert spec.call((2,)) is NOT_APPLICABLE
    finally:
        g["K"] = 3
    assert spec.call((2,)) == 6


# Run in a fresh interpreter: were the GIL held in native code, the first blocked read()
# would stop every other thread of the process for good, pytest's own timeout included.
_PARALLEL_SCRIPT = r"""
import ctypes, os, sys, threading, time
sys.path.insert(0, sys.argv[1])
from conftest import run_guest
from protojit.codegen.compiler import compile_function

g = run_guest('''
import ctypes
libc = ctypes.CDLL("libc.so.6")
read = libc.read
read.argtypes = [ctypes.c_int, ctypes.c_long, ctypes.c_ulong]
read.restype = ctypes.c_long

def read_byte(fd, address):
    return read(fd, address, 1)
''')
spec = compile_function(g["read_byte"], (0, 0), keep_ir=True)
print("foreign read(" in spec.typed_ir)      # native code calls read() itself
pipes = [os.pipe() for _ in range(2)]
bufs = [ctypes.create_string_buffer(1) for _ in pipes]
got = [None, None]

def reader(i):
    got[i] = spec.call((pipes[i][0], ctypes.addressof(bufs[i])))

ts = [threading.Thread(target=reader, args=(i,)) for i in range(2)]
for t in ts:
    t.start()
READ = {"x86_64": 0, "aarch64": 63}[os.uname().machine]

def in_read(t, fd):
    try:
        with open(f"/proc/self/task/{t.native_id}/syscall") as f:
            fields = f.read().split()
    except OSError:
        return False
    return fields[0] == str(READ) and int(fields[1], 16) == fd

# this thread runs Python until it sees both threads in read() at once (no deadline:
# the caller's timeout ends a hang)
while not all(in_read(t, r) for t, (r, _) in zip(ts, pipes)):
    time.sleep(0.005)
print("both in read")
for i, (_, w) in enumerate(pipes):
    os.write(w, bytes([65 + i]))
for t in ts:
    t.join()
print(got, [b.raw for b in bufs])
"""


def test_two_threads_run_compiled_code_in_parallel():
    """Compiled code runs without the GIL: two threads are inside native code at once (each
    blocked in a read() that native code calls directly) while a third runs Python to look
    (/proc/self/task/TID/syscall), then writes the bytes that let them return."""
    proc = subprocess.run([sys.executable, "-c", _PARALLEL_SCRIPT, os.path.dirname(__file__)],
                          capture_output=True, text=True, timeout=50,
                          env=dict(os.environ, PYTHONPATH=REPO))
    assert proc.stdout.splitlines() == ["True", "both in read", "[1, 1] [b'A', b'B']"], \
        proc.stderr


def _run(src, tier, *extra, cache_dir=None):
    with tempfile.TemporaryDirectory(prefix="pj_codegen_") as d:
        path = os.path.join(d, "p.py")
        trace = os.path.join(d, "trace.jsonl")
        with open(path, "w") as fh:
            fh.write(textwrap.dedent(src))
        env = dict(os.environ, PYTHONPATH=REPO, PROTOJIT_CACHE_DIR=cache_dir or os.path.join(d, "cache"))
        proc = subprocess.run([sys.executable, "-m", "protojit", "--tier", tier, f"--trace={trace}",
                               *extra, path], capture_output=True, text=True, timeout=50, env=env)
        events = []
        if os.path.exists(trace):
            with open(trace) as fh:
                events = [json.loads(line) for line in fh]
        return proc, events


def test_osr_compiles_a_long_loop_in_a_function_called_once():
    proc, events = _run("""
        def once(n):
            s = 0
            i = 0
            while i < n:
                s += i % 7
                i += 1
            return s
        print(once(200000))
        """, "auto")
    assert proc.stdout == f"{sum(i % 7 for i in range(200000))}\n", proc.stderr
    regions = [e for e in events if e["event"] == "compile" and "region" in e]
    assert regions and regions[0]["function"] == "once"


def test_trace_records_compile_reject_and_deopt():
    proc, events = _run("""
        def grow(x):
            return x * 3
        def refl(x):
            return len(locals()) + x
        for i in range(5):
            grow(i)
            refl(i)
        print(grow(2 ** 62), refl(1))
        """, "jit")
    assert proc.stdout == f"{3 * 2 ** 62} 2\n", proc.stderr
    kinds = {e["event"] for e in events}
    assert {"compile", "reject", "deopt"} <= kinds
    compile_ev = next(e for e in events if e["event"] == "compile")
    assert compile_ev["function"] == "grow" and compile_ev["types"] == ["int"] and compile_ev["ms"] > 0
    reject = next(e for e in events if e["event"] == "reject")
    assert reject["function"] == "refl" and "locals()" in reject["reason"] and reject["line"] == 5
    deopt = next(e for e in events if e["event"] == "deopt")
    assert deopt["guard"] == "int64 overflow" and deopt["line"] == 3


def test_interp_tier_installs_nothing():
    proc, events = _run("""
        def f(x):
            return x + 1
        for i in range(3000):
            f(i)
        print(f(1))
        """, "interp")
    tier_events = [e for e in events if e["event"] not in ("call", "profile", "run")]  # trace/profile.py
    assert proc.stdout == "2\n" and tier_events == []


CACHED_SRC = """
    def poly(x):
        return x * x * 3 + x
    print(poly(7), poly(2.5))
    """


def test_code_cache_hits_on_second_run_and_survives_corruption():
    with tempfile.TemporaryDirectory(prefix="pj_codegen_cache_") as cdir:
        first, ev1 = _run(CACHED_SRC, "jit", cache_dir=cdir)
        second, ev2 = _run(CACHED_SRC, "jit", cache_dir=cdir)
        assert first.stdout == second.stdout == "154 21.25\n"
        assert [e["cached"] for e in ev1 if e["event"] == "compile"] == [False, False]
        assert [e["cached"] for e in ev2 if e["event"] == "compile"] == [True, True]
        files = [os.path.join(r, f) for r, _, fs in os.walk(cdir) for f in fs]
        assert len(files) == 2
        with open(files[0], "r+b") as fh:     # corrupt one entry, truncate the other
            fh.seek(60)
            fh.write(b"garbage")
        with open(files[1], "r+b") as fh:
            fh.truncate(20)
        third, ev3 = _run(CACHED_SRC, "jit", cache_dir=cdir)
        assert third.stdout == first.stdout and third.returncode == 0
        assert [e["cached"] for e in ev3 if e["event"] == "compile"] == [False, False]


def test_no_jit_cache_writes_nothing():
    with tempfile.TemporaryDirectory(prefix="pj_codegen_cache_") as cdir:
        proc, events = _run(CACHED_SRC, "jit", "--no-jit-cache", cache_dir=cdir)
        assert proc.stdout == "154 21.25\n"
        assert [e["cached"] for e in events if e["event"] == "compile"] == [False, False]
        assert not any(fs for _, _, fs in os.walk(cdir))


TB_SRC = """
def inner(a, b):
    return a // b

def middle(a, b):
    x = a + 1
    return inner(x, b) + 1

def outer(a, b):
    s = 0
    for i in range(3):
        s += middle(a, b - i)
    return s

for k in range(5):
    outer(k, 10)
print(outer(5, 2))
"""


def test_traceback_through_native_calls_names_every_guest_frame():
    def frames(text):
        return [line.strip() for line in text.splitlines() if line.strip().startswith("File ")]
    with tempfile.TemporaryDirectory(prefix="pj_codegen_") as d:
        path = os.path.join(d, "tb.py")
        with open(path, "w") as fh:
            fh.write(TB_SRC)
        want = subprocess.run([sys.executable, path], capture_output=True, text=True, timeout=50)
    proc, events = _run(TB_SRC, "jit")
    assert any(e["event"] == "compile" and e["function"] == "outer" for e in events)
    got = [f.replace(os.path.basename(f.split('"')[1]), "tb.py") for f in frames(proc.stderr)]
    exp = [f.replace(f.split('"')[1], f.split('"')[1].replace(os.path.dirname(f.split('"')[1]), "").lstrip("/"))
           for f in frames(want.stderr)]
    assert [g.split(", ", 1)[1] for g in got] == [e.split(", ", 1)[1] for e in exp]
    assert len(got) == 4 and "ZeroDivisionError: integer division or modulo by zero" in proc.stderr


def test_scalar_fast_path_checks_every_argument_like_the_general_path(guest):
    """NativeSpec.call packs one-slot int/float/bool arguments inline: the same type and
    int64-range checks as _pack (a bool is not an int, an int is not a float)."""
    g = guest("""
        def mix(a, x, flag):
            if flag:
                return a + 1
            return a - 1

        def half(x):
            return x / 2.0
        """)
    spec = compile_function(g["mix"], (1, 2.0, True))
    assert spec.scalar_args == ("int", "float", "bool")
    assert spec.call((41, 2.0, True)) == 42 and spec.call((41, 2.0, False)) == 40
    for bad in [(True, 2.0, True), (1, 2, True), (1, 2.0, 1), (2 ** 63, 2.0, True), (1.0, 2.0, True)]:
        assert spec.call(bad) is NOT_APPLICABLE, bad
    assert type(spec.call((-2 ** 63, 2.0, False))) is Deopt     # in range; the subtraction overflows
    spec = compile_function(g["half"], (3.0,))
    assert spec.call((3.0,)) == 1.5 and type(spec.call((3.0,))) is float
    assert spec.call((3,)) is NOT_APPLICABLE


DEEP = """
def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)

def via(n):
    return sum_to(n) + 1

def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)
"""


@pytest.mark.parametrize("name, n, value", [
    ("sum_to", 700, 245350), ("via", 700, 245351), ("is_even", 700, True),
])
def test_native_recursion_deeper_than_the_limit_deopts(guest, name, n, value):
    # The depth limit is checked at the call sites of recursive functions (lower_Call):
    # a recursion within it runs native; past it (self-, mutual, and entered from a
    # non-recursive caller) the call deopts and tier 0 applies CPython's limit.
    g = guest(DEEP)
    spec = compile_function(g[name], (n,))
    assert spec.call((n,)) == value
    assert spec.call((5 * lower.MAX_DEPTH,)).guard == "recursion depth"
