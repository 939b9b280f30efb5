"""Generator functions in object code (build.transform_yield, codegen/genlower.py,
codegen/generators.py): the printed IR of a yield, the spec a generator compiles to,
exact reference counts over many generators (run out, closed at a yield, thrown into,
dropped suspended, delegating) and the reject of a coroutine."""
import gc
import sys
import types

import pytest

from protojit.codegen import compiler
from protojit.codegen.errors import Unsupported
from protojit.codegen.pprint import format_function
from conftest import run_guest

SRC = """
import sys

class Box:
    def __init__(self, v):
        self.v = v

def count(n, tag):
    i = 0
    while i < n:
        got = yield (tag, Box(i), [i] * 3, {i: tag})
        if got is not None:
            i += got
        i += 1
    return {"done": tag}

def guarded(xs, tag, log):
    try:
        for x in xs:
            try:
                yield 10 // x
            except KeyError as e:
                log.append((tag, str(e), sys.exc_info()[0] is KeyError))
    finally:
        log.append(tag)

class R:
    def __init__(self, log):
        self.log = log
    def __enter__(self):
        return self
    def __exit__(self, *a):
        self.log.append(a[0])

def withs(tag, log):
    with R(log):
        yield tag
        yield tag

def delegate(n):
    yield from range(n)

async def coro():
    return 1

def cyclic(log, tag):
    me = yield 1
    try:
        yield 2
    finally:
        log.append((tag, me is not None))
"""


@pytest.fixture(scope="module")
def g():
    return run_guest(SRC)


def test_yield_prints_as_a_terminator_with_its_resume(g):
    spec = compiler.compile_objects(g["count"], (3, "t"), keep_ir=True)
    assert "yield r" in spec.typed_ir and "resume at L" in spec.typed_ir and "with $sent" in spec.typed_ir
    gen = spec.call((2, "t"))
    assert type(gen) is types.GeneratorType and gen.__qualname__ == "count"
    assert [x[0] for x in gen] == ["t", "t"]


def test_generator_results_equal_tier_0(g):
    spec = compiler.compile_objects(g["count"], (3, "t"))
    gen = spec.call((4, "u"))
    assert next(gen)[1].v == 0
    assert gen.send(2)[1].v == 3
    with pytest.raises(StopIteration) as stop:
        gen.send(None)
    assert stop.value.value == {"done": "u"}
    log = []
    gs = compiler.compile_objects(g["guarded"], ([1], "a", log))
    gen = gs.call(([1, 2, 0], "a", log))
    assert next(gen) == 10
    assert gen.throw(KeyError("k")) == 5
    with pytest.raises(ZeroDivisionError):
        next(gen)
    assert log == [("a", "'k'", True), "a"]


def test_yield_from_delegates(g):
    spec = compiler.compile_objects(g["delegate"], (3,), keep_ir=True)
    assert "yield from r" in spec.typed_ir
    assert list(spec.call((4,))) == [0, 1, 2, 3]


def test_a_coroutine_is_not_compiled(g):
    with pytest.raises(Unsupported) as e:
        compiler.compile_objects(g["coro"], ())
    assert "coroutine" in e.value.feature


def test_no_leak_over_many_generators(g):
    """10**4 rounds of compiled generators run out, sent into, closed at a yield inside
    try/finally and with, thrown into (caught and not), dropped while suspended and closed
    while delegating (yield from) leave
    the number of live objects and the sentinels' reference counts flat, and no handled
    exception behind."""
    tag = "sentinel-gen-" + str(id(g))
    xs = [1, 2, 0]
    log = []
    count = compiler.compile_objects(g["count"], (3, tag))
    guarded = compiler.compile_objects(g["guarded"], (xs, tag, log))
    withs = compiler.compile_objects(g["withs"], (tag, log))
    delegate = compiler.compile_objects(g["delegate"], (3,))

    def run(n):
        for _ in range(n):
            list(count.call((4, tag)))
            c = count.call((6, tag))
            next(c)
            c.send(1)
            c.close()
            c = count.call((6, tag))
            next(c)
            del c                                   # dropped suspended
            gen = guarded.call((xs, tag, log))
            next(gen)
            gen.throw(KeyError(tag))                # caught in the body
            try:
                gen.throw(IndexError(tag))          # leaves the body through the finally
            except IndexError:
                pass
            try:
                list(guarded.call((xs, tag, log)))  # ZeroDivisionError from the body
            except ZeroDivisionError:
                pass
            w = withs.call((tag, log))
            next(w)
            w.close()
            d = delegate.call((5,))
            next(d)
            d.close()                               # closed while delegating
            list(delegate.call((3,)))
            del log[:]

    run(100)
    gc.collect()
    before = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(xs), sys.getrefcount(None))
    run(10000)
    gc.collect()
    after = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(xs), sys.getrefcount(None))
    assert after[1:3] == before[1:3]
    assert abs(after[0] - before[0]) < 50 and abs(after[3] - before[3]) < 50
    assert sys.exc_info() == (None, None, None)


def test_a_generator_in_a_reference_cycle_is_finalised_and_freed(g):
    """A suspended generator whose own local refers back to it: the cycle collector sees
    the body's locals (pjgen.c traverses them), closes it (its finally runs, as in CPython)
    and frees it."""
    import weakref
    log = []
    spec = compiler.compile_objects(g["cyclic"], (log, 0))
    gen = spec.call((log, 1))
    next(gen)
    gen.send(gen)
    ref = weakref.ref(gen)
    del gen
    gc.collect()
    assert ref() is None
    assert log == [(1, True)]
