# Object code with free variables: super() in both forms (a chain of __init__s, methods
# calling the overridden one, the name `super` shadowed by a global after compilation),
# inner functions reading and writing (nonlocal) their enclosing function's variables,
# a free variable read before the enclosing function assigned it (CPython's NameError),
# a closure cell rebound after the inner function compiled.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles Base.__init__, Mid.__init__, Leaf.__init__, Mid.total, Leaf.total, make_counter.<locals>.inc, make_counter.<locals>.peek, late.<locals>.use
# expect jit: rejects Meta.__new__ (reads its caller's module)
# run auto: --object-code --jit-threshold 5
# expect auto: compiles Mid.__init__, Leaf.__init__, Leaf.total, make_counter.<locals>.inc


class Base:
    def __init__(self, a):
        self.a = a
        self.log = ["Base"]

    def total(self, k):
        return self.a * k


class Mid(Base):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
        self.log.append("Mid")

    def total(self, k):
        return super().total(k) + self.b


class Leaf(Mid):
    def __init__(self, a, b, c):
        super(Leaf, self).__init__(a, b)
        self.c = c
        self.log.append("Leaf")

    def total(self, k):
        return super().total(k) * 2 + super(Mid, self).total(1) + self.c


def make_counter(start):
    n = start

    def inc(k):
        nonlocal n
        n = n + k
        return n

    def peek():
        return n * 2

    return inc, peek


def late():
    def use():
        return x
    out = []
    try:
        use()
    except NameError as e:
        out.append(str(e))
    x = 5
    out.append(use())
    x = 2 ** 70
    out.append(use())
    return out


total = 0
for i in range(20):
    leaf = Leaf(i, 2, 3)
    total += leaf.total(3) + Mid(i, 1).total(2)
print(total, leaf.log)

inc, peek = make_counter(0)
for i in range(12):
    inc(i)
print(peek(), inc(10 ** 20), peek())
inc2, peek2 = make_counter(1.5)
print(inc2(2), peek2(), peek())
print(late(), late())


leaf, mid = Leaf(1, 2, 3), Mid(1, 1)


class Anything:
    def __init__(self, *args):
        self.args = args

    def total(self, *args):
        return 1000 + len(args)


def super(*args):
    print("shadow super called with", len(args), "arguments")
    return Anything()


print(mid.total(1), leaf.total(1))
del super
print(leaf.total(1), mid.total(1))


class Meta(type):
    def __new__(mcs, name, bases, ns):
        return super().__new__(mcs, name, bases, ns)


for i in range(3):
    print(Meta("E", (), {}).__module__, Meta("F", (), {"__module__": "m"}).__module__)
