# Positional/keyword arguments, *args/**kwargs, unpacking in calls, argument evaluation order.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))


print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6, d=7))
print(f(*[1, 2, 3], **{'c': 'C', 'z': 'Z'}))
print(f(c=0, a=1))


def g(*args, **kwargs):
    return args, kwargs


print(g(), g(1, *(2, 3), 4, *[5], x=1, **{'y': 2}, z=3))
print(g(*'ab', **dict(k=1)), g(*range(3)), g(*{'q': 1}))
order = []


def tag(x):
    order.append(x)
    return x


g(tag(1), tag(2), k=tag(3), *[tag(4)], **{'m': tag(5)})
print(order)


def h(x, y):
    return x - y


print(h(y=1, x=10), h(10, y=1), h(*[5], **{'y': 2}))
args = (1, 2)
print(h(*args), max(*[3, 1, 2]), print is print)


def defaults_seen(a, b=[], c={}):
    return a, b, c


print(defaults_seen.__defaults__, f.__kwdefaults__)


def kwonly_all(*, x, y=2):
    return x + y


print(kwonly_all(x=1), kwonly_all(y=5, x=1))


def varkw_name_clash(**kw):
    return kw


print(varkw_name_clash(self=1, kw=2, args=3))
print((lambda *a, **k: (a, k))(1, b=2))
