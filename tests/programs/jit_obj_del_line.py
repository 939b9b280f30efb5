# A __del__ run by a store's release inside object code reads its caller's line
# (sys._getframe(1).f_lineno, a traceback): the store's own line, also when no other op
# of that line set the frame's line (a parallel assignment on a line of its own left it
# at an earlier line), for tuple unpacking, plain rebinding, attribute/item stores and
# del, at every tier.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles unpack, rebind, swap_loop, attr_item
import sys
import traceback


class D:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        f = sys._getframe(1)
        print("del", self.tag, f.f_code.co_name, f.f_lineno,
              traceback.extract_stack(f, 1)[0].lineno)


class Box:
    pass


def unpack(k):
    a, b = D("unpack"), k
    n = b
    a, b = b, n
    return a


def rebind(k):
    x = D("rebind")
    y = k
    x = y
    z = D("del")
    n = x + 1
    del z
    return n


def swap_loop(k):
    p, q = D("swap"), 0
    total = 0
    for i in range(k):
        total += i
    p, q = q, total
    return p + q


def attr_item(b, lst):
    b.v = D("attr")
    lst[0] = D("item")
    n = 1
    b.v = n
    lst[0] = n
    return n


for _ in range(3):
    print(unpack(4))
    print(rebind(2))
    print(swap_loop(5))
    print(attr_item(Box(), [0]))
