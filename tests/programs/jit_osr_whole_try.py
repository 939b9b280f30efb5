# Whole-function OSR in functions that use try/with: a try before the hot loop (it has
# run) or in the other branch of an `if` does not stop the rest of the call from going
# native; a try after the loop (it would catch an exception of native code with the
# frame's locals stale) keeps the loop to a region. An exception raised in the native
# rest of the call leaves the function as CPython's does.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# (At --tier jit each function compiles whole at its first call: object code runs try/with.)
# expect jit: compiles parse_then_sum, branchy, try_after, divide_all
# expect auto: compiles parse_then_sum@function from the loop at line 22, branchy@function from the loop at line 35, try_after@loop at line 43, divide_all@function from the loop at line 58


def parse_then_sum(text, n):
    try:
        scale = int(text)
    except ValueError:
        scale = 1
    with open(__file__) as fh:
        first = fh.readline()
    total = 0
    k = len(first) % 3
    for i in range(n):
        total += (i * scale + k) % 7
    return total


def branchy(flag, n):
    if flag:
        try:
            n = int("x")
        except ValueError:
            n = 0
    else:
        s = 0.0
        for i in range(n):
            s += i * 0.5
        return s
    return n


def try_after(n):
    total = 0
    for i in range(n):
        total += i % 5
    try:
        total = total // (n - 3000)
    except ZeroDivisionError:
        total = -1
    return total


def divide_all(n, d):
    try:
        d = int(d)
    except TypeError:
        d = 1
    acc = 0
    for i in range(n):
        acc += (i * 3) // (d - i // 2000)
    return acc


print(parse_then_sum("3", 5000), parse_then_sum("x", 5000))
print(branchy(False, 4000), branchy(True, 4000))
print(try_after(3000), try_after(3001))
print(divide_all(3000, 5))
try:
    print(divide_all(5000, 2))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
