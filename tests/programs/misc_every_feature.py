# Every core-language feature of tier 0 in one program, working together:
# a tiny inventory system with an event log, pricing rules, async restocking and a report.
from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
from dataclasses import dataclass

import imp_pkg.sub.gamma as gamma   # a package using relative imports (from . / from ..)
from imp_pkg import greet

global LOG_LEVEL                     # `global` at module level is allowed and does nothing
LOG_LEVEL = 1
EVENTS = []


# ---- decorators, closures, nonlocal/global, keyword-only/positional-only, defaults ---------------
def logged(prefix='call', /, *, level=1):
    def decorate(fn):
        count = 0

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            nonlocal count
            global LOG_LEVEL
            count += 1
            if level <= LOG_LEVEL:
                EVENTS.append(f'{prefix}:{fn.__name__}#{count}')
            return fn(*args, **kwargs)
        wrapper.calls = lambda: count
        return wrapper
    return decorate


# ---- classes: metaclass, __init_subclass__, __set_name__, __slots__, super(), __class__, decorators --
class Registry(type):
    kinds = {}

    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns, **kw)
        mcls.kinds[name] = cls
        return cls


class Positive:
    def __set_name__(self, owner, name):
        self.name = '_' + name

    def __get__(self, obj, objtype=None):
        return self if obj is None else getattr(obj, self.name)

    def __set__(self, obj, value):
        if value < 0:
            raise ValueError(f'{self.name[1:]} must be >= 0, got {value}')
        setattr(obj, self.name, value)


def frozen_repr(cls):
    cls.__repr__ = lambda self: f'{type(self).__name__}({self.sku!r}, qty={self.qty})'
    return cls


class Item(metaclass=Registry):
    qty = Positive()
    families = []

    def __init_subclass__(cls, /, family='misc', **kw):
        super().__init_subclass__(**kw)
        cls.family = family
        Item.families.append((cls.__name__, family))

    def __init__(self, sku, qty=0, *, price=1.0):
        self.sku, self.qty, self.price = sku, qty, price

    def value(self):
        return self.qty * self.price

    def describe(self):
        return f'{__class__.__name__}/{type(self).__name__}'

    def __repr__(self):
        return f'<{type(self).__name__} {self.sku}>'


@frozen_repr
class Tool(Item, family='hardware'):
    __slots__ = ('_qty', 'sku', 'price', 'heavy')

    def __init__(self, sku, qty=0, *, price=1.0, heavy=False):
        super().__init__(sku, qty, price=price)
        self.heavy = heavy

    def value(self):
        base = super().value()
        return base * 2 if self.heavy else base


class Food(Item, family='grocery'):
    pass


@dataclass(order=True)
class Rule:
    priority: int
    name: str = 'rule'


# ---- generators: yield, yield from, send/throw/close ---------------------------------------------------
def ids(start):
    n = start
    while True:
        cmd = yield n
        if cmd == 'skip':
            n += 10
        n += 1


