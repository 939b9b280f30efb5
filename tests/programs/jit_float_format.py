# Float results of compiled code print exactly as CPython prints them.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles mix, special
# expect auto: compiles mix, special
def mix(a, b):
    return a * b - a / b + 0.1


def special(x):
    return x * 1e308 * 10.0


vals = []
for i in range(1, 1200):
    vals.append(mix(i * 0.1, 3.0))
print(vals[:5], vals[-1])
print(mix(1.0, 3.0), mix(1e-300, 1e300), mix(2, 4))
for i in range(1100):
    special(i * 1e-310)
print(special(1.0), special(-1.0), special(0.0), special(-0.0))
nan = float("nan")
print(special(nan), mix(nan, 1.0), mix(float("inf"), 2.0))
print(0.1 + 0.2, mix(0.3, 0.7))
