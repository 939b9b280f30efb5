"""Level-1 upgrades at --tier auto (protojit/tiering.py _UpgradeJob): object code too big
for level 1's machine code at its first compile (codegen/jit.py codegen_level) runs level
0's, counts its entries and loop back-edges, and once that count pays for it the
background thread compiles the same module text at level 1 and swaps it into the spec
(compiler.ObjectSpec.swap_code): later calls run the new code, with the same results."""
import time

import pytest

from protojit.codegen import jit
from protojit import _pjentry, tiering
from protojit.runtime.function import record_of
from conftest import run_guest_auto

SRC = '''
class P:
    def __init__(self, x):
        self.x = x

def work(p, n):
    s = 0
    for i in range(n):
        s += p.x * i
        if i % 7 == 3:
            p.x += 1
    return s

def expected(x, n):
    s = 0
    for i in range(n):
        s += x * i
        if i % 7 == 3:
            x += 1
    return s
'''


@pytest.fixture
def auto(monkeypatch):
    """--tier auto, a threshold of 5 calls, a background thread of the test's own, and every
    object-code module "too big" for level 1 at its first compile."""
    monkeypatch.setattr(tiering.settings, "threshold", 5)
    monkeypatch.setattr(tiering.settings, "background", True)
    monkeypatch.setattr(tiering, "_background", tiering._Background())
    monkeypatch.setattr(tiering, "UPGRADE_POLL", 0.01)
    monkeypatch.setattr(jit, "OBJECT_LEVEL1_MAX", 10)
    with tiering.tier_as("auto"):
        yield
    tiering._background.close()


def native_spec(g):
    work, P = g["work"], g["P"]
    for _ in range(5):
        assert work(P(3), 50) == g["expected"](3, 50)
    tiering._background.wait()
    assert work(P(3), 50) == g["expected"](3, 50)     # installs
    assert type(record_of(work).invoke) is _pjentry.Entry
    [[spec]] = record_of(work).native.specs.values()
    return spec


def test_hot_level0_code_is_made_again_at_level_1_and_swapped_in(auto, monkeypatch):
    monkeypatch.setattr(tiering, "UPGRADE_PER_LINE", 1)
    g = run_guest_auto(SRC)
    spec = native_spec(g)
    level1 = spec.level1
    assert level1 is not None and level1.lines > 10     # made at level 0 for its size
    # its loop polls signals against its module's limit, which the level-1 code registers
    # too (was None: compiler read it off the module after jit.release had dropped it)
    assert level1.poll_limit is not None and level1.poll_limit.encode() in level1.bitcode
    old = spec.address
    seen = level1.heat.value
    assert g["work"](g["P"](1), 10) == g["expected"](1, 10)
    assert level1.heat.value >= seen + 1 + 10           # its entry and back-edges
    deadline = time.monotonic() + 30
    while spec.level1 is not None and time.monotonic() < deadline:
        assert g["work"](g["P"](2), 200) == g["expected"](2, 200)
        time.sleep(0.01)
    assert spec.level1 is None and spec.address != old  # the level-1 code runs now
    for x, n in ((3, 100), (-5, 1000), (2 ** 40, 30)):
        assert g["work"](g["P"](x), n) == g["expected"](x, n)
    assert g["work"](g["P"](2 ** 62), 30) == g["expected"](2 ** 62, 30)   # (int64 overflow)


def test_code_that_stays_cold_keeps_level_0(auto, monkeypatch):
    monkeypatch.setattr(tiering, "upgrade_heat", lambda lines: float("inf"))
    monkeypatch.setattr(tiering, "UPGRADE_WATCH", 0.05)
    g = run_guest_auto(SRC)
    spec = native_spec(g)
    old = spec.address
    deadline = time.monotonic() + 30
    while tiering._background.watched and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not tiering._background.watched
    assert spec.level1 is None and spec.address == old  # dropped from the watch: no compile
    assert g["work"](g["P"](4), 100) == g["expected"](4, 100)


