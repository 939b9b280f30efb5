# Comprehension scoping: loop variables do not leak, closures over them, class-body rules.
x = 'outer'
lst = [x for x in range(3)]
print(x, lst)
y = 'keep'
gen = (y for y in 'ab')
print(y, list(gen))
i = 'i before'
{i: i for i in range(2)}
{i for i in range(2)}
print(i)
fs = [lambda: n for n in range(3)]
print([f() for f in fs])
fs2 = [(lambda n=n: n) for n in range(3)]
print([f() for f in fs2])
print([[i for i in range(2)] for i in range(3)])


class A:
    v = 10
    items = [1, 2, 3]
    scaled = [i * 2 for i in items]
    try:
        broken = [v + i for i in range(2)]
    except NameError as e:
        err = str(e)
    firsts = [(lambda q: q)(w) for w in 'xy']


print(A.scaled, A.err, A.firsts, hasattr(A, 'i'), hasattr(A, 'w'))


def f():
    z = 5
    return [z + k for k in range(3)], {k: z for k in 'a'}


print(f())
data = [1, 2, 3]
print([data for data in data])
print(data)
total = 0
results = [total := total + v for v in [1, 2, 3]]
print(results, total)


def g():
    out = [last := k for k in range(4)]
    return out, last


print(g())
outer_val = 100
print([outer_val + a for a in range(2)], (lambda: [outer_val for _ in range(1)])())
n = 3
print([n for n in range(n)])
print(n)
