# Call errors: the TypeError messages CPython produces, for functions, methods, lambdas, builtins.
def f(x):
    return x


def g(a, b, c=1):
    return a


def h(*, k):
    return k


class C:
    def m(self, a):
        return a

    @staticmethod
    def s(a):
        return a

    @classmethod
    def c(cls, a):
        return a


lam = lambda q, r: q
five, ess, nothing = 5, 's', None
cases = [
    ('f()', lambda: f()),
    ('f(1, 2)', lambda: f(1, 2)),
    ('f(y=1)', lambda: f(y=1)),
    ('f(1, x=1)', lambda: f(1, x=1)),
    ('g()', lambda: g()),
    ('g(1)', lambda: g(1)),
    ('g(1, 2, 3, 4)', lambda: g(1, 2, 3, 4)),
    ('g(1, 2, 3, 4, 5)', lambda: g(1, 2, 3, 4, 5)),
    ('g(1, c=2)', lambda: g(1, c=2)),
    ('g(1, 2, d=3, e=4)', lambda: g(1, 2, d=3)),
    ('h(1)', lambda: h(1)),
    ('h()', lambda: h()),
    ('C().m()', lambda: C().m()),
    ('C().m(1, 2)', lambda: C().m(1, 2)),
    ('C.m(1)', lambda: C.m(1)),
    ('C.s()', lambda: C.s()),
    ('C.c()', lambda: C.c()),
    ('lam(1)', lambda: lam(1)),
    ('lam()', lambda: lam()),
    ('f(**{"x": 1}, x=2)', lambda: f(**{'x': 1}, **{'x': 2})),
    ('f(*5)', lambda: f(*5)),
    ('f(**[1])', lambda: f(**[1])),
    ('f(**{1: 2})', lambda: f(**{1: 2})),
    ('5()', lambda: five()),
    ('"s"()', lambda: ess()),
    ('None()', lambda: nothing()),
    ('len()', lambda: len()),
    ('len(1, 2)', lambda: len(1, 2)),
    ('len(5)', lambda: len(5)),
    ('int("x")', lambda: int('x')),
    ('C(1)', lambda: C(1)),
    ('object(1)', lambda: object(1)),
]
for label, fn in cases:
    try:
        fn()
        print(label, 'ok')
    except (TypeError, ValueError) as e:
        print(label, '->', type(e).__name__ + ':', e)


class Init:
    def __init__(self, a, *, b):
        self.a = a


for label, fn in [('Init()', lambda: Init()), ('Init(1)', lambda: Init(1)), ('Init(1, 2)', lambda: Init(1, 2))]:
    try:
        fn()
    except TypeError as e:
        print(label, '->', e)


def many(a, b, c, d):
    pass


try:
    many(1)
except TypeError as e:
    print(e)
try:
    many(1, d=2)
except TypeError as e:
    print(e)
