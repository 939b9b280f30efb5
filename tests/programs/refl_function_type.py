"""Guest functions are functions to host libraries (issue 19 item 1): isinstance(f,
types.FunctionType), inspect.isfunction/iscoroutinefunction/isgeneratorfunction/
isasyncgenfunction, asyncio.iscoroutinefunction, inspect.getfullargspec, the code object's co_* fields (co_flags with CO_NESTED, no CO_NOFREE),
type(f).__name__, doctest finding a module's guest functions, unittest loading a test by
name, singledispatch on a function argument; eval() of a function's code object."""
import asyncio
import doctest
import functools
import inspect
import sys
import types
import unittest


def plain(a, b=2, *args, c=3, **kw):
    """A docstring.

    >>> plain(1)
    1
    >>> plain(40) + 2
    42
    """
    return a


async def coro():
    pass


def gen():
    yield 1


async def agen():
    yield 1


def outer():
    x = 1

    def inner():
        return x

    def nested_no_free():
        return 2
    return inner, nested_no_free


inner, nested_no_free = outer()
lam = lambda e: e  # noqa: E731

for f in (plain, coro, gen, agen, inner, nested_no_free, lam):
    code = f.__code__
    print(f.__name__, isinstance(f, types.FunctionType), inspect.isfunction(f),
          inspect.iscoroutinefunction(f), inspect.isgeneratorfunction(f),
          inspect.isasyncgenfunction(f), asyncio.iscoroutinefunction(f))
    print("   ", code.co_name, code.co_qualname, code.co_argcount, code.co_kwonlyargcount,
          code.co_posonlyargcount, code.co_varnames, code.co_freevars, code.co_flags,
          code.co_firstlineno, code.co_filename == __file__)
print(type(plain).__name__, type(plain), plain.__class__)
print(inspect.getmodule(plain).__name__)
print(inspect.getfullargspec(plain))
print(inspect.signature(plain), inspect.isroutine(plain), inspect.ismethod(plain))
print([name for name, _ in inspect.getmembers(sys.modules[__name__], inspect.isfunction)][:6])


class Case(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(plain(5), 5)


print([t.name for t in doctest.DocTestFinder().find(sys.modules[__name__]) if t.examples])
runner = doctest.DocTestRunner()
for t in doctest.DocTestFinder().find(plain, "plain", globs={"plain": plain}):
    runner.run(t)
print(runner.summarize(verbose=False))
suite = unittest.defaultTestLoader.loadTestsFromName("Case.test_ok", sys.modules[__name__])
print(suite.countTestCases(), type(suite).__name__)


@functools.singledispatch
def kind(obj):
    return "object"


@kind.register
def _(obj: types.FunctionType):
    return "function"


print(kind(plain), kind(1), kind(lam))


def returns_value():
    return "from eval"


print(eval(returns_value.__code__), exec(returns_value.__code__))
