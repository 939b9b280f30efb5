# Direct hits (pjentry.c direct_hit) for callees compiled with bool and None arguments
# (a flag passed positionally or by keyword, a None default), and the ways out when the
# argument changes kind at a hot site: an int (0/1) or another object where a bool was, an
# object where None was, a bool where None was; each call binds and returns as CPython.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles Node.find, run_find, pick, run_pick
# run auto: --jit-threshold 3


class Node:
    def __init__(self, up=None):
        self.up = up
        self.hits = 0

    def find(self, update=False):
        self.hits += 1
        if update:
            return (self, "update", update)
        return (self, "plain", update)


def run_find(nodes, flag):
    out = []
    for n in nodes:
        out.append(n.find(flag)[1:])
        out.append(n.find(update=flag)[1:])
        out.append(n.find()[1:])
    return out


nodes = [Node() for _ in range(4)]
for _ in range(5):
    run_find(nodes, True)
    run_find(nodes, False)
print(run_find(nodes, True)[:3], run_find(nodes, False)[:3])
print(run_find(nodes, 1)[:3], run_find(nodes, 0)[:3])
print(run_find(nodes, "yes")[:3], run_find(nodes, None)[:3], run_find(nodes, [])[:3])
print(run_find(nodes, True)[:3], [n.hits for n in nodes])


def pick(a, done=None, strict=True):
    if done is None:
        return a if strict else -a
    return (a, len(done), strict)


def run_pick(n, done, strict):
    t = []
    for i in range(n):
        t.append(pick(i, done, strict))
        t.append(pick(i, done=done))
        t.append(pick(i))
    return t


for _ in range(5):
    run_pick(3, None, True)
    run_pick(3, None, False)
print(run_pick(3, None, True), run_pick(3, None, False))
print(run_pick(2, [1, 2], True), run_pick(2, (), False))
print(run_pick(2, None, 1), run_pick(2, None, 0.0), run_pick(2, None, None))
try:
    run_pick(2, True, True)
except TypeError as e:
    print("TypeError", e)
print(run_pick(3, None, True))
