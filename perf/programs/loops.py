"""Loop-heavy: integer arithmetic in while and for loops."""


def collatz_steps(limit):
    total = 0
    for start in range(1, limit):
        n = start
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            total += 1
    return total


def main(n=3000):
    return collatz_steps(n)
