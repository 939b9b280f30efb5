# Hot functions reading globals whose values and types change later.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles f, g, bump, count_hits
# Stores to globals and reads of a global list stay in tier 0:
# expect auto: compiles f, g
SCALE = 3
OFFSET = 1


def f(x):
    return x * SCALE + OFFSET


def g(x):
    return f(x) - 1


total = 0
for i in range(1200):
    total += g(i)
print(total)
SCALE = 2.5
print(f(4), g(4))
SCALE = "ab"
print(SCALE * 2)
try:
    f(2)
except TypeError as e:
    print("TypeError:", e)
SCALE = 10 ** 20
print(f(3), g(3))
OFFSET = -1
SCALE = 3
print(f(5), g(5))
counts = [0]


def bump(n):
    for i in range(n):
        counts[0] += 1
    return counts[0]


for i in range(1100):
    bump(2)
print(counts)
hits = 0


def count_hits(n):
    global hits
    i = 0
    while i < n:
        hits = hits + i % 3
        i += 1
    return i


print(count_hits(5000), hits)
print(count_hits(2000), hits)
