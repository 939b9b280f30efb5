# Object code: native handlers around tier-0 generators -- an exception raised inside a
# generator that native code iterates is caught natively (the generator's finally has
# run), gen.throw() and gen.close() called from native code, a generator whose finally
# raises, an exception caught inside the generator while native code is handling another
# (each sees its own sys.exc_info()).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles consume, thrower, closer, bad_finally, nested_info
# run auto: --jit-threshold 20
# expect auto: compiles consume, thrower, closer
import sys


def counter(n, log):
    try:
        for i in range(n):
            if i == 3:
                raise ValueError(f"at {i}")
            yield i
    finally:
        log.append("gen-finally")


def catcher(log):
    while True:
        try:
            x = yield
            log.append(x)
        except KeyError as e:
            log.append(("gen caught", str(e), sys.exc_info()[0].__name__))


def consume(n, log):
    total = 0
    try:
        for x in counter(n, log):
            total += x
    except ValueError as e:
        log.append(str(e))
        total = -total
    return total


def thrower(log):
    g = catcher(log)
    next(g)
    g.send(1)
    try:
        raise IndexError("native")
    except IndexError:
        g.throw(KeyError("thrown"))
        log.append(sys.exc_info()[0].__name__)
    g.send(2)
    return log


def closer(log):
    g = counter(10, log)
    first = next(g)
    g.close()
    return first, log


def bad_finally_gen():
    try:
        yield 1
    finally:
        raise RuntimeError("in finally")


def bad_finally():
    g = bad_finally_gen()
    next(g)
    try:
        g.close()
    except RuntimeError as e:
        return str(e), type(e.__context__).__name__
    return None


def nested_info(log):
    g = catcher(log)
    next(g)
    try:
        {}["k"]
    except KeyError as outer:
        g.throw(KeyError("inner"))
        log.append(sys.exc_info()[1] is outer)
    return log


for i in range(30):
    r = (consume(2, []), consume(5, []), thrower([]), closer([]), bad_finally(), nested_info([]))
    log = []
    consume(6, log)
    if i % 10 == 0:
        print(r, log)
