# __slots__ members read and written by object code at their offset in the instance
# (runtime_c/capi/pjobj.c: IDX_SLOT, CPython's LOAD_ATTR_SLOT/STORE_ATTR_SLOT; pyperformance
# float's Point), and each fallback: an empty slot (AttributeError, or __getattr__'s
# answer), a deleted slot, a subclass adding a __dict__ or overriding the member with a
# property, a member descriptor copied into an unrelated class (TypeError), the member
# replaced on the class mid-loop, a site seeing slotted and dict-backed instances.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles P.__init__, P.norm, scale, read, swap
# run auto: --jit-threshold 5
# expect auto: compiles P.__init__, P.norm, scale, read, swap


class P:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


class WithDict(P):
    pass


class Prop(P):
    @property
    def x(self):
        return 1000 + P.x.__get__(self)

    @x.setter
    def x(self, v):
        P.x.__set__(self, v)


class Dict:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def scale(o, k):
    o.x = o.x * k
    o.y = o.y * k
    return o.norm() if hasattr(type(o), "norm") else o.x + o.y


def read(o):
    try:
        return o.z
    except AttributeError as e:
        return "AttributeError: " + str(e)


def swap(o):
    o.x, o.y = o.y, o.x
    return (o.x, o.y)


objs = [P(1, 2), P(3.5, -1), WithDict(2, 2), Dict(1, 1), P(0, 0)]
objs[2].extra = "dict"
for _ in range(10):
    r = [scale(o, 1) for o in objs[:4]]
objs[4].x, objs[4].y = "a", "b"
print("scale", r, objs[4].x * 2, scale(objs[1], 2))
print("swap", [swap(o) for o in objs])
for _ in range(10):
    r = [read(o) for o in objs]
print("read empty", r)
objs[0].z = "zed"
print("read set", read(objs[0]), read(objs[1]))
del objs[0].z
print("read deleted", read(objs[0]))

try:
    print(scale(Prop(1, 2), 3))
except AttributeError as e:
    print("AttributeError:", e)
print("prop read", Prop(1, 2).norm(), read(Prop(1, 2)))


class Other:
    __slots__ = ("x",)


class Thief:
    x = Other.__dict__["x"]     # a member descriptor of another class


t = Thief()
try:
    read(t)
    print(scale(t, 2))
except TypeError as e:
    print("TypeError:", e)
except AttributeError as e:
    print("AttributeError:", e)


class Fallback(P):
    __slots__ = ()

    def __getattr__(self, name):
        return "getattr:" + name


print("fallback", [read(Fallback(1, 1)) for _ in range(3)])

# the member replaced on the class mid-loop: the slot is unreachable, the class value wins
saved = P.z
P.z = "class z"
print("replaced", read(objs[0]), read(objs[1]))
P.z = saved
objs[1].z = 9
print("restored", read(objs[0]), read(objs[1]))
