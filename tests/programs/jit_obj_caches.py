# Object code's inline caches (runtime_c/capi/pjobj.c) and their fallbacks: attribute
# reads/writes on instances (a class modified after the cache was filled: a property or
# __getattr__/__setattr__ added, a class attribute shadowed and unshadowed, an instance
# whose __dict__ was materialised, __class__ reassigned, attributes deleted, __slots__),
# method calls (a method replaced, an instance attribute shadowing a method, builtin
# methods on lists/dicts/str), global and builtin reads (a global rebound after
# compilation, a builtin shadowed by a global then unshadowed, a global deleted); sites
# that see more receiver types than their cache holds (entries replaced in turn).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles read_xy, write_xy, call_m, use_globals, builtin_calls, poly
# run auto: --object-code --jit-threshold 5
# expect auto: compiles read_xy, write_xy, call_m, use_globals


class A:
    tag = "A"

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def m(self, k):
        return self.x + k


class B(A):
    def m(self, k):
        return self.y * k


class S:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def m(self, k):
        return k


def read_xy(o):
    return o.x, o.y, o.tag


def read(o):
    try:
        return read_xy(o)
    except AttributeError as e:
        return "AttributeError: " + str(e)


def write_xy(o, v):
    o.x = v
    o.y = o.x + 1
    return o.y


def call_m(o, k):
    return o.m(k)


LIMIT = 10


def use_globals(n):
    return LIMIT + n + len(str(n))


def builtin_calls(xs, d):
    xs.append(len(xs))
    d.setdefault("k", []).append(xs[-1])
    return "-".join([str(xs[-2]), str(xs[-1])]) if len(xs) > 1 else str(xs[0])


def report(label, value):
    print(label, value)


a, b, s = A(1, 2), B(3, 4), S(5, 6)
for i in range(12):
    report("read", [read(a), read(b)])
    report("write", [write_xy(a, i), write_xy(b, i * 2), write_xy(s, i * 3)])
    report("call", [call_m(a, i), call_m(b, i), call_m(s, i), call_m([i], 0) if False else 0])
    report("globals", use_globals(i))

# the class changes after the caches were filled
A.tag = "A2"
report("tag", read(a))
A.x = property(lambda self: "prop-x")
report("property", read(a))
try:
    write_xy(a, 1)
except AttributeError as e:
    print("AttributeError:", e)
del A.x
report("unprop", read(a))
A.__getattr__ = lambda self, name: "missing-" + name
del a.y
report("getattr hook", read(a))
del A.__getattr__
report("no hook", read(a))
a.y = 7


def setattr_hook(self, name, value):
    object.__setattr__(self, name, value * 100)


A.__setattr__ = setattr_hook
report("setattr hook", write_xy(a, 2))
del A.__setattr__
report("no setattr hook", write_xy(a, 2))

# an instance dict made visible (materialised), then used through the caches
d = a.__dict__
d["x"] = 41
report("dict", [read(a), write_xy(a, 9), d])

# a method replaced on the class, then shadowed by an instance attribute
A.m = lambda self, k: ("new-m", k)
report("replaced", [call_m(a, 1), call_m(b, 1)])
a2 = A(0, 0)
a2.m = lambda k: ("own-m", k)
report("shadowed", [call_m(a2, 2), call_m(A(0, 0), 3)])
del a2.m
report("unshadowed", call_m(a2, 4))

# __class__ reassigned
c = A(10, 20)
report("class", [read(c), call_m(c, 1)])
c.__class__ = B
report("class B", [read(c), call_m(c, 2)])

# globals: rebound, a builtin shadowed then unshadowed, deleted
LIMIT = 10 ** 30
report("rebound", use_globals(1))
str = lambda v: "s"
report("shadowed str", use_globals(2))
del str
report("builtin str", use_globals(3))
del LIMIT
try:
    use_globals(4)
except NameError as e:
    print("NameError:", e)
LIMIT = -1
report("back", use_globals(5))

xs, dd = [], {}
for i in range(6):
    report("builtins", builtin_calls(xs, dd))
report("final", [xs, dd])


# one site, many receiver types (each a subclass with its own layout and method)
kinds = [type(f"K{i}", (A,), {"m": (lambda i: lambda self, k: (i, self.x + k))(i)}) for i in range(7)]
objs = [kinds[i % 7](i, -i) for i in range(21)]


def poly(os, k):
    out = []
    for o in os:
        o.x = o.x + k
        out.append((o.x, o.y, o.m(k)))
    return out


for r in range(4):
    report("poly", poly(objs, r))
    if r == 1:
        kinds[3].x = property(lambda self: 1000)
        kinds[3].__setattr__ = lambda self, n, v: None
        kinds[5].m = lambda self, k: "K5-new"
