"""Object code in the native tier (build.py's object mode, lowerobj.py): printed IR of
object ops (golden text), the checker's per-op rules, exact reference counts (a leak
test) and CPython's exceptions leaving native code with the guest line."""
import gc
import sys
import textwrap

import pytest

from protojit.codegen import build, compiler, ir
from protojit.codegen.check import check_function
from protojit.codegen.errors import Unsupported
from protojit.codegen.pprint import format_function
from protojit.codegen.types import INT, OBJECT
from protojit.runtime.function import record_of
from conftest import run_guest
from test_codegen_ir import body

SRC = """
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def total(ps):
    s = 0
    for p in ps:
        s += p.x * p.y
    return s

def build(n, tag):
    out = []
    d = {}
    for i in range(n):
        p = P(i, tag)
        out.append(p)
        d[i] = (p, [i, tag])
    a, b = out[0].x, len(d)
    return out, d, a + b

def pick(v, k):
    return f"{k}={v[k]!r}" if k in v else None

def attr_error(p):
    q = p
    return q.missing

def imports(n):
    import os
    return 0

def big(n):
    x = 1
    for i in range(n):
        x = x * 1000003
    return x

def shadow(n):
    return len(n) + n[0]
"""


@pytest.fixture(scope="module")
def g():
    return run_guest(SRC)


def obj_spec(g, name, *args):
    spec = compiler.compile_objects(g[name], args, keep_ir=True)
    assert spec.objects
    return spec


def test_printed_ir_of_object_ops(g):
    root = compiler.infer_types_obj(g["total"], (OBJECT,), [])
    assert body(format_function(root)) == textwrap.dedent("""\
        def total(ps: object) -> object:
        L0:
            r0: int = const 0
            store s <- r0
            r1: object = load ps
            r2: object = iter r1
            store $iter0 <- r2
            goto L1
        L1:
            r3: object = load $iter0
            r4: bool = next $item0 <- r3 [list/tuple/range iterator]
            if r4 goto L2 else goto L3
        L2:
            r5: object = load $item0
            store p <- r5
            r6: num = load s
            r7: object = load p
            r8: object = r7.x [cache]
            r9: object = load p
            r10: object = r9.y [cache]
            r11: num = Mult r8, r10 !pyerr [int/float]
            r12: num = Add r6, r11 inplace !pyerr [int/float]
            store s <- r12
            goto L1
        L3:
            goto L4
        L4:
            r13: None = const None
            store $iter0 <- r13
            r14: num = load s
            return r14
        """)
    root = compiler.infer_types_obj(g["pick"], (OBJECT, OBJECT), [])
    text = body(format_function(root))
    assert "cmp In r0, r1" in text and "format r" in text and "!r" in text
    assert "store $spill" not in text          # nothing pending across the conditional
    root = compiler.infer_types_obj(g["build"], (INT, OBJECT), [])
    text = body(format_function(root))
    assert "callmethod" not in text            # out.append(p): `p` is not a parameter
    assert "dict()" in text and "list(" in text and "tuple(" in text
    # (`a, b = out[0].x, len(d)`: a parallel assignment, no tuple built and unpacked)
    assert "unpack" not in text and "builtin len(" in text


def test_pending_values_cross_a_conditional_through_hidden_locals(g):
    src = "def f(a, c):\n    return g(a, 1 if c else 2)\n"
    node = __import__("ast").parse(src).body[0]
    fn = build.build_function(node, "m.py", build.Resolver({}), objects=True)
    text = body(format_function(fn))
    assert "store $spill0 <- r0" in text and "load $spill0" in text
    assert check_function(fn) == []


