# Slicing with steps, negative indices, slice objects, slice assignment and deletion.
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[:-7], s[::2], s[1::3], s[::-1], s[8:2:-2], s[-1:-4:-1])
print(s[100:], s[-100:2], s[5:2], s[2:5:-1], s[::-3])
t = 'hello world'
print(t[::-1], t[1:8:2], t[-5:], t[:0], t[3:3])
print((1, 2, 3, 4)[1::2], b'abcdef'[::2], bytearray(b'xyz')[1:], range(20)[3:15:4])
sl = slice(1, 8, 3)
print(s[sl], sl.start, sl.stop, sl.step, sl.indices(5), slice(None, None, -1).indices(4))
a = list(range(8))
a[2:4] = ['a', 'b', 'c']
print(a)
a[::2] = 'vwxyz'
print(a)
a[1:1] = [None]
print(a)
del a[::3]
print(a)
del a[-2:]
print(a)
try:
    a[::2] = [1]
except ValueError as e:
    print('ValueError', e)
try:
    s[::0]
except ValueError as e:
    print('ValueError', e)
try:
    'abc'[5]
except IndexError as e:
    print('IndexError', e)
try:
    [1][-2]
except IndexError as e:
    print('IndexError', e)


class S:
    def __getitem__(self, k):
        return k


print(S()[1:2], S()[::], S()[1:2, 3], S()[..., 0], S()[:, None])
m = list(range(5))
m[1:4] = []
print(m)
m[:] = (7, 8)
print(m)
