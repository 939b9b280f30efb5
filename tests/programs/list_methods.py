# list methods and behaviour: mutation, sort stability, errors, aliasing, repr.
l = [3, 1, 2]
l.append(4)
l.extend([5, 6])
l.insert(0, 0)
l.insert(-1, 'x')
l.insert(100, 'end')
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove('x') if 'x' in l else None
print(l, l.index(2), l.count(1))
try:
    l.remove(99)
except ValueError as e:
    print('ValueError', e)
try:
    [].pop()
except IndexError as e:
    print('IndexError', e)
try:
    l.index(99)
except ValueError as e:
    print('ValueError', e)
l.sort()
print(l)
l.sort(reverse=True)
print(l)
l.reverse()
print(l, l.copy() == l, l.copy() is l)
words = ['bb', 'a', 'ccc', 'dd', 'e']
print(sorted(words, key=len), sorted(words, key=len, reverse=True), sorted(words))
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
pairs.sort(key=lambda p: p[0])
print(pairs)
try:
    [1, 'a'].sort()
except TypeError as e:
    print('TypeError', e)
m = [[0] * 2] * 2
m[0][0] = 1
print(m)
m2 = [[0] * 2 for _ in range(2)]
m2[0][0] = 1
print(m2)
l.clear()
print(l, len(l), [1, 2] * 2, [0] * 0, list('ab'), list(range(3)), list({'k': 1}))
print([1, 2, 3] + [4], [1, [2, [3]]], [None, True, 1.5, 'str', b'b'], [[]] == [[]])
a = [1, 2, 3]
b = a
b += [4]
a[1:2] = []
print(a, b, a is b)
print(sum([[1], [2]], []), max([3, 9, 2]), min([[2], [1, 5]]), list(map(abs, [-1, 2])))
nums = list(range(10))
del nums[2:8:2]
print(nums, nums[::-1], [x for x in reversed(nums)])
