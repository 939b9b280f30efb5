# async for / async with: __aiter__/__anext__, __aenter__/__aexit__, suppression, ordering.
import asyncio


class Ticker:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i


class Res:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress

    async def __aenter__(self):
        print('enter', self.name)
        return self.name.upper()

    async def __aexit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev)
        return self.suppress


async def main():
    async for t in Ticker(3):
        print('tick', t)
    print([x async for x in Ticker(4) if x % 2 == 0])
    async with Res('a') as a, Res('b') as b:
        print('inside', a, b)
    async with Res('s', suppress=True):
        raise KeyError('suppressed')
    print('after suppress')
    try:
        async with Res('n'):
            raise ValueError('not suppressed')
    except ValueError as e:
        print('propagated', e)
    async for t in Ticker(5):
        if t == 2:
            continue
        if t == 4:
            break
        print('loop', t)
    else:
        print('no else after break')


asyncio.run(main())
