# Object code unpacking: tuples, lists, strings, generators, dicts and guest iterables
# into targets (nested, starred at every position, attributes and items as targets,
# swaps and rotations), CPython's ValueError messages for too many or too few values,
# a TypeError for a non-iterable, and evaluation order of the targets.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles plain, nested, starred, starred_loops, into_targets, rotate, check


class Point:
    pass


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(list(range(self.n, 0, -1)))


def plain(t):
    a, b, c = t
    (d, e), f = (a, b), c
    return a + b + c, d, e, f


def nested(rows):
    out = []
    for (x, y), (p, (q, r)) in rows:
        out.append(x * y + p - q * r)
    return out


def starred(seq):
    first, *rest = seq
    *init, last = seq
    a, *mid, z = seq
    return first, rest, init, last, a, mid, z


def starred_loops(rows):
    out = []
    for head, *tail in rows:
        [a, *b] = tail or [0]
        x, (y, *z) = head, tail or [9]
        out.append((head, tail, a, b, x, y, z))
    *everything, = rows
    return out, everything


def into_targets(values):
    p = Point()
    d = {}
    xs = [0, 0, 0]
    p.x, d["k"], xs[1] = values
    xs[0], xs[2] = xs[2], xs[0]
    return p.x, d, xs


def rotate(a, b, c):
    for _ in range(5):
        a, b, c = b, c, a
    a, b = b, a
    return a, b, c


def from_iterables(s, d, cd):
    x, y = s
    k1, k2 = d
    m, *n = cd
    (g1, g2) = (v * 2 for v in range(2))
    return x, y, k1, k2, m, n, g1, g2


def check(value, n):
    if n == 2:
        a, b = value
        return a, b
    if n == 3:
        a, b, c = value
        return a, b, c
    a, *b, c, d = value
    return a, b, c, d


def attempt(value, n):
    try:
        return check(value, n)
    except (ValueError, TypeError) as e:
        return type(e).__name__ + ": " + str(e)


for _ in range(3):
    print(plain((1, 2, 3)), plain([4, 5, 6]), plain("xyz" if False else (7, 8, 9)))
    print(nested([((1, 2), (3, (4, 5))), ([6, 7], [8, [9, 10]])]))
    print(starred([1, 2, 3, 4, 5]), starred("ab"), starred((1, 2)))
    print(into_targets((5, 6, 7)))
    print(starred_loops([[1, 2, 3], (4,), "xy", range(3)]))
    print(rotate(1, 2, 3))
    print(from_iterables("hi", {"a": 1, "b": 2}, Countdown(4)))
    print(attempt((1, 2, 3), 2), attempt([1], 2), attempt((1, 2), 3), attempt(5, 2))
    print(attempt("abcd", 4), attempt("abc", 4), attempt(range(7), 4), attempt(None, 3))
