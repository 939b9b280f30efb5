"""Tagged numbers in object code (types.K_NUM): which values type inference gives the
tag (join rules, fast-path results, float locals used as objects), the printed IR, the
checker's block rule for them, results and identity against tier 0, and exact reference
counts (no box leaked or freed twice on the unboxed, boxed and error paths)."""
import gc
import sys
import textwrap

import pytest

from protojit.codegen import compiler, ir
from protojit.codegen.check import check_function
from protojit.codegen.pprint import format_function
from protojit.codegen.types import (BOOL, FLOAT, INT, NONE, NUM, OBJECT, join, tuple_of)
from conftest import run_guest
from test_codegen_ir import body

SRC = """
def chain(xs, k):
    s = 0.0
    for x in xs:
        d = x * k + 1.5
        s += d * d
    return s

def keep_nan(x):
    y = x * 2.0
    lst = [y]
    return y in lst, lst.count(y), lst.index(y)

def unboxed_only(a, b):
    c = a * b
    return c + 1.0

def ints(n):
    x = 1
    out = []
    for i in range(n):
        out.append(x)
        x = x * 3 + i
    return x, out

def neg(v):
    w = v + 0
    return -w, -(w * 1.5), not w

def best(xs):
    b = None
    for x in xs:
        d = x - 1.0
        if b is None or d < b:
            b = d
    return b

def aliases(xs):
    total = 0.0
    for x in xs:
        total += x * 2
    alias = total
    return alias is total, total

def fail(a, d):
    e = a * 2.0
    return e / d
"""


@pytest.fixture(scope="module")
def g():
    return run_guest(SRC)


def typed(g, name, *types):
    return compiler.infer_types_obj(g[name], types, [])


def test_join_in_object_code_meets_numbers_as_tagged_numbers():
    assert join(INT, FLOAT, True) == NUM
    assert join(INT, OBJECT, True) == NUM and join(FLOAT, NONE, True) == NUM
    assert join(NUM, OBJECT, True) == NUM and join(BOOL, NUM, True) == NUM
    assert join(BOOL, NONE, True) == OBJECT and join(NONE, OBJECT, True) == OBJECT
    assert join(OBJECT, tuple_of(INT), True) == OBJECT
    assert join(INT, FLOAT) is None            # numeric code does not box


def test_printed_ir_of_a_float_chain(g):
    root = typed(g, "chain", OBJECT, FLOAT)
    text = body(format_function(root))
    assert textwrap.dedent("""\
        L2:
            r5: object = load $item0
            store x <- r5
            r6: object = load x
            r7: float = load k
            r8: num = Mult r6, r7 !pyerr [int/float]
            r9: float = const 1.5
            r10: num = Add r8, r9 !pyerr [int/float]
            store d <- r10
            r11: num = load s
            r12: num = load d
            r13: num = load d
            r14: num = Mult r12, r13 !pyerr [int/float]
            r15: num = Add r11, r14 inplace !pyerr [int/float]
            store s <- r15
            goto L1
        """) in text
    assert root.locals["d"].type == NUM and root.locals["s"].type == NUM
    assert root.return_type == OBJECT          # a tagged number is boxed for the entry
    assert check_function(root, typed=True) == []


def test_unboxed_float_ops_stay_plain_doubles(g):
    root = typed(g, "unboxed_only", FLOAT, FLOAT)
    assert root.locals["c"].type == FLOAT
    assert "[int/float]" not in format_function(root)


def test_float_local_used_as_object_becomes_a_tagged_number(g):
    root = typed(g, "keep_nan", FLOAT)
    assert root.locals["y"].type == NUM
    assert root.locals["x"].type == FLOAT


def test_int_ops_that_may_overflow_give_tagged_numbers(g):
    root = typed(g, "ints", INT)
    assert root.locals["x"].type == NUM
    assert root.locals["i"].type == INT        # the range counter stays a plain int64
    ops = [op for blk in root.blocks for op in blk.ops if isinstance(op, ir.BinOp)]
    assert any(op.op == ir.MULT and op.result.type == NUM for op in ops)


def test_none_or_number_local_and_is_none(g):
    root = typed(g, "best", OBJECT)
    assert root.locals["b"].type == NUM
    cmps = [op for blk in root.blocks for op in blk.ops if isinstance(op, ir.Compare)]
    assert {op.op: op.result.type for op in cmps} == {ir.IS: BOOL, ir.LT: NUM}


