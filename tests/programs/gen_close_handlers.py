# close() of generators that catch GeneratorExit: the code after the handler runs, a
# generator that yields again makes close() raise "generator ignored GeneratorExit" (and
# stays suspended), finally clauses that yield, break/return after the handler, and
# close() of a generator delegating with `yield from` to a generator or a host iterator.
def looping():
    for i in range(3):
        try:
            yield i
        except GeneratorExit:
            print("caught", i)
    print("after loop")
    yield 99


g = looping()
print(next(g))
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print("still suspended:", next(g))
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError again:", e)
print(list(g))


def returning():
    try:
        yield 1
    except GeneratorExit:
        print("bye")
        return
    print("unreached")


x = returning()
next(x)
print(x.close(), "closed")


def breaking():
    while True:
        try:
            yield "tick"
        except GeneratorExit:
            print("break out")
            break
    print("after while")


b = breaking()
next(b)
b.close()
print("breaking closed")


def finally_yields():
    try:
        yield 1
    finally:
        print("in finally")
        yield 2


f = finally_yields()
next(f)
try:
    f.close()
except RuntimeError as e:
    print("finally:", e)
try:
    next(f)
except GeneratorExit:
    print("the finally clause ends: GeneratorExit goes on")


def raises_other():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("instead")


r = raises_other()
next(r)
try:
    r.close()
except ValueError as e:
    print("close raised", repr(e), type(e.__context__).__name__)


def inner():
    try:
        yield "inner 1"
        yield "inner 2"
    except GeneratorExit:
        print("inner caught")
        raise
    finally:
        print("inner finally")


def outer():
    try:
        yield from inner()
    except GeneratorExit:
        print("outer caught")
        raise
    finally:
        print("outer finally")


o = outer()
print(next(o))
o.close()
print("outer closed")


def outer_goes_on():
    try:
        yield from inner()
    except GeneratorExit:
        print("outer goes on")
    yield "after"


o = outer_goes_on()
next(o)
try:
    o.close()
except RuntimeError as e:
    print("outer_goes_on:", e)


class WithClose:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        return self.n

    def close(self):
        print("host iterator closed at", self.n)


class WithoutClose:
    def __iter__(self):
        return self

    def __next__(self):
        return "x"


def over(it):
    try:
        yield from it
    except GeneratorExit:
        print("delegator caught", type(it).__name__)
        raise


for it in (WithClose(), WithoutClose(), iter([1, 2, 3])):
    d = over(it)
    next(d)
    next(d)
    d.close()


class BadClose(WithClose):
    def close(self):
        raise KeyError("from close")


d = over(BadClose())
next(d)
try:
    d.close()
except KeyError as e:
    print("close of the sub-iterator raised", e)


def nested(n):
    if n:
        try:
            yield from nested(n - 1)
        finally:
            print("level", n, "finally")
    else:
        try:
            yield "bottom"
        except GeneratorExit:
            print("bottom caught")
            raise


n = nested(3)
print(next(n))
n.close()


def unstarted():
    print("never runs")
    yield


u = unstarted()
u.close()
print(list(u))


def ignores_then_ends():
    try:
        yield 1
    except GeneratorExit:
        pass
    yield 2


i = ignores_then_ends()
next(i)
try:
    i.close()
except RuntimeError as e:
    print(e)
i = None     # dropped while suspended: its finaliser closes it again, quietly
print("end")
