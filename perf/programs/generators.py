"""A generator pipeline: produce, filter, transform and reduce lazily."""


def numbers(limit):
    i = 0
    while i < limit:
        yield i
        i += 1


def odd(items):
    for x in items:
        if x % 2:
            yield x


def squared(items):
    for x in items:
        yield x * x


def windows(items, size):
    window = []
    for x in items:
        window.append(x)
        if len(window) == size:
            yield sum(window)
            window.pop(0)


def main(n=60000):
    return sum(windows(squared(odd(numbers(n))), 4)) % 1000003
