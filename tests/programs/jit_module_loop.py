# Hot loops at module level: the names a loop assigns are read from the module dict,
# run natively and written back (the loop variable's last value included); names it
# only reads (a function, a constant, math) are the region's globals. A constant rebound
# between loops, an int64 overflow (deopt: tier 0 goes on exactly), nested loops, a
# while loop with break, and a loop that prints (tier 0 only).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles f, <module>@loop at line 22, <module>@loop at line 30, <module>@loop at line 45
# expect auto: compiles f, <module>@loop at line 22, <module>@loop at line 30
# expect jit: rejects <module>@loop at line 57 (a function the loop calls reads a global the loop assigns)
import math

SCALE = 3


def f(x):
    return x * SCALE + 1


total = 0
acc = 0.0
for i in range(20000):
    total += f(i) % 7
    acc += math.sqrt(i) * 0.5
print(total, round(acc, 6), i)

SCALE = 5
n = 0
k = 0
while k < 30000:
    n += f(k) & 5
    k += 1
    if n > 10 ** 9:
        break
print(n, k)

big = 1
steps = 0
for j in range(3000):
    big = big * 3 + j      # leaves int64 after ~40 iterations: tier 0 runs it exactly
    steps += 1
print(big % 1000000007, steps)

grid = 0
for a in range(300):
    for b in range(300):
        grid += (a * b) % 11
print(grid, a, b)

level = 0


def above(x):
    return x + level        # reads the global the next loop assigns


for r in range(3000):
    level = above(r) % 1000
print(level)

seen = 0
for q in range(1500):
    if q % 500 == 0:
        print("tick", q)
    seen += q
print(seen)
