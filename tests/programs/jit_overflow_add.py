# Sums that cross 2**63 inside hot code, subtraction below -2**63, negation of the minimum.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles accumulate, absval, neg
# expect auto: compiles accumulate, absval, neg
def accumulate(start, step, n):
    s = start
    for i in range(n):
        s += step
    return s


def neg(x):
    return -x


def absval(x):
    return abs(x)


big = 2 ** 62
for i in range(1100):
    accumulate(i, 3, 5)
print(accumulate(big, big // 4, 3))
print(accumulate(big, big // 4, 5))
print(accumulate(-big, -big // 4, 5))
for i in range(1100):
    neg(i)
    absval(-i)
print(neg(-(2 ** 63)), absval(-(2 ** 63)), neg(2 ** 63 - 1))
print(accumulate(0, 2 ** 63 - 1, 3))