def test_checker_rules_of_typed_object_ir(g):
    root = compiler.infer_types_obj(g["total"], (OBJECT,), [])
    assert check_function(root, typed=True) == []
    # an object Temp used outside its block, and an object op in numeric code
    r = ir.Temp("r0", OBJECT)
    b0 = ir.Block(0, [ir.LoadGlobal(1, "x", r)])
    b1 = ir.Block(1, [ir.Return(2, r)])
    b0.ops.append(ir.Jump(1, b1))
    fn = ir.Function("bad", "m.py", 1, [], [b0, b1], {}, return_type=OBJECT, objects=True)
    errors = [e.description for e in check_function(fn, typed=True)]
    assert errors == ["object r0 used outside its block"]
    fn.objects = False
    errors = [e.description for e in check_function(fn, typed=True)]
    assert "LoadGlobal in numeric code" in errors
    t = ir.Temp("r1", INT)
    fn2 = ir.Function("bad2", "m.py", 1, [], [ir.Block(0, [ir.LoadGlobal(1, "x", t),
                                                        ir.Return(1, t)])], {}, return_type=INT,
                      objects=True)
    assert "LoadGlobal gives int, not object" in [e.description for e in check_function(fn2, typed=True)]


def test_object_code_results_equal_tier0(g):
    spec = obj_spec(g, "build", 5, "t")
    out, d, n = spec.call((5, "t"))
    assert [p.x for p in out] == list(range(5)) and d[3][1] == [3, "t"] and n == 5
    ps = [g["P"](i, i + 1) for i in range(10)]
    assert obj_spec(g, "total", ps).call((ps,)) == sum(i * (i + 1) for i in range(10))
    assert obj_spec(g, "pick", {"a": 1}, "a").call(({"a": [1]}, "a")) == "a=[1]"
    assert obj_spec(g, "pick", {"a": 1}, "a").call(({"a": 1}, "b")) is None
    # int64 overflow in object code continues as an exact Python int (no deopt)
    assert obj_spec(g, "big", 50).call((50,)) == 1000003 ** 50


def test_exceptions_leave_native_code_with_the_guest_line(g):
    from protojit.runtime import tracebacks
    spec = obj_spec(g, "attr_error", 1)
    with pytest.raises(AttributeError, match="'int' object has no attribute 'missing'") as info:
        spec.call((1,))
    frames = tracebacks.guest_frames(info.value)
    assert frames[-1][1:] == (record_of(g["attr_error"]).code.firstlineno + 2, "attr_error")
    with pytest.raises(TypeError, match="object of type 'int' has no len"):
        obj_spec(g, "shadow", [1]).call((5,))


def test_constructs_not_compiled_name_the_construct(g):
    with pytest.raises(Unsupported, match="statement Import") as info:
        compiler.compile_objects(g["imports"], (1,))
    assert info.value.line == record_of(g["imports"]).code.firstlineno + 1


def test_no_leak_over_many_calls(g):
    """10**5 calls of object-heavy native code (lists, dicts, tuples, instances, f-strings,
    big ints, exceptions raised in native code and caught by the caller) leave the
    number of live objects and the reference counts of the values passed flat."""
    tag = "sentinel-" + str(id(g))          # a fresh object: its refcount is ours alone
    key = ("k",) * 3
    holder = {key: [tag]}
    build_spec = obj_spec(g, "build", 3, tag)
    pick_spec = obj_spec(g, "pick", holder, key)
    err_spec = obj_spec(g, "attr_error", tag)
    big_spec = obj_spec(g, "big", 3)

    def run(n):
        for _ in range(n):
            build_spec.call((3, tag))
            pick_spec.call((holder, key))
            pick_spec.call((holder, tag))
            try:
                err_spec.call((tag,))
            except AttributeError:
                pass
            big_spec.call((3,))

    run(100)     # warm up (caches, interned names)
    gc.collect()
    before = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(key),
              sys.getrefcount(holder), sys.getrefcount(None), sys.getrefcount(True))
    run(20000)
    gc.collect()
    after = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(key),
             sys.getrefcount(holder), sys.getrefcount(None), sys.getrefcount(True))
    assert after[1:4] == before[1:4]
    assert abs(after[0] - before[0]) < 50
    assert abs(after[4] - before[4]) < 50 and abs(after[5] - before[5]) < 50



