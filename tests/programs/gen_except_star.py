# except* inside generators and coroutines: handlers that yield, StopIteration thrown in, asyncio.TaskGroup.
def gen():
    for i in range(3):
        try:
            yield i
            if i == 1:
                raise ExceptionGroup('g', [ValueError(i), KeyError(i)])
        except* ValueError as e:
            yield f'handled {e.exceptions}'
        except* KeyError:
            print('key part')
            yield 'after key'
try:
    for v in gen():
        print(v)
except Exception as e:
    print('escaped', repr(e))
def gen2():
    try:
        yield 1
    except* StopIteration as e:
        yield f'stop inside {e!r}'
g = gen2(); next(g); print(g.throw(StopIteration('s')))
def gen3():
    try:
        yield next(iter([]))
    except* TypeError:
        pass
try:
    list(gen3())
except RuntimeError as e:
    print('RuntimeError', e, repr(e.__cause__))
import asyncio
async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(asyncio.sleep(0))
            async def boom(): raise ValueError('in task')
            tg.create_task(boom())
    except* ValueError as eg:
        print('task group', eg.exceptions)
asyncio.run(main())
def gen4():
    try:
        yield 1
        raise ValueError('naked')
    except* ValueError:
        raise
try:
    list(gen4())
except BaseException as e:
    print(repr(e))
