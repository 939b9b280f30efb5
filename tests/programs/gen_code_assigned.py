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
