# __slots__: no __dict__, AttributeError messages, inheritance with and without slots, defaults.
class P:
    __slots__ = ('x', 'y')

    def __init__(self, x):
        self.x = x


p = P(1)
print(p.x, hasattr(p, '__dict__'), hasattr(p, 'y'))
try:
    p.z = 3
except AttributeError as e:
    print('AttributeError', e)
try:
    p.y
except AttributeError as e:
    print('AttributeError', e)
p.y = 2
print(p.y)
del p.y
print(hasattr(p, 'y'))
try:
    del p.y
except AttributeError as e:
    print('AttributeError', e)


class Q(P):
    pass


q = Q(5)
q.anything = 'ok'
print(q.anything, sorted(vars(q)), q.x)


class R(P):
    __slots__ = ('z',)


r = R(1)
r.z = 9
print(r.x, r.z, hasattr(r, '__dict__'))
try:
    r.w = 0
except AttributeError as e:
    print('AttributeError', e)


class WithDict:
    __slots__ = ('a', '__dict__')


wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, vars(wd))
print(type(P.x).__name__, P.__slots__)
try:
    class Conflict:
        __slots__ = ('v',)
        v = 1
except ValueError as e:
    print('ValueError', e)


class Single:
    __slots__ = 'only'


s = Single()
s.only = 'one'
print(s.only, Single.__slots__)