def test_parameters_left_to_their_defaults():
    """A call giving fewer arguments compiles with the defaults read at each call: the
    compiled tuple's items while __defaults__ is that tuple, else the new defaults or
    CPython's TypeError for a missing argument."""
    g2 = run_guest(textwrap.dedent("""
        def f(a, b=[], c=10**20):
            b.append(a)
            return len(b) + c
    """))
    f = g2["f"]
    spec = compiler.compile_objects(f, (1,))
    assert spec.call((1,)) == 1 + 10**20 and spec.call((2,)) == 2 + 10**20
    f.__defaults__ = ([0], 5)
    assert spec.call((3,)) == 7
    f.__defaults__ = (1,)
    with pytest.raises(TypeError, match=r"f\(\) missing 1 required positional argument: 'b'"):
        spec.call((3,))
    with pytest.raises(Unsupported, match="called with 0 arguments"):
        compiler.compile_objects(f, ())


FAST_SRC = """
class Q:
    def __init__(self, x):
        self.x = x

    def get(self, k):
        return self.x + k

def fast(qs, tag):
    s = 0
    f = 0.5
    for q in qs:
        q.x = q.x + 1
        s = s + q.get(1) * 3 - q.x // 2 + (10 ** 20 if q.x > 5 else 1)
        f = f * 1.5 + q.x
        q.x = q.x - 1
    return s, f, len(tag)

def comps(qs, tag):
    a = [q.x * 2 for q in qs if q.x % 2]
    b = {q.x: [tag, q.x] for q in qs}
    c = {q.x % 3 for q in qs}
    lst = [qs[0], qs[-1], tag]
    lst[1] = lst[-1]
    lst[0] = (qs[1], qs[-2])[0]
    return a, b, c, lst

def comp_error(xs):
    return [1 // x for x in xs]
"""


def test_no_leak_in_fast_paths_caches_and_comprehensions():
    """The inline caches, the int/float fast paths (and their generic fallbacks: big
    ints), comprehensions and an exception leaving a comprehension keep the number of
    live objects and the sentinels' reference counts flat over 10**4 calls."""
    g3 = run_guest(FAST_SRC)
    qs = [g3["Q"](i) for i in range(8)]
    tag = "sentinel-fast-" + str(id(g3))
    fast = compiler.compile_objects(g3["fast"], (qs, tag))
    comps = compiler.compile_objects(g3["comps"], (qs, tag))
    err = compiler.compile_objects(g3["comp_error"], ([1, 0],))
    assert fast.call((qs, tag)) == g3["fast"](qs, tag)
    assert comps.call((qs, tag)) == g3["comps"](qs, tag)
    zero = [1, 0]

    def run(n):
        for _ in range(n):
            fast.call((qs, tag))
            comps.call((qs, tag))
            try:
                err.call((zero,))
            except ZeroDivisionError:
                pass

    run(100)
    gc.collect()
    before = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(qs[0]),
              sys.getrefcount(zero), sys.getrefcount(None))
    run(10000)
    gc.collect()
    after = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(qs[0]),
             sys.getrefcount(zero), sys.getrefcount(None))
    assert after[1:4] == before[1:4]
    assert abs(after[0] - before[0]) < 50 and abs(after[4] - before[4]) < 50


TRY_SRC = """
import sys

class Boom(Exception):
    pass

class CM:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        return [self.tag]
    def __exit__(self, t, v, tb):
        return t is KeyError

def catches(xs, tag):
    n = 0
    for x in xs:
        try:
            if x:
                raise Boom(tag, [x])
            n += {tag: 1}[x]
        except Boom as e:
            n += len(e.args)
        except KeyError:
            n += 100
        finally:
            n += 1
    return n

def reraises(tag):
    try:
        try:
            raise Boom(tag)
        except Boom as e:
            raise ValueError(tag) from e
    except ValueError as v:
        return [v, sys.exc_info()[1]]

def gens(xs, tag):
    return (sum(x for x in xs if x), max((x, tag) for x in xs), any(x > 1 for x in xs),
            sorted(str(x) + tag for x in xs))

def withs(tag, x):
    with CM(tag) as got:
        if x == 1:
            raise KeyError(tag)
        if x == 2:
            return got
    return None
"""


