# Lambdas: defaults, closures, immediately invoked, in sort keys, returning lambdas, __name__.
sq = lambda x: x * x
print(sq(7), sq.__name__, (lambda: 'iife')(), (lambda a, b=2, *c, d=4, **e: (a, b, c, d, e))(1, 3, 5, f=6))
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, lambda x: x + 1)(3), compose(str, abs)(-5))
data = [('b', 2), ('a', 3), ('c', 1)]
print(sorted(data, key=lambda p: p[1]), sorted(data, key=lambda p: (-p[1], p[0])), max(data, key=lambda p: p[0]))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])), list(filter(lambda s: len(s) > 1, ['a', 'bb', 'ccc'])))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
y = 10
lam_global = lambda: y
y = 11
print(lam_global())
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3), curry('x')('y')('z'))
ops = {'+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b}
print({k: f(6, 3) for k, f in ops.items()})
print((lambda *args: sum(args))(1, 2, 3), (lambda **kw: sorted(kw))(b=1, a=2))
print([(lambda x=x: x * 2)() for x in range(4)], (lambda: (yield))  .__name__)
gen_lam = lambda: (yield 5)
g = gen_lam()
print(next(g), type(g).__name__)
nested = lambda x: (lambda y: x + y)
print(nested(1)(2), callable(nested), (lambda: None)() is None)
