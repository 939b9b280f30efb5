"""An exception raised by a function called with fewer arguments than parameters (defaults
filled in) or with the wrong count has no __context__ of the engine's making."""


def one(a=1):
    raise KeyError(a)


def two(a, b=2):
    raise KeyError(a, b)


def three(a, b, c=3):
    raise KeyError(a, b, c)


class C:
    def method(self, x=0):
        raise ValueError(x)


calls = [lambda: one(), lambda: two(1), lambda: three(1, 2), lambda: C().method(),
         lambda: one(1, 2), lambda: two(), lambda: two(1, 2, 3), lambda: C().method(1, 2)]
for call in calls:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e, repr(e.__context__), e.__suppress_context__)


def outer():
    try:
        two(5)
    except KeyError:
        raise RuntimeError("outer")


try:
    outer()
except RuntimeError as e:
    print(repr(e.__context__), repr(e.__context__.__context__))
two(7)
