# Object code applying operators to guest objects: __add__/__radd__/__iadd__ with
# NotImplemented falling back to the reflected method, a subclass's reflected method
# tried first, rich comparisons and their reflections, __bool__/__len__ for truth,
# __contains__/__iter__ for `in`, __index__ in slices and ranges, __neg__/__invert__,
# in-place operators on lists (extend in place, aliases see it) and tuples (new object),
# CPython's TypeError messages for unsupported operands.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles combine, accumulate, compare_all, truths, member, slicer, unary, inplace_lists, Money.__add__, Money.__radd__, Money.__iadd__, Box.__contains__, Idx.__index__, Flag.__bool__


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        if isinstance(other, int):
            return Money(other * 100 + self.cents)
        return NotImplemented

    def __iadd__(self, other):
        if isinstance(other, Money):
            self.cents += other.cents
            return self
        return NotImplemented

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents < other.cents

    def __hash__(self):
        return hash(self.cents)

    def __neg__(self):
        return Money(-self.cents)

    def __repr__(self):
        return f"Money({self.cents})"


class Euro(Money):
    def __radd__(self, other):
        return Euro(-1000)

    def __repr__(self):
        return f"Euro({self.cents})"


class Box:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __contains__(self, x):
        return x in self.items or x == "magic"

    def __iter__(self):
        return iter(self.items)


class Seq:
    def __iter__(self):
        yield 1
        yield 2


class Flag:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v > 1


class Idx:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


def combine(a, b):
    return a + b, b + a


def accumulate(items):
    total = Money(0)
    for m in items:
        total += m
    alias = total
    alias += Money(1)
    return total, alias is total, sum(items), sum(items, Money(5))


def compare_all(a, b):
    return a == b, a != b, a < b, a > b, b > a


def truths(xs):
    out = []
    for x in xs:
        out.append("T" if x else "F")
    return "".join(out)


def member(box, seq):
    return 2 in box, "magic" in box, 9 in box, 2 in seq, 3 not in seq, [x for x in box]


def slicer(xs, a, b):
    return xs[Idx(a):Idx(b)], xs[Idx(b)], list(range(Idx(a), Idx(b)))


def unary(m, n):
    return -m, ~n, -n, +n, not m


def inplace_lists(xs, t):
    ys = xs
    xs += [4]
    xs *= 2
    t2 = t
    t += (9,)
    return xs is ys, ys, t, t2, t is t2


def bad_ops(a, b):
    out = []
    for x, y in ((a, b), (b, a), (a, None), ([1], (2,)), ("s", 3)):
        try:
            out.append(x + y)
        except TypeError as e:
            out.append(str(e))
    try:
        out.append(a < "x")
    except TypeError as e:
        out.append(str(e))
    return out


for _ in range(3):
    print(combine(Money(1), Money(2)), combine(Money(3), 4))
    print(combine(Money(1), Euro(2)))
    print(accumulate([Money(1), Money(2), Money(3)]))
    print(compare_all(Money(1), Money(2)), compare_all(Money(2), Money(2)))
    print(truths([0, 1, "", "a", [], [0], Box([]), Box([1]), Flag(1), Flag(2), None, 0.0, -0.0, 2j]))
    print(member(Box([1, 2]), Seq()))
    print(slicer([10, 20, 30, 40], 1, 3))
    print(unary(Money(5), 6), unary(Money(0), True))
    print(inplace_lists([1, 2], (1,)))
    print(bad_ops(Money(1), "x"))
