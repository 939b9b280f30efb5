# Assorted semantics: class-body scopes, __class__, nonlocal, generator close, metaclass __call__,
# unpacking, operators, f-strings, slots, properties.
class A:
    x = 1
    ys = [x for _ in range(2)] if False else None
    def f(self): return __class__
    @classmethod
    def c(cls): return super().__repr__ is not None
    @staticmethod
    def st(): return 'st'
print(A().f().__name__, A.c(), A.st())
def outer():
    x = 0
    def inc():
        nonlocal x
        x += 1
        return x
    inc(); inc()
    return x, inc.__closure__[0].cell_contents
print(outer())
def g():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
it = g(); next(it); it.close(); print('closed')
def g2():
    try:
        yield 1
    except GeneratorExit:
        yield 'bad'
it = g2(); next(it)
try:
    it.close()
except RuntimeError as e: print(e)
def g3():
    x = yield from g4()
    print('g4 returned', x)
def g4():
    yield 'a'
    return 'ret'
print(list(g3()))
class M(type):
    def __call__(cls, *a):
        print('meta call', a)
        return super().__call__(*a)
class B(metaclass=M):
    def __init__(self, v): self.v = v
print(B(3).v)
x = [i for i in range(3) for j in range(i)]
print(x, {i: j for i, j in zip('ab', 'cd')}, {i % 2 for i in range(5)})
def kw(a, /, b, *, c=3, **rest): return a, b, c, rest
print(kw(1, b=2, d=4), kw(1, 2, c=5))
print(f"{'nested' + f'{1+1}'!r:>12}", f"{3.0:g}", f"{{braces}}", f"{1_000_000:_}")
import functools
@functools.lru_cache(None)
def fibc(n): return n if n < 2 else fibc(n-1) + fibc(n-2)
print(fibc(80))
print(sorted([3,1,2], key=lambda v: -v), list(map(str, range(3))))
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
print(1 if 0 else 2 if 0 else 3, not 0, -(-3), 2**-2, 7 // 2.0, -7 // 2, 5 % -3, True + True)
print([*'ab', *{'k': 1}], {**{'a': 1}, 'b': 2})
print(type(iter(range(3))).__name__, type(x for x in []).__name__, (lambda: (yield)).__name__)
class S:
    __slots__ = ('a',)
s = S()
try: s.b = 1
except AttributeError as e: print(e)
class P:
    @property
    def v(self): return 42
    @v.setter
    def v(self, val): print('set', val)
p = P(); p.v = 5; print(p.v)
try:
    P.v = 1; print(P.v)
except Exception as e: print(e)
