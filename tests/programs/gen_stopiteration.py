# StopIteration semantics: value, PEP 479 conversion to RuntimeError, iterators and next() default.
def g():
    yield 1
    return 42


it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print('value', e.value)


def leaky():
    yield 1
    raise StopIteration('leak')


try:
    list(leaky())
except RuntimeError as e:
    print('RuntimeError', e, type(e.__cause__).__name__, e.__cause__)


def leaky_next():
    it = iter([])
    yield next(it)


try:
    list(leaky_next())
except RuntimeError as e:
    print('RuntimeError', e)
print(next(iter([]), 'default'), next(iter([7]), 'default'))
try:
    next(iter([]))
except StopIteration as e:
    print('plain StopIteration', e.value, e.args)
e = StopIteration(1, 2)
print(e.value, e.args, StopIteration().value)


class Count:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i


c = Count(3)
print(list(c), list(c), [x for x in Count(2)])


def gen_catches():
    try:
        yield 1
    except StopIteration:
        print('caught StopIteration inside')
    yield 2


gc = gen_catches()
next(gc)
print(gc.throw(StopIteration))
for x in g():
    print('loop', x)
print(list(zip(g(), g(), g())))
