# set/frozenset and tuple methods; outputs are sorted so they do not depend on hash order.
s = {3, 1, 2}
s.add(4)
s.add(1)
s.discard(10)
s.remove(2)
print(sorted(s), len(s), 3 in s)
try:
    s.remove(99)
except KeyError as e:
    print('KeyError', e)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a <= b, {3} < b, a >= {1}, a.isdisjoint({9}))
print(sorted(a.union([7], (8,))), sorted(a.intersection(b, {4})), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
c = set(a)
c &= {1, 2}
c |= {10}
c -= {1}
c ^= {2, 20}
print(sorted(c), c.issubset({10, 20, 30}), set(), frozenset())
f = frozenset([1, 2, 2])
print(sorted(f), f | {3} == {1, 2, 3}, type(f | {3}).__name__, type({3} | f).__name__, hash(f) == hash(frozenset([2, 1])))
try:
    {[]}
except TypeError as e:
    print('TypeError', e)
try:
    set().pop()
except KeyError as e:
    print('KeyError', e)
print(sorted({x % 3 for x in range(10)}), {1, 2} == {2, 1}, {frozenset({1}): 'k'}[frozenset({1})])
print(sorted(set('hello')), len(set('hello')), {1, 1.0, True}, sorted({'b', 'a', 'c'}))
t = (1, 2, 3, 2)
print(t.count(2), t.index(3), t[1:], t + (4,), t * 2, len(t), (1,), (), tuple('ab'), tuple([1]))
try:
    t.index(9)
except ValueError as e:
    print('ValueError', e)
try:
    t[0] = 5
except TypeError as e:
    print('TypeError', e)
print((1, [2]) == (1, [2]), (1, 2) < (1, 3), (2,) > (1, 9), hash((1, 2)) == hash((1, 2)), max((1, 5, 2)))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], sum(x for x, _ in [(1, 'a'), (2, 'b')]), tuple(sorted((3, 1, 2))))
