# Direct calls (codegen/directcall.py): object code takes a positional call-site hit itself
# -- the function, its __dict__, record, Entry and generation, the argument kinds, the
# callee's globals, the caller's depth and the C stack checked in machine code, the
# callee's guest frame taken from its spec's free frame and published -- and gives way to
# the C path for everything else: the global rebound, __code__ and __dict__ replaced, a
# method replaced on the class or shadowed by an instance attribute, __defaults__ changed,
# an argument of another kind (a big int, a float where an int was), a global the callee
# reads rebound, a frame kept by a traceback or sys._getframe (no free frame: the next
# call makes a new one and the kept one keeps its line and caller), recursion to the limit
# (RecursionError and its traceback as CPython's), an exception through several direct
# frames, KeyboardInterrupt raised in a direct callee, and the recursion limit lowered by a
# callee.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles add, run_add, scale, run_scale, Box.get, run_get, keep, run_keep, down, run_down, inner, middle, run_raise, tick, run_tick, lower_limit, run_lower, dflt, run_dflt
# run auto: --jit-threshold 3
import signal
import sys
import traceback

FACTOR = 3


def add(a, b):
    return a + b


def run_add(n, x):
    t = 0
    for i in range(n):
        t = add(t, x)
    return t


def scale(v):
    return v * FACTOR


def run_scale(n):
    return [scale(i) for i in range(n)]


for _ in range(5):
    run_add(10, 2)
print("hot", run_add(10, 2), run_add(3, 2.5), run_add(3, 10 ** 20), run_add(2, -1))
saved = add


def add(a, b):          # the global rebound to another def
    return a - b


print("rebound", run_add(4, 1))
add = saved
print("back", run_add(4, 1))
add.__code__ = (lambda a, b: a * 10 + b).__code__
print("code", run_add(3, 1))
add.__code__ = saved.__code__
add.__dict__ = {"tag": "d"}
print("dict", run_add(3, 1), add.tag)
for _ in range(4):
    run_scale(3)
print("scale", run_scale(4))
FACTOR = -1             # a global the callee reads
print("factor", run_scale(4))
FACTOR = 3


class Box:
    def __init__(self, v):
        self.v = v

    def get(self, k):
        return self.v + k


def run_get(box, n):
    return [box.get(i) for i in range(n)]


b1 = Box(10)
for _ in range(4):
    run_get(b1, 3)
print("get", run_get(b1, 3))
Box.get = lambda self, k: ("patched", k)
print("patched", run_get(b1, 2))
del Box.get
Box.get = lambda self, k: self.v * k
b1.get = lambda k: ("instance", k)     # shadowed by an instance attribute
print("shadowed", run_get(b1, 2), run_get(Box(2), 3))
del b1.get
print("unshadowed", run_get(b1, 3))


def dflt(a, b=5):
    return a + b


def run_dflt(n):
    return [dflt(i) for i in range(n)] + [dflt(i, 1) for i in range(n)]


for _ in range(4):
    run_dflt(2)
print("dflt", run_dflt(3))
dflt.__defaults__ = (100,)
print("dflt2", run_dflt(3))

kept = []


def keep(i):
    if i == 3:
        try:
            raise ValueError(i)
        except ValueError as e:
            kept.append(e)       # the traceback holds this call's frame
    return i


def run_keep(n):
    return [keep(i) for i in range(n)]


for _ in range(3):
    run_keep(2)
print("keep", run_keep(6))
e = kept[-1]
tb = traceback.extract_tb(e.__traceback__)
print("kept tb", [(f.name, f.lineno) for f in tb])
print("keep again", run_keep(5), len(kept))


def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


def run_down(n):
    return down(n)


for _ in range(4):
    run_down(10)
print("down", run_down(300))
try:
    run_down(100000)
except RecursionError as e:
    entries = traceback.extract_tb(e.__traceback__)
    print("RecursionError", str(e), len(entries), entries[-1].name)
print("down after", run_down(50))


def inner(x):
    if x > 2:
        raise KeyError(x)
    return x


def middle(x):
    return inner(x) + 1


def run_raise(n):
    out = []
    for i in range(n):
        out.append(middle(i))
    return out


for _ in range(3):
    run_raise(2)
try:
    run_raise(5)
except KeyError as e:
    print("KeyError", e, [(f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)])


def tick(i, at):
    if i == at:
        signal.raise_signal(signal.SIGINT)
    return i


def run_tick(n, at):
    t = 0
    for i in range(n):
        t += tick(i, at)
    return t


for _ in range(3):
    run_tick(5, -1)
try:
    run_tick(100, 37)
except KeyboardInterrupt:
    exc = sys.exc_info()[1]
    print("KeyboardInterrupt", [(f.name, f.lineno) for f in traceback.extract_tb(exc.__traceback__)])
print("tick after", run_tick(10, -1))


def lower_limit(n, limit):
    if n == 0:
        sys.setrecursionlimit(limit)
        return 0
    return lower_limit(n - 1, limit) + 1


def run_lower(n, limit):
    return lower_limit(n, limit)


old = sys.getrecursionlimit()
for _ in range(3):
    run_lower(3, old)
print("lower", run_lower(20, old))
sys.setrecursionlimit(200)
try:
    print("at 200", run_lower(150, 200))
    run_lower(400, 200)
except RecursionError as e:
    print("RecursionError 200", len(traceback.extract_tb(e.__traceback__)))
sys.setrecursionlimit(old)
print("done")
