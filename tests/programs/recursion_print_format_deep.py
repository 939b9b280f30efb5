# print() and format() of deeply nested containers stop at the guest's recursion limit, as
# CPython's do (recursion_repr_deep.py's repr(), for print and format: protojit's host
# limit is larger than the guest's, so they printed where CPython raises RecursionError).
# The first failing nesting depends on the caller's depth: searched for at two limits and
# two depths. (Not covered: a guest __repr__ at the bottom of a nesting at the limit --
# CPython's failing call is then that Python frame's, one level earlier, and repr() has
# the same difference -- and str(), f-strings, % and == of nested containers.)
import io
import sys


def nest(n, kind):
    x = [0] if kind == "list" else {1: 0} if kind == "dict" else (0,)
    for _ in range(n):
        x = [x] if kind == "list" else {1: x} if kind == "dict" else (x,)
    return x


def fails(op, n, kind):
    # (op is a guest function, whose call site of print/format is warm: CPython's
    # specialised call of a builtin counts no level of its own, a cold one does)
    try:
        op(nest(n, kind))
    except RecursionError as e:
        return str(e)
    return None


def first_failing(op, kind, hi):
    lo = 1
    if fails(op, hi, kind) is None:
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if fails(op, mid, kind) is not None:
            hi = mid
        else:
            lo = mid + 1
    return lo, fails(op, lo, kind)


def to_sink(x):
    print(x, file=io.StringIO())


def formatted(x):
    return format(x)


def nested_call(depth, op, kind, hi):
    if depth:
        return nested_call(depth - 1, op, kind, hi)
    return first_failing(op, kind, hi)


for limit in (1000, 120):
    sys.setrecursionlimit(limit)
    for kind in ("list", "dict", "tuple"):
        for name, op in (("print", to_sink), ("format", formatted)):
            print(limit, kind, name, first_failing(op, kind, 3 * limit))
            print(limit, kind, name, "30 deeper", nested_call(30, op, kind, 3 * limit))
sys.setrecursionlimit(1000)
print(format(nest(3, "list")), format(nest(2, "dict"), ""))
print(nest(2, "tuple"), sep="-", end="!\n")
