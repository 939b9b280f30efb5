# Object code calling guest classes (pjentry.c construct: the instance allocated, its guest
# __init__ called through the call site's cache) does what CPython's type call does: keywords
# and defaults, an __init__ that returns something else than None (TypeError), one that
# raises (the traceback names both frames), an abstract class, a class with its own __new__,
# a metaclass with __call__, a subclass of a builtin, __slots__, an inherited __init__, and
# __init__ replaced on the class after the call site ran hot. Bound methods called from object
# code (pjentry.c call_bound: the function with self first, through the site's cache): a
# method stored on an instance, callbacks, super().f, keywords, an attribute rebound to
# another object's method, and a recursion through a stored bound method reaching
# RecursionError at CPython's depth.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles Vec.__init__, Vec.plus, Child.__init__, make_vecs, make_children, make_others, make_slotted, trace_raises, Walker.step, Walker.rec, run_bound
# run auto: --jit-threshold 3
import abc
import traceback


class Vec:
    def __init__(self, x, y=0.0, z=None):
        self.x = x
        self.y = y
        self.z = [] if z is None else z

    def plus(self, o):
        return Vec(self.x + o.x, y=self.y + o.y, z=self.z + o.z)


class Child(Vec):
    def __init__(self, x):
        super().__init__(x, z=[x])
        self.kind = "child"


class Inherits(Vec):
    pass


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b=2):
        self.a = a
        self.b = b


class WithNew:
    def __new__(cls, v):
        obj = super().__new__(cls)
        obj.made = "new"
        return obj

    def __init__(self, v):
        self.v = v


class Meta(type):
    def __call__(cls, *args, **kwargs):
        obj = super().__call__(*args, **kwargs)
        obj.meta = True
        return obj


class Metered(metaclass=Meta):
    def __init__(self, v):
        self.v = v


class Listy(list):
    def __init__(self, v):
        super().__init__([v, v])


class Returns:
    def __init__(self, v):
        self.v = v
        if v > 2:
            return v


class Raises:
    def __init__(self, v):
        if v > 2:
            raise ValueError(f"bad {v}")
        self.v = v


class Abstract(abc.ABC):
    @abc.abstractmethod
    def run(self):
        pass

    def __init__(self, v):
        self.v = v


def make_vecs(n):
    acc = Vec(0.0)
    for i in range(n):
        acc = acc.plus(Vec(float(i), z=[i]))
        acc = acc.plus(Inherits(1.0, 2.0))
    return acc.x, acc.y, len(acc.z)


def make_children(n):
    out = []
    for i in range(n):
        c = Child(i)
        out.append((c.x, c.z, c.kind))
    return out[-1], len(out)


def make_others(n):
    out = []
    for i in range(n):
        w = WithNew(i)
        m = Metered(i)
        ls = Listy(i)
        out.append((w.made, w.v, m.meta, m.v, ls))
    return out[-1]


def make_slotted(n):
    total = 0
    for i in range(n):
        s = Slotted(i, b=i)
        total += s.a + s.b + Slotted(1).b
    return total


class Walker:
    def __init__(self, k):
        self.k = k
        self.hook = self.step
        self.callbacks = [self.step, "ab".upper]

    def step(self, x, scale=1):
        return x * self.k * scale

    def rec(self, n, step=1):
        global reached
        reached = n
        return self.again(n + step, step=step)


class Louder(Walker):
    def step(self, x, scale=1):
        return super().step(x, scale=scale) + 1000


def run_bound(walkers, n):
    total = 0
    for i in range(n):
        for w in walkers:
            total += w.hook(i) + w.hook(i, scale=2) + w.callbacks[0](1) + len(w.callbacks[1]())
    return total


reached = 0


def recurse_bound():
    global reached
    w = Walker(1)
    w.again = w.rec
    try:
        w.rec(0)
    except RecursionError as e:
        return reached, str(e)


def attempt(cls, n):
    out = []
    for i in range(n):
        try:
            out.append(cls(i).v)
        except (TypeError, ValueError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


N = 30
print(make_vecs(N))
print(make_children(N))
print(make_others(N))
print(make_slotted(N))
print(attempt(Returns, 5))
print(attempt(Raises, 5))
print(attempt(Abstract, 2))


def trace_raises(v):
    try:
        Raises(v)
    except ValueError:
        lines = [ln.strip() for ln in traceback.format_exc().splitlines()]
        return [ln.split(", ", 1)[1] if ln.startswith("File") else ln for ln in lines]


for v in range(5):
    tb = trace_raises(v)
print(tb)


def replaced_init(self, x, y=5.0, z=None):
    self.x = -x
    self.y = y
    self.z = ["replaced"]


Vec.__init__ = replaced_init
print(make_vecs(N))
print(make_children(3))
del Vec.__init__
try:
    make_vecs(2)
except TypeError as e:
    print("TypeError", e)

walkers = [Walker(2), Louder(3)]
print(run_bound(walkers, N))
walkers[0].hook = walkers[1].step
walkers[1].hook = Louder(5).step
print(run_bound(walkers, N))
print([recurse_bound() for _ in range(3)])