def test_code_compiled_hot_is_upgraded_when_it_runs_again_whatever_its_size(auto, monkeypatch):
    """At --tier auto object code is compiled because it is hot: its upgrade is due when
    it runs, not after as many entries and back-edges as its module has instructions
    (here a billion per instruction: a function as big as that never got there)."""
    monkeypatch.setattr(tiering, "UPGRADE_PER_LINE", 10 ** 9)
    g = run_guest_auto(SRC)
    spec = native_spec(g)
    old = spec.address
    deadline = time.monotonic() + 30
    while spec.level1 is not None and time.monotonic() < deadline:
        assert g["work"](g["P"](2), 20) == g["expected"](2, 20)
        time.sleep(0.01)
    assert spec.level1 is None and spec.address != old


TWO = SRC + '''
def work2(p, n):
    t = 1
    for i in range(n):
        t = (t * 3 + p.x) % 1000003
    return t
'''


def test_the_upgrades_due_together_are_one_compile(auto, monkeypatch):
    """The specs due when the worker looks are made at level 1 in one job, linked into one
    module (jit.recompile_bitcodes): one set of LLVM calls, each of which waits for the
    GIL beside a program running object code."""
    monkeypatch.setattr(tiering, "UPGRADE_QUIET", 10 ** 6)   # (nothing upgrades yet)
    jobs = []

    class Recorded(tiering._UpgradeJob):
        __slots__ = ()

        def __init__(self, specs):
            jobs.append([s.function.__name__ for s in specs])
            super().__init__(specs)
    monkeypatch.setattr(tiering, "_UpgradeJob", Recorded)
    g = run_guest_auto(TWO)
    work, work2, P = g["work"], g["work2"], g["P"]
    spec = native_spec(g)
    for _ in range(6):
        work2(P(1), 30)
    tiering._background.wait()
    assert work2(P(1), 30) == work2(P(1), 30)
    [[spec2]] = record_of(work2).native.specs.values()
    olds = spec.address, spec2.address
    assert spec.level1 is not None and spec2.level1 is not None
    monkeypatch.setattr(tiering, "UPGRADE_QUIET", 0.0)
    deadline = time.monotonic() + 30
    while (spec.level1 is not None or spec2.level1 is not None) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(jobs) == 1 and {"work", "work2"} <= set(jobs[0])   # (their loops' OSR code too)
    assert spec.address != olds[0] and spec2.address != olds[1]
    assert work(P(3), 100) == g["expected"](3, 100)
    t = 1
    for i in range(100):
        t = (t * 3 + 5) % 1000003
    assert work2(P(5), 100) == t


def test_no_level1_watch_without_background_compiles(auto, monkeypatch):
    monkeypatch.setattr(tiering.settings, "background", False)
    g = run_guest_auto(SRC)
    work, P = g["work"], g["P"]
    for _ in range(6):
        assert work(P(3), 50) == g["expected"](3, 50)
    [[spec]] = record_of(work).native.specs.values()
    assert spec.level1 is None and not tiering._background.watched


def test_tier_jit_upgrades_its_hot_level0_code(monkeypatch):
    """--tier jit compiles every function at level 0 at its first call (any size); hot
    code is made again at level 1 by the worker, as at auto."""
    monkeypatch.setattr(tiering.settings, "background", True)
    monkeypatch.setattr(tiering, "_background", tiering._Background())
    monkeypatch.setattr(tiering, "UPGRADE_POLL", 0.01)
    monkeypatch.setattr(tiering, "UPGRADE_PER_LINE", 1)
    with tiering.tier_as("jit"):
        try:
            g = run_guest_auto(SRC)
            work, P = g["work"], g["P"]
            assert work(P(3), 50) == g["expected"](3, 50)
            [[spec]] = record_of(work).native.specs.values()
            assert spec.level1 is not None        # level 0 (jit.py: `quick`), watched
            old = spec.address
            deadline = time.monotonic() + 30
            while spec.level1 is not None and time.monotonic() < deadline:
                assert work(P(2), 200) == g["expected"](2, 200)
                time.sleep(0.01)
            assert spec.level1 is None and spec.address != old
            assert work(P(-7), 500) == g["expected"](-7, 500)
        finally:
            tiering._background.close()