def batches(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def flatten(nested):
    for part in nested:
        if isinstance(part, list):
            yield from flatten(part)
        else:
            yield part


def guarded():
    try:
        while True:
            try:
                yield 'ok'
            except KeyError as e:
                yield f'recovered {e}'
    finally:
        EVENTS.append('guarded closed')


# ---- async def / await / async for / async with --------------------------------------------------------
class Supplier:
    def __init__(self, names):
        self.names = list(names)

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.names:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        return self.names.pop(0)


class Truck:
    async def __aenter__(self):
        EVENTS.append('truck arrives')
        return self

    async def __aexit__(self, et, ev, tb):
        EVENTS.append(f'truck leaves ({et.__name__ if et else "clean"})')
        return False


async def restock(store, names):
    async with Truck():
        got = [n async for n in Supplier(names) if n]
        results = await asyncio.gather(*(deliver(store, n, i) for i, n in enumerate(got)))
    return results


async def deliver(store, name, i):
    await asyncio.sleep(0)
    store[name].qty += i + 1
    return name, store[name].qty


# ---- exceptions: try/except/else/finally, raise from, implicit chaining; with; match --------------------
class StockError(Exception):
    pass


@logged('take', level=1)
def take(store, sku, n):
    try:
        item = store[sku]
    except KeyError as e:
        raise StockError(f'unknown sku {sku!r}') from e
    else:
        if item.qty < n:
            try:
                item.qty -= n
            except ValueError:
                raise StockError(f'only {item.qty} of {sku}')   # implicit __context__
        item.qty -= n
        return item.qty
    finally:
        EVENTS.append(f'take {sku}')


@contextlib.contextmanager
def transaction(name):
    EVENTS.append(f'begin {name}')
    try:
        yield name.upper()
    except StockError as e:
        EVENTS.append(f'rollback {name}: {e}')
    else:
        EVENTS.append(f'commit {name}')


def classify(event):
    match event:
        case {'kind': 'sale', 'sku': str(sku), 'n': int(n)} if n > 0:
            return f'sale of {n} {sku}'
        case ('move', src, dst) | ['move', src, dst]:
            return f'move {src}->{dst}'
        case Tool(sku=s, heavy=True):
            return f'heavy tool {s}'
        case Item(sku=s) as it:
            return f'{type(it).__name__} {s}'
        case [first, *rest] if rest:
            return f'list of {1 + len(rest)} starting {first}'
        case 0 | None:
            return 'nothing'
        case _:
            return 'unknown'


def main():
    store = {t.sku: t for t in [Tool('hammer', 3, price=9.5), Tool('anvil', 1, price=100.0, heavy=True),
                                 Food('apple', 40, price=0.25)]}
    # Expressions and operators.
    big = 2 ** 100 // 3 - (-7) // 2 + (-7) % 3
    print(big, 7 // -2, -7 % 3, 2 ** -1, divmod(-17, 5), 1 < 2 <= 2 != 3 > 0, 0 or [] or 'x', 1 and 0)
    print(~5 & 0xff | 1 << 4 ^ 3, abs(-3.5), round(2.675, 2), 10 / 4, 1e300 * 1e300, -0.0 == 0.0)
    print(f'{big:,} {3.14159:.2f} {"txt":>6}|{255:#x} {store["hammer"]!r} {LOG_LEVEL=}')
    # Starred and keyword arguments, unpacking.
    first, *middle, last = sorted(store)
    opts = {'price': 2.0}
    extra = Food(*['pear'], 5, **opts)
    store[extra.sku] = extra
    print(first, middle, last, extra, [*range(3), *'ab'], {**opts, 'qty': 1})
    # Comprehensions (own scope), lambda, walrus, generators.
    values = {sku: round(it.value(), 2) for sku, it in sorted(store.items()) if (v := it.value()) > 0}
    heavy = [s for s, it in store.items() if getattr(it, 'heavy', False)]
    print(values, heavy, sorted(store, key=lambda s: -store[s].qty), v)
    gen = ids(100)
    print(next(gen), gen.send('skip'), next(gen), list(batches(list('abcde'), 2)),
          list(flatten([1, [2, [3, [4]]], 5])))
    g = guarded()
    print(next(g), g.throw(KeyError('k')), next(g))
    g.close()
    # Exceptions, with, implicit/explicit chaining.
    with transaction('sell hammers') as tx:
        print(tx, take(store, 'hammer', 2))
    with transaction('sell ghosts'):
        take(store, 'ghost', 1)
    with transaction('sell too many'):
        take(store, 'anvil', 5)
    try:
        take(store, 'ghost', 1)
    except StockError as e:
        print(e, '<-', type(e.__cause__).__name__)
    try:
        take(store, 'apple', 99)
    except StockError as e:
        print(e, '<-', repr(e.__context__), e.__cause__)
    print(take.calls(), take.__name__)
    # match
    for ev in [{'kind': 'sale', 'sku': 'apple', 'n': 3}, ('move', 'a', 'b'), ['move', 'x', 'y'],
               store['anvil'], store['apple'], [1, 2, 3], None, 'zzz']:
        print(classify(ev))
    # async
    print(asyncio.run(restock(store, ['apple', '', 'pear'])))
    # assert, del, classes, dataclasses, registry
    assert store['apple'].qty == 41, store['apple'].qty
    del store['pear']
    try:
        Tool('bad', -1)
    except ValueError as e:
        print('ValueError', e)
    print(sorted(Registry.kinds), Item.families, Tool.family, Food.family, Item.qty.name)
    print(store['anvil'].describe(), sorted([Rule(2, 'b'), Rule(1, 'a')])[0], Rule(3) < Rule(4))
    try:
        store['anvil'].colour = 'red'
    except AttributeError as e:
        print('slots:', e)
    print(greet('all'), gamma.shout('you'))
    print(EVENTS)
    return 0


if __name__ == '__main__':
    sys.exit(main())
