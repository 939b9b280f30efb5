# Unpacking an exact list of the right length in object code takes its items in place,
# with no tuple made (lowerobj.unpack_items, as CPython's UNPACK_SEQUENCE: pyperformance
# nbody's `for (([x1, y1, z1], v1, m1), ...) in pairs`). One site seeing lists, tuples, a
# list subclass with its own __iter__, lists of the wrong length (CPython's ValueError), a
# generator, nested targets; a list mutated by a __del__ that runs when a target's old
# value is released (after every item was taken, as in CPython).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles three, nested, churn
# run auto: --jit-threshold 5
# expect auto: compiles three, nested, churn


class Rev(list):
    def __iter__(self):
        return iter(list(reversed(self)))


def three(seq):
    try:
        a, b, c = seq
    except ValueError as e:
        return "ValueError: " + str(e)
    return (a, b, c)


def nested(pairs):
    s = 0.0
    for (([x1, y1], v1), ([x2, y2], v2)) in pairs:
        s += x1 * x2 + y1 * y2
        v1[0] += 1
        v2[0] -= 1
    return s


cases = [[1, 2, 3], (4, 5, 6), Rev([7, 8, 9]), [1, 2], [1, 2, 3, 4], (x for x in "abc"),
         "xyz", [[1], (2,), "3"]]
for _ in range(10):
    out = [three(c) for c in cases[:5]]
print(out, three(cases[5]), three(cases[6]), three(cases[7]))

va, vb = [0], [0]
pairs = [(([1.0, 2.0], va), ([3.0, 4.0], vb)), (([0.5, 0.25], vb), ([2, 3], va))]
for _ in range(10):
    r = nested(pairs)
print(r, va, vb)

shared = []


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        shared.append(Noisy("from-del-%s" % self.tag) if len(shared) < 4 else "x")


def churn(n):
    log = []
    a = Noisy("first")
    for i in range(n):
        shared[:] = [Noisy(i), i]
        try:
            a, b = shared
        except ValueError as e:
            log.append(str(e))
            continue
        log.append((b, len(shared)))
    return log


print(churn(6))
for _ in range(10):
    c = churn(2)
print(c)
# (what is left in `shared` is dropped now, while the module's names still exist: a
# __del__ running during interpreter teardown depends on the order the interpreter
# empties modules in, which this program is not about)
Noisy.__del__ = lambda self: None
shared.clear()
print(len(shared))
