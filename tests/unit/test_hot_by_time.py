"""At --tier auto a function gets hot by its calls' time in tier 0 too (protojit/tiering.py
HOT_SECONDS, _run_timed): a few slow calls queue its compile, as `limit` fast ones do; the
program's drivers (fewer than HOT_MIN_CALLS calls) stay in tier 0."""

import pytest

from protojit import tiering
from protojit.runtime.function import record_of
from conftest import run_guest_auto

SRC = '''
def slow(n):
    return sorted(range(n, 0, -1))[0]

def fast(x):
    return x + 1
'''


@pytest.fixture
def auto(monkeypatch):
    monkeypatch.setattr(tiering.settings, "threshold", 1000)
    monkeypatch.setattr(tiering.settings, "background", True)
    monkeypatch.setattr(tiering, "_background", tiering._Background())
    monkeypatch.setattr(tiering, "HOT_SECONDS", 0.002)
    with tiering.tier_as("auto"):
        yield
    tiering._background.close()


def test_slow_calls_queue_the_compile_early(auto):
    g = run_guest_auto(SRC)
    slow, fast = g["slow"], g["fast"]
    for _ in range(tiering.HOT_MIN_CALLS):
        assert slow(200000) == 1
    st = record_of(slow).native
    assert st.tier0 >= tiering.HOT_SECONDS
    assert st.pending is None and not st.specs
    assert slow(200000) == 1                         # the next call queues its compile
    assert st.pending is not None or st.specs
    for i in range(50):
        assert fast(i) == i + 1
    fst = record_of(fast).native
    assert fst.pending is None and not fst.specs     # fast calls: their count decides
    tiering._background.wait()
    assert slow(100) == 1


def test_a_few_long_calls_stay_in_tier_0(auto):
    slow = run_guest_auto(SRC)["slow"]
    for _ in range(tiering.HOT_MIN_CALLS - 1):
        assert slow(200000) == 1
    st = record_of(slow).native
    assert st.tier0 >= tiering.HOT_SECONDS and st.pending is None and not st.specs


DRIVER = '''
def slow(n):
    return sorted(range(n, 0, -1))[0]

def driver(n):
    return slow(n) + slow(n)
'''


def test_a_driver_is_not_hot_for_its_callees_time(auto):
    """Self time: a driver's calls of a timed callee (not hot yet, then queued, then native)
    are the callee's time, not the driver's (hexiom's main, solve_file, solve got compiled
    in the measured rounds for their callees' time)."""
    g = run_guest_auto(DRIVER)
    slow, driver = g["slow"], g["driver"]
    for _ in range(tiering.HOT_MIN_CALLS + 2):
        assert driver(200000) == 2
    st, dst = record_of(slow).native, record_of(driver).native
    assert st.pending is not None or st.specs         # the callee is hot by its own time
    assert dst.calls > tiering.HOT_MIN_CALLS and dst.tier0 < tiering.HOT_SECONDS
    tiering._background.wait()
    for _ in range(4):
        assert driver(200000) == 2                     # slow runs natively now
    assert st.specs
    assert dst.pending is None and not dst.specs and dst.tier0 < tiering.HOT_SECONDS
