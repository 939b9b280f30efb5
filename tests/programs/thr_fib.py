# The parallel Fibonacci program of perf/parallel_fib.py, small n: results by index.
import threading


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def work(results, i, n):
    results[i] = fib(n)


def run(threads, n):
    results = [None] * threads
    ts = [threading.Thread(target=work, args=(results, i, n)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return results


for threads in (1, 2, 4):
    print(threads, run(threads, 17))
print([fib(n) for n in range(20)])
print(threading.active_count())


# Native code that must leave int64 (a deopt back to tier 0) while other threads
# run the same function: exact big results, by index.
def power(base, exp):
    result = 1
    for _ in range(exp):
        result *= base
    return result


def powers(out, i):
    out[i] = [power(3, e) for e in range(0, 80, 7)]


out = [None] * 4
ts = [threading.Thread(target=powers, args=(out, i)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out[0][-1], all(o == out[0] for o in out), out[0] == [3 ** e for e in range(0, 80, 7)])


# A thread whose target is the hot function itself.
direct = []
t = threading.Thread(target=lambda: direct.append(fib(21)))
t.start()
t.join()
print(direct)
