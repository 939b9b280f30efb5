# Object code: generator expressions consumed by builtins (sum, any, all, max, min, list,
# tuple, set, frozenset, sorted, a str's join) inlined as loops: values, order of side
# effects, any/all short-circuits, two for clauses and conditions, captured locals, an
# empty max (CPython's ValueError), an exception inside the generator (its <genexpr>
# traceback entry), a StopIteration inside it (CPython's RuntimeError, PEP 479), big ints
# and floats in sum, a consumer shadowed by a global (stays a real generator, tier 0).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles totals, short, extremes, joined, nested, empty_max, inner_error, stop_inside
# expect jit: rejects collect (generator expression)
# run auto: --jit-threshold 20
# expect auto: compiles totals, short, extremes, joined, nested
import traceback


def totals(xs, k):
    return (sum(x * k for x in xs), sum(x for x in xs if x % 2), sum(2 ** 70 for _ in xs),
            sum(x / 4 for x in xs), sum(x for x in []))


def short(xs, log):
    a = any(log.append(x) or x > 2 for x in xs)
    b = all(log.append(-x) or x < 3 for x in xs)
    return a, b, any(x for x in ()), all(x for x in ())


def extremes(words):
    return (max(len(w) for w in words), min(w.upper() for w in words if w),
            max((len(w), w) for w in words), min(-i for i in range(len(words))))


def collect(xs, base):
    return (list(x + base for x in xs), tuple(x * base for x in xs), set(x % 3 for x in xs),
            frozenset(str(x) for x in xs), sorted(-x for x in xs), sorted(w for w in "hello"))


def joined(lines):
    return "\n".join(line.strip() for line in lines) + "|" + ",".join(str(i) for i in range(3))


def nested(rows):
    return (sum(v for row in rows for v in row if v > 0),
            tuple((i, j) for i in range(3) for j in range(i)),
            max(len(row) * v for row in rows if row for v in row))


def empty_max(xs):
    return max(x for x in xs if x > 100)


def inner_error(xs):
    return sum(10 // x for x in xs)


def stop_inside(its):
    return tuple(next(it) for it in its)


list = list   # (a global named like the builtin: collect's list() is then not inlined)
for i in range(30):
    log = []
    r = (totals([1, 2, 3, 4], i), short([1, 2, 3, 4], log), extremes(["ab", "", "xyz", "c"]),
         collect([3, 1, 2], 2), joined([" a ", "b  "]), nested([[1, -2, 3], [], [4]]))
    if i % 10 == 0:
        print(r, log)
    for f, arg in ((empty_max, [1, 2]), (inner_error, [1, 0]),
                   (stop_inside, [iter([1]), iter([])])):
        try:
            print(f(arg)) if i % 10 == 0 else f(arg)
        except Exception as e:
            if i % 10 == 0:
                tb = [(s.name, s.lineno) for s in traceback.extract_tb(e.__traceback__)]
                print(type(e).__name__, e, type(e.__cause__).__name__, tb)
print(stop_inside([iter([1]), iter([2])]))
inner_error([0])
