# Attribute reads, writes and method calls on instances whose attributes live in a real
# dict rather than CPython 3.11's inline values (runtime_c/capi/pjobj.c: the dict path of
# pj_getattr/pj_setattr and of the method cache). CPython makes such a dict when the
# class's shared keys run out (pyperformance's go: every Square), when __dict__ is read
# (a split dict over the shared keys) or replaced (a combined dict). Each fast path and
# its fallbacks: instances whose dicts list the same names in different orders (the
# remembered index misses), a name missing from the dict (the class attribute, then
# __getattr__, then AttributeError), a deleted attribute, a non-str key in the dict, a dict
# subclass, more attributes than the scan looks at, a property or a data descriptor added
# to the class mid-loop, an instance attribute that shadows a method, __class__ changed.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles total, bump, seta, call_all, read_many, spin
# run auto: --jit-threshold 5
# expect auto: compiles total, bump, seta, call_all, spin


class P:
    kind = "class-kind"

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def m(self, k):
        return self.a * k + self.b


class Q(P):
    def m(self, k):
        return -k


def combined(a, b, extra=()):
    """A P whose attributes sit in a combined dict (__dict__ replaced), keys in an order
    of its own."""
    p = P(0, 0)
    d = {}
    for name in extra:
        d[name] = len(name)
    d["b"] = b
    d["a"] = a
    p.__dict__ = d
    return p


def split(a, b):
    p = P(a, b)
    p.__dict__          # (read: 3.11 moves the inline values into a split dict)
    return p


def total(objs):
    s = 0
    for o in objs:
        s += o.a + o.b
    return s


def bump(objs, n):
    for _ in range(n):
        for o in objs:
            o.a = o.a + 1
            o.b += 2
    return [(o.a, o.b) for o in objs]


def seta(o, v):
    o.a = v
    return o.a


def call_all(objs, k):
    return [o.m(k) for o in objs]


def read_kind(o):
    try:
        return o.kind
    except AttributeError as e:
        return "AttributeError: " + str(e)


def read_many(o, names):
    return [getattr(o, n) for n in names] + [o.a, o.b, o.a30]


def spin(o, n):
    r = []
    for i in range(n):
        r.append(read_kind(o))
    return r


plain = [P(i, i + 1) for i in range(3)]
dicts = [combined(i, 2 * i, extra=("x" * (i + 1),)) for i in range(4)]
splits = [split(i, -i) for i in range(3)]
mixed = plain + dicts + splits + [Q(5, 6), combined(7, 8)]

for _ in range(30):
    t = total(mixed)
print("total", t)
print("bump", bump(mixed, 20))
for o in mixed * 3:
    seta(o, o.b)
print("seta", total(mixed))
for _ in range(20):
    r = call_all(mixed, 3)
print("call_all", r)

# an instance attribute shadows the method in a dict-backed instance
dicts[1].m = lambda k: ("own", k)
splits[0].__dict__["m"] = lambda k: ("split-own", k)
print("shadowed", call_all(mixed, 4))
del dicts[1].m
print("unshadowed", call_all(mixed, 5))

# a non-str key and a dict subclass as __dict__
odd = combined(1, 2)
odd.__dict__[7] = "seven"


class D(dict):
    def __getitem__(self, key):          # (attribute lookup reads the dict directly)
        return "never"


sub = P(0, 0)
sub.__dict__ = D(a=10, b=20)
for _ in range(10):
    t = total([odd, sub, odd])
print("odd/sub", t, call_all([odd, sub], 2))

# the name missing from the instance's dict: class attribute, then deleted attribute
k = combined(3, 4)
for _ in range(10):
    print_kind = spin(k, 3)
print("kind", print_kind)
k.kind = "own-kind"
print("kind own", spin(k, 2))
del k.kind
print("kind back", spin(k, 2))
del k.a
print("deleted a", read_kind(k), end=" ")
try:
    total([k])
except AttributeError as e:
    print("AttributeError:", e)
k.a = 100
print("re-added", total([k]))

# many attributes: past the scan the generic lookup answers
many = P(0, 0)
names = ["a%d" % i for i in range(40)]
d = {n: i for i, n in enumerate(names)}
d.update(a=1, b=2)
many.__dict__ = d
for _ in range(10):
    r = read_many(many, names[::7])
print("many", r)

# __getattr__ added to the class: a missing name now answers
P.__getattr__ = lambda self, name: "getattr:" + name
print("getattr", spin(combined(0, 0), 2), read_many(combined(1, 1, ("a30",)), ["a"]))
del P.__getattr__

# a property shadows the instance dict's value (a data descriptor wins over the dict)
P.a = property(lambda self: "prop-a")
print("property", total.__name__, [o.a for o in mixed[:2]], end=" ")
try:
    print(total(dicts))
except TypeError as e:
    print("TypeError:", e)
try:
    seta(dicts[0], 5)
except AttributeError as e:
    print("AttributeError:", e)
del P.a
print("no property", total(dicts))

# a data descriptor with __set__ intercepts writes
class Loud:
    def __get__(self, obj, tp=None):
        return obj.__dict__.get("_b", 0) if obj is not None else self

    def __set__(self, obj, v):
        obj.__dict__["_b"] = v * 10


P.b = Loud()
print("descriptor", bump(dicts[:2], 2))
del P.b
print("after", bump(dicts[:2], 1))

# __class__ changed on a dict-backed instance
c = combined(2, 3)
c.__class__ = Q
print("class changed", call_all([c, combined(2, 3)], 7), total([c]))
