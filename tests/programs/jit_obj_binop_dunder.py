# Binary operators of object code on instances of classes defined in Python
# (pjobj.c pj_binop_dunder: the dunder called through the site's call cache instead of
# PyNumber_*): the same class on both sides, an int or a float on the right, two classes
# sharing the slot (the reflected dunder after NotImplemented, a subclass tried first),
# NotImplemented everywhere (CPython's TypeError, in-place signs too), a class with
# __iadd__, sequence classes (their concat/repeat fallbacks), the dunder replaced or
# deleted mid-loop, a staticmethod/lambda reflected dunder, an exception raised inside the
# dunder (its traceback), a dunder counting its calls, and every operator of the table.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles run_ops, run_mixed, run_errors, run_replaced, run_inplace, run_all_ops
# run auto: --jit-threshold 3
import sys
import traceback
from decimal import Decimal
from fractions import Fraction


class V:
    calls = 0

    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        V.calls += 1
        if isinstance(other, V):
            return V(self.x + other.x)
        if isinstance(other, (int, float)):
            return V(self.x + other)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, V):
            return V(self.x - other.x)
        return NotImplemented

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return V(self.x * other)
        return NotImplemented

    def __truediv__(self, other):
        if other == 0:
            raise ZeroDivisionError("V divided by zero")
        return V(self.x / other)

    def __repr__(self):
        return f"V({self.x!r})"


class W:
    """Another class with an __add__: V + W runs V.__add__, then W.__radd__."""
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return "W.__add__"

    def __radd__(self, other):
        return f"W.__radd__({other!r})"

    def __rsub__(self, other):
        return NotImplemented

    def __repr__(self):
        return f"W({self.x!r})"


class SubV(V):
    """A subclass overriding __radd__: tried before V.__add__ (binary_op1)."""
    def __radd__(self, other):
        return f"SubV.__radd__({other!r})"


class NoAdd:
    """No __add__ of its own: V + NoAdd is V.__add__ alone, then the TypeError."""
    def __repr__(self):
        return "NoAdd()"


class PlainSubV(V):
    """Derived from V, no reflected dunder of its own (its slot is tried first)."""


class Lam:
    def __add__(self, other):
        return NotImplemented
    __radd__ = staticmethod(lambda a, b: ("static radd", type(a).__name__, type(b).__name__))
    __rsub__ = lambda self, other: ("lambda rsub", type(other).__name__)

    def __sub__(self, other):
        return NotImplemented


class Seq(list):
    """A list subclass with an __add__ returning NotImplemented for str: list's concat."""
    def __add__(self, other):
        if isinstance(other, str):
            return NotImplemented
        return Seq(list(self) + list(other))


class Acc:
    def __init__(self):
        self.items = []

    def __add__(self, other):
        return ("plain add", other)

    def __iadd__(self, other):
        self.items.append(other)
        return self


class Plain:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return Plain(self.x + other.x)


def run_ops(n):
    a, b = V(1.5), V(2.0)
    out = []
    for i in range(n):
        a = a + b
        c = a - b
        d = c * 2
        e = d / 4.0
        out.append((a.x, c.x, d.x, e.x))
    return out[-1], V.calls


def run_mixed(pairs):
    out = []
    for x, y in pairs:
        try:
            out.append(x + y)
        except TypeError as e:
            out.append(("TypeError", str(e)))
        try:
            out.append(x - y)
        except TypeError as e:
            out.append(("TypeError", str(e)))
    return out


def run_errors(pairs):
    out = []
    for x, y in pairs:
        try:
            out.append(x / y)
        except ZeroDivisionError as e:
            tb = traceback.extract_tb(sys.exc_info()[2])
            out.append(("ZeroDivisionError", str(e), [f.name for f in tb]))
        except TypeError as e:
            out.append(("TypeError", str(e)))
        try:
            out.append(x * y)
        except TypeError as e:
            out.append(("TypeError", str(e)))
    return out


def add_ten(self, other):
    return Plain(self.x + 10 * other.x)


def add_minus(self, other):
    return Plain(self.x - other.x)


def run_replaced(n):
    a = Plain(1)
    out = []
    for i in range(n):
        try:
            a = a + Plain(1)
            out.append(a.x)
        except TypeError as e:
            out.append(str(e))
        if i == 3:
            Plain.__add__ = add_ten
        if i == 5:
            del Plain.__add__
        if i == 7:
            Plain.__add__ = add_minus
    return out


def run_inplace(n):
    acc = Acc()
    v = V(0)
    s = Seq([1])
    out = []
    for i in range(n):
        acc += i
        v += 1
        v -= V(0.5)
        s += [i]
        s = s + (i,)
        try:
            s = s + "ab"
        except TypeError as e:
            out.append(str(e))
        try:
            v *= "no"
        except TypeError as e:
            out.append(str(e))
    out.append((acc.items, v, s))
    return out


class Bits:
    def __init__(self, x):
        self.x = x

    def __add__(self, o): return ("add", self.x, o)
    def __sub__(self, o): return ("sub", self.x, o)
    def __mul__(self, o): return ("mul", self.x, o)
    def __truediv__(self, o): return ("truediv", self.x, o)
    def __floordiv__(self, o): return ("floordiv", self.x, o)
    def __mod__(self, o): return ("mod", self.x, o)
    def __matmul__(self, o): return ("matmul", self.x, o)
    def __lshift__(self, o): return ("lshift", self.x, o)
    def __rshift__(self, o): return ("rshift", self.x, o)
    def __and__(self, o): return ("and", self.x, o)
    def __or__(self, o): return ("or", self.x, o)
    def __xor__(self, o): return ("xor", self.x, o)
    def __pow__(self, o): return ("pow", self.x, o)
    def __repr__(self): return f"Bits({self.x})"


class NoBits:
    pass


def run_all_ops(xs, y):
    out = []
    for x in xs:
        try:
            out.append((x + y, x - y, x * y, x / y, x // y, x % y, x @ y, x << y, x >> y,
                        x & y, x | y, x ^ y, x ** y))
        except TypeError as e:
            out.append(str(e))
        for op in range(3):
            try:
                if op == 0:
                    x @= y
                elif op == 1:
                    x <<= y
                else:
                    x //= y
                out.append(x)
            except TypeError as e:
                out.append(str(e))
    return out


print(run_ops(30))
mixed = [(V(1), V(2)), (V(1), 3), (V(1), 2.5), (V(1), W(5)), (V(1), SubV(7)), (W(1), V(2)),
         (V(1), "s"), (V(1), True), (Lam(), V(3)), (V(2), Lam()), (Lam(), Lam()), (1, V(1)),
         (V(1), NoAdd()), (V(1), PlainSubV(2)), (V(1), [1]), (V(1), Decimal("1.5")),
         (V(1), Fraction(1, 3)), (Fraction(1, 2), V(1)), (V(1), 2 ** 70)]
for _ in range(3):
    print(run_mixed(mixed))
print(run_errors([(V(1), 2), (V(1), 0), (V(3), 1.5), (V(1), V(2)), (V(4), 0.0)] * 2))
print(run_replaced(10))
print(run_inplace(5))
print(run_all_ops([Bits(1), Bits(2), NoBits(), Bits(3)], 2))
print(run_all_ops([Bits(1)], Bits(9)))
