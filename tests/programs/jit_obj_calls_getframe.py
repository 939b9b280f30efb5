# A callee reads the frames of the object code that called it natively: sys._getframe(1)
# and (2) from a tier-0 callee (it reads frames, so it stays in tier 0) see each compiled
# caller's name and current line, f_back walks through several native frames, and the
# frames' f_locals of native frames are empty dicts (protojit does not keep them).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles outer, inner, Node.visit, Node.visit_all
# run auto: --jit-threshold 3
import sys


def who():
    f1 = sys._getframe(1)
    f2 = sys._getframe(2)
    return [f1.f_code.co_name, f1.f_lineno, f2.f_code.co_name, f2.f_lineno]


def chain():
    names = []
    f = sys._getframe(1)
    while f is not None and len(names) < 4:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


def inner(x):
    a = [x]
    return who() + a


def outer(x):
    got = inner(x)
    return got + chain()


class Node:
    def __init__(self, kids):
        self.kids = kids

    def visit(self):
        return who()

    def visit_all(self):
        out = []
        for k in self.kids:
            out.append(k.visit())
        out.append(self.visit())
        return out


for i in range(5):
    print(outer(i))
    print(Node([Node([]), Node([])]).visit_all())
