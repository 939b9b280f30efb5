# `for` over a list, a tuple or a range in object code (an inline step of their iterators,
# ir.FAST_ITER: CPython's FOR_ITER_LIST/FOR_ITER_TUPLE/FOR_ITER_RANGE; PyIter_Next for the
# rest). Each way such a fast path could differ from PyIter_Next: a list
# that grows, shrinks or is cleared inside its own loop, a list subclass (with and
# without its own __iter__), an iterator advanced by hand inside the loop and resumed
# after the loop ended, an exhausted iterator reused, items that are floats, big ints,
# -0.0 and nan, a generator and a dict at the same site; ranges of object bounds (not a
# counted loop): negative steps, empty, near and beyond the C long limits (a big range's
# iterator is another type), a range iterator advanced by hand and reused.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles total, grow, shrink, clear_mid, by_hand, reuse, ranges
# run auto: --jit-threshold 5


class L(list):
    pass


class Rev(list):
    def __iter__(self):
        return reversed(self)


def total(xs):
    t = 0
    n = 0
    for x in xs:
        t += x
        n += 1
    return t, n


def grow(xs):
    out = []
    for x in xs:
        out.append(x)
        if x < 5:
            xs.append(x + 10)
    return out


def shrink(xs):
    out = []
    for x in xs:
        out.append(x)
        if xs:
            xs.pop()
    return out


def clear_mid(xs):
    out = []
    for x in xs:
        out.append(x)
        if x == 2:
            xs.clear()
    return out


def by_hand(xs):
    it = iter(xs)
    out = []
    for x in it:
        out.append((x, next(it, "end")))
    out.append(next(it, "after"))
    return out


def reuse(it):
    out = []
    for x in it:
        out.append(x)
    for x in it:
        out.append(("again", x))
    return out


def ranges(a, b, c):
    r = range(a, b, c)
    out = []
    for i in r:
        out.append(i)
    it = iter(r)
    for i in it:
        out.append((i, next(it, "end")))
    for i in it:
        out.append(("again", i))
    for i in range(a, b):
        out.append(-i)
        if len(out) > 40:
            break
    return out


def main():
    big = 2 ** 63
    for r in range(6):
        print(ranges(0, 7, 2), ranges(10, -5, -4), ranges(5, 5, 1), ranges(3, 0, 1))
        print(ranges(big - 6, big - 1, 2), ranges(-big, -big + 3, 1), ranges(big, big + 3, 1))
        print(ranges(big - 2, -big, -big // 2), ranges(-3, 3, 1))
    for r in range(6):
        print(total([1, 2, 3]), total((1.5, 2, -0.0)), total(L([4, 5])), total(Rev([6, 7, 8])))
    print(total([2 ** 62, 2 ** 62, 2 ** 62]), total((float("nan"), 1)), total([-0.0, -0.0]))
    print(total(x for x in range(4)), total({1: "a", 2: "b"}), total(()), total([]))
    for r in range(6):
        print(grow([1, 2, 7]), shrink([1, 2, 3, 4, 5]), clear_mid([1, 2, 3, 4]))
        print(by_hand([1, 2, 3, 4, 5]), by_hand((1, 2)), reuse(iter([1, 2])), reuse(iter((3,))))
    try:
        total([1, "x"])
    except TypeError as e:
        print("TypeError", e)


main()
