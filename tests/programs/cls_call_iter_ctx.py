# __call__, __iter__/__next__, __enter__/__exit__, __reversed__, __len__ with builtins.
class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x, *, twice=False):
        return (x + self.n) * (2 if twice else 1)


add3 = Adder(3)
print(add3(4), add3(4, twice=True), callable(add3), callable(Adder), callable(3), list(map(add3, [1, 2])))


class Range2:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def __iter__(self):
        cur = self.lo
        while cur < self.hi:
            yield cur
            cur += 1

    def __reversed__(self):
        return iter(range(self.hi - 1, self.lo - 1, -1))

    def __len__(self):
        return self.hi - self.lo


r = Range2(2, 6)
print(list(r), list(reversed(r)), len(r), sum(r), sorted(r, reverse=True), 3 in r, dict(zip(r, r)))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


cd = Countdown(3)
print(next(cd), list(cd), list(cd))
it = iter(Countdown(2))
print(iter(it) is it)
try:
    iter(5)
except TypeError as e:
    print('TypeError', e)


class NotIter:
    __iter__ = None


try:
    iter(NotIter())
except TypeError as e:
    print('TypeError', e)


class BadIter:
    def __iter__(self):
        return 5


try:
    iter(BadIter())
except TypeError as e:
    print('TypeError', e)


class Ctx:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress

    def __enter__(self):
        print('enter', self.name)
        return self

    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress


with Ctx('a') as c:
    print('body', c.name)
with Ctx('outer'), Ctx('inner', suppress=True):
    raise KeyError('swallowed by inner')
print('continues')
try:
    with Ctx('x'):
        raise ValueError('escapes')
except ValueError as e:
    print('caught', e)


def early_return():
    with Ctx('ret'):
        return 'returned'


print(early_return())
for i in range(2):
    with Ctx('loop%d' % i):
        if i == 0:
            continue
        break
try:
    with 5:
        pass
except TypeError as e:
    print('TypeError', e)


class NoExit:
    def __enter__(self):
        return self


try:
    with NoExit():
        pass
except TypeError as e:
    print('TypeError', e)
