# Generator functions in object code with `yield from` (runtime_c/capi/pjgen.c delegates):
# the sub-generator's return value, values sent through to it, throw() reaching its
# except clauses (caught there, or raised back at the `yield from`), close() closing it
# first (its finally runs before the delegating generator's), delegation to iterators that
# are not generators (a list, a range, an object with __iter__/__next__ but no send or
# throw), empty sub-iterators in a long loop, recursive delegation (a tree walk), a
# StopIteration raised by the sub-iterator's own code, `yield from` a coroutine (TypeError)
# and an uncaught exception's traceback through two compiled generators.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles inner, outer, echo_inner, echo_outer, flatten, walk, empties, delegate_plain, run_all
# expect jit: rejects guarded_outer (nested function)
# run auto: --jit-threshold 20
# expect auto: compiles inner, outer, walk, empties, run_all
import sys


def inner(n, log):
    try:
        for i in range(n):
            yield i
    finally:
        log.append(("inner finally", n))
    return n * 10


def outer(n, log):
    got = yield from inner(n, log)
    log.append(("outer got", got))
    got2 = yield from inner(1, log)
    return got + got2


def echo_inner(log):
    total = 0
    while True:
        try:
            x = yield total
        except KeyError as e:
            log.append(("inner caught", str(e)))
            continue
        if x is None:
            return total
        total += x


def echo_outer(log):
    try:
        r = yield from echo_inner(log)
        log.append(("echo result", r))
        yield "after"
    except ValueError as e:
        log.append(("outer caught", str(e)))
        yield "recovered"
    finally:
        log.append("outer finally")


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


def delegate_plain(xs):
    a = yield from xs
    b = yield from range(3)
    c = yield from Countdown(2)
    return a, b, c


def flatten(items):
    for x in items:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x


class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = kids


def walk(t):
    yield t.v
    for k in t.kids:
        yield from walk(k)


def empties(n):
    for i in range(n):
        yield from ()
    yield "end"


def bad_sub():
    yield 1
    next(iter([]))      # a StopIteration inside the sub-generator


def guarded_outer(log):
    try:
        yield from bad_sub()
    except RuntimeError as e:
        log.append(("runtime", str(e)))
    async def coro():
        return 1
    c = coro()
    try:
        yield from c
    except TypeError as e:
        log.append(("typeerror", str(e)))
    c.close()


def run_all():
    log = []
    out = []
    g = outer(3, log)
    out.append(list(g))
    g = outer(3, log)
    out.append(next(g))
    g.close()
    e = echo_outer(log)
    out.append(next(e))
    out.append(e.send(5))
    out.append(e.throw(KeyError("k")))
    out.append(e.send(2))
    out.append(e.send(None))
    e = echo_outer(log)
    next(e)
    out.append(e.throw(ValueError("v")))
    e.close()
    out.append(list(delegate_plain([7, 8])))
    d = delegate_plain([1])
    next(d)
    try:
        d.send("x")       # a list iterator has no send()
    except AttributeError as err:
        out.append(str(err))
    try:
        list(delegate_plain(5))
    except TypeError as err:
        out.append(str(err))
    out.append(list(flatten([1, [2, [3, [4]], 5], [], 6])))
    out.append(list(walk(Tree(1, (Tree(2, (Tree(3),)), Tree(4))))))
    out.append(list(empties(5000)))
    out.append(list(guarded_outer(log)))
    return out, log


for round_ in range(25):
    out, log = run_all()
    if round_ in (0, 24):
        for item in out:
            print(item)
        for item in log:
            print(" ", item)


def failing():
    yield from inner_failing()


def inner_failing():
    yield 1
    raise ValueError("deep")


sys.stdout.flush()
list(failing())
