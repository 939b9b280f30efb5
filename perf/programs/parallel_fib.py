"""Threads: fib(n) in several threads at once (parallel under protojit's native tier)."""

import threading


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main(n=22, threads=2):
    results = [0] * threads

    def work(k):
        results[k] = fib(n)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(results)
