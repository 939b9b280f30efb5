# Object code reads a guest function's __defaults__ inline from the function object
# (ir.FuncDefaults) when a call leaves a parameter to its default: a recursive method with
# a default (go's Square.find), the defaults tuple replaced by the function itself between
# its own recursive calls, set to None mid-loop (CPython's TypeError), a default that is a
# mutable list shared by the calls, the function re-bound to a copy with other defaults,
# the function deleted from its module while a call of it still runs, and defaults
# given through functools.partial and a bound method.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles Node.find, walk, grow, countdown
# run auto: --jit-threshold 5
import functools
import types


class Node:
    def __init__(self, up=None):
        self.up = up if up is not None else self
        self.hits = 0

    def find(self, update=False):
        top = self.up
        if top is not self:
            top = top.find(update)
            if update:
                self.up = top
        top.hits += 1
        return top


root = Node()
chain = [root]
for i in range(30):
    chain.append(Node(chain[-1]))
total = 0
for rnd in range(40):
    n = chain[-1 - rnd % 10]
    total += n.find() is root
    if rnd % 7 == 0:
        total += n.find(True) is root
print("find", total, root.hits)


def walk(n, step=1, acc=0):
    if n <= 0:
        return acc
    if n == 5:
        walk.__defaults__ = (2, 100)     # the next level's call reads the new tuple
    return walk(n - step) + acc + 1


print("walk", [walk(12) for _ in range(3)], walk.__defaults__)
walk.__defaults__ = (1, 0)
print("walk", walk(9), walk(9, 3), walk(9, 3, 7))


def grow(x, into=[]):
    into.append(x)
    return len(into)


out = []
for i in range(30):
    out.append(grow(i))
    if i == 20:
        grow.__defaults__ = None
        try:
            grow(0)
        except TypeError as e:
            out.append(str(e))
        grow.__defaults__ = ([-1],)
print("grow", out[-6:], grow.__defaults__[0][-3:])


def countdown(k, step=1):
    global countdown
    if k == 3:
        saved = countdown
        del countdown            # the function object lives on in this call
        r = saved(0)
        countdown = saved
        return r + 1
    if k <= 0:
        return 0
    return countdown(k - step) + 1


print("countdown", [countdown(10) for _ in range(4)])
copy = types.FunctionType(countdown.__code__, globals(), "countdown", (3,))
print("copy", copy(10), countdown(10))

part = functools.partial(grow)
bound = Node(None).find
print("partial", part(5) > 0, bound() is bound.__self__, bound(True) is bound.__self__)
