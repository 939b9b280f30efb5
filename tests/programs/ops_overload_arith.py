# Arithmetic operator overloading: __add__/__radd__/__iadd__, NotImplemented fallbacks, errors.
class M:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return 'M(%r)' % (self.v,)

    def __add__(self, o):
        print('M.__add__', o)
        if isinstance(o, M):
            return M(self.v + o.v)
        if isinstance(o, int):
            return M(self.v + o)
        return NotImplemented

    def __radd__(self, o):
        print('M.__radd__', o)
        if isinstance(o, int):
            return M(o + self.v)
        return NotImplemented

    def __mul__(self, o):
        return M(self.v * o)

    __rmul__ = __mul__

    def __sub__(self, o):
        return NotImplemented


class N(M):
    def __radd__(self, o):
        print('N.__radd__', o)
        return N(100)


class IAdd(M):
    def __iadd__(self, o):
        print('IAdd.__iadd__', o)
        self.v += o
        return self


print(M(1) + M(2), M(1) + 5, 5 + M(1), 3 * M(2), M(2) * 3)
print(M(1) + N(2))
print(sum([M(1), M(2)], 0))
x = M(1)
y = x
x += 2
print(x, y, x is y)
x = IAdd(1)
y = x
x += 2
print(x, y, x is y)
for label, fn in [('M(1) + "s"', lambda: M(1) + "s"), ('"s" + M(1)', lambda: "s" + M(1)), ('M(1) - 1', lambda: M(1) - 1), ('1 - M(1)', lambda: 1 - M(1)), ('None + 1', lambda: None + 1), ('[1] + (2,)', lambda: [1] + (2,)), ('"a" + 1', lambda: "a" + 1), ('1 + "a"', lambda: 1 + "a"), ('M(1) @ 2', lambda: M(1) @ 2), ('{} | 1', lambda: {} | 1)]:
    try:
        print(label, fn())
    except TypeError as e:
        print('TypeError', e)


class Vec:
    def __init__(self, *c):
        self.c = c

    def __repr__(self):
        return 'Vec%r' % (self.c,)

    def __add__(self, o):
        return Vec(*[a + b for a, b in zip(self.c, o.c)])

    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self.c, o.c))

    def __truediv__(self, k):
        return Vec(*[a / k for a in self.c])

    def __floordiv__(self, k):
        return Vec(*[a // k for a in self.c])

    def __mod__(self, k):
        return Vec(*[a % k for a in self.c])

    def __pow__(self, k, mod=None):
        return Vec(*[pow(a, k, mod) for a in self.c])

    def __lshift__(self, k):
        return Vec(*(self.c[k:] + self.c[:k]))

    def __and__(self, o):
        return 'and'

    def __rand__(self, o):
        return 'rand'


v = Vec(1, 2, 3)
print(v + v, v @ v, v / 2, v // 2, v % 2, v ** 2, pow(v, 2, 3), v << 1, v & 1, 1 & v)
v @= v
print(v)
