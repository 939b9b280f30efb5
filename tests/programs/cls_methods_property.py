# classmethod, staticmethod, property with getter/setter/deleter, bound methods, class vs instance attrs.
class Temp:
    scale = 'C'
    count = 0

    def __init__(self, c):
        self._c = c
        Temp.count += 1

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError('below absolute zero')
        self._c = v

    @celsius.deleter
    def celsius(self):
        print('deleting')
        del self._c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)

    @staticmethod
    def valid(v):
        return v >= -273.15

    def method(self):
        return self


t = Temp(25)
print(t.celsius, t.fahrenheit, Temp.from_f(212).celsius, Temp.valid(-300), t.valid(0), Temp.count)
t.celsius = 30
print(t.celsius)
try:
    t.celsius = -500
except ValueError as e:
    print('ValueError', e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print('AttributeError', e)
del t.celsius
try:
    t.celsius
except AttributeError as e:
    print('AttributeError', e)
print(type(Temp.__dict__['from_f']).__name__, type(Temp.__dict__['valid']).__name__, type(Temp.celsius).__name__)
m = t.method
print(m() is t, m.__self__ is t, m.__func__ is Temp.method, Temp.method(t) is t)
print(t.from_f.__self__ is Temp, Temp.from_f.__self__ is Temp)


class Sub(Temp):
    pass


print(type(Sub.from_f(32)).__name__, Temp.count)


class Lazy:
    def __init__(self):
        self.computed = 0

    @property
    def value(self):
        self.computed += 1
        return 42


lz = Lazy()
print(lz.value, lz.value, lz.computed)
import functools


class Cached:
    @functools.cached_property
    def heavy(self):
        print('computing heavy')
        return [1, 2]


cc = Cached()
print(cc.heavy, cc.heavy, 'heavy' in vars(cc))
p = property(lambda self: 'lam-prop')


class WithP:
    x = p


print(WithP().x, p.fget is not None, p.fset)
