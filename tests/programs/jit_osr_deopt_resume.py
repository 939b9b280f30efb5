# A guard failing late in a loop entered by whole-function OSR: tier 0 resumes at the
# last header of the top loop the native code passed, with the locals and the range
# position as they were there (not from the OSR entry), and the array stores made before
# that header kept (those after it undone). Prints and list appends before the loop are
# not repeated; the loop's else clause and the code after the loop run once. (At --tier
# jit each function compiles whole, as object code, at its first call: no OSR there.)
#
# run auto: --no-object-code --jit-threshold 10
# expect jit: compiles sums_until_overflow, fill, spiral, after_loop
# expect auto: compiles sums_until_overflow@function from the loop at line 19, fill@function from the loop at line 32, spiral@function from the loop at line 44, after_loop@function from the loop at line 55
import numpy as np


def sums_until_overflow(n, log):
    log.append(n)
    print("sums starts", n)
    acc = 1
    steps = 0
    for i in range(n):
        for j in range(3):
            acc = acc * 2 + j          # passes 2**63 at i == 21: deopt in the inner loop
        steps += 1
    else:
        steps = -steps
    return acc % 1000000007, steps, i


def fill(a, n, log):
    log.append("fill")
    print("fill starts", len(a))
    x = 1
    for i in range(n):
        a[i] = x % 1000
        x = x * 7 + i                  # passes 2**63 near i == 22: deopt after some stores
    return x % 1000003


def spiral(limit, out):
    out.append(limit)
    print("spiral starts", limit)
    k = 0
    v = 2
    f = 0.5
    while k < limit:
        v = v * 2 + k                  # int64 overflow near the 62nd header
        f = f * 1.5 + 0.25
        k += 1
    return v % 999983, k, f


def after_loop(n, out):
    out.append("after")
    print("after_loop starts", n)
    t = 0
    for i in range(n):
        t += i
    big = t
    for _ in range(8):
        big = big * 1000 + 7           # overflow after the top loop ended
    return t, big % 1000000007


log = []
print(sums_until_overflow(40, log), log)
a = np.zeros(40, dtype=np.int64)
print(fill(a, 40, log), a.tolist(), log)
out = []
print(spiral(90, out), out)
print(after_loop(200, out), out)
for k in range(2):
    print(sums_until_overflow(30 + k, log), len(log))
