# The hit path of object code's call-site caches (runtime_c/capi/pjentry.c call_hit: a
# positional call of the function the site called last goes straight to its machine code)
# gives way to the slow path for every change made after the site ran hot: the global
# rebound to another def, __code__ replaced, __dict__ replaced, a method replaced on the
# class, shadowed by an instance attribute and unshadowed, __init__ replaced, an argument of
# another kind than the spec's (a big int, a float, a str, None where an int was), a global
# the callee read rebound, a class's or its base's __init__ replaced or deleted, a __new__
# added, a keyword call's defaults replaced, a callee that rebinds itself while it runs; a
# RecursionError, a traceback and sys._getframe through hit calls are CPython's.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles add, run_add, run_many, Acc.bump, run_bump, Point.__init__, run_point, point_init, run_derived, scaled, run_scaled, twice, run_twice, down, run_down, boom, middle, run_boom, mid, run_who, rebinder, rebinder_new, run_rebinder
# run auto: --jit-threshold 3
import sys
import traceback


def add(a, b):
    return [a, b]


def add_v2(a, b):
    return [b, a, "v2"]


def sub(a, b):
    return ["sub", a - b]


def run_add(n, x):
    out = []
    for i in range(n):
        out.append(add(i, x))
    return out[-1]


def run_many(values):
    # one site, arguments of several kinds in turn
    return [add(v, 1) for v in values]


for _ in range(6):
    run_add(5, "x")
print("hot", run_add(5, "x"))
g_add = add
add = add_v2                      # the global rebound: the site calls the new function
print("rebound", run_add(5, "x"))
add = g_add
print("back", run_add(5, "x"))
g_code = add.__code__
add.__code__ = sub.__code__       # __code__ replaced on the function the site holds
print("code", run_add(5, 2))
add.__code__ = add_v2.__code__
print("code2", run_add(5, 2))
add.__code__ = g_code
add.__dict__ = {"note": 1}        # __dict__ replaced: still the guest function
print("dict", run_add(4, 3), add.note)
print("kinds", run_many([1, 2, 3]), run_many([10 ** 30, 2.5, "s", None, -(2 ** 63)]))


class Acc:
    def __init__(self):
        self.n = 0

    def bump(self, k):
        self.n += k
        return self.n


def run_bump(acc, n):
    r = None
    for i in range(n):
        r = acc.bump(i)
    return r


a = Acc()
for _ in range(6):
    run_bump(a, 4)
print("bump", run_bump(a, 4))
Acc.bump = lambda self, k: ("patched", k)
print("patched", run_bump(a, 4))
a.bump = lambda k: ("instance", k)
print("shadowed", run_bump(a, 4))
del a.bump
print("unshadowed", run_bump(a, 4))


class Point:
    def __init__(self, x):
        self.x = x


def run_point(n):
    p = None
    for i in range(n):
        p = Point(i)
    return p.__dict__


for _ in range(6):
    run_point(3)
print("point", run_point(3))


def point_init(self, x):
    self.x = x * 100
    self.y = "new"


Point.__init__ = point_init
print("init replaced", run_point(3))



class Base:
    def __init__(self, x):
        self.x = x


class Derived(Base):
    pass


def run_derived(n, **kw):
    d = None
    for i in range(n):
        d = Derived(i)
    return (type(d).__name__, d.__dict__)


for _ in range(6):
    run_derived(3)
print("derived", run_derived(3))
Base.__init__ = lambda self, x: setattr(self, "base", -x)   # the inherited __init__ replaced
print("base init", run_derived(3))
Derived.__init__ = point_init                               # the class's own __init__
print("own init", run_derived(3))
Derived.colour = "red"                                      # another class attribute
print("attr", run_derived(3))
del Derived.__init__
print("del init", run_derived(3))


def derived_new(cls, x):
    o = object.__new__(cls)
    o.made = "new"
    return o


Derived.__new__ = derived_new                               # a __new__: the type call
print("new", run_derived(3))


def scaled(x, k=2, m=1):
    return [x, k, m]


def run_scaled(n, o):
    r = None
    for i in range(n):
        r = scaled(o, m=i)
    return r


for _ in range(6):
    run_scaled(3, "o")
print("kw", run_scaled(3, "o"))
scaled.__defaults__ = (20, 10)                              # the gap's default replaced
print("kw defaults", run_scaled(3, "o"))
scaled.__defaults__ = (7, 5)                                # m's too: m still passed
print("kw defaults2", run_scaled(3, "o"))
scaled.__defaults__ = None                                  # no default for k: TypeError
try:
    run_scaled(3, "o")
except TypeError as e:
    print("kw TypeError", e)

SCALE = 2


def twice(v):
    return v * SCALE


def run_twice(n):
    t = 0
    for i in range(n):
        t += twice(i)
    return t


for _ in range(6):
    run_twice(10)
print("twice", run_twice(10))
SCALE = 3                         # a global the callee read
print("scale", run_twice(10))


def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


def run_down(n):
    return down(n)


for _ in range(5):
    run_down(50)
print("down", run_down(300))
try:
    run_down(100000)
except RecursionError as e:
    print("recursion", type(e).__name__, e)
print("after", run_down(200))


def boom(x):
    if x > 3:
        raise ValueError("boom %d" % x)
    return x


def middle(x):
    return boom(x) + 1


def run_boom(n):
    t = 0
    for i in range(n):
        t += middle(i)
    return t


for _ in range(6):
    run_boom(3)
try:
    run_boom(6)
except ValueError:
    lines = traceback.format_exc().splitlines()
    # (protojit prints no ^^^ column markers)
    print("\n".join(ln for ln in lines if ln.strip().strip("^~")))


def who():
    # (tier 0: it reads frames) its caller and its caller's caller, both object code
    f = sys._getframe(1)
    g = f.f_back
    return (f.f_code.co_name, f.f_lineno - f.f_code.co_firstlineno,
            g.f_code.co_name, g.f_lineno - g.f_code.co_firstlineno)


def mid(k):
    return [k, who()]


def run_who(n):
    r = None
    for i in range(n):
        r = mid(i)
    return r


for _ in range(6):
    run_who(2)
print("who", run_who(2))

generation = []


def rebinder(k):
    global rebinder
    if k == 5:
        rebinder = rebinder_new      # the running function's site now calls another
        generation.append(1)
    return ("old", k)


def rebinder_new(k):
    return ("new", k)


def run_rebinder(n):
    return [rebinder(i) for i in range(n)]


print("rebinder", run_rebinder(8), run_rebinder(2), generation)
