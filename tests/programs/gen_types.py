# Guest generators are real generator objects: types.GeneratorType, inspect.isgenerator, names and
# reprs, generator states; types.coroutine generators can be awaited, plain ones cannot.
import types, inspect, collections.abc
def g():
    yield 1
x = g()
print(isinstance(x, types.GeneratorType), inspect.isgenerator(x), isinstance(x, collections.abc.Generator))
print(type(x).__name__, x.__name__, x.__qualname__, repr(x).split(' at ')[0])
print(inspect.getgeneratorstate(x)); next(x); print(inspect.getgeneratorstate(x))
ge = (i for i in range(3))
print(type(ge).__name__, isinstance(ge, types.GeneratorType), ge.__name__, repr(ge).split(' at ')[0])
class C:
    def m(self):
        yield self
print(repr(C().m()).split(' at ')[0])
@types.coroutine
def legacy():
    yield
async def uses():
    await legacy()
    try:
        await g()
    except TypeError as e:
        print('TypeError', e)
import asyncio
asyncio.run(uses())
def deleg():
    r = yield from g()
    yield r
print(list(deleg()))
