# The __del__ of a module's globals (and the close of its suspended generators) run at
# exit in the order the objects were made, at every tier, even when the engine allocates
# a lot between two of them (a compile at --tier jit, many tier-0 frames): the exit
# collection finds them in the collector's lists, which protojit puts in allocation order.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def gen(name):
    try:
        yield name
    finally:
        print("close", name)


def busy(n):
    out = []
    for i in range(n):
        out.append([i, (i, str(i))])
    return len(out)


def more(k):
    return {str(i): [i] for i in range(k)}


first = Noisy("first")
print(busy(2000))
g1 = gen("g1")
print(next(g1))
_under = Noisy("_under")
kept_lists = [more(50) for _ in range(40)]
second = Noisy("second")
print(len(more(3000)))
g2 = gen("g2")
print(next(g2))
third = Noisy("third")
ring = [Noisy("in a ring")]
ring.append(ring)
print("end of program")
