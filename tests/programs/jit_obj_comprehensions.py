# Object code inlines list, set and dict comprehensions: conditions, several `for`s,
# nested comprehensions, names of the enclosing function read inside (cells in CPython),
# a comprehension variable with the name of a local (its own: the local is unchanged),
# values released when the comprehension ends (__del__ order), a for loop's iterator
# released when the loop ends (a generator's finally), and an exception raised inside a
# comprehension: its traceback has the <listcomp> entry; a function called from a
# comprehension sees the <listcomp> frame as its caller (sys._getframe).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles shapes, nested, shadow, released, loop_release, inverses, callers
# run auto: --object-code --jit-threshold 5
# expect auto: compiles shapes, nested, shadow


class Item:
    def __init__(self, x, log=None):
        self.x = x
        self.log = log

    def __del__(self):
        if self.log is not None:
            self.log.append(f"del {self.x}")


def shapes(items, k):
    evens = [it.x * k for it in items if it.x % 2 == 0]
    by_mod = {it.x % 3: it.x for it in items}
    mods = {it.x % 4 for it in items if it.x > 1 if it.x < 9}
    pairs = [(i, j) for i in range(4) for j in range(i) if (i + j) % 2]
    big = [2 ** 62 * it.x + k for it in items[:3]]
    return evens, by_mod, sorted(mods), pairs, big


def nested(m):
    rows = len(m)
    return [[m[i][j] * rows for j in range(len(m[i]))] for i in range(rows)], \
        {i: {j for j in range(i) if j != 1} for i in range(4)}


def shadow(xs):
    x = "outer"
    doubled = [x * 2 for x in xs]
    return x, doubled


def released(log):
    out = [Item(i, log).x for i in range(3)]
    log.append("after comprehension")
    return out


def gen(log):
    try:
        yield 1
        yield 2
    finally:
        log.append("generator closed")


def loop_release(log):
    total = 0
    for v in gen(log):
        total += v
        if v == 1:
            break
    log.append("after loop")
    return total


def inverses(xs):
    return [1 / x for x in xs]


def caller_name():
    import sys
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_back.f_code.co_name


def callers(xs):
    return [caller_name() for x in xs], caller_name()


items = [Item(i) for i in range(10)]
print(callers([1, 2]), callers([3]))
for k in range(6):
    print(shapes(items, k), nested([[1, 2], [3, 4.5], [5, 6]]), shadow(["a", k]))
for _ in range(3):
    log = []
    print(released(log), log)
    log = []
    print(loop_release(log), log)
print(inverses([1, 2, 4]))
try:
    inverses([1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
inverses([4, 2, 0])
