# `a, b, c = seq` into object locals in object code is one call of pj_unpack_store
# (lowerobj.unpack_store, runtime_c/capi/pjseq.c): an exact tuple or list of the right
# length gives its items as they are, anything else goes through the generic unpacking.
# Its failure paths: tuples and lists of the wrong length, a list and a tuple subclass
# (their own __iter__), a generator (left open after a failed unpacking, read on after),
# an iterator that raises, a non-iterable; the order of releases (a temporary sequence
# released before the targets' old values, each old value after its new one is stored,
# left to right), a list changed by a __del__ that one of those releases runs, a target
# that also holds the sequence, one name twice, the line a __del__ sees, a local bound
# only by an unpacking, and unpackings inside a generator's body.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles three, churn, mutate, nums, own, twice, maybe, gen_pairs, lines, temp_order
# run auto: --jit-threshold 5
# expect auto: compiles three, churn, mutate, nums, own, twice, maybe, gen_pairs, lines, temp_order
import sys


class Rev(list):
    def __iter__(self):
        return iter(list(reversed(self)))


class Tup(tuple):
    def __iter__(self):
        return iter(("t",) + tuple(super().__iter__())[1:])


class Boom:
    def __iter__(self):
        yield 1
        raise KeyError("boom")


def three(seq):
    try:
        a, b, c = seq
    except (ValueError, TypeError, KeyError) as e:
        return type(e).__name__ + ": " + str(e)
    return (a, b, c)


def numbers():
    yield 1
    yield 2
    yield 3
    yield 4
    yield 5


cases = [[1, 2, 3], (4, 5, 6), Rev([7, 8, 9]), Tup((1, 2, 3)), [1, 2], (1, 2, 3, 4), "xyz",
         {"k": 1, "l": 2, "m": 3}, range(3), Boom(), 42, None, [], ()]
for _ in range(10):
    out = [three(c) for c in cases]
print(out)
g = numbers()
print(three(g), next(g), list(g))
g = numbers()
next(g), next(g), next(g)
print(three(g), list(g))

shared = []


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        shared.append("del-%s" % self.tag)


def churn(n):
    log = []
    a = b = None
    for i in range(n):
        shared[:] = [Noisy(i), i]
        try:
            a, b = shared
        except ValueError as e:
            log.append(str(e))
            continue
        log.append((b, len(shared)))
    return log


# (warmed up first: a loop entered natively in the middle of a call, at --tier auto,
# releases the old value of `a` at another time, with or without this unpacking)
for _ in range(10):
    c = churn(3)
print(c, churn(6))
Noisy.__del__ = lambda self: None
shared.clear()

box = []


class Changer:
    def __del__(self):
        box[1] = "changed"


def mutate(n):
    out = []
    a = b = None
    for i in range(n):
        a = Changer()
        box[:] = [i, i + 1]
        a, b = box      # a's old value changes box[1] before b is stored: b keeps i + 1
        out.append((a, b, box[1]))
    return out


for _ in range(10):
    r = mutate(3)
print(r)

events = []


class Tell:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        events.append(self.tag)


def own(n):
    x = (Tell("x0"), Tell("x1"))
    for i in range(n):
        x, y = x     # x holds the only reference to the sequence: taken before x is replaced
        x = (Tell("n%d" % i), y)
    return x[0].tag, x[1].tag


def temp_order(n):
    a = Tell("a-old")
    b = Tell("b-old")
    for i in range(n):
        a, b = make_pair(i)
    return a.tag, b.tag


class Pair(list):
    def __del__(self):
        events.append("pair-%s" % self[0].tag)


def make_pair(i):
    return [Tell("a%d" % i), Tell("b%d" % i)]


def make_pair_obj(i):
    return Pair([Tell("a%d" % i), Tell("b%d" % i)])


for _ in range(8):
    events.clear()
    r = own(3)
print(r, events)
for _ in range(8):
    events.clear()
    r = temp_order(2)
print(r, events)
make_pair = make_pair_obj      # a list subclass with a __del__: generic path, released first
events.clear()
print(temp_order(2), events)


def twice(seq, n):
    for _ in range(n):
        a, a = seq
    return a


for _ in range(10):
    r = twice((1, 2), 3), twice([3, 4], 2)
print(r)


def maybe(flag, seq):
    if flag:
        p, q = seq
    try:
        return p + q
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)


for _ in range(10):
    r = [maybe(True, (1, 2)), maybe(False, (1, 2)), maybe(True, ["a", "b"])]
print(r)


def gen_pairs(items):
    for it in items:
        a, b = it
        yield b, a


for _ in range(10):
    r = list(gen_pairs([(1, 2), [3, 4], "xy"]))
print(r)
try:
    list(gen_pairs([(1, 2), (1, 2, 3)]))
except ValueError as e:
    print("ValueError:", e)
gp = gen_pairs([(5, 6), (7, 8)])
print(next(gp))
gp.close()
print(list(gp))



def nums(n, seq):
    # (a and b hold ints and floats, then objects: tagged-number locals)
    a = 0
    b = 1.5
    out = []
    for i in range(n):
        a = a + i
        b = b * 2
        out.append((a, b))
        try:
            a, b = seq
        except ValueError as e:
            out.append(str(e))
            a, b = i, float(i)
        out.append((a, b))
        a, b = 3, 0.5
    return out


for seq in [(7, 8), [1.5, "s"], (1, 2, 3), Rev([1, 2]), (None, 2 ** 70)]:
    for _ in range(8):
        r = nums(3, seq)
    print(r)

seen = []


class Line:
    def __del__(self):
        seen.append(sys._getframe(1).f_lineno - FIRST)


FIRST = sys._getframe().f_lineno


def lines(n):
    a = b = None
    for _ in range(n):
        t = (Line(), 1)
        a, b = t
        t = [2, Line()]
        a, b = t
        t = None
        a, b = [3, 4]
        b, a = ((5, 6))[::-1]
    return a, b


for _ in range(8):
    seen.clear()
    r = lines(2)
print(r, seen)
