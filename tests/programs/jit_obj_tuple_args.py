# Functions taking tuples of numbers, called from hot object code (compiler.compile_function
# makes them object code: a numeric spec taking a tuple has no C entry). Floats, ints,
# mixes, big ints that overflow int64, a ZeroDivisionError inside, a tuple of the wrong
# length and a tuple holding a str give CPython's results and errors.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles add_colours, dot, scaled_sum, render, Pixel.__init__
# run auto: --object-code --jit-threshold 5


def add_colours(a, scale, b):
    return (a[0] + scale * b[0], a[1] + scale * b[1], a[2] + scale * b[2])


def dot(a, b):
    return a[0] * b[0] + a[1] * b[1]


def scaled_sum(t, k):
    x, y = t
    return x / k + y


class Pixel:
    def __init__(self, c):
        self.c = c


def render(n, base):
    out = []
    c = base
    for i in range(n):
        c = add_colours(c, 0.5, (1, 0.25, i))
        out.append(Pixel(c))
    return out, dot((3, 4), (5, 6)), dot((1.5, 2), (2, 0.5))


pixels, d1, d2 = render(8, (0.0, 0.0, 0.0))
print([p.c for p in pixels[-2:]], d1, d2)
print(render(3, (1, 2, 3))[0][-1].c)
print(add_colours((2 ** 62, 1, 1), 4, (2 ** 62, 1, 1)))
print(dot((2 ** 40, 3), (2 ** 40, 5)), dot((1e308, 1), (10, 1)))
for args in [((1.0, 2.0), 4), ((3, 4), 2), ((1, 2), 0), ((1, 2, 3), 1), (("a", "b"), 1), ((1.0, 2.0), 0.0)]:
    try:
        print(scaled_sum(*args))
    except (ZeroDivisionError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
