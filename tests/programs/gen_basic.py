# Generators: yield, lazy execution order, return, generator state, iteration protocol.
def countdown(n):
    print('start')
    while n > 0:
        yield n
        n -= 1
    print('done')


g = countdown(3)
print('created')
print(next(g))
print(list(g))
print(list(g), next(g, 'default'))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(12)])


def with_return():
    yield 1
    return 'ret'
    yield 2


gr = with_return()
print(next(gr))
try:
    next(gr)
except StopIteration as e:
    print('StopIteration', e.value, e.args)


def pipeline():
    nums = (i for i in range(10))
    evens = (n for n in nums if n % 2 == 0)
    squares = (n * n for n in evens)
    return list(squares)


print(pipeline())


def gen_state():
    yield 1


gs = gen_state()
import inspect
print(inspect.getgeneratorstate(gs))
next(gs)
print(inspect.getgeneratorstate(gs))
list(gs)
print(inspect.getgeneratorstate(gs))


def yields_expr():
    x = yield
    print('got', x)
    y = yield x * 2
    print('got', y)


ye = yields_expr()
print(next(ye), ye.send(5))
try:
    ye.send('last')
except StopIteration:
    print('finished')


def gen_in_loop():
    for i in range(3):
        try:
            yield i
        finally:
            print('finally', i)


for v in gen_in_loop():
    print('v', v)
print(sum(i for i in range(5)), list(zip(countdown(2), 'ab')))


def running_gen():
    yield gr_self.gi_running


gr_self = running_gen()
print(next(gr_self), gr_self.gi_running)
try:
    def reenter():
        yield next(me)
    me = reenter()
    next(me)
except ValueError as e:
    print('ValueError', e)
