"""Reflection inside hot, type-stable functions: the answers must not change when a tier
compiles (or refuses to compile) the function."""
import sys


def hot_locals(n):
    total = 0
    for i in range(n):
        total += i
    snap = locals()
    return snap["total"], sorted(snap)


def hot_vars(a, b):
    c = a * b + 1
    return vars()["c"] + len(dir())


def hot_globals(k):
    return globals()["SCALE"] * k


def frame_peek(x):
    y = x + 1
    return sys._getframe().f_code.co_name, y


def plain(x):
    return x * 2 + 1


def caller_of_reflective(n):
    acc = 0
    for i in range(n):
        acc += hot_globals(i) + plain(i)
    return acc


SCALE = 3
results = []
for round_ in range(300):
    results.append(hot_locals(round_ % 7))
    results.append(hot_vars(round_, 2))
    results.append(frame_peek(round_))
print(results[:6])
print(results[-6:])
print(sum(r[0] if isinstance(r, tuple) and isinstance(r[0], int) else 0 for r in results))
print(caller_of_reflective(2000))
SCALE = 5                      # a global rebinding seen by the reflective reader
print(caller_of_reflective(10))