def test_locals_compared_with_is_stay_objects(g):
    """`alias is total`: both stay objects (one box shared by the copy, as in CPython);
    `b is None` (a constant) does not pin `b` (test_none_or_number_local_and_is_none)."""
    root = typed(g, "aliases", OBJECT)
    assert root.locals["total"].type == OBJECT and root.locals["alias"].type == OBJECT
    xs = [1.5, 2]
    assert spec(g, "aliases", xs).call((xs,)) == (True, 7.0)


def test_uses_as_object():
    x = ir.Temp("x", NUM)
    r = ir.Temp("r", NUM)
    assert not ir.uses_as_object(ir.BinOp(1, ir.ADD, x, x, r), x)
    assert not ir.uses_as_object(ir.Truth(1, x, ir.Temp("t", BOOL)), x)
    assert not ir.uses_as_object(ir.Store(1, ir.Var("v", NUM), x), x)
    assert ir.uses_as_object(ir.Compare(1, ir.IN, x, x, ir.Temp("t", BOOL)), x)
    assert ir.uses_as_object(ir.CallObject(1, x, [x], (), ir.Temp("c", OBJECT)), x)
    seq = ir.Temp("s", OBJECT)
    get = ir.GetItem(1, seq, x, ir.Temp("c", OBJECT))
    assert ir.fast_path(get) == ir.FAST_SEQ and not ir.uses_as_object(get, x)


def test_checker_flags_a_tagged_number_outside_its_block():
    r = ir.Temp("r0", NUM)
    a = ir.Temp("a", INT)
    b0 = ir.Block(0, [ir.Const(1, 1, a), ir.BinOp(1, ir.ADD, a, a, r)])
    b1 = ir.Block(1, [ir.Return(2, r)])
    b0.ops.append(ir.Jump(1, b1))
    fn = ir.Function("bad", "m.py", 1, [], [b0, b1], {}, return_type=OBJECT, objects=True)
    assert [e.description for e in check_function(fn, typed=True)] == ["object r0 used outside its block"]


def spec(g, name, *args):
    s = compiler.compile_objects(g[name], args)
    assert s.objects
    return s


def test_results_equal_tier0(g):
    nan = float("nan")
    xs = [1.0, 2, -3.5, 10 ** 20, 0.25]
    assert spec(g, "chain", xs, 1.5).call((xs, 1.5)) == g["chain"](xs, 1.5)
    found = spec(g, "keep_nan", nan).call((nan,))
    assert found == (True, 1, 0) == g["keep_nan"](nan)
    assert spec(g, "ints", 50).call((50,)) == g["ints"](50)
    for v in (3, 0, -(2 ** 63), 2.5, -0.0, True, 2 ** 70):
        got = spec(g, "neg", v).call((v,))
        assert repr(got) == repr(g["neg"](v))
    assert spec(g, "best", [3.0, 1]).call(([3.0, -1, 2.5],)) == 0 - 2.0
    assert spec(g, "best", [3.0, 1]).call(([],)) is None
    with pytest.raises(ZeroDivisionError, match="float division by zero"):
        spec(g, "fail", 1.5, 0.0).call((1.5, 0.0))


def test_no_leak_on_unboxed_boxed_and_error_paths(g):
    """Tagged numbers own their boxes: 10**4 calls through the unboxed paths, the boxed
    fallbacks (big ints, objects), materialised boxes (a NaN appended) and an error in
    the middle of a chain leave the allocated blocks and the sentinels' counts flat."""
    nan = float("nan")
    xs = [1.0, 2, -3.5, 10 ** 20, 0.25]
    calls = [(spec(g, "chain", xs, 1.5), (xs, 1.5)), (spec(g, "keep_nan", nan), (nan,)),
             (spec(g, "ints", 50), (70,)), (spec(g, "best", [3.0, 1]), (xs,)),
             (spec(g, "neg", 2.5), (2.5,)), (spec(g, "neg", 2.5), (10 ** 30,))]
    fail = spec(g, "fail", 1.5, 0.0)

    def run(n):
        for _ in range(n):
            for s, args in calls:
                s.call(args)
            try:
                fail.call((1.5, 0.0))
            except ZeroDivisionError:
                pass

    run(200)
    gc.collect()
    before = (sys.getallocatedblocks(), sys.getrefcount(nan), sys.getrefcount(xs),
              sys.getrefcount(None), sys.getrefcount(True))
    run(10000)
    gc.collect()
    after = (sys.getallocatedblocks(), sys.getrefcount(nan), sys.getrefcount(xs),
             sys.getrefcount(None), sys.getrefcount(True))
    assert after[1:3] == before[1:3]
    assert abs(after[0] - before[0]) < 200
    assert abs(after[3] - before[3]) < 50 and abs(after[4] - before[4]) < 50
