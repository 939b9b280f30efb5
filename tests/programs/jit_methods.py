# Methods are functions: instance methods that ignore self or only pass it on, static
# methods with loops, class methods, called through the instance, the class and a bound
# method object held by host code (map, sorted). Hot enough for --tier auto.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles Grid.kernel, Grid.leaf
# expect auto: compiles Grid.leaf, Grid.kernel@loop at line 26
class Grid:
    base = 3

    def __init__(self, n):
        self.n = n

    def cell(self, a, b):
        return a * b + 1

    def forward(self, a):
        return untouched(self, a)

    @staticmethod
    def kernel(w, h):
        s = 0
        y = 0
        while y < h:
            x = 0
            while x < w:
                s += (x * y) % 7
                x += 1
            y += 1
        return s

    @staticmethod
    def leaf(a, b):
        return a - b

    @classmethod
    def make(cls, a):
        return a + 2

    def uses(self, a):
        return self.n + a


def untouched(obj, a):
    return a - 1


g = Grid(5)
t = 0
for i in range(1500):
    t += g.cell(i, 2) + g.forward(i) + Grid.leaf(i, 3) + g.leaf(3, i) + Grid.make(i) + g.make(i)
    t += g.uses(i)
print(t)
for k in range(4):
    print(Grid.kernel(30 + k, 20), g.kernel(5, k))
bound = g.cell
print(list(map(bound, range(5), range(5))), sorted(range(6), key=g.forward))
print(sorted(range(6), key=lambda v: Grid.leaf(0, v)), list(map(Grid.make, range(3))))
print(Grid.leaf(2 ** 63 - 1, -1), g.cell(2 ** 40, 2 ** 40))
