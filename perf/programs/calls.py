"""Call-heavy: naive recursive Fibonacci."""


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main(n=20):
    return fib(n)
