# While an exception is handled, the frames it passed through keep their locals alive
# (CPython 3.11: the traceback holds tb_frame): the __del__ of an object only a local of
# the raising function referred to runs when the exception is dropped -- after the except
# block, after `e` is deleted at its end, or when a traceback kept from sys.exc_info() is
# deleted -- not at the raise; inner frames first. Nested functions, a finally clause on the way, a generator
# the for loop resumes, a re-raise, and an exception chained to another. (Still open: a
# handler that reads the traceback -- a call in it, `as e` -- and then re-raises releases
# the outer frame's locals before the inner one's; CPython releases the inner first.)
import sys


class D:
    def __init__(self, t):
        self.t = t

    def __del__(self):
        print("del", self.t)


def raiser(t):
    d = D(t)
    raise ValueError(t)


def nested(t):
    d2 = D(t + "-outer")
    raiser(t)


try:
    raiser("a")
except ValueError:
    print("handler a")
print("after a")

try:
    nested("b")
except ValueError as e:
    print("handler b", e)
print("after b")


def excinfo():
    try:
        raiser("d")
    except ValueError:
        tb = sys.exc_info()[2]
        print("handler d")
    print("after handler d")
    del tb
    print("deleted tb d")


excinfo()


def noname():
    try:
        raiser("e")
    except ValueError:
        print("handler e")
    print("after e")


noname()


def finally_on_the_way():
    try:
        try:
            raiser("f")
        finally:
            print("finally f")
    except ValueError:
        print("handler f")
    print("after f")


finally_on_the_way()


def gen(t):
    g = D(t)
    yield 1
    raise ValueError(t)


try:
    for v in gen("g"):
        print("got", v)
except ValueError:
    print("handler g")
print("after g")


def reraiser(t):
    r = D(t)
    try:
        raiser(t + "-inner")
    except ValueError:
        raise


try:
    reraiser("r")
except ValueError as e:
    print("handler r", e)
print("after r")


def plain_raiser(t):
    raise ValueError(t)


def chained(t):
    c = D(t)
    try:
        plain_raiser(t + "-ctx")
    except ValueError:
        raise RuntimeError(t)


try:
    chained("ch")
except RuntimeError as e:
    print("handler ch", e, e.__context__)
print("after ch")
kept = None
try:
    raiser("kept")
except ValueError as e:
    kept = e
print("kept", kept)
kept = None
print("dropped kept")


# several locals per frame, two frames: inner frame first, each frame's in order
def two(t):
    first = D(t + "1")
    second = D(t + "2")
    raise KeyError(t)


def mid(t):
    m = D(t + "-mid")
    two(t)


try:
    mid("x")
except KeyError:
    print("handler x")
print("after x")
