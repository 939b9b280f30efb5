# Floor division and modulo with negative operands, ints and floats, as CPython.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles fd, md
# expect auto: compiles fd, md
def fd(a, b):
    return a // b


def md(a, b):
    return a % b


pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (0, -3), (1, -1), (-(2 ** 63), 1),
         (-(2 ** 63), -1), (2 ** 63 - 1, -1), (5, 7), (-5, 7)]
for i in range(1100):
    fd(i, 7)
    md(i, 7)
for a, b in pairs:
    print(a, b, fd(a, b), md(a, b))
fpairs = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (0.0, -3.0), (-0.0, 3.0),
          (1e300, 1e-300), (5.0, float("inf")), (-5.0, float("inf")), (3, 0.5)]
for i in range(1100):
    fd(i * 1.5, 7.0)
    md(i * 1.5, 7.0)
for a, b in fpairs:
    print(a, b, fd(a, b), md(a, b))
