# A guest generator's gi_code, gi_frame (line, locals), gi_yieldfrom, gi_running/gi_suspended and
# inspect.getgeneratorstate as CPython shows them; throw/close/send orders on unstarted and
# finished generators; sys.exc_info() across yields; PEP 479.
import inspect, sys
def g():
    me = yield 1
    print("running inside:", inspect.getgeneratorstate(me), me.gi_running, me.gi_suspended)
    yield 2
x = g()
print(inspect.getgeneratorstate(x), x.gi_running, x.gi_suspended, x.gi_yieldfrom)
print(next(x))
print(inspect.getgeneratorstate(x), x.gi_running, x.gi_suspended, x.gi_frame is not None)
print(x.send(x))
print(x.gi_code.co_name, x.__name__, x.__qualname__)
print(list(x), inspect.getgeneratorstate(x), x.gi_frame)
def d():
    yield from g2()
def g2():
    yield 1
    yield 2
y = d(); next(y)
print(type(y.gi_yieldfrom).__name__, y.gi_yieldfrom.__name__ if y.gi_yieldfrom else None)
print(y.gi_frame.f_lineno, y.gi_frame.f_code.co_name)
z = g()
print(z.gi_frame.f_lineno, z.gi_frame.f_locals)
next(z)
print(z.gi_frame.f_lineno, sorted(z.gi_frame.f_locals))
# throw/close orders
def h():
    try:
        yield 1
    finally:
        print("h finally")
a = h()
try:
    a.throw(ValueError("unstarted"))
except ValueError as e:
    print("unstarted throw:", e)
print(list(a))
a = h(); next(a); a.close(); a.close()
try:
    a.throw(KeyError("done"))
except KeyError as e:
    print("finished throw:", e)
try:
    a.send(1)
except StopIteration:
    print("finished send StopIteration")
# exc_info across yields
def ei():
    try:
        raise ValueError("v")
    except ValueError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]
e = ei()
print(next(e))
try:
    raise KeyError("outer")
except KeyError:
    print(next(e), sys.exc_info()[0].__name__)
print(next(e))
# StopIteration inside
def si():
    yield 1
    raise StopIteration("x")
try:
    list(si())
except RuntimeError as r:
    print(repr(r), repr(r.__cause__), r.__suppress_context__)
def si2():
    next(iter([]))
    yield
try:
    next(si2())
except RuntimeError as r:
    print(repr(r), repr(r.__cause__))
# generator expressions, tracebacks through yield from, return values
import traceback


def deep():
    yield 1
    raise ValueError("deep")


def middle():
    yield from deep()


def wrapping():
    try:
        yield from middle()
    except ValueError:
        raise KeyError("wrapped")


try:
    list(wrapping())
except KeyError:
    traceback.print_exc(file=sys.stdout)
ge = (i for i in range(3))
print(next(ge), ge.gi_code.co_name, ge.gi_code.co_qualname, ge.__name__, ge.__qualname__, ge.gi_frame.f_lineno)
print(list(ge), ge.gi_frame)


def returns():
    return (yield)


r = returns()
next(r)
try:
    r.send(5)
except StopIteration as s:
    print("value", s.value)
