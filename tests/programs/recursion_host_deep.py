"""Recursion through host code at CPython's accepted limits never crashes the process
(issue 18): a guest function called by C code (sorted's key, __init__ through the class
call, __eq__ through ==, __repr__ through repr(), a generator expression consumed by
sum()) at each level, with limits 1000 and 3000 in the main thread. Each ends in a
RecursionError the program catches. (Only that it is caught is compared: CPython also
counts its C-level checks in the depth, protojit counts two per host-entered level.)"""
import sys


class Init:
    def __init__(self, n):
        Init(n + 1)


class Repr:
    def __repr__(self):
        return repr(self)


class Eq:
    def __eq__(self, other):
        return self == other


def key(x):
    return sorted([x], key=key)


def summed(n):
    return sum(summed(n + 1) for _ in range(1))


CASES = [("init", lambda: Init(0)), ("repr", lambda: repr(Repr())), ("eq", lambda: Eq() == Eq()),
         ("sorted key", lambda: key(1)), ("genexpr", lambda: summed(0))]

for limit in (1000, 3000):
    sys.setrecursionlimit(limit)
    for label, action in CASES:
        try:
            action()
            print(limit, label, "no error")
        except RecursionError:
            print(limit, label, "RecursionError")
    print(limit, "goes on", sum(range(10)))
