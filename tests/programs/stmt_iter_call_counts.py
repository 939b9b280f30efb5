# An iterator's __iter__ and __next__ are called exactly as often as CPython 3.11 calls
# them: once __iter__ per for loop, comprehension, generator expression and unpacking
# (tier 0 handed the iterator iter() made to a host loop, which called __iter__ again;
# the native tier's loop entry called it twice more and __next__ once after the end),
# twice for a starred unpacking (CPython's list(it) of the rest), none after StopIteration.
class It:
    def __init__(self): self.n = 0
    def __iter__(self):
        print("iter")
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
def g():
    print([v for v in It()])
    print({v for v in It()})
    print(list(v for v in It()))
    it = It()
    for v in it:
        pass
g()
print([v for v in It()])
class It2:
    def __init__(self): self.n = 0
    def __iter__(self):
        print("iter")
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
a, b = It2()
print(a, b)
def f():
    a, b = It2()
    c, *d = It2()
    return a, b, c, d
print(f())
print(sorted(It2()), list(It2()), tuple(It2()), set(It2()), dict.fromkeys(It2()))
print(*It2())
print(max(It2()), sum(It2()), [*It2()])
def g():
    yield from It2()
print(list(g()))
import itertools
print(list(itertools.chain(It2(), It2())))
print(list(zip(It2(), It2())), list(enumerate(It2())), list(map(str, It2())))
def short():
    yield 1
for src in ([1], (), short(), "a"):
    try:
        a, b, *c = src
    except ValueError as e:
        print(e)
    try:
        *c, a, b = src
    except ValueError as e:
        print(e)
try:
    a, *b = 5
except TypeError as e:
    print(e)
x, *y, z = range(10)
print(x, y, z)
