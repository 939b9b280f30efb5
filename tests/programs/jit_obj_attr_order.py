# New attributes set by object code on instances with inline values (CPython 3.11's
# managed dicts; runtime_c/capi/pjobj.c pj_setattr: the slot written in place and appended
# to the values' insertion order, as CPython's STORE_ATTR_INSTANCE_VALUE does). What a
# program can see of it: the order of vars(obj) / obj.__dict__ / dataclass-like reprs, after
# attributes set in different orders, deleted and set again, and on instances made before
# and after the class gained more attribute names; the class's shared keys running out
# (many names: later instances get real dicts); a __setattr__ or a data descriptor added
# to the class after compilation; __slots__ instances.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles Rec.__init__, set_in_order, fill, widen
# run auto: --jit-threshold 5
# expect auto: compiles Rec.__init__, set_in_order, fill


class Rec:
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


def set_in_order(o, names, base):
    for i, n in enumerate(names):
        if n == "x":
            o.x = base + i
        elif n == "y":
            o.y = base + i
        else:
            o.z = base + i
    return o


def fill(cls, n):
    out = []
    for i in range(n):
        o = cls(i, -i, str(i))
        if i % 3 == 0:
            set_in_order(o, "xyz", i)
        elif i % 3 == 1:
            set_in_order(o, "zx", i)
        else:
            set_in_order(o, "y", i)
        out.append(o)
    return out


def rebuild(o):
    del o.a
    o.a = "again"
    o.b = o.b
    return list(vars(o).items())


recs = fill(Rec, 30)
for o in recs[:6]:
    print(list(o.__dict__.items()))
print([rebuild(o) for o in recs[:3]])
print(sorted(len(vars(o)) for o in recs))


# the shared keys run out: many names, then new instances
class Wide:
    def __init__(self, k):
        self.k = k


def widen(o, n):
    for i in range(n):
        setattr(o, "w%d" % i, i)
    o.k = o.k + 1
    o.last = n
    return o


ws = [widen(Wide(j), 40) for j in range(12)]
print([list(vars(w))[-3:] for w in ws[:2]], ws[-1].k, ws[-1].last)
print([rebuild(Rec(1, 2, 3)) for _ in range(2)])


# a __setattr__ added to the class after the sites were filled
def loud_setattr(self, name, value):
    object.__setattr__(self, name, ("set", value))


Rec.__setattr__ = loud_setattr
r = Rec(1, 2, 3)
print(vars(r), vars(set_in_order(r, "xz", 0)))
del Rec.__setattr__


# a data descriptor named like an attribute
class Twice:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, tp=None):
        return self if obj is None else obj.__dict__[self.name]

    def __set__(self, obj, v):
        obj.__dict__[self.name] = 2 * v


Rec.b = Twice()
Rec.b.__set_name__(Rec, "b")
r = Rec(1, 2, 3)
print(vars(r), r.b)
del Rec.b
print(list(vars(fill(Rec, 3)[2]).items()))


class Slotted:
    __slots__ = ("a", "b", "c", "x", "y", "z")

    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


s = fill(Slotted, 4)
print([(o.a, o.c, getattr(o, "x", None), getattr(o, "y", None)) for o in s])
