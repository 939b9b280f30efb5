# repr() of deeply nested containers stops at the guest's recursion limit, as CPython's does
# (CPython's test_dict test_repr_deep): the C levels of a nested repr count against what the
# caller's depth left, at every depth and limit; a guest __repr__ inside still runs.
import sys


def nested_list(n):
    x = []
    for _ in range(n):
        x = [x]
    return x


def nested_dict(n):
    d = {}
    for _ in range(n):
        d = {1: d}
    return d


def nested_tuple(n):
    t = ()
    for _ in range(n):
        t = (t,)
    return t


def first_failing(make, depth):
    """The smallest nesting whose repr raises RecursionError, called `depth` frames down."""
    if depth:
        return first_failing(make, depth - 1)
    for n in range(0, sys.getrecursionlimit() + 10):
        try:
            repr(make(n))
        except RecursionError as e:
            return n, str(e)
    return None


for limit in (1000, 200):
    sys.setrecursionlimit(limit)
    for make in (nested_list, nested_dict, nested_tuple):
        for depth in (0, 50, 120):
            print(limit, make.__name__, depth, first_failing(make, depth))
sys.setrecursionlimit(1000)

d = nested_dict(sys.getrecursionlimit() + 100)
try:
    repr(d)
except RecursionError as e:
    print("test_repr_deep:", e)


class Leaf:
    def __repr__(self):
        return "Leaf(" + repr([1, [2]]) + ")"


print(repr([[[Leaf()]], (Leaf(),)]))
x = [Leaf()]
for _ in range(300):
    x = [x]
print(len(repr(x)))
try:
    repr(nested_list(2000) + [Leaf()])
except RecursionError as e:
    print("mixed:", e)
print(repr, repr.__name__, repr.__module__, repr.__qualname__, repr.__text_signature__)
