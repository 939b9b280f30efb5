"""The C native entry (protojit._pjentry, runtime_c/capi/pjentry.c) behind fn.invoke.

Each test compiles guest functions explicitly (tiering.compile_now) and calls them
the three ways they are called: from host code (the Function's tp_call/vectorcall),
through fn.invoke as tier 0 does, and through the Python dispatcher behind the entry.
Expected values are CPython's (the same source run by the host)."""
import threading
import time
import traceback

import pytest

from protojit import _pjentry, tiering
from protojit.runtime.function import record_of

SRC = '''
def add(a, b):
    return a + b

def half(a, b):
    return a // b

def neg(b):
    return not b

def fsum(n):
    s = 0.0
    for i in range(n):
        s += i * 0.5
    return s

def pair(a, b):
    return a + b, a * 1.5

def helper(x):
    return x + 1

def calls_helper(x):
    return helper(x) * 2

def nothing(x):
    return None
'''


class Records:
    """A guest module's globals, read as the records of its functions (runtime/function.py:
    their invoke and native state; calling a record is a host call of the function);
    writes go to the globals themselves (a test rebinds a callee)."""

    def __init__(self, ns):
        self.ns = ns

    def __getitem__(self, name):
        v = self.ns[name]
        return record_of(v) or v

    def __setitem__(self, name, value):
        self.ns[name] = value


def records(ns):
    return Records(ns)


@pytest.fixture
def g(guest):
    return records(guest(SRC))


@pytest.fixture
def host():
    ns = {}
    exec(SRC, ns)
    return ns


def native(fn, *args):
    assert tiering.compile_now(fn, args)
    assert type(fn.invoke) is _pjentry.Entry
    return fn


def test_host_and_tier0_calls_take_the_entry(g, host):
    add = native(g["add"], 1, 2)
    assert add(3, 4) == host["add"](3, 4) == 7
    assert add.invoke(add, (3, 4), None) == 7
    assert sorted([5, 1, 3], key=lambda x: add(x, -2 * x)) == [5, 3, 1]
    assert list(map(add, [1, 2], [10, 20])) == [11, 22]
    (spec,) = add.invoke.specs
    assert spec.release_gil == 0     # a straight-line leaf keeps the GIL (cheaper)


def test_arguments_outside_the_spec_run_tier0(g, host):
    add = native(g["add"], 1, 2)
    for args in [(2 ** 70, 1), (1.5, 2), ("a", "b"), (True, True), (-2 ** 63, 0), (2 ** 63, 0)]:
        assert add(*args) == host["add"](*args)
        assert add.invoke(add, args, None) == host["add"](*args)
    assert add(b=2, a=1) == 3            # keywords: the host's slow path
    with pytest.raises(TypeError, match=r"add\(\) missing 1 required positional argument: 'b'"):
        add(1)


def test_bool_and_int_specs_do_not_mix(g, host):
    neg = native(g["neg"], True)
    assert neg(False) is True and neg(True) is False
    assert neg(0) is True and neg(3) is False   # ints: tier 0 (or a spec of their own)
    nothing = native(g["nothing"], 1)
    assert nothing(5) is None and nothing(None) is None


def test_overflow_deopts_to_tier0_exactly(g, host):
    add = native(g["add"], 1, 2)
    big = 2 ** 62
    assert add(big, big) == 2 ** 63
    assert add.invoke(add, (big, big), None) == 2 ** 63
    assert add.native.specs   # still native after a couple of deopts
    assert add(1, 1) == 2


def test_guest_exception_comes_back_through_the_entry(g):
    half = native(g["half"], 7, 2)
    assert half(-7, 2) == -4
    with pytest.raises(ZeroDivisionError, match="integer division or modulo by zero") as info:
        half(1, 0)
    lines = [fs.lineno for fs in traceback.extract_tb(info.value.__traceback__)]
    assert 6 in lines   # the guest line of `a // b`
    with pytest.raises(ZeroDivisionError):
        list(map(half, [1], [0]))
    with pytest.raises(ZeroDivisionError):
        half.invoke(half, (1, 0), None)


