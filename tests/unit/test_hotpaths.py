"""Code made again at level 1 (codegen/hotpaths.py: Py_DecRef's body and pj_load_global's
hit inline): the same results as the calls, on the paths where the inline hit must not be
taken -- an object freed at a release (its __del__ at the same point), a global rebound,
deleted, or shadowing a builtin, a builtin replaced, a global rebound inside the loop that
reads it; attribute slots (the site's first cache entry inline) on another type, a
__slots__ member, a materialised dict, a changed class, an absent attribute."""
import re
import time

import pytest

from protojit.codegen import hotpaths, jit
from protojit import tiering
from protojit.runtime.function import record_of
from conftest import run_guest_auto


@pytest.fixture
def upgrades(monkeypatch):
    """--tier jit with a background thread of the test's own that makes hot code again at
    level 1 after one entry per LLVM instruction."""
    monkeypatch.setattr(tiering.settings, "background", True)
    monkeypatch.setattr(tiering, "_background", tiering._Background())
    monkeypatch.setattr(tiering, "UPGRADE_POLL", 0.01)
    monkeypatch.setattr(tiering, "UPGRADE_PER_LINE", 1)
    with tiering.tier_as("jit"):
        yield
    tiering._background.close()


def upgraded(fn, run):
    """Call run() until fn's one spec runs its level-1 code; return that spec's level-0
    module (its optimised bitcode, parsed)."""
    run()
    [[spec]] = record_of(fn).native.specs.values()
    assert spec.level1 is not None
    mod = jit.llvm.parse_bitcode(spec.level1.bitcode)
    deadline = time.monotonic() + 30
    while spec.level1 is not None and time.monotonic() < deadline:
        run()
        time.sleep(0.01)
    assert spec.level1 is None
    return mod


DEL_SRC = '''
log = []

class D:
    def __init__(self, k):
        self.k = k
    def __del__(self):
        log.append(self.k)

def churn(n):
    s = 0
    for i in range(n):
        d = D(i)
        s += d.k
        d = None      # D(i) dies here: its __del__ runs before the next append
        log.append(-i)
    return s
'''


def test_release_at_level1_frees_at_the_same_point(upgrades):
    g = run_guest_auto(DEL_SRC)
    churn, log = g["churn"], g["log"]
    mod = upgraded(churn, lambda: churn(20))
    assert "call void @Py_DecRef" in str(mod)
    del log[:]
    assert churn(4) == 6 and log == [0, 0, 1, -1, 2, -2, 3, -3]
    assert hotpaths.link_into(mod)
    jit.optimise(mod, 1)
    optimised = str(mod)
    assert "call void @_Py_Dealloc" in optimised and "call void @Py_DecRef" not in optimised


GLOBAL_SRC = '''
K = 3

class O:
    z = 0

def reads(n, o=O()):
    # (an attribute read: object code)
    s = o.z
    for i in range(n):
        s += K + abs(-2)
    return s

def bumps(n, o=O()):
    global K
    s = o.z
    for i in range(n):
        s += K
        K += 1
    return s

def shadow_abs():
    global abs
    abs = lambda x: 100

def unshadow_abs():
    global abs
    del abs

def replace_abs(f):
    import builtins
    saved = builtins.abs
    builtins.abs = f
    return saved
'''


def test_global_reads_at_level1_follow_rebinding(upgrades):
    g = run_guest_auto(GLOBAL_SRC)
    reads = g["reads"]
    mod = upgraded(reads, lambda: reads(20))
    assert "call ptr @pj_load_global(" in str(mod)
    assert hotpaths.link_into(mod)
    jit.optimise(mod, 1)
    assert "call ptr @pj_load_global_lookup(" in str(mod) and "@pj_load_global(" not in str(mod)
    assert reads(10) == 50
    g["K"] = 5                      # a global rebound
    assert reads(10) == 70
    g["shadow_abs"]()               # a global shadows a builtin
    assert reads(10) == 1050
    g["unshadow_abs"]()             # and goes: the builtin again
    assert reads(10) == 70
    saved = g["replace_abs"](lambda x: 7)     # the builtin replaced
    try:
        assert reads(10) == 120
    finally:
        g["replace_abs"](saved)
    assert reads(10) == 70
    del g["K"]                      # deleted: CPython's NameError
    with pytest.raises(NameError, match="name 'K' is not defined"):
        reads(1)
    g["K"] = 1
    assert reads(3) == 9


def test_global_rebound_inside_the_loop_at_level1(upgrades):
    g = run_guest_auto(GLOBAL_SRC)
    bumps = g["bumps"]
    upgraded(bumps, lambda: bumps(20))
    g["K"] = 10
    assert bumps(5) == 10 + 11 + 12 + 13 + 14 and g["K"] == 15


ATTR_SRC = '''
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Q(P):
    pass

class S:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

def walk(objs):
    s = 0
    for o in objs:
        o.y = o.x + 1
        s += o.x + o.y
    return s
'''


def test_attribute_slots_at_level1_fall_back_off_the_first_way(upgrades):
    g = run_guest_auto(ATTR_SRC)
    walk, P, Q, S = g["walk"], g["P"], g["Q"], g["S"]
    mod = upgraded(walk, lambda: walk([P(1, 2), P(3, 4)]))
    assert "attr_slot.get.full" in str(mod)
    assert hotpaths.link_into(mod)
    jit.optimise(mod, 1)
    optimised = str(mod)
    # the first way inline at each site; only the rest is a call
    assert re.search(r"call fastcc ptr @pj\d+\.attr_slot\.get\.full\(", optimised)
    assert not re.search(r"call fastcc ptr @pj\d+\.attr_slot\.(get|set)\(", optimised)
    assert walk([P(1, 2)]) == 3
    # another type at the sites (not their first entry), a __slots__ member, a dict made
    # by vars(), a new attribute on the class
    assert walk([Q(2, 0), S(5, 0), P(1, 0), S(1, 1)]) == 5 + 11 + 3 + 3
    o = P(4, 0)
    vars(o)
    assert walk([o, P(1, 0)]) == 9 + 3 and vars(o) == {"x": 4, "y": 5}
    P.z = 1
    assert walk([P(2, 0), Q(7, 0)]) == 5 + 15
    del P.z
    with pytest.raises(AttributeError, match="'P' object has no attribute 'x'"):
        walk([P.__new__(P)])
