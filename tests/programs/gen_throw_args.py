# throw() with arguments it refuses raises TypeError from the call and leaves the
# generator (or coroutine) as it was; its accepted forms (type, value, traceback); the
# __context__ of what close() and throw() raise in the generator.
import sys
import types


def gen():
    try:
        yield 1
    except TypeError as e:
        print("inside", e)
    yield 2
    yield 3


def check(label, *args):
    g = gen()
    next(g)
    try:
        g.throw(*args)
    except TypeError as e:
        print(label, "->", e)
    print("  generator goes on:", next(g))


check("int", 1)
check("str", "boom")
check("instance with value", ValueError("v"), "extra")
check("bad traceback", ValueError, None, 42)
check("non-exception class", int)


def catcher():
    while True:
        try:
            yield
        except Exception as e:
            print("caught", type(e).__name__, e.args, e.__traceback__ is not None)


c = catcher()
next(c)
c.throw(ValueError)
c.throw(ValueError, "one")
c.throw(ValueError, ("a", "b"))
c.throw(ValueError, ValueError("same"))
c.throw(KeyError("inst"))
try:
    raise IndexError("for a traceback")
except IndexError as e:
    tb = e.__traceback__
c.throw(IndexError, IndexError("with tb"), tb)
c.throw(StopIteration("thrown stop"))


class Odd(Exception):
    def __new__(cls, *args):
        return "not an exception"


try:
    c.throw(Odd)
except TypeError as e:
    print("Odd:", e)
print(next(c))


@types.coroutine
def suspend():
    return (yield "suspended")


async def co():
    try:
        await suspend()
    except TypeError as e:
        print("coroutine inside", e)
    await suspend()
    return "done"


k = co()
print(k.send(None))
try:
    print("throw returned", k.throw(1))      # (raised at the await: CPython checks there)
except TypeError as e:
    print("coroutine outside:", e)
try:
    k.send("value")
except StopIteration as e:
    print("coroutine returned", e.value)


async def no_await():
    return 1


k = no_await()
try:
    k.throw(1)      # not started: raised from the call
except TypeError as e:
    print("unstarted coroutine:", e)
k.close()


def in_handler():
    try:
        raise ValueError("in gen")
    except ValueError:
        try:
            yield 1
        except (GeneratorExit, KeyError) as e:
            print(type(e).__name__, "context:", repr(e.__context__))
            raise


def plain():
    try:
        yield 1
    except (GeneratorExit, KeyError) as e:
        print(type(e).__name__, "context:", repr(e.__context__))
        raise


for make in (in_handler, plain):
    g = make()
    next(g)
    g.close()
    g = make()
    next(g)
    try:
        raise TypeError("caller")
    except TypeError:
        g.close()
    g = make()
    next(g)
    try:
        raise TypeError("caller")
    except TypeError:
        try:
            g.throw(KeyError("k"))
        except KeyError as e:
            print("out:", repr(e), repr(e.__context__))
    g = make()
    next(g)
    try:
        g.throw(GeneratorExit)
    except GeneratorExit as e:
        print("out:", repr(e), repr(e.__context__))
