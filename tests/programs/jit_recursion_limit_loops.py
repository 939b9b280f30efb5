# A recursion that the native tier turns into a loop (`return x + f(n - 1)`, fib's
# second call) still ends in CPython's RecursionError when it is too deep: the loop
# counts the levels it stands for and deoptimises past the native limit, and tier 0
# raises the error. Within the limit the compiled code gives CPython's results.
#
# expect jit: compiles sum_to, fib, weighted
# run auto: --jit-threshold 10
# expect auto: compiles sum_to, fib, weighted
def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def weighted(n, w):
    if n <= 0:
        return w
    return n * w + weighted(n - 1, w + 1)


for i in range(20):
    sum_to(i)
    fib(i % 10)
    weighted(i, 1)
print(sum_to(300), fib(25), weighted(400, 2))
for n in (900, 5000, 100000):
    try:
        print(sum_to(n))
    except RecursionError as e:
        print(n, "RecursionError:", e)
    try:
        print(weighted(n, 3))
    except RecursionError as e:
        print(n, "RecursionError:", e)
# fib(n - 2) is the loop, fib(n - 1) a call: the calls reach the limit first
try:
    print(fib(3000))
except RecursionError as e:
    print("fib RecursionError:", e)
print(sum_to(700), weighted(600, 1))
