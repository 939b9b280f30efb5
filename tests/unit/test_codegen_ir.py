"""Typed IR of the native tier: building, type inference, printer (golden text),
checker, analyses and the accumulator pass. No machine code here."""
import textwrap

import pytest

from protojit.codegen import analysis, compiler, ir, passes
from protojit.codegen.check import assert_function_valid, check_function
from protojit.codegen.errors import Unsupported
from protojit.codegen.pprint import format_function
from protojit.codegen.types import FLOAT, INT, Type, array_of, tuple_of


def typed(g, name, *types):
    root, fns = compiler.infer_types(g[name], tuple(types), [])
    for f in fns:
        assert_function_valid(f, typed=True)
    return root, fns


def body(text: str) -> str:
    """The printed IR without the '# line N' column (compared separately)."""
    return "\n".join(line.split("#")[0].rstrip() for line in text.splitlines()) + "\n"


SRC = """
import math

def f(a, b):
    return a * b + 1

def loop(n):
    s = 0.0
    for i in range(n):
        s += i / 2
    return s

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def pair(a, b):
    return a // b, a % b

def swap(p):
    x, y = p
    return y, x

def arr_sum(a):
    t = 0.0
    for i in range(a.shape[0]):
        t += a[i] * 2.0
    return t

def mixed(n):
    x = 1
    if n > 0:
        x = 2.5
    return x

def refl(x):
    return locals()

def has_print(x):
    print(x)
    return x

def maybe(n):
    for i in range(n):
        last = i
    return last

def store_then_overflow(a, m):
    s = 1
    for i in range(len(a)):
        a[i] = i
        s = s * m
    return s

def store_only(a, v):
    for i in range(len(a)):
        a[i] = v
    return 0

def root(x):
    return math.sqrt(x) + math.floor(x)
"""


@pytest.fixture(scope="module")
def g(guest):
    return guest(SRC)


def test_printed_ir_of_mixed_arithmetic(g):
    root, _ = typed(g, "f", INT, FLOAT)
    assert body(format_function(root)) == textwrap.dedent("""\
        def f(a: int, b: float) -> float:
        L0:
            r0: int = load a
            r1: float = load b
            r2: float = Mult r0, r1
            r3: int = const 1
            r4: float = Add r2, r3
            return r4
        """)
    assert format_function(root).splitlines()[2].endswith("# line 5")


def test_printed_ir_of_for_range_loop(g):
    root, _ = typed(g, "loop", INT)
    text = body(format_function(root))
    assert text.startswith("def loop(n: int) -> float:\nL0:\n    r0: float = const 0.0\n    store s <- r0\n")
    assert "r4: int = builtin range.len(r2, r1, r3)" in text
    assert "r12: int = builtin range.item(r10, r11, r9)" in text
    assert "r16: float = Div r14, r15" in text          # int / int is a float
    assert "r20: int = Add r18, r19 unchecked" in text  # the hidden counter needs no guard
    assert text.endswith("L5:\n    r21: float = load s\n    return r21\n")


def test_types_of_locals_tuples_and_arrays(g):
    root, _ = typed(g, "pair", INT, INT)
    assert root.return_type == tuple_of(INT, INT)
    root, _ = typed(g, "swap", tuple_of(INT, FLOAT))
    assert root.return_type == tuple_of(FLOAT, INT)
    assert root.locals["x"].type == INT and root.locals["y"].type == FLOAT
    root, _ = typed(g, "arr_sum", array_of("float64", 1))
    assert root.return_type == Type("float|np.float64")   # 0.0, then float64 sums
    root, _ = typed(g, "root", FLOAT)
    assert root.return_type == FLOAT


def test_recursion_converges_to_one_specialisation(g):
    root, fns = typed(g, "fib", INT)
    assert len(fns) == 1 and root.return_type == INT
    calls = [op for b in root.blocks for op in b.ops if isinstance(op, ir.Call)]
    assert len(calls) == 2 and all(c.target is root for c in calls)
    assert analysis.recursive_functions(fns) == {id(root)}


@pytest.mark.parametrize("name, types, reason", [
    ("mixed", (INT,), "variable 'x' has types int and float"),
    ("refl", (INT,), "reflective access locals()"),
    ("has_print", (INT,), "call of 'print'"),
    ("f", (Type("None"), INT), "operator Mult on None and int"),
])
def test_rejections_name_the_reason_and_line(g, name, types, reason):
    with pytest.raises(Unsupported) as info:
        root, fns = compiler.infer_types(g[name], types, [])
        compiler.check_unit(fns)
    assert reason in info.value.feature
    assert info.value.line > 0 and info.value.filename.endswith("m.py")


def test_possibly_unbound_local_gets_a_run_time_flag(g):
    root, fns = typed(g, "maybe", INT)
    with pytest.raises(Unsupported, match="may be used before assignment"):
        analysis.check_definitely_assigned(root)
    compiler.check_unit(fns)
    assert {v for v in root.locals if id(root.locals[v]) in root.maybe_unbound} == {"last"}
    spec = compiler.compile_function(g["maybe"], (3,))
    assert spec.call((3,)) == 2
    with pytest.raises(UnboundLocalError, match="^cannot access local variable 'last' where it is "
                                                "not associated with a value$"):
        spec.call((0,))


def test_deopt_after_store_needs_the_undo_log(g):
    a = array_of("int64", 1)
    root, fns = typed(g, "store_then_overflow", a, INT)
    with pytest.raises(Unsupported, match="after the array store"):
        analysis.check_deopt_safety(root, analysis.summarise(fns))
    compiler.check_unit(fns)
    assert root.undo_log
    root, fns = typed(g, "store_only", a, INT)
    compiler.check_unit(fns)
    assert root.has_effects and not root.undo_log   # its only guard (range length) runs first


def test_accumulator_pass_on_fib(g):
    root, fns = typed(g, "fib", INT)
    compiler.check_unit(fns)   # runs the pass
    text = body(format_function(root))
    # the peeled first iteration (entry, L0-L3) and the loop (L4-L7) each keep fib(n - 1)
    assert text.count("call fib") == 2
    first, loop = text.split("L4:\n")
    assert "store $acc <- r8'" in first and "store n <- r11'" in first and "goto L4" in first
    assert "return r4'" in first and "$acc" not in first.split("L2:")[0]
    assert "store $acc <- acc2" in loop and "store n <- r11" in loop and "goto L4" in loop
    assert "return acc4" in loop
    assert check_function(root, typed=True) == []
    # Idempotent: the remaining call's result is not added to an accumulator any more.
    before = format_function(root)
    assert passes.accumulate_tail_calls(root) is False
    assert format_function(root) == before


def test_checker_reports_broken_blocks():
    t = ir.Temp("r0", INT)
    u = ir.Temp("r1", INT)
    b0 = ir.Block(0, [ir.Const(1, 5, t)])                    # no terminator
    b1 = ir.Block(1, [ir.Return(2, u), ir.Return(3, t)])     # r1 never defined; two terminators
    fn = ir.Function("bad", "x.py", 1, [], [b0, b1], {}, return_type=INT)
    errors = [e.description for e in check_function(fn, typed=True)]
    assert "block L0 does not end in a terminator" in errors
    assert "terminator in the middle of a block" in errors
    assert "r1 used but never defined" in errors
    with pytest.raises(AssertionError, match="ERROR"):
        assert_function_valid(fn, typed=True)
