"""Frameless plans (codegen/frameless.py, runtime_c/capi/pjframeless.c): which bodies get
one, what it is, and the C side's checks of a plan. tests/programs/jit_obj_direct_frameless.py
checks their failure paths against CPython (run untraced by test_direct_calls.py)."""
import ast
import textwrap

import pytest

from protojit.codegen import compiler, frameless
from conftest import run_guest


def plan(src: str):
    node = ast.parse(textwrap.dedent(src)).body[0]
    p = frameless.plan_for(node)
    return None if p is None else frameless.format_plan(p)


def test_a_getter_reads_one_attribute():
    assert plan("""
        def get(self):
            "doc"
            return self.a
        """) == "0: arg 0 0 0\n1: attr 0 0 0\n2: return 0 0 0\nconsts () names ('a',)"


def test_and_or_not_jump_past_the_rest():
    assert plan("""
        def either(self):
            return self.c or (not self.a and self.b)
        """) == ("0: arg 0 0 0\n1: attr 0 0 0\n2: jump_if_true_or_pop 9 0 0\n3: arg 0 0 0\n"
                 "4: attr 1 0 0\n5: not 0 0 0\n6: jump_if_false_or_pop 9 0 0\n7: arg 0 0 0\n"
                 "8: attr 2 0 0\n9: return 0 0 0\nconsts () names ('c', 'a', 'b')")


def test_stores_come_first_and_return_an_argument_or_constant():
    assert plan("""
        def setall(self, v):
            self.a = v
            self.b = True
            return self
        """) == ("0: set 0 0 1\n1: set 0 1 128\n2: arg 0 0 0\n3: return 0 0 0\n"
                 "consts (True,) names ('a', 'b')")
    assert plan("""
        def mark(self):
            self.done = 1
        """) == "0: set 0 0 128\n1: const 1 0 0\n2: return 0 0 0\nconsts (1, None) names ('done',)"


def test_constants_keep_their_type():
    text = plan("""
        def f(self):
            return self.a is True or self.a is 1 or self.b == 0.0 or self.b == -0.0
        """)
    assert text.endswith("consts (True, 1, 0.0, -0.0) names ('a', 'b')")


@pytest.mark.parametrize("src", [
    "def f(self):\n    return self.a.b()",                  # a call
    "def f(self):\n    return g",                           # a global
    "def f(self):\n    x = self.a\n    return x",           # a local
    "def f(self):\n    self.a = 1\n    return self.b",      # a read after a store
    "def f(self):\n    for x in self.a:\n        pass",     # a loop
    "def f(self):\n    try:\n        return self.a\n    except E:\n        pass",
    "def f(self):\n    yield self.a",                       # a generator
    "def f(self):\n    return self.a + 1",                  # arithmetic
    "def f(self):\n    return 1 < self.a < 3",              # a chained comparison
    "def f(self):\n    return self.a in self.b",            # `in` may run __eq__
    "def f(self, *a):\n    return self",                    # *args
    "def f(self, *, k):\n    return k",                     # keyword-only
    "def f(self):\n    self.a.b = 1",                       # a store into an attribute's value
    "def f(self):\n    return b'x'",                        # a constant of another type
])
def test_bodies_without_a_plan(src):
    assert plan(src) is None


SRC = """
class P:
    def __init__(self):
        self.a = 1

    def get(self):
        return self.a


def use(p):
    return p.get()
"""


@pytest.fixture(scope="module")
def spec():
    g = run_guest(SRC)
    p = g["P"]()
    s = compiler.compile_objects(g["P"].get, (p,))
    assert s.frameless is not None
    return s


@pytest.mark.parametrize("ops, consts, names, message", [
    (b"", (), (), "1 to 48 ops"),
    (bytes([1, 0, 0, 0]), (), (), "a plan ends with a return"),
    (bytes([1, 1, 0, 0, 10, 0, 0, 0]), (), (), "argument out of range"),
    (bytes([2, 0, 0, 0, 10, 0, 0, 0]), (), (), "constant out of range"),
    (bytes([1, 0, 0, 0, 3, 0, 0, 0, 10, 0, 0, 0]), (), (), "bad attribute read"),
    (bytes([10, 0, 0, 0]), (), (), "return: one value"),
    (bytes([1, 0, 0, 0, 5, 0, 0, 0, 10, 0, 0, 0]), (), (), "bad jump"),
    (bytes([9, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 10, 0, 0, 0]), (), ("a",),
     "a plan with stores returns an argument or a constant"),
    (bytes([9, 0, 0, 130, 1, 0, 0, 0, 10, 0, 0, 0]), (1,), ("a",), "store: value out of range"),
    (bytes([1, 0, 0, 0, 3, 0, 0, 0, 10, 0, 0, 0]), (), (1,), "names are str"),
    (bytes([77, 0, 0, 0]), (), (), "unknown op"),
])
def test_malformed_plans_are_refused(spec, ops, consts, names, message):
    with pytest.raises(ValueError, match=message):
        spec.c_spec.set_frameless(ops, consts, names)
