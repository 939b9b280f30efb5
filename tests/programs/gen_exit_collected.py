# Generators closed when they are collected: a GeneratorExit handler that yields again is
# reported on stderr ("Exception ignored in: <generator object ...>", with the program's
# traceback where CPython has one), handlers and finally clauses run once, in reference
# cycles too; async generators' aclose() and athrow().
import gc


def ignoring(tag):
    try:
        yield 1
    except GeneratorExit:
        print("ignoring", tag)
    yield 2


g = ignoring("del")
next(g)
del g
print("after del")


def local():
    h = ignoring("local")
    next(h)
    print("leaving local")


local()
print("after local")


def with_finally(tag):
    try:
        yield tag
    finally:
        print("finally", tag)


class Holder:
    pass


for i in range(3):
    h = Holder()
    h.gen = with_finally(f"cycle {i}")
    h.me = h
    next(h.gen)
    del h
gc.collect()
print("collected")


def catcher(log):
    while True:
        try:
            yield
        except KeyError as e:
            log.append(str(e))


for i in range(3):
    log = []
    c = catcher(log)
    next(c)
    c.throw(KeyError(i))
    log.append(c)          # a cycle: log -> generator -> its frame -> log
    del c, log
gc.collect()
print("catchers collected")


async def agen():
    for i in range(3):
        try:
            yield i
        except GeneratorExit:
            print("agen caught", i)
            raise
        finally:
            print("agen finally", i)


def step(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    except StopAsyncIteration:
        return "StopAsyncIteration"


a = agen()
print(step(a.__anext__()), step(a.__anext__()))
print(step(a.aclose()))
print(step(a.__anext__()))


async def agen_ignoring():
    try:
        yield 1
    except GeneratorExit:
        print("agen ignoring")
    yield 2


a = agen_ignoring()
step(a.__anext__())
try:
    step(a.aclose())
except RuntimeError as e:
    print("RuntimeError:", e)


async def agen_catching():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("agen caught", repr(e))


a = agen_catching()
step(a.__anext__())
print(step(a.athrow(ValueError("v"))))
try:
    step(a.athrow(1))
except TypeError as e:
    print("athrow(1):", e)
print(step(a.__anext__()))
step(a.aclose())

at_exit = ignoring("at exit")
next(at_exit)
print("end")
