# Tuple/list unpacking, starred targets, nested targets, multiple targets, errors.
a, b = 1, 2
a, b = b, a
print(a, b)
x = y = z = [0]
x.append(1)
print(x, y, z, x is z)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'abcd'
print(init, last)
h, *mid, t = range(6)
print(h, mid, t)
p, *q = [9]
print(p, q)
(a, b), c, [d, *e] = (1, 2), 3, [4, 5, 6]
print(a, b, c, d, e)
for i, (k, v) in enumerate({'x': 1, 'y': 2}.items()):
    print(i, k, v)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 5
print(i, lst)
print([*range(3), *'ab'], (*[1, 2],), {*[1, 1, 2]}, {**{'a': 1}, 'b': 2, **{'a': 3}})
print(*[1, 2, 3], sep='-')
for bad in ([1], [1, 2, 3, 4], 5):
    try:
        a, b, c = bad
    except (ValueError, TypeError) as ex:
        print(type(ex).__name__, ex)
try:
    a, *b, c = [1]
except ValueError as ex:
    print('ValueError', ex)
d = {}
d['a'], d['b'] = 'xy'
print(d)


class O:
    pass


o = O()
o.a, o.b = 1, 2
print(o.a, o.b)
a, b = b, a = 1, 2
print(a, b)
[a, b] = (b, a)
print(a, b)
(s,) = {42}
print(s)
