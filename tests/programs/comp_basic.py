# List/set/dict comprehensions and generator expressions, nested, with conditions.
print([x * x for x in range(6)], [x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print(sorted({x % 4 for x in range(10)}), {k: v for k, v in zip('abc', range(3))}, {x: x ** 2 for x in range(4) if x})
print([(i, j) for i in range(3) for j in range(i)], [[i * j for j in range(3)] for i in range(3)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix], [list(col) for col in zip(*matrix)], [x for row in matrix for x in row if x % 2])
print(sum(x for x in range(101)), max(len(w) for w in ['a', 'abc', 'ab']), list(x for x in 'hi'), tuple(i for i in range(3)))
print(any(x > 3 for x in [1, 5]), all(x > 0 for x in []), sorted((y for y in [3, 1, 2]), reverse=True))
print(['even' if x % 2 == 0 else 'odd' for x in range(4)], [c.upper() for c in 'abc' if c != 'b'])
print({w: len(w) for w in 'the quick brown fox'.split()}, [str(x) for x in [1, 2.5, None]])
print([(x, y) for x in range(3) if x for y in 'ab' if y != 'a' or x == 1])
print([[y for y in range(x)] for x in range(4)], dict((i, i) for i in range(2)), set(i % 2 for i in range(5)))
g = (x * 2 for x in range(3))
print(next(g), list(g), list(g))
print([i for i in range(3)] == list(range(3)), {i: i for i in []}, [c for c in ''], [x for x in [[], [1]] if x])
print(sum(1 for line in ['a\n', '\n', 'b\n'] if line.strip()), [len(s) for s in ('', 'a', 'ab')])
pairs = {(a, b) for a in range(3) for b in range(3) if a < b}
print(sorted(pairs), len(pairs))
print([y for x in [[1, 2], [3]] for y in x])
