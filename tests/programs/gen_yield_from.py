# yield from: delegation, return values, send/throw passed through, nesting, iterables.
def inner():
    x = yield 'i1'
    print('inner got', x)
    y = yield 'i2'
    print('inner got', y)
    return 'inner-result'


def outer():
    r = yield from inner()
    print('outer got result', r)
    yield 'o1'
    return 'outer-result'


g = outer()
print(next(g), g.send('A'), g.send('B'))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)


def flatten(xs):
    for x in xs:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x


print(list(flatten([1, [2, [3, 4]], [[5]], 6])))


def from_iterables():
    yield from range(3)
    yield from 'ab'
    yield from {'k': 1}
    r = yield from []
    print('empty yield from returns', r)


print(list(from_iterables()))


def catcher():
    while True:
        try:
            v = yield
            print('catcher got', v)
        except ValueError as e:
            print('catcher caught', e)
            yield 'recovered'


def delegator():
    yield from catcher()


d = delegator()
next(d)
d.send(1)
print(d.throw(ValueError('boom')))
next(d)
d.send(2)
d.close()
print('closed')


def sub_ret(n):
    total = 0
    for i in range(n):
        total += yield i
    return total


def summer():
    a = yield from sub_ret(2)
    b = yield from sub_ret(3)
    return a + b


s = summer()
vals = [next(s)]
try:
    k = 1
    while True:
        vals.append(s.send(k))
        k += 1
except StopIteration as e:
    print(vals, 'total', e.value)


def chain(*its):
    for it in its:
        yield from it


print(list(chain([1, 2], (3,), range(4, 6))))


def returns_none():
    yield 1


def outer2():
    r = yield from returns_none()
    yield r


print(list(outer2()))
