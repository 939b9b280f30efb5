# Assignment expressions (:=): in conditions, loops, comprehensions (binding in the enclosing scope).
import re

data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print('long list', n)

it = iter(data)
while (x := next(it, None)) is not None:
    if x > 5:
        print('first big', x)
        break

lines = ['a=1', 'junk', 'b=22']
pairs = [m.groups() for line in lines if (m := re.match(r'(\w)=(\d+)', line))]
print(pairs, m.group(0))

values = [y for v in data if (y := v * 2) > 6]
print(values, y)


def scope():
    acc = 0
    squares = [(acc := acc + v * v) for v in range(4)]
    return squares, acc


print(scope())
print((z := 5) + z, z)
print([w := 1, w + 1], {'k': (q := 'v')}, q)


def walrus_in_lambda_default(f=lambda: (t := 3) * t):
    return f()


print(walrus_in_lambda_default())
# In a generator expression the target lives in the enclosing function scope.


def genexp_scope():
    last = None
    g = (last := c for c in 'xyz')
    out = list(g)
    return out, last


print(genexp_scope())
# Walrus in a comprehension condition at module level binds a global.
found = any((hit := v) > 8 for v in data)
print(found, hit)
print(f'{(fv := 10)}', fv)
