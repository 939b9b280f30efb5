"""A first protojit program: plain Python, nothing protojit-specific."""
import math


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def primes(limit):
    sieve = [True] * (limit + 1)
    for i in range(2, math.isqrt(limit) + 1):
        if sieve[i]:
            for j in range(i * i, limit + 1, i):
                sieve[j] = False
    return [i for i in range(2, limit + 1) if sieve[i]]


class Counter:
    def __init__(self):
        self.counts = {}

    def add(self, word):
        self.counts[word] = self.counts.get(word, 0) + 1

    def most_common(self, n):
        return sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


if __name__ == "__main__":
    print("fib(20) =", fib(20))
    print("primes below 50:", primes(50))
    c = Counter()
    for w in "the quick brown fox jumps over the lazy dog the end".split():
        c.add(w)
    print("most common:", c.most_common(2))
