# Asynchronous comprehensions: async for / await in list, set, dict comprehensions and generator
# expressions, nested ones (an inner async comprehension makes the outer one asynchronous),
# and comprehensions whose first iterable is awaited in the enclosing coroutine.
import asyncio
async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i
async def val(x):
    await asyncio.sleep(0)
    return x * 10
async def main():
    a = [x async for x in agen(3)]
    b = [[y async for y in agen(x)] for x in range(3)]
    c = {x: await val(x) for x in range(3)}
    d = [await val(x) for x in range(2) if await val(x) >= 0]
    e = {x async for x in agen(4) if x % 2}
    g = (await val(x) for x in range(3))
    h = [v async for v in g]
    i = [x for x in [await val(1), await val(2)]]
    print(a, b, c, d, e, h, i)
    gen = (x async for x in agen(3))
    print(type(gen).__name__, [v async for v in gen])
    j = list(x + 1 for x in await val(1) and [1, 2])
    k = sum([s async for s in agen(4)]) + len({await val(0)})
    m = [[z async for z in agen(2)] for _ in await val(1) and 'ab']
    print(j, k, m)
    async def inner_comp():
        return {i: [w async for w in agen(i)] for i in range(3)}
    print(await inner_comp())
asyncio.run(main())
