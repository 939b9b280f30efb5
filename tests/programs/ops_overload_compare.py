# Rich comparisons: __eq__/__lt__ etc., reflection, NotImplemented, default identity eq, errors.
class A:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        print('A.__eq__')
        if not isinstance(o, A):
            return NotImplemented
        return self.v == o.v

    def __lt__(self, o):
        print('A.__lt__')
        if not isinstance(o, A):
            return NotImplemented
        return self.v < o.v

    def __repr__(self):
        return 'A(%d)' % self.v


class B(A):
    def __gt__(self, o):
        print('B.__gt__')
        return 'B-gt'


print(A(1) == A(1), A(1) != A(2), A(1) < A(2), A(3) > A(2))
print(A(1) < B(2))
print(A(1) == 1, 1 == A(1), A(1) != 'x')
print(sorted([A(3), A(1), A(2)]))
print(max([A(3), A(5), A(2)], key=lambda a: a.v), min(A(3), A(1)))
for label, fn in [('A(1) <= A(2)', lambda: A(1) <= A(2)), ('A(1) < 1', lambda: A(1) < 1), ('1 > A(1)', lambda: 1 > A(1)), ('A(1) >= None', lambda: A(1) >= None)]:
    try:
        print(label, fn())
    except TypeError as e:
        print('TypeError', e)


class Plain:
    pass


p = Plain()
print(p == p, p == Plain(), p != p)


class Always:
    def __eq__(self, o):
        return True

    __hash__ = None


print(Always() == 3, 3 == Always(), [Always()] == [5], Always() in [1, 2], Always() != 1)
try:
    hash(Always())
except TypeError as e:
    print('TypeError', e)
import functools


@functools.total_ordering
class T:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __lt__(self, o):
        return self.v < o.v


print(T(1) <= T(1), T(2) >= T(3), T(2) > T(1))
