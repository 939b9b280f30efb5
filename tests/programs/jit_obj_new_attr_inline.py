# New attributes stored inline by object code (codegen/lowerobj.py lower_SetAttr/new_attr:
# an empty inline value filled and its index appended to the values' insertion order, an
# empty __slots__ member filled, as CPython 3.11's STORE_ATTR_INSTANCE_VALUE/STORE_ATTR_SLOT).
# Numbers computed in __init__ (boxed at the store), attributes set in another order than
# the class's first instance set them, deleted and set again, an instance of a subclass, a
# shared instance whose dict was materialised (vars() read before), slotted instances with
# members left empty; each instance's vars() order and values are what CPython shows.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles V.__init__, S.__init__, make, swap_order, refill
# run auto: --jit-threshold 5
# expect auto: compiles V.__init__, S.__init__, make, swap_order, refill


class V:
    def __init__(self, x, y, k):
        self.x = x * 2.0
        self.y = y + 0.5
        if k % 2:
            self.n = k * 3
        self.z = x - y


class W(V):
    pass


class S:
    __slots__ = ("a", "b", "c")

    def __init__(self, a, k):
        self.a = a / 4.0
        if k % 3 == 0:
            self.c = k + 1


def make(cls, n):
    out = []
    for i in range(n):
        out.append(cls(i * 1.5, -i * 0.25, i))
    return out


def swap_order(o, k):
    if k % 2:
        o.q = k
        o.p = k * 0.5
    else:
        o.p = k * 0.5
        o.q = k
    return o


def refill(o, k):
    del o.x
    o.x = k / 3.0
    o.m = k
    return o


vs = make(V, 12) + make(W, 6)
for o in vs[:4] + vs[-2:]:
    print(type(o).__name__, list(vars(o).items()))
print([list(vars(swap_order(o, k))) for k, o in enumerate(vs[:4])])
print([list(vars(refill(o, k)).items()) for k, o in enumerate(vs[4:8])])
seen = V(1.0, 2.0, 3)
print(vars(seen))           # (its dict materialised: later stores go to the dict)
print(vars(swap_order(seen, 2)), vars(refill(seen, 9)))
ss = [S(i * 1.0, i) for i in range(7)]
print([(s.a, getattr(s, "b", "-"), getattr(s, "c", "-")) for s in ss])
for s in ss[:3]:
    s.b = "set"
    del s.a
print([(getattr(s, "a", "-"), s.b) for s in ss[:3]])
print([S(2.0, k).a for k in range(3)], sum(len(vars(o)) for o in make(V, 40)))
