# async def / await / asyncio.run / gather / sleep(0): deterministic interleaving and results.
import asyncio
log = []


async def worker(name, n):
    for i in range(n):
        log.append('%s%d' % (name, i))
        await asyncio.sleep(0)
    return name * n


async def add(a, b):
    return a + b


async def chain():
    x = await add(1, 2)
    y = await add(x, 10)
    return y


async def raises():
    await asyncio.sleep(0)
    raise ValueError('async boom')


async def main():
    print(await chain())
    results = await asyncio.gather(worker('a', 3), worker('b', 2), worker('c', 1))
    print(results, log)
    try:
        await raises()
    except ValueError as e:
        print('caught', e)
    r = await asyncio.gather(add(1, 1), raises(), return_exceptions=True)
    print(r[0], type(r[1]).__name__, r[1])
    coro = add(2, 3)
    print(type(coro).__name__)
    print(await coro)
    t = asyncio.create_task(worker('t', 2))
    await asyncio.sleep(0)
    print(await t, t.done())
    print(await asyncio.wait_for(add(4, 4), timeout=5))
    return 'main-done'


print(asyncio.run(main()))


async def nested_await():
    async def inner(x):
        await asyncio.sleep(0)
        return x * 2
    return [await inner(i) for i in range(3)]


print(asyncio.run(nested_await()))


class Awaitable:
    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return 'custom awaitable'


async def use_custom():
    return await Awaitable()


print(asyncio.run(use_custom()))
