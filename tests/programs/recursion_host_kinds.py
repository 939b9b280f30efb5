# Recursion through C code counts as CPython 3.11 counts it (issue 18 item 4): a frame is a
# level, and so is each C recursion check on the way to the next frame (a class call, an
# instance call, a rich comparison), so a recursion through constructors, __new__,
# __call__ or __eq__ (directly or inside a dict lookup) takes two levels per call; methods,
# properties, __getattr__ and map callbacks take one. The traceback's length,
# the message (which check tripped) and the f_back of a frame entered through C code
# (constructors, properties: warnings.warn(stacklevel=2) names that line) are CPython's at
# every tier. Each case runs at 1000 first, so that CPython's own call sites are warmed
# up (an unspecialised call of a builtin counts one more level), then at 100 and 3000.
import sys
import traceback
import warnings


def report(name, fn):
    try:
        fn()
        print(name, "no error")
    except RecursionError as e:
        print(name, len(traceback.extract_tb(e.__traceback__)), e)


class Deep:
    def __init__(self, n):
        Deep(n + 1)


class New:
    def __new__(cls, n):
        return New(n + 1)


class Meth:
    def m(self, n):
        return self.m(n + 1)


class Prop:
    @property
    def p(self):
        return self.p


class GetAttr:
    def __getattr__(self, name):
        return self.missing


class Eq:
    def __eq__(self, other):
        return Eq() == Eq()
    __hash__ = object.__hash__


class EqSelf:
    def __eq__(self, other):
        return self == other
    __hash__ = object.__hash__


class Key:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        return Key() in {Key(): 1}


class Call:
    def __call__(self, n):
        return self(n + 1)


def mapped(x):
    return list(map(mapped, [x]))


def f(n):
    return f(n + 1)


CASES = [
    ("function", lambda: f(0)),
    ("constructor", lambda: Deep(0)),
    ("new", lambda: New(0)),
    ("method", lambda: Meth().m(0)),
    ("property", lambda: Prop().p),
    ("getattr", lambda: GetAttr().a),
    ("eq", lambda: Eq() == Eq()),
    ("eq_self", lambda: EqSelf() == EqSelf()),
    ("eq_self_from_deeper", lambda: (lambda: EqSelf() == EqSelf())()),   # (the C check trips)
    ("constructor_from_deeper", lambda: (lambda: Deep(0))()),
    ("dict_key_eq", lambda: Key() in {Key(): 1}),
    ("call", lambda: Call()(0)),
    ("map", lambda: mapped(0)),
]

for limit in (1000, 100, 3000):
    sys.setrecursionlimit(limit)
    for name, fn in CASES:
        report(f"{limit} {name}", fn)
sys.setrecursionlimit(1000)


# The caller of a frame that C code entered: f_back and warnings' stacklevel.
class Warns:
    def __init__(self):
        warnings.warn("from __init__", stacklevel=2)
        print("init called from", sys._getframe().f_back.f_code.co_name,
              sys._getframe().f_back.f_lineno)

    @property
    def p(self):
        warnings.warn("from a property", stacklevel=2)
        return sys._getframe().f_back.f_lineno

    def __eq__(self, other):
        return sys._getframe().f_back.f_code.co_name


def caller():
    w = Warns()
    print("property called from line", w.p)
    print("__eq__ called from", w == 1)


with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    caller()
for w in seen:
    print("warning:", w.message, "line", w.lineno)
