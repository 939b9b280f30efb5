# is / is not / in / not in across containers and custom __contains__/__iter__/__getitem__.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None, True is True)
print(2 in a, 3 in a, 3 not in a, 'b' in 'abc', 'bc' in 'abc', '' in 'abc', 'x' not in 'abc')
print(1 in {1: 'a'}, 'a' in {1: 'a'}, 2 in {1, 2}, (1, 2) in [(1, 2)], [1] in [[1]])
print(b'a' in b'abc', 97 in b'abc', 5 in range(0, 10, 5), 7 in range(0, 10, 5), 1.0 in [1])
nan = float('nan')
lst = [nan]
print(nan in lst, float('nan') in lst)


class Cont:
    def __contains__(self, x):
        print('contains', x)
        return x == 3


class It:
    def __iter__(self):
        return iter([10, 20, 30])


class GI:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 2


print(3 in Cont(), 4 in Cont(), 4 not in Cont())
print(20 in It(), 25 in It(), 6 in GI(), 7 in GI())
try:
    print(1 in 5)
except TypeError as e:
    print('TypeError', e)
try:
    print([] in {})
except TypeError as e:
    print('TypeError', e)
try:
    print(1 in 'abc')
except TypeError as e:
    print('TypeError', e)
x = None
print(x is None, x is not None, type(x) is type(None))
