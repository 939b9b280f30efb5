# Division by zero inside hot compiled code: the exact exception, catchable by guest code.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles fdiv, loop_div, mod_float, ratio
# expect auto: compiles fdiv, ratio, loop_div@function from the loop at line 35
def ratio(a, b):
    return a // b + a % b


def fdiv(a, b):
    return a / b


def mod_float(a, b):
    return a % b


total = 0
for i in range(1, 1500):
    total += ratio(i * 7, i)
print(total)
for a, b in ((10, 0), (7.5, 0.0), (0, 0)):
    for f in (ratio, fdiv, mod_float):
        try:
            print(f(a, b))
        except ZeroDivisionError as e:
            print(f.__name__, "ZeroDivisionError:", e)
for i in range(1200):
    fdiv(i, 3)
print(fdiv(1, 3), fdiv(2 ** 60, 3), fdiv(2 ** 60 + 1, 7))


def loop_div(n):
    s = 0
    for i in range(n):
        s += 1000 // (n - 1 - i)
    return s


try:
    print(loop_div(3000))
except ZeroDivisionError as e:
    print("loop:", e)
print(ratio(5, 0))
