# Call shapes tier 0 specialises: obj.method(...) with 0-2 arguments, global(...) with 1-2 arguments;
# evaluation order (the callee before the arguments), instance attributes, static/class methods,
# __getattr__, builtins, host callables, shadowed and missing globals.
log = []


def note(x):
    log.append(x)
    return x


class Loud:
    def __getattr__(self, name):
        log.append(f'getattr {name}')
        return lambda *a: f'{name}{a}'

    def real(self, a, b):
        return a + b


class Box:
    def __init__(self):
        self.fn = lambda x: ('instance attribute', x)

    def m0(self):
        return 'm0'

    def m1(self, a):
        return ('m1', a)

    def m2(self, a, b=0):
        return ('m2', a, b)

    @staticmethod
    def s(a):
        return ('static', a)

    @classmethod
    def k(cls, a):
        return (cls.__name__, a)


def use(box, loud, items):
    out = [box.m0(), box.m1(1), box.m2(1, 2), box.fn(5), box.s(3), box.k(4)]
    out.append(loud.whatever(note('arg')))
    out.append(loud.real(note('x'), note('y')))
    out.append(items.append(1))
    out.append(items.pop())
    out.append(items.count(1))
    box.m1 = lambda a: ('replaced', a)
    out.append(box.m1(9))
    try:
        box.missing(1)
    except AttributeError as e:
        out.append(str(e))
    try:
        box.m0(1, 2)
    except TypeError as e:
        out.append(str(e))
    return out


print(use(Box(), Loud(), []))
print(log)


def twice(x):
    return 2 * x


def pair(a, b):
    return (a, b)


def calls():
    r = [twice(3), pair(1, 2), len('abc'), max(3, 9), abs(-2), str(5)]
    try:
        undefined_function(1)
    except NameError as e:
        r.append(str(e))
    try:
        twice(1, 2)
    except TypeError as e:
        r.append(str(e))
    return r


print(calls())
twice = lambda x: 'rebound'
print(calls()[0])
len = lambda x: 'shadowed builtin'
print(calls()[2])
del len
print(calls()[2])
import builtins
builtins.brand_new = lambda a, b: ('new builtin', a, b)
print(brand_new(1, 2))
del builtins.brand_new
k = 3
print(10 - k, 10 // k, 10 % k, 2 * k, 1 + k, 'ab' * k)
