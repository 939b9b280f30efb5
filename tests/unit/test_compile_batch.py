"""The compile worker's batches (codegen/batch.py, protojit/tiering.py _run_batch): queued
first compiles of functions lowered one by one, their machine code made in one LLVM
module, each function's internal helpers that equal another unit's compiled once."""
import threading

import pytest

from protojit import tiering
from protojit.codegen import batch, jit
from protojit.runtime.function import record_of
from conftest import run_guest_auto

SRC = '''
class P:
    def __init__(self, x):
        self.x = x

def get(p):
    return p.x + 1

def put(p, v):
    p.x = v
    return p.x * 2

def both(p, v):
    put(p, v)
    return get(p) - v
'''

HELPER = '''define internal fastcc ptr @"{m}.help"(ptr %".1") noinline "no-jump-tables"="true"
{{
entry:
  %".3" = icmp eq ptr %".1", null
  br i1 %".3", label %"a", label %"b", !prof !0
a:
  ret ptr null
b:
  ret ptr %".1"
}}
'''


def unit(m, weights="i32 1, i32 1000"):
    return (f'; ModuleID = "{m}"\n' + HELPER.format(m=m)
            + f'define ptr @"{m}.entry"(ptr %".1")\n{{\nentry:\n'
            + f'  %".2" = call fastcc ptr @"{m}.help"(ptr %".1")\n  ret ptr %".2"\n}}\n\n'
            + f'!0 = !{{ !"branch_weights", {weights} }}\n')


def test_equal_internal_functions_are_linked_as_one():
    a, b, c = batch._share_functions([unit("pj901"), unit("pj902"), unit("pj903", "i32 1000, i32 1")])
    assert 'define linkonce_odr fastcc ptr @"pj901.help"' in a
    assert 'define linkonce_odr fastcc ptr @"pj901.help"' in b and "pj902.help" not in b
    assert 'call fastcc ptr @"pj901.help"' in b
    # other branch weights: not the same function
    assert 'define internal fastcc ptr @"pj903.help"' in c


def test_linked_units_run_and_their_shared_function_is_internal():
    texts = batch._share_functions([unit("pj911"), unit("pj912")])
    addresses, times = jit.compile_linked(texts, ["pj911.entry", "pj912.entry"], [None, None])
    import ctypes
    for name in ("pj911.entry", "pj912.entry"):
        f = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)(addresses[name])
        assert f(1234) == 1234 and f(None) is None
    assert set(times) == {"parse_verify", "optimise", "codegen"}


@pytest.fixture
def auto(monkeypatch):
    """--tier auto, a threshold of 5 calls, a background thread of the test's own that
    starts once the gate is set (so the program queues several jobs first)."""
    monkeypatch.setattr(tiering.settings, "threshold", 5)
    monkeypatch.setattr(tiering.settings, "background", True)
    monkeypatch.setattr(tiering, "_background", tiering._Background())
    monkeypatch.setattr(tiering, "WAIT_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    gate = threading.Event()
    real_run = tiering._run_batch
    monkeypatch.setattr(tiering, "_run_batch",
                        lambda jobs, *more: (gate.wait(10), real_run(jobs, *more)))
    real_run_job = tiering._run_job
    monkeypatch.setattr(tiering, "_run_job",
                        lambda job, **how: (gate.wait(10), real_run_job(job, **how)))
    with tiering.tier_as("auto"):
        yield gate
    gate.set()
    tiering._background.close()


def run_queued(gate, monkeypatch):
    """Queue get, put and both (each called over the threshold), then let the worker go;
    their results at every step, and the compile_linked calls made."""
    linked = []
    real = jit.compile_linked
    monkeypatch.setattr(jit, "compile_linked", lambda texts, *a: (linked.append(len(texts)),
                                                                  real(texts, *a))[1])
    g = run_guest_auto(SRC)
    P, get, put, both = g["P"], g["get"], g["put"], g["both"]
    for i in range(8):
        assert both(P(i), i + 3) == 1
    queued = [record_of(f).native.pending for f in (get, put, both)]
    assert all(job is not None and not job.done for job in queued)
    gate.set()
    tiering._background.wait()
    for i in range(3):
        assert both(P(i), 2 ** 62 + i) == 1 and get(P(2.5)) == 3.5 and put(P(0), "ab") == "abab"
    return [record_of(f) for f in (get, put, both)], linked


def test_queued_first_compiles_are_made_in_one_module(auto, monkeypatch):
    records, linked = run_queued(auto, monkeypatch)
    assert linked == [4]     # get, put, both and P.__init__
    for r in records:
        assert r.native.pending is None and r.native.specs   # installed, native


def test_a_batch_that_fails_to_link_compiles_each_unit_alone(auto, monkeypatch):
    tried = []

    def broken(*args):
        tried.append(args)
        raise RuntimeError("LLVM said no")
    monkeypatch.setattr(jit, "compile_linked", broken)
    g = run_guest_auto(SRC)
    P, both = g["P"], g["both"]
    for i in range(8):
        assert both(P(i), i) == 1
    auto.set()
    tiering._background.wait()
    assert both(P(1), 5) == 1 and len(tried) == 1
    for name in ("get", "put", "both"):
        r = record_of(g[name])
        assert r.native.pending is None and r.native.specs
