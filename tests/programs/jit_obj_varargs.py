# Object code: *args and **kwargs parameters (a compile per positional arity; the *args
# tuple made natively, **kwargs empty for positional calls, calls with keywords run in
# tier 0), defaults before *args, and calls f(*a, **k) from native code with CPython's
# evaluation order and TypeErrors (non-iterable after *, non-mapping after **, duplicate
# keywords, non-string keys), methods called through a bound attribute.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles total, describe, Point.__init__, Point.scaled, forward, spread, bad_call, order
# run auto: --jit-threshold 20
# expect auto: compiles total, forward, spread


def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s, len(nums), type(nums).__name__


def describe(head, sep="-", *rest, **opts):
    parts = [str(head)] + [str(r) for r in rest]
    return str(sep).join(parts), sorted(opts.items())


class Point:
    def __init__(self, *coords, **meta):
        self.coords = coords
        self.meta = meta

    def scaled(self, k, *extra):
        return Point(*[c * k for c in self.coords], *extra)


def forward(f, args, kw):
    return f(*args, **kw)


def spread(xs, d):
    return [total(*xs), total(1, *xs, 2), describe(*xs), describe("h", *xs, **d),
            describe(head="x", **d), Point(*xs).scaled(2, 9).coords, forward(total, xs, {})]


def bad_call(kind):
    if kind == 0:
        return total(*5)
    if kind == 1:
        return total(1, *None)
    if kind == 2:
        return describe("a", **[1])
    if kind == 3:
        return describe("a", sep="+", **{"sep": "*"})
    if kind == 4:
        return describe("a", **{7: 1})
    return forward(total, 3, {})


def note(log, x):
    log.append(x)
    return [x]


def order(log):
    return total(*note(log, 1), *note(log, 2), note(log, 3)[0], *note(log, 4))


for i in range(30):
    r = spread([3, 4], {"k": 1})
    log = []
    o = order(log)
    if i % 10 == 0:
        print(r, total(), total(1.5, 2), describe(1), describe(1, 2), o, log)
    for k in range(6):
        try:
            bad_call(k)
        except TypeError as e:
            if i % 10 == 0:
                print(k, e)
