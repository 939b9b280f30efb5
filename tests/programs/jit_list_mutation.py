# Lists mutated in hot loops (these stay in tier 0) mixed with compiled helpers.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles sq, build
# run auto: --jit-threshold 10
# expect auto: rejects build (argument of type list)
# expect auto: compiles sq
def sq(x):
    return x * x


def build(n):
    out = []
    for i in range(n):
        out.append(sq(i) % 11)
    return out


data = []
for k in range(1100):
    data.append(sq(k) % 7)
print(sum(data), data[:10])
print(build(20))
lst = list(range(10))
for i in range(2000):
    lst[i % 10] += sq(i % 5)
print(lst)