def test_no_leak_raising_and_catching_in_loops():
    """Exceptions raised and caught in native code (handlers with names, finally, chained
    re-raises, with statements suppressing or returning) and generator expressions
    consumed by builtins over 10**4 calls keep the number
    of live objects and the sentinels' reference counts flat, and leave no handled
    exception behind (sys.exc_info())."""
    g4 = run_guest(TRY_SRC)
    tag = "sentinel-try-" + str(id(g4))
    xs = [0, 1, 2, 0]
    catches = compiler.compile_objects(g4["catches"], (xs, tag))
    reraises = compiler.compile_objects(g4["reraises"], (tag,))
    withs = compiler.compile_objects(g4["withs"], (tag, 0))
    gens = compiler.compile_objects(g4["gens"], (xs, tag))
    assert gens.call((xs, tag)) == g4["gens"](xs, tag)
    assert catches.call((xs, tag)) == g4["catches"](xs, tag)
    v, handled = reraises.call((tag,))
    assert type(v) is ValueError and handled is v and type(v.__cause__).__name__ == "Boom"
    assert [withs.call((tag, x)) for x in (0, 1, 2)] == [None, None, [tag]]
    del v, handled

    def run(n):
        for _ in range(n):
            catches.call((xs, tag))
            reraises.call((tag,))
            for x in (0, 1, 2):
                withs.call((tag, x))
            gens.call((xs, tag))

    run(100)
    gc.collect()
    before = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(xs), sys.getrefcount(None))
    run(10000)
    gc.collect()
    after = (len(gc.get_objects()), sys.getrefcount(tag), sys.getrefcount(xs), sys.getrefcount(None))
    assert after[1:3] == before[1:3]
    assert abs(after[0] - before[0]) < 50 and abs(after[3] - before[3]) < 50
    assert sys.exc_info() == (None, None, None)


def test_big_object_modules_get_level_0_machine_code():
    """jit.codegen_level: object code (level 1) over OBJECT_LEVEL1_MAX instructions gets
    level 0 (FastISel: LLVM's level-1 codegen time grows faster than the function);
    numeric code (3) and --tier jit's object code (0) keep theirs."""
    from protojit.codegen import jit
    small = "define void @f() {\nentry:\n" + "  call void @g()\n" * 10 + "  ret void\n}\n"
    big = "define void @f() {\nentry:\n" + "  call void @g()\n" * (jit.OBJECT_LEVEL1_MAX + 1) \
        + "  ret void\n}\n"
    assert jit.codegen_level(small, 1) == 1
    assert jit.codegen_level(big, 1) == 0
    assert jit.codegen_level(big, 3) == 3
    assert jit.codegen_level(big, 0) == 0


def _phis_of_block(text: str, label: str) -> int:
    """Phis at the top of block `label` in LLVM IR text."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith((f"{label}:", f'"{label}":')))
    count = 0
    for line in lines[start + 1:]:
        if " = phi " not in line:
            break
        count += 1
    return count


def test_error_exit_reads_kept_locals_from_memory(g):
    """codegen/exitstate.py: the error exit of `build` (locals i, p, out, d, tag, ...; many
    failing ops) takes no local as a phi after optimising -- only its line code -- and
    every store to a local is mirrored into its shadow."""
    spec = obj_spec(g, "build", 3, "t")
    assert _phis_of_block(spec.optimised_ir, "error.exit") == 1
    assert "error.line" in spec.llvm_ir and "pj_frame_keep" in spec.llvm_ir
    assert spec.llvm_ir.count("store ptr") > 0
    out, d, n = spec.call((5, "t"))
    assert [p.x for p in out] == list(range(5)) and n == 5
