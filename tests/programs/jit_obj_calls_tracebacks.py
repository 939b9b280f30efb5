# An exception escapes through several object-code functions that call each other
# natively: the traceback names every guest frame and line as CPython's does, when
# caught in tier 0 (traceback.print_exc), when caught in between (by a function that
# stays in tier 0 while try is not compiled), when raised in a method's callee, and when
# it is never caught (printed to stderr).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles bottom, middle, top, Walker.step, Walker.walk
# run auto: --jit-threshold 3
import traceback


class Oops(Exception):
    pass


def bottom(items, i):
    if i >= len(items):
        raise Oops("ran out at " + str(i))
    return items[i]


def middle(items, i):
    value = bottom(items, i)
    return [value, value]


def top(items, i):
    pair = middle(items, i)
    return pair + middle(items, i)


class Walker:
    def __init__(self, items):
        self.items = items

    def step(self, i):
        return top(self.items, i)

    def walk(self, n):
        out = []
        for i in range(n):
            out.append(self.step(i))
        return out


def catcher(w, n):
    try:
        return w.walk(n)
    except Oops as e:
        return "caught " + str(e) + " " + type(e).__name__


w = Walker(["a", "b"])
for _ in range(5):
    print(w.walk(2))
    print(catcher(w, 2))
print(catcher(w, 3))
try:
    w.walk(4)
except Oops:
    traceback.print_exc()
w.walk(5)
