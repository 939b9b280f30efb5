# Async generators and sys.set_asyncgen_hooks: firstiter sees a generator at its first
# __anext__/asend/athrow/aclose, and one dropped while suspended goes to the finalizer
# hook (asyncio schedules its aclose() on the loop: an `async for` left by break runs
# its finally clause later, not at the break), as CPython's.
import asyncio
import sys


async def numbers(tag):
    try:
        for i in range(3):
            yield i
            await asyncio.sleep(0)
    finally:
        print("finally", tag)


async def main():
    async for v in numbers("broken"):
        print("v", v)
        if v == 1:
            break
    print("after break")
    a = numbers("closed")
    print(await a.__anext__())
    await a.aclose()
    print("closed")
    async for v in numbers("dropped mid-way"):
        break
    await asyncio.sleep(0)
    print("after a loop turn")


asyncio.run(main())
print("run done")

seen = []


def firstiter(agen):
    print("firstiter", agen.__name__)
    seen.append(agen.__name__)


def finalizer(agen):
    print("finalizer", agen.__name__)


old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter, finalizer)


def step(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    except StopAsyncIteration:
        return "exhausted"


async def plain():
    try:
        yield 1
        yield 2
    finally:
        print("plain finally")


g = plain()
print("made")
print(step(g.__anext__()))
g = None
print("dropped")
g = plain()
print(step(g.__anext__()), step(g.__anext__()), step(g.__anext__()))
g = None
print("exhausted one dropped")
never = plain()
never = None
sys.set_asyncgen_hooks(*old)
g = plain()
step(g.__anext__())
g = None
print("no hooks: closed when dropped", seen)