def test_loops_release_the_gil_and_run_in_threads(g, host):
    fsum = native(g["fsum"], 10)
    assert fsum.invoke.specs[0].release_gil == 1
    out = {}
    ts = [threading.Thread(target=lambda k=k: out.__setitem__(k, fsum(1000 + k))) for k in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == {k: host["fsum"](1000 + k) for k in range(3)}


def test_tuple_results_come_back_as_raw_slots(g, host):
    pair = native(g["pair"], 1, 2)
    assert pair(3, 4) == host["pair"](3, 4) == (7, 4.5)


def test_rebinding_a_callee_makes_the_spec_inapplicable(g):
    f = native(g["calls_helper"], 1)
    assert f(1) == 4
    old = g["helper"]
    g["helper"] = lambda x: x - 1
    try:
        assert f(1) == 0          # tier 0 with the new helper (host lambda)
    finally:
        g["helper"] = old
    assert f(1) == 4


def test_spec_checks_its_arguments():
    with pytest.raises(ValueError):
        _pjentry.Spec(0, b"", 0, 1, (), (), False, None, 10)
    with pytest.raises(ValueError):
        _pjentry.Spec(1, bytes([9]), 0, 1, (), (), False, None, 10)
    with pytest.raises(ValueError):
        _pjentry.Spec(1, b"", 0, 1, (), (), False, None, _pjentry.ERR_SLOTS + 1)
    e = _pjentry.Entry(lambda fn, args, back: ("fallback", args), None, None)
    assert e(None, (1, 2), None) == ("fallback", (1, 2))
    with pytest.raises(TypeError):
        e.specs = [1]


OBJECT_SRC = '''
class K:
    def tag(self, a):
        return [a, type(self).__name__]

    def bad(self, a):
        return self.nope + a
'''


def test_object_code_enters_through_the_c_entry(guest):
    """Object code (its own ABI: the argument tuple in, an object out) behind the entry."""
    g = records(guest(OBJECT_SRC))
    k = g["K"]()
    tag, bad = record_of(g["K"].__dict__["tag"]), record_of(g["K"].__dict__["bad"])
    saved = tiering.settings.objects
    tiering.settings.objects = True
    try:
        assert tiering.compile_now(tag, (k, 1)) and tiering.compile_now(bad, (k, 1))
    finally:
        tiering.settings.objects = saved
    assert type(tag.invoke) is _pjentry.Entry and tag.invoke.specs[0].release_gil == 0
    assert k.tag(3) == [3, "K"] and list(map(k.tag, [1, 2])) == [[1, "K"], [2, "K"]]
    assert tag.invoke(tag, (k, 5), None) == [5, "K"]
    with pytest.raises(AttributeError, match="'K' object has no attribute 'nope'") as info:
        k.bad(1)
    assert 7 in [fs.lineno for fs in traceback.extract_tb(info.value.__traceback__)]


ARRAY_SRC = '''
def asum(xs):
    s = 0.0
    for i in range(len(xs)):
        s += xs[i]
    return s

def msum(m):
    s = 0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s += m[i, j] * (i + 1)
    return s

def bump(xs, k):
    for i in range(len(xs)):
        xs[i] += 1
    return k * k

def at(xs, i):
    return xs[i]
'''


def test_array_arguments_take_the_c_entry(guest, monkeypatch):
    """numpy arrays are unboxed by the C entry (buffer views: data, shapes, strides), not by
    NativeSpec.call's ctypes path; arrays it cannot take go to that path, which rejects them
    as before, and tier 0 runs the call."""
    np = pytest.importorskip("numpy")
    g = records(guest(ARRAY_SRC))
    xs = np.arange(10, dtype=np.float64)
    m = np.arange(12, dtype=np.int64).reshape(3, 4)
    asum, msum, bump, at = (native(g[n], *a) for n, a in (
        ("asum", (xs,)), ("msum", (m,)), ("bump", (xs.copy(), 2)), ("at", (xs, 1))))
    host = {}
    exec(ARRAY_SRC, host)
    # the Python path of every spec fails loudly: the calls below that apply must not use it
    calls = []
    real = type(asum.native.specs[next(iter(asum.native.specs))][0]).call

    def counted(self, args, *rest, **kw):
        calls.append(self)
        return real(self, args, *rest, **kw)
    monkeypatch.setattr(type(asum.native.specs[next(iter(asum.native.specs))][0]), "call", counted)
    assert asum(xs) == host["asum"](xs) == 45.0
    # numpy scalar results are boxed by the entry too, with CPython's types
    for f, args in ((asum, (xs,)), (asum, (xs[:0],)), (at, (xs, 2)), (msum, (m,))):
        r, want = f(*args), host[f.__name__](*args)
        assert type(r) is type(want) and r == want, (f.__name__, r, want)
    assert asum(xs[::3]) == host["asum"](xs[::3])          # strided: the view's strides
    assert msum(m) == host["msum"](m)
    assert msum(m.T) == host["msum"](m.T)                  # transposed: strides swapped
    assert msum(m[:, 1:3]) == host["msum"](m[:, 1:3])
    assert at.invoke(at, (xs, -1), None) == 9.0
    ys = np.zeros(4)
    assert bump(ys, 3) == 9 and list(ys) == [1.0] * 4      # stores reach the caller's array
    assert calls == []
    assert type(at(np.arange(3), 1)) is np.int64     # (another dtype: another spec, later)
    # overflow after the stores: the undo log restores them, tier 0 re-runs once
    assert bump(ys, 2 ** 40) == 2 ** 80 and list(ys) == [2.0] * 4
    # arrays outside the spec: the Python path (which rejects them), then tier 0
    for other in (xs.astype(np.float32), xs.astype(">f8"), [1.0, 2.0], m[0]):
        assert asum(other) == host["asum"](other)
    ro = xs.copy()
    ro.flags.writeable = False
    assert asum(ro) == 45.0
    with pytest.raises(IndexError, match="index 10 is out of bounds for axis 0 with size 10"):
        at(xs, 10)


def test_depth_constants_agree_with_the_frame_layout_and_codegen():
    """pjentry.c reads a caller's depth at F_DEPTH and hands native code its start depth in
    err[ERR_DEPTH] against MAX_DEPTH (issue 18): the three places must agree."""
    from protojit import frames
    from protojit.codegen import lower
    assert _pjentry.F_DEPTH == frames.F_DEPTH
    assert _pjentry.ERR_DEPTH == lower.ERR_DEPTH
    assert lower.ERR_DEPTH not in (lower.ERR_LINE, lower.ERR_P0, lower.ERR_P1, lower.ERR_P2,
                                   lower.ERR_GUARD, lower.ERR_FUNC, lower.ERR_LOG, lower.ERR_FRAME,
                                   lower.ERR_LOG_LEN, lower.ERR_LOG_CAP, lower.ERR_TB_N)
    assert lower.ERR_DEPTH < lower.ERR_TB
    assert _pjentry.MAX_NATIVE_DEPTH == lower.MAX_DEPTH == frames.NATIVE_MAX_DEPTH
    assert _pjentry.DEPTH_STEP == lower.DEPTH_MARGIN == frames.DEPTH_STEP
    assert _pjentry.NATIVE_MARGIN == frames.NATIVE_MARGIN


THREADED = '''
def add3(a, b, c):
    return a * b + c
'''


def test_threads_making_the_first_call_at_once_compile_once(monkeypatch):
    """--tier jit: N threads making a function's first call at the same time compile it
    once; the others wait for that compile and run its spec (they compiled it N times)."""
    from conftest import _run_module
    n = 4
    with tiering.tier_as("jit"):
        g = _run_module(THREADED, "jit")
        add3 = g["add3"]
        real = tiering.guarded_compile
        barrier = threading.Barrier(n)
        monkeypatch.setattr(tiering, "guarded_compile",
                            lambda *a: (time.sleep(0.2), real(*a))[1])   # (all are waiting)
        before = tiering.compile_report()["compiles"]
        results = []

        def call(i):
            barrier.wait()
            results.append(add3(i, 2, 1))
        threads = [threading.Thread(target=call, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == [2 * i + 1 for i in range(n)]
        assert tiering.compile_report()["compiles"] - before == 1
        assert sum(map(len, record_of(add3).native.specs.values())) == 1
