# Calls from object code to compiled object code stay right when the callee changes
# after the caller compiled: a module function rebound to another function, a method
# replaced on its class (monkey-patched), a method overridden in a subclass whose
# instances the call site sees only later, a function's __code__-level defaults changed,
# and a callee replaced by a host callable and by a class.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles helper, Shape.area, Shape.describe, run_helper, run_area, run_describe
# run auto: --jit-threshold 3


def helper(x, y):
    return [x, y]


def other_helper(x, y):
    return {"x": x, "y": y}


class Shape:
    def __init__(self, w):
        self.w = w

    def area(self):
        return [self.w, self.w]

    def describe(self, scale=1):
        return "shape " + str(self.area()) + " x" + str(scale)


class Square(Shape):
    def area(self):
        return ["square", self.w]


def run_helper(n):
    out = []
    for i in range(n):
        out.append(helper(i, "a"))
    return out


def run_area(shapes):
    out = []
    for s in shapes:
        out.append(s.area())
    return out


def run_describe(shapes, k):
    out = []
    for s in shapes:
        out.append(s.describe(k))
        out.append(s.describe())
    return out


for _ in range(6):
    print(run_helper(3)[-1])
helper = other_helper                  # rebound after run_helper compiled
print(run_helper(3))
helper = slice                         # a host callable
print(run_helper(3))


class Box:
    def __init__(self, a, b):
        self.pair = (a, b)

    def __repr__(self):
        return "Box%r" % (self.pair,)


helper = Box                           # a class: calling it makes an instance
print(run_helper(2))

shapes = [Shape(1), Shape(2)]
for _ in range(6):
    print(run_area(shapes), run_describe(shapes, 2)[:2])
print(run_area(shapes + [Square(3)]))  # a subclass overriding area, seen only now
print(run_describe([Square(4), Shape(5)], 3))


def patched_area(self):
    return ("patched", self.w * 10)


Shape.area = patched_area              # monkey-patched on the class
print(run_area(shapes + [Square(3)]))
print(run_describe([Square(4), Shape(5)], 3))
del Square.area                        # the subclass falls back to the patched base method
print(run_area([Square(7)]))
Shape.describe.__defaults__ = (100,)   # a new default for the compiled callee
print(run_describe([Shape(6)], 2))
s = Shape(8)
s.area = lambda: "instance attribute"  # an instance attribute shadows the method
print(run_area([s, Shape(9)]))
