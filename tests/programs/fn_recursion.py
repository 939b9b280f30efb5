# Recursion: simple, mutual, with accumulators, memoised, tree walks, deep-ish (500 levels).
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return moves


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def flatten(x):
    if isinstance(x, list):
        return [z for y in x for z in flatten(y)]
    return [x]


def perms(s):
    if len(s) <= 1:
        return [s]
    return [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(fact(30), fib(20), is_even(101), is_odd(77), len(hanoi(6, 'A', 'B', 'C', [])), hanoi(2, 'A', 'B', 'C', []))
print(ackermann(2, 3), flatten([1, [2, [3, [4, []]], 5]]), perms('abc'), depth(500))


def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)


def power_set(xs):
    if not xs:
        return [[]]
    rest = power_set(xs[1:])
    return rest + [[xs[0]] + r for r in rest]


print(gcd(1071, 462), power_set([1, 2, 3]))


def binsearch(a, x, lo=0, hi=None):
    hi = len(a) if hi is None else hi
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if a[mid] == x:
        return mid
    return binsearch(a, x, mid + 1, hi) if a[mid] < x else binsearch(a, x, lo, mid)


print([binsearch(list(range(0, 100, 3)), v) for v in (0, 33, 34, 99)])


def qsort(xs):
    if len(xs) < 2:
        return xs
    p, *rest = xs
    return qsort([x for x in rest if x < p]) + [p] + qsort([x for x in rest if x >= p])


print(qsort([5, 3, 8, 1, 9, 2, 7, 5]))
