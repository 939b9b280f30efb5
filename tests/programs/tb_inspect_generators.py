# Tracebacks read inside generators and coroutines show guest frames, as in CPython.
import sys
import traceback


def fail(x):
    raise ValueError(x)


def producer():
    for i in range(3):
        try:
            yield i
            fail(i)
        except ValueError:
            yield [(fs.name, fs.lineno) for fs in traceback.extract_tb(sys.exc_info()[2])]


print(list(producer()))


async def coro():
    try:
        fail("async")
    except ValueError as e:
        return [(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)]


import asyncio
print(asyncio.run(coro()))
