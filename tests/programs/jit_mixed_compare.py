# int/float comparisons are exact in Python, even past 2**53.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles eq, lt
# expect auto: compiles eq, lt
def lt(a, b):
    return a < b


def eq(a, b):
    return a == b


for i in range(1200):
    lt(i, i + 0.5)
    eq(i, float(i))
big = 2 ** 53
print(lt(big + 1, float(big + 1)), eq(big + 1, float(big + 1)), eq(big, float(big)))
print(lt(2 ** 63 - 1, 9.223372036854776e18), eq(2 ** 63 - 1, 9.223372036854776e18))
print(lt(3, float("nan")), eq(3, float("nan")), lt(-1, float("-inf")), lt(5, float("inf")))
print(eq(True, 1.0), lt(False, 0.5), eq(1, 1), lt(-big - 3, -float(big)))
