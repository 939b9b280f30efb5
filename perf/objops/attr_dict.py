"""Attribute reads of an instance whose (combined) dict exists (pyperformance go's Square:
CPython's LOAD_ATTR_WITH_HINT), and of a plain instance read at its inline values."""
import sys


class Sq:
    def __init__(self, pos):
        self.pos = pos
        self.color = 0


def run(a, b, n):
    t = 0
    for i in range(n):
        t += a.pos + a.color + b.pos + b.color
    return t


a = Sq(3)
a.__dict__ = dict(a.__dict__)   # (a combined dict from here on, as go's Squares have)
print(run(a, Sq(4), int(sys.argv[1])))
