# Protocol dunders: __bool__, __len__, __getitem__, __setitem__, __delitem__, __contains__, __index__.
class L:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class B:
    def __bool__(self):
        print('bool called')
        return False

    def __len__(self):
        return 5


print(bool(L(0)), bool(L(3)), bool(B()), len(B()), 'yes' if L(2) else 'no')
for bad in [-1, 'x']:
    class Bad:
        def __len__(self, v=bad):
            return v
    try:
        print(len(Bad()))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)


class BadBool:
    def __bool__(self):
        return 1


try:
    bool(BadBool())
except TypeError as e:
    print('TypeError', e)


class Idx:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


lst = list('abcdef')
print(lst[Idx(2)], lst[Idx(1):Idx(4)], hex(Idx(255)), bin(Idx(5)), range(Idx(3)), 'ab' * Idx(2))
print(int.__index__(7), [1, 2, 3][Idx(-1)], operator_index := __import__('operator').index(Idx(9)))
try:
    lst[1.0]
except TypeError as e:
    print('TypeError', e)


class Grid:
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        print('get', k)
        return self.d.get(k, 0)

    def __setitem__(self, k, v):
        print('set', k, v)
        self.d[k] = v

    def __delitem__(self, k):
        print('del', k)
        del self.d[k]

    def __contains__(self, k):
        return k in self.d


g = Grid()
g[1, 2] = 5
g[1, 2] += 1
print(g[1, 2], (1, 2) in g, (3, 3) in g)
del g[1, 2]
print((1, 2) in g)
try:
    del g['nope']
except KeyError as e:
    print('KeyError', e)


class Seq:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i * i


print(list(Seq()), [x for x in Seq()], 9 in Seq(), tuple(reversed([*Seq()])))


class Missing(dict):
    def __missing__(self, k):
        return k * 2


print(Missing(a=1)['a'], Missing()['zz'], Missing().get('q'))
