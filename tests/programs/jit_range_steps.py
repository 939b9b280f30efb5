# range() with negative and large steps, empty ranges, zero step, loop else and break.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles count, find
# expect auto: compiles count, find
def count(start, stop, step):
    c = 0
    last = -1
    for i in range(start, stop, step):
        c += 1
        last = i
    else:
        c += 1000
    return c, last


def find(n, target):
    for i in range(n):
        if i * i >= target:
            break
    else:
        return -1
    return i


for k in range(1200):
    count(0, k % 50, 3)
    find(k % 40, 200)
for args in ((0, 10, 1), (10, 0, -1), (10, 0, -3), (0, 0, 1), (5, 1, 1), (-5, 5, 4),
             (-(2 ** 62), 2 ** 62, 2 ** 61), (2 ** 63 - 3, 2 ** 63 - 1, 1)):
    print(args, count(*args))
print(find(100, 50), find(5, 50))
try:
    count(0, 10, 0)
except ValueError as e:
    print("ValueError:", e)
