"""A hot leaf called from a loop that stays interpreted (it iterates over a list of
strings): every call crosses from tier 0 into native code through the entry."""


def mix(a, b):
    return (a * 31 + b) % 1000003


def main(rounds=3000):
    words = ["w" * (i % 17) for i in range(100)]
    h = 0
    for _ in range(rounds):
        for w in words:
            h = mix(h, len(w))
    return h
