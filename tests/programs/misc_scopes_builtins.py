# More semantics: class scopes vs comprehensions, exec/eval, float reprs, recursion limit,
# rich comparisons, augmented assignment aliasing, builtins.
class C:
    a = 5
    b = [a * i for i in range(3)] if False else 0
    try:
        c = [a for _ in range(2)]
    except NameError as e:
        c = str(e)
    d = (lambda: 1)()
print(C.c, C.d)
x = 'global'
def f():
    x = 'local'
    class K:
        y = x
        x = 'class'
        z = x
    return K.y, K.z
print(f())
def gen_scope():
    v = 10
    return list(v + i for i in range(3))
print(gen_scope())
exec("q = 5\nprint('exec', q)")
print(eval("q * 2"), eval("[w for w in range(q)]"))
ns = {}
exec("def h(): return 'from exec'", ns)
print(ns['h']())
print(repr(1e16), repr(0.1+0.2), 1/3, float('nan') == float('nan'), int('0x1f', 16), round(0.5), round(1.5))
print(divmod(7.5, 2), 2**0.5, 10**20, -2**63, (-8) ** (1/3) if False else 'skip', pow(3, 4, 5), pow(2, -1, 7))
print(str(b'\x00ab'), bytes(3), bytearray(b'x') + b'y', 'é'.encode(), 'x'.center(5, '*'))
print(sorted({'b': 1, 'a': 2}.items()), list(reversed([1, 2])), dict.fromkeys('ab'), [].sort() is None)
try:
    int('z')
except ValueError as e: print(e)
import sys
def depth(n): return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))
try:
    depth(100000)
except RecursionError as e: print('RecursionError', e)
class Cmp:
    def __eq__(self, o): return 'eq-result'
print(Cmp() == 1, Cmp() != 1, 1 == Cmp())
print(1 < 2 < 3 < 2, (1 < 2) < 3, 'a' < 'b' > 'a')
def star(*args, sep='-'): return sep.join(map(str, args))
print(star(*[1, 2], *(3,), sep='+'), star())
t = (1,)
t += (2,)
l = [1]; l2 = l; l += [2]; print(t, l2, l is l2)
print(any([]), all([]), sum([[1], [2]], []), min('bca'), max([], default=None))
print([i for i in range(10) if i % 2 if i > 3], [(i, j) for i in range(2) for j in range(i, 2)])
print(globals()['__name__'], __name__, type(__builtins__).__name__)
print(f"{'a'!a} {3:>{5}} {12.5:{'.'}{3}}")
print(hash((1, 2)) == hash((1, 2)), id(x) == id(x))
print(*range(3), sep=', ', end='!\n')
