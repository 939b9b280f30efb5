# Object code's inline int and float paths (lowerobj.fast_numeric) against CPython: every
# operator on pairs of small ints, ints at the 30-bit digit boundary, big ints, floats
# (NaN, -0.0, inf), bools, int and float subclasses and other types; zero divisors;
# values growing from small ints into big ints in the middle of a loop that appends;
# comparisons giving objects.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles arith_plain, divs_plain, compare_plain, grow, mixed_loop
# run auto: --object-code --jit-threshold 5
# expect auto: compiles arith_plain, divs_plain, compare_plain


class MyInt(int):
    def __add__(self, other):
        return "MyInt.add"


class MyFloat(float):
    def __mul__(self, other):
        return "MyFloat.mul"


def arith(a, b):
    out = []
    for op in range(9):
        try:
            if op == 0:
                r = a + b
            elif op == 1:
                r = a - b
            elif op == 2:
                r = a * b
            elif op == 3:
                r = a / b
            elif op == 4:
                r = a // b
            elif op == 5:
                r = a % b
            elif op == 6:
                r = a & b
            elif op == 7:
                r = a | b
            else:
                r = a ^ b
        except (ZeroDivisionError, TypeError) as e:
            r = type(e).__name__ + ": " + str(e)
        out.append(r)
    return out


def arith_plain(a, b):
    # (the same without try: object code compiles this one today)
    return [a + b, a - b, a * b]


def divs_plain(a, b):
    return [a / b, a // b, a % b, a & b, a | b, a ^ b]


def compare(a, b):
    try:
        return [a < b, a <= b, a == b, a != b, a > b, a >= b]
    except TypeError as e:
        return "TypeError: " + str(e)


def compare_plain(a, b):
    return [a == b, a != b]


def grow(n):
    x = 1
    xs = []
    for i in range(n):
        xs.append(x)
        x = x * 3 + i
        if x > 10 ** 25:
            x = x // 7 - (x % 1000)
        xs.append(x)
    return xs


def mixed_loop(items):
    t = 0
    f = 0.0
    for v in items:
        t = t + v
        f = f + v * 0.5
        if t > 1000:
            t = t - 999
    return t, f


values = [0, 1, -1, 7, -7, 3, 2 ** 30 - 1, -(2 ** 30 - 1), 2 ** 30, -(2 ** 30), 2 ** 40, -(2 ** 62),
          2 ** 63, 10 ** 30, 0.0, -0.0, 1.5, -2.25, 1e308, float("inf"), float("nan"), True, False,
          MyInt(5), MyFloat(2.5), 3 + 4j, "s"]
for a in values:
    for b in values:
        if isinstance(a, str) or isinstance(b, str):
            print(repr(a), repr(b), compare_plain(a, b))
            continue
        try:
            print(repr(a), repr(b), arith_plain(a, b), compare(a, b), compare_plain(a, b))
        except TypeError as e:
            print(repr(a), repr(b), "TypeError:", e)
for a in values[:16]:
    print(arith(a, 3), arith(a, -2), arith(a, 0))
    for b in values[:16] + [True, MyInt(3)]:
        try:
            print(divs_plain(a, b))
        except (ZeroDivisionError, TypeError) as e:
            print(type(e).__name__, e)
print(grow(70)[-3:], len(grow(70)))
print(mixed_loop(list(range(100)) + [10 ** 20, 2.5, -3, 2 ** 31]))
