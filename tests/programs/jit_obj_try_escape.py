# Object code: exceptions crossing several native frames that catch, clean up and raise
# again -- out to tier 0, out of a host function calling native code (sorted's key, map,
# a dict's __missing__ protocol through a guest __eq__) and back into native handlers;
# a finally and a with on the way in each frame; the traceback (names and lines) each
# handler sees equals CPython's.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles leaf, middle, top, key, sort_guarded, map_guarded, Guard.__enter__, Guard.__exit__
# run auto: --jit-threshold 20
# expect auto: compiles leaf, middle, top, key, sort_guarded
import traceback


class Failure(Exception):
    pass


class Guard:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("in")
        return self

    def __exit__(self, t, v, tb):
        self.log.append("out" if t is None else "out " + t.__name__)
        return False


def leaf(x):
    if x % 7 == 3:
        raise Failure(f"leaf {x}")
    return x * 2


def middle(x, log):
    with Guard(log):
        try:
            return leaf(x) + 1
        finally:
            log.append(x)


def top(xs, log):
    total = 0
    for x in xs:
        try:
            total += middle(x, log)
        except Failure as e:
            log.append(str(e))
            if x > 20:
                raise
    return total


def key(x):
    if x == 5:
        raise Failure("key 5")
    return -leaf(x)


def sort_guarded(xs):
    try:
        return sorted(xs, key=key)
    except Failure as e:
        return ("sort failed", str(e), [f.name for f in traceback.extract_tb(e.__traceback__)])


def map_guarded(xs):
    try:
        return list(map(leaf, xs))
    except Failure as e:
        tb = traceback.extract_tb(e.__traceback__)
        return ("map failed", [(f.name, f.lineno) for f in tb])


for i in range(30):
    log = []
    r = top(range(10), log)
    s = (sort_guarded([1, 2, 4]), sort_guarded([4, 5, 6]), sort_guarded([9, 10]))
    m = (map_guarded([1, 2]), map_guarded([1, 3]))
    if i % 10 == 0:
        print(r, log)
        print(s)
        print(m)
try:
    top([1, 24], [])
except Failure as e:
    print([(f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)])
top([31], [])
