# A generator's frame counts one level each time it runs, at its resumer's depth + 1 (as
# CPython pushes it on the thread's stack then), not its creator's: recursion through
# generators that a for loop or `yield from` resumes, created in one function and
# resumed from another, reaches RecursionError at CPython's depth for limits 100, 1000
# and 3000, with CPython's message.
import sys

depth = 0


def measure(name, fn):
    global depth
    for limit in (1000, 100, 3000):
        sys.setrecursionlimit(limit)
        depth = 0
        try:
            fn()
            print(name, limit, "no error")
        except RecursionError as e:
            print(name, limit, depth, e)
    sys.setrecursionlimit(1000)


def walk_for(n):
    global depth
    depth += 1
    for x in walk_for(n + 1):
        yield x
    yield n


def walk_from(n):
    global depth
    depth += 1
    yield from walk_from(n + 1)
    yield n


def consume(g):
    for _ in g:
        pass


def body_recurses():
    global depth
    depth += 1
    for _ in inner():
        pass


def inner():
    yield from ()
    body_recurses()
    yield 1


def resumed_elsewhere(gen):
    # created by the caller, first resumed here: one level below this frame
    global depth
    depth += 1
    for _ in gen:
        pass


def chain():
    yield from ()
    resumed_elsewhere(chain())
    yield 1


measure("for loop", lambda: consume(walk_for(0)))
measure("yield from", lambda: consume(walk_from(0)))
measure("body recurses", body_recurses)
measure("created and resumed apart", lambda: resumed_elsewhere(chain()))
print(sys.getrecursionlimit())
