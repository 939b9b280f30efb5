# Argument types change after a function got hot: int -> float -> str -> list -> tuple.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles combine, scale
# expect auto: compiles combine, scale
def combine(a, b):
    return a + b * 2


def scale(x):
    return x * 3


for i in range(1200):
    combine(i, i + 1)
print(combine(5, 6))
print(combine(1.5, 2.25))
print(combine(True, False))
print(combine("ab", "cd"))
print(combine([1], [2, 3]))
print(combine((1,), (2,)))
print(combine(2 ** 70, 1))
for i in range(1200):
    scale(i * 0.5)
print(scale(7), scale(7.5), scale("xy"), scale([0]), scale(None is None))
try:
    combine(None, 1)
except TypeError as e:
    print("TypeError:", e)
