# gi_code is the function's __code__ at the call, also one assigned to it: types.coroutine
# marks a generator function's code CO_ITERABLE_COROUTINE (CPython's test_types
# CoroutineTests.test_genfunc).
import inspect
import types


def gen():
    yield 1


def check(where):
    g = gen()
    flags = g.gi_code.co_flags
    print(where, g.gi_code.co_name, bool(flags & inspect.CO_ITERABLE_COROUTINE),
          bool(flags & inspect.CO_COROUTINE), g.gi_code is gen.__code__)
    g.close()


check("plain")
print(types.coroutine(gen) is gen)
print(types.coroutine(types.coroutine(gen)) is gen)
for i in range(3):
    check(f"marked {i}")


def other():
    yield "other"


def plain():
    yield "plain"


plain.__code__ = other.__code__
p = plain()
print(p.gi_code.co_name, p.gi_code is other.__code__, next(p))


async def coro():
    return 1


c = coro()
print(c.cr_code.co_name, c.cr_code is coro.__code__)
c.close()


# types.coroutine around a function returning a generator: host code (types'
# _GeneratorWrapper) reads the generator's gi_code/gi_frame/gi_yieldfrom as guest code does
def gen_func():
    yield 1
    return (yield 2)


g = gen_func()


@types.coroutine
def wrapped():
    return g


w = wrapped()
print(type(w).__name__, w.__await__() is g)
print(w.gi_code is g.gi_code, w.cr_code is g.gi_code, w.cr_code.co_name)
print(w.gi_frame is g.gi_frame, w.cr_frame is g.gi_frame, w.gi_frame.f_code.co_name)
print(w.gi_running, w.gi_yieldfrom, w.cr_await)
print(next(w), w.send(None))
try:
    w.send("spam")
except StopIteration as e:
    print("StopIteration", e.value)
print(w.gi_frame, g.gi_frame)
