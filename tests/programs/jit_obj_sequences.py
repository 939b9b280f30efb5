# Object code's inline list/tuple items (seq[i] and seq[i] = v for an exact list or tuple
# and a small int index, else the generic protocol): negative indexes, indexes out of
# range (CPython's IndexError), bools, big ints and floats as indexes, list and tuple
# subclasses, dicts and strings at the same sites; a list mutated while it is iterated
# (appends, deletions and item stores in the loop).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles rotate, at, put, grow_while_iterating, shrink_while_iterating
# run auto: --object-code --jit-threshold 5
# expect auto: compiles at, put


class MyList(list):
    def __getitem__(self, i):
        return ("MyList", i)


class MyTuple(tuple):
    pass


def rotate(xs, t, n):
    s = 0
    for i in range(-n, n):
        s += t[i % 3] + xs[-1]
        xs[i % len(xs)] = xs[i % len(xs)] + 1
    return s, xs[:4]


def at(seq, k):
    return seq[k]


def put(seq, k, v):
    seq[k] = v
    return seq


def grow_while_iterating(xs):
    seen = []
    for x in xs:
        seen.append(x)
        if x < 5:
            xs.append(x + 10)
        xs[0] = x
    return seen, xs


def shrink_while_iterating(xs):
    seen = []
    for x in xs:
        seen.append(x)
        if len(xs) > 2:
            xs.pop(0)
    return seen, xs


for r in range(3):
    print(rotate([1, 2, 3, 10 ** 20], (5, 6.5, 7), 10))
    print(grow_while_iterating([1, 7, 3]), shrink_while_iterating(list(range(8))))
seqs = ([1, 2, 3], (1, 2, 3), MyList([1, 2]), MyTuple((4, 5)), {0: "a", -1: "z", True: "t"}, "abc")
for k in (0, 1, -1, -3, 2, 3, -4, True, 2 ** 40, -(2 ** 70), 1.5, "x", None):
    for seq in seqs:
        try:
            print(repr(k), type(seq).__name__, at(seq, k))
        except (IndexError, TypeError, KeyError) as e:
            print(repr(k), type(seq).__name__, type(e).__name__, e)
for k in (0, -1, 3, -4, True, 2 ** 64, "x"):
    for seq in ([1, 2, 3], (1, 2), MyList([1, 2]), {}):
        try:
            print(repr(k), put(seq, k, "v"))
        except (IndexError, TypeError) as e:
            print(repr(k), type(e).__name__, e)
