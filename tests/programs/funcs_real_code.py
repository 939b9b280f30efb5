"""A guest function's __code__ is a real code object (issue 19 item 1): type 'code', every
co_* field CPython reports for each shape of function (positional-only, keyword-only,
*args/**kwargs, cells that are parameters, closures, generators, coroutines, async
generators, lambdas, methods, nested functions), co_consts[0] the docstring; inspect
reads it (signature through functools.wraps chains, getsource, getfullargspec);
types.coroutine edits it; types.FunctionType makes a working function of it (with
defaults and a closure); __code__ assignment and its ValueError; exec/eval of it."""
import asyncio
import functools
import inspect
import types


def shapes():
    def plain(a, b=2, /, c=3, *args, d, e=5, **kw):
        "doc of plain"
        x = a
        y = [x]
        return x, y

    def cell_param(p, q):
        def use():
            return p
        return use

    def only_kw(*, k):
        return k

    async def coro(a):
        await asyncio.sleep(0)
        return a

    def gen(n):
        for i in range(n):
            yield i

    async def agen(n):
        for i in range(n):
            yield i

    lam = lambda u, *v, w=1, **z: u  # noqa: E731
    return [plain, cell_param, cell_param(1, 2), only_kw, coro, gen, agen, lam]


class K:
    def method(self, value):
        total = value
        return total

    @staticmethod
    def static(a, b):
        return a + b

    @classmethod
    def klass(cls, a):
        return cls, a


FIELDS = ("co_name", "co_qualname", "co_argcount", "co_posonlyargcount", "co_kwonlyargcount",
          "co_nlocals", "co_varnames", "co_cellvars", "co_freevars", "co_flags")

for f in shapes() + [K.method, K.static, K.klass.__func__]:
    code = f.__code__
    print(f.__name__, type(code).__name__, isinstance(code, types.CodeType))
    print("   ", [getattr(code, name) for name in FIELDS])
    print("   ", code.co_firstlineno, code.co_filename == __file__, code.co_consts[0])
    print("   ", inspect.signature(f), inspect.getsource(f).splitlines()[0].strip())
    print("   ", inspect.iscoroutinefunction(f), inspect.isgeneratorfunction(f),
          inspect.isasyncgenfunction(f), inspect.getfullargspec(f).args)


# functools.wraps chains: inspect.signature follows __wrapped__ to the innermost function.
def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@logged
@logged
def target(alpha, beta=2, *, gamma):
    """target's doc"""
    return alpha + beta + gamma


print(inspect.signature(target), target.__name__, target.__doc__, target(1, gamma=3))
print(inspect.unwrap(target).__code__.co_varnames, target.__wrapped__.__wrapped__.__name__)
print(inspect.signature(target, follow_wrapped=False))
print(target.__code__.co_name, target.__code__.co_varnames)


# types.coroutine: a generator function that `await` accepts.
@types.coroutine
def legacy(value):
    yield
    return value


async def awaits():
    return await legacy("legacy ok")


print(asyncio.run(awaits()), bool(legacy.__code__.co_flags & 0x100))


# A function made by host means from a guest code object runs the guest body.
def outer():
    base = 10

    def add(x, y=1, *rest, z=0):
        return base + x + y + sum(rest) + z
    return add


add = outer()
again = types.FunctionType(add.__code__, globals(), "again", (5,), add.__closure__)
again.__kwdefaults__ = {"z": 100}
print(again(1), again(1, 2, 3, 4, z=5), again.__name__, again.__code__ is add.__code__)


def values(a, b=7, **extra):
    return a, b, sorted(extra)


print(types.FunctionType(values.__code__, globals())(1, 2, c=3))

# __code__ assignment, and CPython's checks.


def one():
    return 1


def two():
    return 2


one.__code__ = two.__code__
print(one(), one.__name__, one.__code__ is two.__code__)
try:
    one.__code__ = add.__code__
except ValueError as e:
    print("ValueError:", e)
try:
    one.__code__ = "not code"
except TypeError as e:
    print("TypeError:", e)
replaced = two.__code__.replace(co_name="renamed")
one.__code__ = replaced
print(one(), one.__code__.co_name, one.__code__ is replaced)


def returns():
    return "from eval"


print(eval(returns.__code__), exec(returns.__code__))
