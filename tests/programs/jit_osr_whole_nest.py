# Whole-function OSR from each depth of a triple loop nest: in each function a different
# loop is the long one (outer, middle or inner), the function is called once or twice,
# so only on-stack replacement takes it native; the rest of the call (the remaining
# outer iterations, the code after the loop, returns inside the loop) runs natively.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles outer_long, middle_long, inner_long, early_return, else_clause
# expect auto: compiles outer_long@function from the loop at line 11, middle_long@function from the loop at line 24, inner_long@function from the loop at line 37, early_return@function from the loop at line 50, else_clause@function from the loop at line 61, outer_long, middle_long, inner_long
def outer_long(n):
    total = 0
    for a in range(n):
        b = 0
        while b < 2:
            for c in range(2):
                total += (a * 3 + b * 5 + c) % 11
            b += 1
    total = total * 2 + 1
    return total


def middle_long(n):
    total = 0
    a = 0
    while a < 3:
        for b in range(n):
            c = 0
            while c < 2:
                total += (a + b * c) % 13
                c += 1
        a += 1
    return total - a


def inner_long(n):
    acc = 0.0
    hits = 0
    for a in range(3):
        for b in range(2):
            k = 0
            while k < n:
                acc += (a + b + k) * 0.25
                if k % 97 == 0:
                    hits += 1
                k += 1
    return acc, hits


def early_return(n, limit):
    s = 0
    for a in range(n):
        for b in range(50):
            s += a ^ b
            if s > limit:
                return s, a, b
    return s, -1, -1


def else_clause(n):
    s = 0
    i = 0
    while i < n:
        s += i & 7
        i += 1
    else:
        s = -s
    if s < 0:
        for j in range(3):
            s += j
    return s


print(outer_long(3000))
print(middle_long(2500))
print(inner_long(2000))
print(early_return(3000, 10 ** 8), early_return(40, 10 ** 9))
print(else_clause(5000))
print(outer_long(1200), middle_long(1100), inner_long(900))   # the next call: native from the start
