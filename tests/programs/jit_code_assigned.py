# Native code and a callee whose __code__ the program assigns: the numeric tier compiles a
# guest callee's code into its caller (a direct native call), so the caller must see the
# new code at its next call, as in CPython -- in a loop, in a generator, in a loop entered
# natively, after an assignment of another guest function's code, of a lambda's, of a code
# object made with code.replace, and back to the original.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles total, twice, chain
def square(x):
    return x * x


def negate(x):
    return -x


def total(n):
    s = 0
    for i in range(n):
        s += square(i)
    return s


def gen_squares(n):
    for i in range(n):
        yield square(i)


def twice(x):
    return square(square(x))


def chain(x):
    return twice(x) + 1


original = square.__code__
print(total(4), list(gen_squares(4)), twice(3), chain(2))
square.__code__ = negate.__code__
print(square(5), total(4), list(gen_squares(4)), twice(3), chain(2))
square.__code__ = (lambda x: x + 10).__code__
print(square(5), total(4), list(gen_squares(4)), twice(3), chain(2))
square.__code__ = original.replace(co_name="renamed")
print(square(5), square.__code__.co_name, total(4), twice(3))
twice.__code__ = (lambda x: x * 1000).__code__
print(twice(3), chain(2))
square.__code__ = original
print(square(5), total(4), list(gen_squares(4)), twice(3), chain(2))
for k in range(3):
    print(k, total(k + 2), chain(k))
