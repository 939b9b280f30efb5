# PEP 479 and friends: StopIteration/StopAsyncIteration inside generators, coroutines and async
# generators (caught inside, thrown in, delegated, converted to RuntimeError), asyncio basics.
import asyncio
async def inner(x):
    await asyncio.sleep(0)
    if x == 3: raise ValueError('three')
    return x * 2
async def main():
    r = await asyncio.gather(inner(1), inner(2))
    print(r)
    try:
        await inner(3)
    except ValueError as e:
        print('caught', e)
    t = asyncio.create_task(inner(5))
    print(await t, t.done())
    async def agen():
        for i in range(3):
            yield i
            await asyncio.sleep(0)
    print([v async for v in agen()])
    g = agen()
    print(await g.__anext__(), await g.asend(None))
    await g.aclose()
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print('timeout')
    async def raiser():
        raise StopIteration('in coro')
    try:
        await raiser()
    except RuntimeError as e:
        print('RuntimeError', e, repr(e.__cause__))
    async def agen_bad():
        yield 1
        raise StopAsyncIteration
    try:
        async for v in agen_bad():
            print('v', v)
    except RuntimeError as e:
        print('RuntimeError', e)
    c = inner(1)
    print(type(c).__name__, asyncio.iscoroutine(c))
    await c
asyncio.run(main())
def gen_throw():
    try:
        yield 1
    except ValueError as e:
        print('got', e)
        yield 2
    yield 3
g = gen_throw(); next(g); print(g.throw(ValueError('x'))); print(next(g))
g = gen_throw()
try:
    g.throw(StopIteration)
except RuntimeError as e: print('unstarted', e)
def deleg():
    r = yield from gen_throw()
    return r
d = deleg(); next(d); print(d.throw(ValueError('y')))
def catch_si():
    try:
        yield 1
    except StopIteration as e:
        yield f'caught {e!r}'
d = catch_si(); next(d); print(d.throw(StopIteration('s')))
def deleg2():
    yield from catch_si()
d = deleg2(); next(d); print(d.throw(StopIteration('t')))
def hostdeleg():
    yield from iter([1, 2])
print(list(hostdeleg()))
import itertools
def nexter(it):
    while True:
        try:
            v = next(it)
        except StopIteration:
            return
        yield v
print(list(nexter(iter('abc'))))
def nexter2(it):
    for x in it:
        yield next(it)
try:
    print(list(nexter2(iter('abc'))))
except RuntimeError as e: print('RuntimeError', e)
def with_gen():
    import contextlib
    with contextlib.suppress(StopIteration):
        yield next(iter([]))
    yield 'after'
print(list(with_gen()))
