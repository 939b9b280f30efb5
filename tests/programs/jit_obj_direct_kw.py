# Calls with keywords take the lean direct hit (pjentry.c direct_hit_kw): the site's
# keywords put at the parameters its cache mapped, the defaults read at each call, then the
# same checks and frame reuse as a positional direct hit. Each way out goes back to the
# general path and binds as CPython does: __defaults__ replaced and removed mid-loop, a
# keyword's value of another kind (a big int, a float where an int was), the function
# rebound, a method replaced on the class, a constructor's __init__ with keywords, an
# exception raised in a callee called with keywords (the traceback's frames and lines),
# sys._getframe() from such a callee (its frame's and its caller's names and lines), and
# recursion through keyword calls.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles scaled, run_scaled, Acc.add, run_acc, Pt.__init__, run_pt, fails, run_fails, where, run_where, down, run_down
# run auto: --jit-threshold 3
import sys
import traceback


def scaled(x, k=2, off=0):
    return x * k + off


def run_scaled(n, k):
    t = 0
    for i in range(n):
        t += scaled(i, off=k)
        t += scaled(x=i, k=k)
    return t


for _ in range(5):
    run_scaled(10, 1)
print("hot", run_scaled(10, 1), run_scaled(10, 2.5), run_scaled(3, 10 ** 20))
scaled.__defaults__ = (10, 100)
print("defaults replaced", run_scaled(10, 1))
scaled.__defaults__ = None
try:
    run_scaled(10, 1)
except TypeError as e:
    print("defaults removed:", e)
scaled.__defaults__ = (2, 0)
print("defaults back", run_scaled(10, 1))
saved = scaled


def scaled(x, k=3, off=1):     # the global rebound
    return x - k - off


print("rebound", run_scaled(10, 1))
scaled = saved
print("back", run_scaled(10, 1))


class Acc:
    def __init__(self):
        self.total = 0

    def add(self, v, times=1):
        self.total += v * times
        return self.total


def run_acc(n):
    a = Acc()
    t = 0
    for i in range(n):
        t += a.add(i, times=2)
        t += a.add(v=i)
    return t, a.total


for _ in range(5):
    run_acc(10)
print("acc", run_acc(10))
Acc.add = lambda self, v, times=1: -v * times   # the method replaced on the class
print("acc replaced", run_acc(10))


class Pt:
    def __init__(self, x, y=0, z=0):
        self.x = x
        self.y = y
        self.z = z


def run_pt(n):
    s = 0
    for i in range(n):
        p = Pt(i, z=i)
        q = Pt(y=i, x=1)
        s += p.x + p.y + p.z + q.x + q.y + q.z
    return s


for _ in range(5):
    run_pt(10)
print("pt", run_pt(10), run_pt(1000))


def fails(a, b=1):
    if a > b:
        raise ValueError("a > b: %r > %r" % (a, b))
    return a


def run_fails(n, b):
    t = 0
    for i in range(n):
        t += fails(i, b=b)
    return t


for _ in range(5):
    run_fails(3, 5)
try:
    run_fails(10, 5)
except ValueError:
    traceback.print_exc()


def peek(n):
    f = sys._getframe(n)
    return "%s:%d <- %s:%d" % (f.f_code.co_name, f.f_lineno, f.f_back.f_code.co_name, f.f_back.f_lineno)


def where(tag, depth=0):
    return "%s %s" % (tag, peek(depth))


def run_where(n):
    out = []
    for i in range(n):
        out.append(where(i, depth=1))
    return out


for _ in range(5):
    run_where(2)
print(run_where(3))


def down(n, acc=0):
    if n == 0:
        return acc
    return down(n - 1, acc=acc + n)


def run_down(n):
    return [down(k, acc=1) for k in range(n)]


for _ in range(5):
    run_down(5)
print("down", run_down(30)[-3:], down(200, acc=0))
