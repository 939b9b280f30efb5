"""A function frame's f_code is its function's __code__, as CPython's: sys._getframe(),
inspect.currentframe()/stack(), a caller's frame through f_back, methods, lambdas,
closures, generators and coroutines; a module frame's f_code names <module>."""
import asyncio, inspect, sys


def plain():
    frame = sys._getframe()
    return frame.f_code is plain.__code__, inspect.currentframe().f_code is plain.__code__


def outer():
    def inner():
        return sys._getframe(1).f_code
    return inner() is outer.__code__, inner


class C:
    def method(self):
        return sys._getframe().f_code

    @staticmethod
    def static():
        return inspect.stack()[0].frame.f_code

    @property
    def prop(self):
        return sys._getframe().f_code


def gen():
    yield sys._getframe().f_code


async def coro():
    return sys._getframe().f_code


lam = lambda: sys._getframe().f_code     # noqa: E731
print(plain())
same, inner = outer()
print(same, inner.__code__.co_name, inner.__code__.co_qualname)
print(C().method() is C.method.__code__, C.static() is C.static.__code__,
      C().prop is C.prop.fget.__code__)
print(next(gen()) is gen.__code__, asyncio.run(coro()) is coro.__code__, lam() is lam.__code__)
code = plain.__code__
print(code.co_name, code.co_filename == __file__, code.co_firstlineno, type(code).__name__)
here = sys._getframe()
print(here.f_code.co_name, here.f_code.co_filename == __file__)


def caller_name():
    return sys._getframe(1).f_code.co_name


def who():
    return caller_name()


print(who(), [caller_name() for _ in range(2)])
