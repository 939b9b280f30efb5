# Direct calls (pjentry.c direct_hit, the lean hit of a positional call site whose callee's
# compiled code takes any argument vector of its length): the cases jit_obj_direct_calls.py
# leaves out -- __kwdefaults__ replaced, an instance's __class__ assigned under a method
# call site, a generator function called from a hot site, sys._getframe and f_back/f_lineno
# read by a callee of a direct call (the frames' lines and callers), the exact depth at
# which RecursionError is raised through direct calls (at two limits), an exception caught
# two direct levels up and the frames reused after it, a function redefined by the callee
# itself mid-loop, and a callee's own global read after the module's dict changed.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles run_kwd, A.m, B.m, run_m, gen, run_gen, mid, run_where, depth, run_depth, fail, catch_mid, run_catch, swap, swap2, run_swap, reader, set_scale, run_reader
# expect jit: rejects kwd (keyword-only or positional-only parameters)
# expect jit: rejects where (reflective access ._getframe reads the frame)
# run auto: --jit-threshold 3
import sys
import traceback


def kwd(a, *, k=1):
    return a + k


def run_kwd(n):
    return [kwd(i) for i in range(n)]


for _ in range(4):
    run_kwd(2)
print("kwd", run_kwd(3))
kwd.__kwdefaults__ = {"k": 100}
print("kwd2", run_kwd(3))


class A:
    def m(self, x):
        return ("A", x)


class B:
    def m(self, x):
        return ("B", x)


def run_m(o, n):
    return [o.m(i) for i in range(n)]


a = A()
for _ in range(4):
    run_m(a, 2)
print("m", run_m(a, 2))
a.__class__ = B
print("class B", run_m(a, 2))
a.__class__ = A
print("class A", run_m(a, 2))


def gen(n):
    for i in range(n):
        yield i * 2


def run_gen(n):
    return [sum(gen(i)) for i in range(n)]


for _ in range(4):
    run_gen(3)
print("gen", run_gen(5))


def where(x):
    f = sys._getframe(1)
    g = sys._getframe(2)
    return (x, f.f_code.co_name, f.f_lineno, g.f_code.co_name, g.f_lineno, f.f_back is g)


def mid(x):
    return where(x)


def run_where(n):
    out = []
    for i in range(n):
        out.append(mid(i))
    return out


for _ in range(4):
    run_where(2)
print("where", run_where(3))


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


def run_depth(n):
    return depth(n)


for _ in range(4):
    run_depth(5)
old = sys.getrecursionlimit()
for limit in (300, 1000):
    sys.setrecursionlimit(limit)
    deepest = 0
    for n in range(limit - 60, limit + 5):
        try:
            run_depth(n)
            deepest = n
        except RecursionError:
            break
    print("deepest", limit, deepest)
sys.setrecursionlimit(old)


def fail(i):
    if i % 3 == 2:
        raise ValueError(i)
    return i


def catch_mid(i):
    try:
        return fail(i)
    except ValueError as e:
        return -e.args[0]


def run_catch(n):
    t = []
    for i in range(n):
        t.append(catch_mid(i))
    return t


for _ in range(3):
    run_catch(2)
print("catch", run_catch(8))


def swap2(i):
    return ("new", i)


def swap(i):
    global swap
    if i == 2:
        swap = swap2
    return ("old", i)


def run_swap(n):
    return [swap(i) for i in range(n)]


for _ in range(3):
    run_swap(2)
print("swap", run_swap(4))
print("swap after", run_swap(2))

SCALE = 2


def set_scale(v):
    global SCALE
    SCALE = v


def reader(x):
    return x * SCALE


def run_reader(n):
    out = []
    for i in range(n):
        if i == 2:
            set_scale(10)
        out.append(reader(i))
    return out


for _ in range(3):
    run_reader(2)
    SCALE = 2
print("reader", run_reader(4))
try:
    mid("tb")
    fail(2)
except ValueError:
    print("tb", [(f.name, f.lineno) for f in traceback.extract_tb(sys.exc_info()[2])])
print("done")
