# Comparison chaining: evaluation count and short-circuit; mixed-type comparisons.
calls = []


def v(x):
    calls.append(x)
    return x


print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1.0 == True, 1 < 2 > 0 < 5)
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(1) < v(0) < v(3), calls)
calls.clear()
print(v(5) == v(5) != v(6) is not None, calls)
x = 5
print(0 <= x < 10, 0 <= x < 5, x in [5] in [[5]], 1 < x not in (1, 2))
print('a' < 'b' < 'c', 'abc' < 'abd', [1, 2] < [1, 2, 0], (1, 'a') < (1, 'b'), (1, 2) == (1, 2))
print([1, [2, 3]] == [1, [2, 3]], {1: 2} == {1: 2}, {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2})
print(1 == 1.0, 1 != 1.0, 2 ** 53 + 1 == float(2 ** 53 + 1), 0.5 < 1 < 1.5)
for a, b in [(1, 'a'), ([], ()), (None, 0), ({}, {})]:
    try:
        print(a < b)
    except TypeError as e:
        print('TypeError', e)
print(None == None, None != 0, [] == [], [] is not [], 'x' * 3 == 'xxx')
nan = float('nan')
print(nan < 1, nan > 1, nan == nan, [nan] == [nan], 1 < 2 == 2.0 < 3 is not None)
