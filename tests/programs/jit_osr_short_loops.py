# Loops shorter than the OSR threshold, entered many times: their iterations count
# across entries, so a kernel whose inner loop runs 30 iterations per outer one (a
# stencil row, a pixel's escape loop) goes native after ~1000 of them in all, at the
# default threshold, and the whole rest of the call runs natively from the outer loop's
# next header. The int kernel overflows int64 late in its second call: the native code
# deopts and tier 0 gives CPython's big int.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles stencil, escape, grow, dot
# expect auto: compiles stencil@function from the loop at line 16, stencil@loop at line 17, escape@function from the loop at line 24, escape@loop at line 31, grow@function from the loop at line 40, dot@function from the loop at line 48, dot@loop at line 49, stencil, escape
import numpy as np


def stencil(rows, cols):
    total = 0.0
    for i in range(1, rows - 1):
        for j in range(1, cols - 1):
            total += (i * 7 + j * 3) % 5 * 0.25
    return total


def escape(w, h, limit):
    count = 0
    for y in range(h):
        for x in range(w):
            cr = x * 3.0 / w - 2.0
            ci = y * 2.0 / h - 1.0
            zr = 0.0
            zi = 0.0
            k = 0
            while k < limit and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                k += 1
            count += k
    return count


def grow(n, m, base):
    acc = 1
    for i in range(n):
        for j in range(m):
            acc = acc * base + j
    return acc


def dot(xs, reps):
    s = 0.0
    for _ in range(reps):
        for v in xs:
            s += v * 0.5
    return s


for call in range(3):
    print(call, stencil(40, 32), escape(24, 20, 30))
print(grow(20, 20, 1))
print(grow(30, 20, 3) % 1000000007, grow(2, 3, 2))
print(dot(np.arange(20, dtype=np.float64), 80))
