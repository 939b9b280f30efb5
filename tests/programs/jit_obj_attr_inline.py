# Attribute reads and writes whose cache's first entry machine code checks inline
# (codegen/lowerobj.py inline_value_slot: the type, its version tag, then the value at the
# cached index of the instance's inline values) give way to pj_getattr/pj_setattr for
# everything else: a subclass, a second class at the same site, __getattr__ and
# __getattribute__, __slots__, a property, a data descriptor added to the class after the
# site ran hot, the class changed mid-loop (__class__ assigned, a class attribute set), an
# attribute deleted (AttributeError, then set again), an instance whose dict was read
# (__dict__) and one made in native code (construct: its inline values, like CPython's
# object_new), a new attribute added by a setattr site.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles P.__init__, total, bump, make, run_make, run_delete, run_class_change, run_descr, G.__getattr__, Prop.x
# run auto: --jit-threshold 3


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Q(P):
    pass


class R:
    def __init__(self, x, y):
        self.y = y
        self.x = x


class S:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class G(P):
    def __getattr__(self, name):
        return len(name) * 100


class GA(P):
    def __getattribute__(self, name):
        if name == "x":
            return -1
        return object.__getattribute__(self, name)


class Prop:
    def __init__(self, y):
        self.y = y

    @property
    def x(self):
        return self.y * 2

    @x.setter
    def x(self, v):
        self.y = v // 2


def total(ps):
    t = 0
    for p in ps:
        t += p.x * 10 + p.y
    return t


def bump(ps):
    for p in ps:
        p.x = p.x + 1


def make(i):
    p = P(i, i + 1)
    p.z = i * 3          # a new attribute: the setattr site's slow path
    return p


def run_make(n):
    out = []
    for i in range(n):
        p = make(i)
        p.x = p.x + p.z
        out.append((p.x, p.y, p.z))
    return out


def run_delete(p, n):
    out = []
    for i in range(n):
        try:
            out.append(p.x)
        except AttributeError as e:
            out.append(str(e))
            p.x = i
        if i % 3 == 1:
            del p.x
    return out


def run_class_change(ps, n):
    out = []
    for i in range(n):
        out.append(total(ps))
        bump(ps)
        if i == 2:
            ps[0].__class__ = Q
        if i == 4:
            P.w = 5              # the type's version changes
        if i == 6:
            ps[1].__dict__       # the instance's dict made from its inline values
    return out


class Desc:
    def __get__(self, obj, owner=None):
        return 42 if obj is not None else self

    def __set__(self, obj, v):
        obj.__dict__["seen"] = v


def run_descr(n):
    p = P(1, 2)
    out = []
    for i in range(n):
        out.append(total([p]))
        bump([p])
        if i == 3:
            P.x = Desc()         # a data descriptor now wins over the instance value
    del P.x
    out.append(p.__dict__.get("seen"))
    return out


mixed = [P(1, 2), Q(3, 4), R(5, 6), S(7, 8), G(9, 10), GA(11, 12)]
for _ in range(5):
    print(total(mixed))
    bump(mixed)
print([total([Prop(4)]) for _ in range(3)])
props = [Prop(10)]
bump(props)
print(props[0].y, props[0].x)
print(run_make(5))
print(run_delete(P(0, 1), 9))
print(run_class_change([P(1, 1), P(2, 2), R(3, 3)], 9))
print(run_descr(6))
gp = G(1, 2)
del gp.x
print(total([gp]))
try:
    bump([S.__new__(S)])
except AttributeError as e:
    print("AttributeError:", e)
