# expect jit: compiles calls_fail, subscripts_fail, sums_fail, run
# run auto: --jit-threshold 2
# Failing operations with several temporaries alive (call arguments, subscript operands,
# pending sums): each failure releases exactly what is alive, in CPython's order, through
# the function's shared release chain (codegen/lowerobj.py release_block); a __del__ shows
# each release, the refcounts of a sentinel show nothing leaks.
import sys

log = []


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)

    def __add__(self, other):
        return Noisy(self.name + "+")


def boom(*args):
    raise KeyError(len(args))


def calls_fail(k):
    return boom(Noisy("a%d" % k), Noisy("b%d" % k), [Noisy("c%d" % k)])


def subscripts_fail(k, d):
    return (Noisy("x%d" % k), d[k], Noisy("y%d" % k))


def sums_fail(k):
    return [Noisy("p%d" % k), Noisy("q%d" % k) + k, k + "s"]


sentinel = object()


def run(n):
    out = []
    for k in range(n):
        for f, args in ((calls_fail, (k,)), (subscripts_fail, (k, {0: sentinel})), (sums_fail, (k,))):
            try:
                r = f(*args)
                out.append(type(r).__name__)
            except (KeyError, TypeError) as e:
                out.append(f"{type(e).__name__}:{e}")
            r = None
            out.append(",".join(log))
            log.clear()
    return out


before = sys.getrefcount(sentinel)
for line in run(5):
    print(line)
print(sys.getrefcount(sentinel) - before)
