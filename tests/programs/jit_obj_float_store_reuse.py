# Float attribute and list item stores in hot object code (lowerobj.store_number): a
# number made by arithmetic and used only by the store is boxed by the store, or written
# into the float it replaces when the attribute/item held that float's only reference.
# A float still referenced elsewhere (a local, a list, a callee that kept it) must keep
# its value; ints, big ints, float subclasses and other objects take the boxed path.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles Body.__init__, step, step_list, keep, Num.__add__
# run auto: --object-code --jit-threshold 5


class Body:
    def __init__(self, x, v):
        self.x = x
        self.v = v


class Slotted:
    __slots__ = ("x", "v")


class F(float):
    pass


class Num:
    def __init__(self, n):
        self.n = n

    def __add__(self, other):
        return Num(self.n + other)

    def __repr__(self):
        return f"Num({self.n})"


KEPT = []


def keep(o):
    KEPT.append(o)
    return 0.0


def step(bodies, n, dt):
    held = []
    for i in range(n):
        for b in bodies:
            b.x = b.x + b.v * dt
            b.v -= 0.5 * dt
            if i == 3:
                held.append(b.x)          # a second reference: the next store boxes anew
            if i == 5:
                keep(b.v)
            b.v = b.v + keep(b) * 0.0
    return held


def step_list(vs, n, d):
    alias = vs[1]
    for i in range(n):
        vs[0] -= d * 2.0
        vs[1] += d                        # vs[1]'s first float is also `alias`
        vs[2] = vs[2] * 1.5               # an int, then a big int, then a float subclass
        vs[-1] = -vs[-1]
    return alias


bodies = [Body(1.0, 0.25), Body(2.5, -1.0)]
s = Slotted()
s.x, s.v = 0.5, 2.0
bodies.append(s)
held = step(bodies, 12, 0.125)
print([(round(b.x, 9), round(b.v, 9)) for b in bodies])
print(held, [type(k).__name__ for k in KEPT[:4]], len(KEPT))
print(held[0] is bodies[0].x, held[0] == 1.0)

vs = [1.0, 2.0, 3, 7.0]
a = step_list(vs, 10, 0.5)
print(vs, a)
vs = [1.0, 2.0, 2 ** 70, F(3.0)]
print(step_list(vs, 3, 0.25), vs, type(vs[3]).__name__)
vs = [1.0, 2.0, F(2.5), 1.5]
print(step_list(vs, 3, 0.25), vs, type(vs[2]).__name__)
nb = Body(Num(1), 1.0)
nb.x = nb.x + 2
print(nb.x)
try:
    bad = Body(1.0, "s")
    step([bad], 2, 0.5)
except TypeError as e:
    print("TypeError", e, bad.x)
x0 = Body(1.0, 0.0)
t = x0.x
step([x0], 4, 0.25)
print(t, x0.x)
