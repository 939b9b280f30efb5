# Descriptors: data vs non-data precedence, __get__ with None instance, validators, methods as descriptors.
class NonData:
    def __get__(self, obj, owner):
        return 'nondata(%s)' % ('cls' if obj is None else 'inst')


class Data:
    def __get__(self, obj, owner):
        return 'data-get'

    def __set__(self, obj, value):
        print('data-set', value)

    def __delete__(self, obj):
        print('data-delete')


class Host:
    nd = NonData()
    d = Data()


h = Host()
print(h.nd, Host.nd, h.d, Host.d)
h.__dict__['nd'] = 'instance wins over non-data'
h.__dict__['d'] = 'instance loses to data'
print(h.nd, h.d)
h.d = 5
del h.d


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__[self.name]

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError('%s must be %s, not %s' % (self.name, self.kind.__name__, type(value).__name__))
        obj.__dict__[self.name] = value


class Point:
    x = Typed(int)
    y = Typed(int)

    def __init__(self, x, y):
        self.x, self.y = x, y


p = Point(1, 2)
print(p.x, p.y, type(Point.x).__name__)
try:
    p.x = 'no'
except TypeError as e:
    print('TypeError', e)
try:
    Point(1.5, 2)
except TypeError as e:
    print('TypeError', e)


def plain(self, arg):
    return 'plain called with ' + arg


class UsesFunc:
    meth = plain


u = UsesFunc()
bound = plain.__get__(u, UsesFunc)
print(u.meth('a'), bound('b'), UsesFunc.meth(u, 'c'))


class Counter:
    def __init__(self):
        self.reads = 0

    def __get__(self, obj, owner=None):
        self.reads += 1
        return self.reads


class UsesCounter:
    c = Counter()


uc = UsesCounter()
print(uc.c, uc.c, UsesCounter.c)


class RO:
    def __get__(self, obj, owner):
        return 'read-only'

    def __set__(self, obj, v):
        raise AttributeError('read-only attribute')


class HasRO:
    r = RO()


try:
    HasRO().r = 1
except AttributeError as e:
    print('AttributeError', e)
print(HasRO().r)
