"""Recursion through host code (repr, str, ==, sorted keys) hits RecursionError, never a wrong result."""
import sys


class Loop:
    def __repr__(self):
        return repr(self)

    def __str__(self):
        return str(self)


class Eq:
    def __eq__(self, other):
        return self == other


def sort_key(x):
    return sorted([x], key=sort_key)


for label, action in [("repr", lambda: repr(Loop())), ("str", lambda: str(Loop())),
                      ("format", lambda: f"{Loop()!r}"), ("eq", lambda: Eq() == Eq()),
                      ("sorted key", lambda: sort_key(1))]:
    try:
        action()
        print(label, "no error")
    except RecursionError as e:
        print(label, "RecursionError", str(e).split(" while ")[0])


def depth(n):
    return n if n == 0 else 1 + depth(n - 1)


print(depth(500))
sys.setrecursionlimit(2000)
print(depth(1500))
try:
    depth(10 ** 6)
except RecursionError as e:
    print("deep", e)
print(repr(Loop.__repr__)[:22])
