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
