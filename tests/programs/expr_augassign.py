# Augmented assignment on names, attributes, subscripts and slices; evaluation counts.
log = []


class Obj:
    def __init__(self):
        self.n = 1
        self.items = [1, 2, 3]


def get(o, tag):
    log.append(tag)
    return o


o = Obj()
get(o, 'obj').n += 10
print(o.n, log)
log.clear()
d = {'k': 5}
get(d, 'dict')[get('k', 'key')] *= 3
print(d, log)
lst = [1, 2, 3, 4, 5]
lst[1:3] += [9, 9]
print(lst)
lst[::2] = [0] * 4 if len(lst[::2]) == 4 else [0] * len(lst[::2])
print(lst)
s = 'ab'
s *= 3
s += 'c'
print(s)
t = (1,)
t += (2, 3)
print(t)
a = [1]
b = a
a += [2]
print(a is b, b)
a = a + [3]
print(a is b, a, b)
x = 7
x -= 2; x *= 3; x //= 2; x %= 4; x **= 3; x <<= 1; x >>= 1; x |= 8; x &= 12; x ^= 5
print(x)
f = 1.5
f /= 2
f -= 0.25
print(f)
m = [[0, 0], [0, 0]]
m[1][0] += 5
m[0][1] -= 1
print(m)
o.items[-1] += 100
print(o.items)
c = {}
c.setdefault('a', []).append(1)
c['n'] = c.get('n', 0) + 1
print(c)
try:
    undefined_name += 1
except NameError as e:
    print('NameError', e)


def local_err():
    y += 1
    return y


try:
    local_err()
except UnboundLocalError as e:
    print('UnboundLocalError', e)
