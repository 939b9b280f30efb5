# Object code's tagged numbers (types.K_NUM) where ints, floats and other objects meet:
# int and float operands mixed in one chain, a local that changes type in the middle of a
# loop (int, then float, then a big int, a str, None), comparisons of ints and floats
# beyond 2**53 (CPython compares them exactly), comparisons giving bools used by branches
# and as values, a value that is None or a number (`best is None`), exceptions in the
# middle (a str operand, a float modulo by zero) with CPython's messages, and `is` between
# a number local and its copy (one object, as in CPython).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles mixed, changes, exact_compare, best_of, bools, fails, sums, aliases
# run auto: --object-code --jit-threshold 5
# expect auto: compiles mixed, changes, best_of
import traceback


def mixed(items):
    t = 0
    f = 0.0
    for v in items:
        t = t + v
        f = f + v * 0.5 - t
        if t > 1000:
            t = t - 999
    return t, f


def changes(n):
    x = 1
    out = []
    for i in range(n):
        if i == 3:
            x = x / 2
        elif i == 6:
            x = int(x) * 2 ** 62
        elif i == 8:
            x = "s"
        elif i == 10:
            x = None
        elif i == 12:
            x = 7
        if x is None:
            out.append("none")
        elif i < 8 or i >= 12:
            x = x * 3 + 1
            out.append(x)
        else:
            x = x + "t"
            out.append(x)
    return out


def exact_compare(pairs):
    out = []
    for a, b in pairs:
        c = a + 0
        d = b * 1
        out.append((c < d, c <= d, c == d, c != d, c > d, c >= d))
    return out


def best_of(xs):
    best = None
    worst = None
    for x in xs:
        d = x * x - 2.0
        if best is None or d < best:
            best = d
        if worst is None or d > worst:
            worst = d
    return best, worst


def bools(xs):
    out = []
    n = 0
    for x in xs:
        y = x - 1
        big = y > 2
        out.append(big)
        if big:
            n = n + 1
        if not (y < 0.5):
            n = n + 10
    return out, n


def fails(a, b):
    c = a * 2
    d = c + 1
    e = d % b
    return e + c


def sums(n):
    s = 0
    f = 0.0
    for i in range(n):
        s += i * i
        f += i / 7
    return s, f, s + f


for _ in range(8):
    mixed([1, 2.5])
    best_of([1.0, 2])
    changes(15)
def aliases(xs):
    total = 0.0
    for x in xs:
        total += x * 2
    alias = total
    other = total + 0.0
    return alias is total, other is total, alias is not total, alias == other


print(aliases([1.5, 2, -0.25]), aliases([]))
print(mixed(list(range(100)) + [10 ** 20, 2.5, -3, 2 ** 31, 0.25]))
print(changes(15))
big = 2 ** 53
print(exact_compare([(big + 1, float(big)), (float(big), big + 1), (big, float(big)),
                     (2 ** 63 - 1, 2.0 ** 63), (-(2 ** 63), -(2.0 ** 63)), (1, 1.0),
                     (3, float("nan")), (float("inf"), 2 ** 70), (-0.0, 0), (True, 1.0)]))
print(best_of([3.0, -1.5, 2, 0.5, 7]), best_of([]))
print(bools([0, 1.5, 3, 4.0, -2, True]))
for a, b in [(3, 4), (2.5, 2.0), ("x", 3), (3, 0), (2.5, 0.0), (1, "y")]:
    try:
        print(fails(a, b))
    except (TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e, [(f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)])
print(sums(100), sums(3))
