# Two threads each calling a hot compiled function; results joined in a fixed order.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles fib, work
# expect auto: compiles fib
import threading


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


results = {}


def work(name, n):
    s = 0
    for i in range(n):
        s += fib(i % 15)
    results[name] = s


for i in range(1100):
    fib(i % 5)
ts = [threading.Thread(target=work, args=(k, 300 + k)) for k in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results.items()))
print(fib(22))
