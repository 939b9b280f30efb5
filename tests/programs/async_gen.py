# Async generators: async for over them, asend/athrow/aclose, async comprehensions, finally.
import asyncio


async def agen(n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i * 10
    finally:
        print('agen cleanup', n)


async def echo():
    received = None
    while True:
        received = yield received
        if received == 'stop':
            return


async def main():
    async for v in agen(3):
        print('got', v)
    print([v async for v in agen(2)])
    e = echo()
    print(await e.__anext__())
    print(await e.asend('hello'), await e.asend('world'))
    try:
        await e.asend('stop')
    except StopAsyncIteration:
        print('StopAsyncIteration')
    g = agen(10)
    print(await g.__anext__(), await g.__anext__())
    await g.aclose()
    print('closed')
    g2 = agen(5)
    await g2.__anext__()
    try:
        await g2.athrow(KeyError('thrown'))
    except KeyError as ex:
        print('athrow propagated', ex)
    print(type(agen(1)).__name__)
    total = 0
    g3 = agen(4)
    async for v in g3:
        total += v
        if v >= 20:
            break
    print('total', total)
    await g3.aclose()
    print('after explicit aclose')


asyncio.run(main())
