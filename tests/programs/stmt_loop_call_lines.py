# The line a frame shows while a loop's implicit calls run (CPython 3.11): next() of a
# for loop at the `for` line (not the last statement of the body; also after continue,
# in generator functions, and in a traceback through a generator the loop resumes), a
# while test at the `while` line, __iter__/__enter__/__exit__ at their statement's line.
import sys
def gen():
    for i in range(3):
        print("gen sees caller line", sys._getframe(1).f_lineno)
        yield i

def f():
    for x in gen():
        a = 1
        b = 2
    print("done")
f()

class It:
    def __init__(self): self.n = 0
    def __iter__(self):
        print("iter at", sys._getframe(1).f_lineno)
        return self
    def __next__(self):
        print("next at", sys._getframe(1).f_lineno)
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
    def __enter__(self):
        print("enter at", sys._getframe(1).f_lineno)
        return self
    def __exit__(self, *a):
        print("exit at", sys._getframe(1).f_lineno)
    def __bool__(self):
        print("bool at", sys._getframe(1).f_lineno)
        self.n += 1
        return self.n < 3

def g():
    it = It()
    for v in it:
        q = v
        r = v
    with It() as w:
        q = 1
        r = 2
    it = It()
    while it:
        q = 1
        r = 2
    print([v
           for v in It()])
    with It() as w:
        q = 1
        raise_it = 0
g()

def bad():
    yield 1
    raise ValueError("inside")

def h():
    for x in bad():
        y = x
        z = x
try:
    h()
except ValueError:
    import traceback
    traceback.print_exc(file=sys.stdout)

def src():
    for i in range(3):
        print("src caller line", sys._getframe(1).f_lineno)
        yield i

def outer_gen():
    for x in src():
        a = 1
        yield x
        b = 2
    for x in src():
        if x == 1:
            continue
        c = x
        d = x

print(list(outer_gen()))
def comp():
    return [x
            for x in src()
            if x >= 0]
print(comp())
def tb_gen2():
    yield 1
    raise KeyError("k")
def inner():
    for x in tb_gen2():
        y = 1
        z = 2
def outer():
    for v in range(2):
        inner()
try:
    outer()
except KeyError:
    import traceback
    traceback.print_exc(file=sys.stdout)
def w():
    i = 0
    while src_obj:
        i += 1
        j = 2
        if i > 2: break
class C:
    def __bool__(self):
        print("bool line", sys._getframe(1).f_lineno)
        return True
src_obj = C()
w()
