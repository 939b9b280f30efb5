# Positional-only (/) and keyword-only (*) parameters and the exact TypeError messages.
def f(a, b, /, c, d=4, *, e, f=6):
    return a, b, c, d, e, f


print(f(1, 2, 3, e=5), f(1, 2, c=3, e=5), f(1, 2, 3, 4, e=5, f=0))


def p(x, /, **kw):
    return x, kw


print(p(1, x=2))
tests = [
    lambda: f(1, b=2, c=3, e=5),
    lambda: f(a=1, b=2, c=3, e=5),
    lambda: f(1, 2, 3),
    lambda: f(1, 2, 3, 4, 5, e=1),
    lambda: f(1, 2, e=3),
    lambda: f(1, 2, 3, e=1, g=2),
]
for t in tests:
    try:
        print(t())
    except TypeError as ex:
        print('TypeError', ex)


def only_kw(*, a, b):
    return a, b


for t in [lambda: only_kw(1, 2), lambda: only_kw(a=1), lambda: only_kw(), lambda: only_kw(b=1, a=2)]:
    try:
        print(t())
    except TypeError as ex:
        print('TypeError', ex)


def only_pos(a, b=2, /):
    return a, b


for t in [lambda: only_pos(1), lambda: only_pos(a=1), lambda: only_pos(1, b=3), lambda: only_pos()]:
    try:
        print(t())
    except TypeError as ex:
        print('TypeError', ex)


class K:
    def m(self, x, /, *, y):
        return x, y


for t in [lambda: K().m(1, y=2), lambda: K().m(1, 2), lambda: K().m(x=1, y=2)]:
    try:
        print(t())
    except TypeError as ex:
        print('TypeError', ex)
