# ** with int and float operands: negative exponents, overflow, complex results.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles inv_square, p
# expect auto: compiles inv_square, p
def p(a, b):
    return a ** b


def inv_square(a):
    return a ** -2


for i in range(1, 1200):
    p(i % 10, 3)
    inv_square(i)
print(p(2, 10), p(2, 62), p(2, 63), p(3, 40), p(-3, 41), p(7, 0), p(0, 0))
print(p(2, -1), p(-2, -3), inv_square(4), inv_square(3))
for i in range(1100):
    p(i * 0.5, 0.5)
print(p(2.0, 0.5), p(-8.0, 1.0 / 3), p(-2.0, 2.0), p(0.0, 0.0), p(float("nan"), 0.0))
try:
    p(0.0, -1.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    p(10.0, 400.0)
except OverflowError as e:
    print("OverflowError:", e)
try:
    inv_square(0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(p(1.0, float("nan")), p(float("inf"), -1.0), p(-0.5, float("inf")))
