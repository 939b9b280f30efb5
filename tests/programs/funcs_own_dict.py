"""A guest function's __dict__ is its own plain dict, as CPython's (issue 19 item 1):
`f.__dict__ = d` stores d itself (the same object, later changes to d show as attributes),
type(f.__dict__) is dict, vars(f) is f.__dict__, and the function stays a guest function
called at full speed through every way in (guest calls in a loop, C callers, host
bytecode callers, methods), with its attributes, __code__ and copies as in CPython."""
import functools
import sys
import types


def square(x):
    return x * x


print(type(square.__dict__) is dict, type(square.__dict__).__name__, square.__dict__)
d = {"unit": "m2"}
square.__dict__ = d
print(square.__dict__ is d, vars(square) is d, square.unit)
d["scale"] = 3                      # the dict itself: later changes are attributes
print(square.scale, sorted(vars(square)))
square.extra = 1
print(d == {"unit": "m2", "scale": 3, "extra": 1}, "extra" in d)
del square.unit
print(sorted(d), hasattr(square, "unit"))


class Tagged(dict):
    pass


t = Tagged(kind="tagged")
square.__dict__ = t                 # a dict subclass is kept too
print(type(square.__dict__).__name__, square.__dict__ is t, square.kind)
try:
    square.__dict__ = ["not", "a", "dict"]
except TypeError as e:
    print("TypeError:", e)
try:
    del square.__dict__
except TypeError as e:
    print("TypeError:", e)
print(type(square), isinstance(square, types.FunctionType))


# Still the guest function, through every way of calling it.
def total(n):
    s = 0
    for i in range(n):
        s += square(i)
    return s


print([total(n) for n in (0, 1, 5, 100)], sum(map(square, range(10))), sorted([3, -4, 1], key=square))
print(functools.reduce(lambda a, b: a + square(b), range(6), 0))


class Box:
    def __init__(self, v):
        self.v = v

    def area(self):
        return square(self.v)


Box.area.__dict__ = {"doc_tag": "method"}
print([Box(i).area() for i in range(4)], Box(2).area.doc_tag, Box.area.__dict__)


def deco(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return fn(*args) + 1
    return wrapper


@deco
def inc(x):
    """doc of inc"""
    return x


inc.__wrapped__.__dict__ = {"marked": True}
print(inc(1), inc.__doc__, inc.__wrapped__.marked, sorted(inc.__dict__))

# A function made from the guest code by host means, and a copy of one.
clone = types.FunctionType(square.__code__, square.__globals__, "clone")
print(clone(7), clone.__name__, clone.__dict__, type(clone.__dict__) is dict)
clone.__dict__ = {"c": 1}
print(clone.c, clone(3))
square.__code__ = (lambda x: -x).__code__
print(square(4), square.kind, total(3))
print(sys.getsizeof(square) == sys.getsizeof(clone))
