# Object code's method calls with arguments that act or fail (LoadMethod/CallLoaded): the
# method is looked up before the arguments are evaluated, as CPython does: a missing
# method raises before any argument runs, a method replaced while the arguments are
# evaluated is not the one called; calls of callables stored on instances, static and
# class methods through instances, a property returning a callable, builtin methods,
# keyword arguments.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles run, order, missing, kinds
# run auto: --object-code --jit-threshold 5
# expect auto: compiles run, kinds

log = []


def note(x):
    log.append(x)
    return x


class A:
    def __init__(self):
        self.n = 0
        self.hook = lambda v, w=0: ("hook", v, w)

    def m(self, x, y=1):
        self.n += x * y
        return self.n

    @staticmethod
    def s(x):
        return ("static", x)

    @classmethod
    def c(cls, x):
        return (cls.__name__, x)

    @property
    def p(self):
        return lambda v: ("prop", v)


def replace_m(v):
    A.m = lambda self, x, y=1: ("replaced", x, y)
    return v


def run(a, xs):
    t = 0
    for x in xs:
        t += a.m(note(x) + 1, y=note(2))
        t += len(str(a.m(x)))
    return t


def order(a):
    return a.m(replace_m(3))


def missing(a):
    return a.nope(note("argument evaluated"))


def kinds(a, s, xs):
    return (a.s(note(1)), a.c(note(2)), a.p(note(3)), a.hook(note(4), w=note(5)),
            s.replace(note("b"), str(len(xs))), xs.index(note(xs[-1])), A.s(len(xs)))


a = A()
for i in range(8):
    print(run(a, list(range(6))), kinds(a, "abc", [1, 2, i]))
print(log[:12], len(log))
print(order(a), a.m(1), order(a))
try:
    missing(a)
except AttributeError as e:
    print("AttributeError:", e, log[-1])
