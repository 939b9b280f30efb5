"""Attribute reads and writes of __slots__ members (pyperformance float's Point)."""
import sys


class P:
    __slots__ = ("x", "y", "z")

    def __init__(self, x):
        self.x = x
        self.y = x
        self.z = x


def run(p, n):
    t = 0
    for i in range(n):
        p.x = p.y
        p.y = p.z
        t += p.x is p.y
    return t


print(run(P(1.5), int(sys.argv[1])))
