# throw() into a generator that never ran: the exception comes out of the generator's
# frame at its def line (CPython's traceback shows that frame innermost), at every tier;
# a finished generator releases its locals first to last.
import sys
import traceback


class N:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def gen():
    yield 1
    yield 2


def body_locals():
    a = N("a")
    b = N("b")
    yield 1
    c = N("c")


def throw_in(g, exc):
    g.throw(exc)


g = gen()
try:
    g.throw(ValueError("unstarted"))
except ValueError:
    traceback.print_exc(file=sys.stdout)
print(list(g))

try:
    throw_in(gen(), KeyError("through a function"))
except KeyError as e:
    print("".join(traceback.format_exception(e)))
    print([(f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)])

started = gen()
next(started)
try:
    started.throw(TypeError("started"))
except TypeError:
    traceback.print_exc(file=sys.stdout)

unstarted = gen()
unstarted.close()
print(list(unstarted))

it = body_locals()
for x in it:
    print("got", x)
print("done")
it2 = body_locals()
print(next(it2))
print(list(it2))
print("end")
gen().throw(RuntimeError("uncaught"))
