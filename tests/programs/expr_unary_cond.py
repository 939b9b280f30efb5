# Unary operators and conditional expressions, including custom __neg__/__pos__/__invert__/__abs__.
print(-5, +5, -(-5), ~5, ~-1, -0.0, +(-0.0), -True, +False, ~True)
print(--3, -+-3, not not 3, - - -2.5)


class V:
    def __init__(self, x):
        self.x = x

    def __neg__(self):
        return V(-self.x)

    def __pos__(self):
        return V(self.x + 0.5)

    def __invert__(self):
        return 'inv%d' % self.x

    def __abs__(self):
        return V(abs(self.x))

    def __repr__(self):
        return 'V(%r)' % (self.x,)


print(-V(3), +V(3), ~V(3), abs(V(-4)))
try:
    -'x'
except TypeError as e:
    print('TypeError', e)
try:
    ~1.5
except TypeError as e:
    print('TypeError', e)
for n in range(-2, 3):
    print(n, 'neg' if n < 0 else 'zero' if n == 0 else 'pos', 'even' if n % 2 == 0 else 'odd')
calls = []
def f(x):
    calls.append(x)
    return x
r = f('a') if f(0) else f('b')
print(r, calls)
print((lambda x: 'big' if x > 10 else 'small')(11), [i if i % 3 else -i for i in range(7)])
