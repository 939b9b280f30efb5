# Decorators: plain, with arguments, stacked (order of application), functools.wraps, on methods/classes.
import functools
log = []


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.append('call ' + fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco


def tag(name):
    print('making tag', name)

    def deco(fn):
        print('applying tag', name)

        def wrapper(*a):
            return '<%s>%s</%s>' % (name, fn(*a), name)
        return wrapper
    return deco


@trace
def add(a, b):
    """Add two things."""
    return a + b


print(add(1, 2), add.__name__, add.__doc__, add.__wrapped__(3, 4), log)


@repeat(3)
def hello(x):
    return 'hi ' + x


print(hello('bob'), hello.__name__)


@tag('b')
@tag('i')
def text(s):
    return s


print(text('x'))
registry = {}


def register(fn):
    registry[fn.__name__] = fn
    return fn


@register
def one():
    return 1


@register
def two():
    return 2


print(sorted(registry), registry['two']())


def count_calls(fn):
    def w(*a, **k):
        w.calls += 1
        return fn(*a, **k)
    w.calls = 0
    return w


@count_calls
def noop():
    pass


noop()
noop()
print(noop.calls)


class Svc:
    @trace
    def method(self, x):
        return x * 2

    @staticmethod
    @trace
    def static(x):
        return x + 1


print(Svc().method(5), Svc.static(5), log[-2:])


def add_attr(cls):
    cls.added = 'yes'
    return cls


@add_attr
class Decorated:
    pass


print(Decorated.added)


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info().hits > 0)
deco_expr = [trace]


@deco_expr[0]
def via_subscript():
    return 'sub'


print(via_subscript(), log[-1])


@functools.singledispatch
def kind(x):
    return 'object'


@kind.register
def _(x: int):
    return 'int'


print(kind(1), kind('s'), functools.partial(add, 10)(5), functools.reduce(lambda a, b: a * b, range(1, 6)))
