# Recursion through calls between compiled object code reaches CPython's recursion limit
# at CPython's depth and raises CPython's RecursionError: a recursive method, mutual
# recursion of two functions, and recursion through a call with a default; after
# catching it the program goes on (the frames are unwound, the limit counts from the
# top again), at the default limit and at a lower one.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles Tree.depth, ping, pong, descend
# run auto: --jit-threshold 3
import sys

reached = [0]


class Tree:
    def __init__(self, child):
        self.child = child

    def depth(self, n):
        reached[0] = n
        if self.child is None:
            return n
        return self.child.depth(n + 1)


def ping(n, box):
    reached[0] = n
    return pong(n + 1, box)


def pong(n, box):
    reached[0] = n
    return ping(n + 1, box)


def descend(n, step=1):
    reached[0] = n
    return descend(n + step)


def run(kind):
    reached[0] = 0
    try:
        if kind == "tree":
            t = None
            for i in range(3000):
                t = Tree(t)
            t.depth(0)
        elif kind == "ping":
            ping(0, [])
        else:
            descend(0)
    except RecursionError as e:
        return [kind, str(e), reached[0]]
    return [kind, "no error", reached[0]]


small = None
for i in range(30):
    small = Tree(small)
for _ in range(4):
    print(small.depth(0))
for kind in ("tree", "ping", "descend"):
    print(run(kind))
sys.setrecursionlimit(300)
for kind in ("tree", "ping", "descend"):
    print(run(kind))
print(run("tree"))
