"""Guest functions are CPython function objects (issue 19 item 1): type(f) is
types.FunctionType, C code that insists on a function takes one (ExceptionGroup.split and
subgroup), repr, __module__, __dict__ attributes (and __dict__ replaced), __globals__,
__closure__, __defaults__/__kwdefaults__ replaced between calls, real bound methods,
pickling by qualified name, copy, weak references dying with the last reference, host
code calling guest functions (C callers, host Python callers: dataclasses, contextlib,
unittest.mock), exceptions raised through host callers, functools.wraps chains."""
import contextlib
import copy
import dataclasses
import functools
import gc
import inspect
import pickle
import traceback
import types
import unittest.mock
import weakref


def plain(a, b=2, *, c=3):
    return a + b + c


lam = lambda x: x * 2  # noqa: E731


def make_counter(start):
    count = start

    def step(by=1):
        nonlocal count
        count += by
        return count
    return step


class Shape:
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side

    @staticmethod
    def unit():
        return Shape(1)

    @classmethod
    def make(cls, side):
        return cls(side)


counter = make_counter(10)
for f in (plain, lam, counter, Shape.area, Shape.unit, Shape.make.__func__):
    print(f.__name__, type(f) is types.FunctionType, type(f).__name__, repr(f).split(" at ")[0],
          f.__module__, f.__globals__ is globals())
print(print, type(print) is types.FunctionType)

# C code that checks for a real function (PyFunction_Check).
eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(repr(eg.subgroup(lambda e: isinstance(e, ValueError))))


def is_type_error(e):
    return isinstance(e, TypeError)


match, rest = eg.split(is_type_error)
print(repr(match), repr(rest))
try:
    raise eg
except* ValueError as group:
    print("except* caught", repr(group))
except* TypeError as group:
    print("except* caught", repr(group))

# Attributes, as any function's.
plain.tag = "tagged"
print(plain.tag, plain.__dict__, vars(plain), "tag" in dir(plain))
del plain.tag
print(plain.__dict__, hasattr(plain, "tag"))
plain.__dict__ = {"replaced": True}
print(plain.__dict__, plain.replaced, plain(1))
plain.__doc__ = "new doc"
plain.__qualname__ = "renamed.plain"
print(plain.__doc__, plain.__qualname__, plain.__name__)
try:
    plain()
except TypeError as e:
    print("TypeError:", e)
plain.__qualname__ = "plain"

# Closures and defaults.
print(counter(), counter(5), [type(c).__name__ for c in counter.__closure__],
      counter.__closure__[0].cell_contents, counter.__code__.co_freevars)
counter.__closure__[0].cell_contents = 100
print(counter())
plain.__defaults__ = (20,)
plain.__kwdefaults__ = {"c": 300}
print(plain(1), plain(1, 2, c=3), plain.__defaults__, plain.__kwdefaults__)
plain.__defaults__ = None
try:
    plain(1)
except TypeError as e:
    print("TypeError:", e)
plain.__defaults__ = (2,)
plain.__kwdefaults__ = {"c": 3}

# Methods are real bound methods.
s = Shape(3)
m = s.area
print(type(m) is types.MethodType, m.__func__ is Shape.area, m.__self__ is s, m(), Shape.area(s))
print(Shape.unit().area(), Shape.make(4).area(), Shape.__dict__["area"] is Shape.area)

# Pickling by qualified name; copying gives the function itself.
print(pickle.loads(pickle.dumps(plain)) is plain, pickle.loads(pickle.dumps(Shape.area)) is Shape.area)
try:
    pickle.dumps(counter)
except (pickle.PicklingError, AttributeError) as e:
    print(type(e).__name__, e)
print(copy.copy(plain) is plain, copy.deepcopy(plain) is plain)

# A function dies with its last reference, as in CPython.
died = []


def doomed():
    return 1


ref = weakref.ref(doomed, lambda r: died.append("callback"))
del doomed
print(died, ref())
closures = [make_counter(i) for i in range(3)]
refs = [weakref.ref(c) for c in closures]
del closures
print([r() for r in refs])
gc.collect()

# Host code calls guest functions: C callers and host Python code.
print(sorted([3, 1, 2], key=lambda v: -v), list(map(plain, [1, 2])), functools.reduce(plain, [1, 2, 3]))
print(functools.partial(plain, 1, c=0)(5), max([1, 5, 2], key=lambda v: v % 5))


@dataclasses.dataclass
class Box:
    items: list = dataclasses.field(default_factory=lambda: ["made"])


print(Box())


@contextlib.contextmanager
def managed(name):
    print("enter", name)
    try:
        yield name.upper()
    finally:
        print("exit", name)


with managed("ctx") as value:
    print("inside", value)
mock = unittest.mock.Mock(side_effect=lambda v: v + 1)
print(mock(41), mock.call_count)


def fails(v):
    raise ValueError(f"bad {v}")


try:
    with managed("err"):
        fails(1)
except ValueError as e:
    print("caught", e)
try:
    unittest.mock.Mock(side_effect=fails)(2)
except ValueError as e:
    print("caught", e)
    traceback.print_exc()     # (stderr: the host library's frames between the guest's)
try:
    dataclasses.field(default_factory=fails)
    Box2 = dataclasses.make_dataclass("Box2", [("v", int, dataclasses.field(default_factory=lambda: fails(3)))])
    Box2()
except ValueError as e:
    print("caught", e)
    traceback.print_exc()

# functools.wraps chains.


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@logged
@logged
def target(alpha, beta=2):
    """target's doc"""
    return alpha * beta


print(target(3), target.__name__, target.__doc__, target.__wrapped__.__wrapped__ is inspect.unwrap(target))
print(inspect.signature(target), type(target.__wrapped__) is types.FunctionType)
print(target.__dict__.keys())
