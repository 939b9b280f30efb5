# Recursion in compiled code: fib, ackermann, mutual recursion, deep recursion.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles fib, ack, is_even, is_odd, sum_to
# run auto: --jit-threshold 10
# expect auto: compiles fib, ack, is_even, is_odd, sum_to
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)


print(fib(20))
print([fib(i) for i in range(15)])
print(ack(2, 3), ack(2, 10))
print(is_even(300), is_odd(301), is_even(7))
print(sum_to(500))
total = 0
for i in range(1500):
    total += fib(i % 12)
print(total)
