# str(), f-strings, '%' and ==/!= of deeply nested containers stop at the guest's
# recursion limit, as CPython's do (recursion_print_format_deep.py's print() and format(),
# for the other ways to turn a container into text or to compare two): protojit's host
# limit is larger than the guest's, so they went on where CPython raises RecursionError.
# The first failing nesting is searched for at two limits and two caller depths; the
# innermost item is made at run time (a constant tuple is one object in CPython, which
# == compares by identity, one level less).
import sys


def nest(n, kind):
    x = [n - n] if kind == "list" else {1: n - n} if kind == "dict" else (n - n,)
    for _ in range(n):
        x = [x] if kind == "list" else {1: x} if kind == "dict" else (x,)
    return x


def as_str(x, n, kind):
    return str(x)


def as_fstring(x, n, kind):
    return f"{x}"


def as_fstring_spec(x, n, kind):
    return f"{x:>3}"


def as_percent(x, n, kind):
    return "%s" % (x,)


def as_equal(x, n, kind):
    return x == nest(n, kind)


def as_not_equal(x, n, kind):
    return x != nest(n, kind)


OPS = [as_str, as_fstring, as_fstring_spec, as_percent, as_equal, as_not_equal]


def fails(op, n, kind):
    x = nest(n, kind)
    try:
        op(x, n, kind)
    except RecursionError as e:
        return str(e)
    except TypeError as e:     # (a dict's format spec)
        return "TypeError " + str(e)
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


def nested_call(depth, op, kind, hi):
    if depth:
        return nested_call(depth - 1, op, kind, hi)
    return first_failing(op, kind, hi)


for limit in (1000, 120):
    sys.setrecursionlimit(limit)
    for kind in ("list", "dict", "tuple"):
        for op in OPS:
            print(limit, kind, op.__name__, first_failing(op, kind, 3 * limit))
            print(limit, kind, op.__name__, "30 deeper", nested_call(30, op, kind, 3 * limit))
sys.setrecursionlimit(1000)
print(str([[1], (2,), {3: [4]}]), f"{[[5]]}", "%s %s" % ([[6]], 7), [[8]] == [[8]], ((9,),) != ((9,),))
