# Generator functions in object code with yields inside try/except/finally/with: close()
# runs finally clauses and __exit__ (GeneratorExit), throw() reaches the body's except
# clauses at the yield (caught, re-raised, chained, turned into another exception), a
# generator that ignores GeneratorExit (RuntimeError), one that yields inside an except
# clause (sys.exc_info() there is its own across the suspension, the consumer's is not
# changed), return inside try/finally, a thrown StopIteration (PEP 479), a finally that
# runs when the generator is collected, throw()'s forms of arguments (class, class and
# value, instance, args tuple).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles guarded, catcher, in_handler, thrown_forms, finally_return, managed, suppress_some, run_all, lines
# run auto: --jit-threshold 20
# expect auto: compiles guarded, catcher, in_handler, run_all
import sys


def guarded(log, n):
    try:
        for i in range(n):
            yield i
    finally:
        log.append(("guarded finally", n))


def catcher(log):
    count = 0
    while True:
        try:
            x = yield count
            log.append(("got", x))
        except KeyError as e:
            log.append(("caught", str(e), sys.exc_info()[0].__name__))
            count += 1
        except ValueError as e:
            raise TypeError("converted") from e
        except GeneratorExit:
            log.append("catcher exit")
            raise
        finally:
            log.append("catcher finally")


def in_handler(log):
    try:
        raise OSError("inner")
    except OSError:
        yield sys.exc_info()[1]
        log.append(("after yield", str(sys.exc_info()[1])))
        yield "second"
    log.append(("after handler", sys.exc_info()[1]))
    yield "third"


def finally_return(log):
    try:
        yield "a"
        return "early"
    finally:
        log.append("finally_return finally")


class Resource:
    def __init__(self, log, name):
        self.log = log
        self.name = name

    def __enter__(self):
        self.log.append(("enter", self.name))
        return self

    def __exit__(self, typ, val, tb):
        self.log.append(("exit", self.name, typ.__name__ if typ else None))
        return typ is KeyError


def managed(log, items):
    with Resource(log, "outer") as r:
        for x in items:
            with Resource(log, x):
                yield r.name, x


def suppress_some(log):
    with Resource(log, "s"):
        yield 1
        yield 2
    yield "after with"


def lines():
    try:
        yield 1
    except ZeroDivisionError as e:
        tb = e.__traceback__
        seen = []
        while tb is not None:
            seen.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        yield seen[-1:]


def thrown_forms(log):
    while True:
        try:
            yield 1
        except Exception as e:
            log.append(("thrown", type(e).__name__, str(e), e.__traceback__ is not None))


def run_all():
    log = []
    out = []
    g = guarded(log, 3)
    out.append(next(g))
    g.close()
    out.append(list(guarded(log, 2)))
    g = guarded(log, 5)
    next(g)
    del g                             # collected: its finally runs
    c = catcher(log)
    out.append(next(c))
    out.append(c.send("hello"))
    out.append(c.throw(KeyError("k1")))
    out.append(c.throw(KeyError, "k2"))
    try:
        c.throw(ValueError("v"))
    except TypeError as e:
        out.append((str(e), type(e.__cause__).__name__, str(e.__cause__)))
    c = catcher(log)
    next(c)
    c.close()
    h = in_handler(log)
    first = next(h)
    out.append((type(first).__name__, str(first), sys.exc_info()))
    out.append(next(h))
    out.append(next(h))
    try:
        next(h)
    except StopIteration:
        out.append("h done")
    f = finally_return(log)
    out.append(next(f))
    try:
        next(f)
    except StopIteration as e:
        out.append(("returned", e.value))
    out.append(list(managed(log, ["a", "b"])))
    m = managed(log, ["x", "y"])
    next(m)
    out.append(m.throw(KeyError("swallowed by x")))
    try:
        m.throw(IndexError("escapes"))
    except IndexError as e:
        out.append(("escaped", str(e)))
    p = suppress_some(log)
    next(p)
    out.append(p.throw(KeyError("suppressed")))
    c = catcher(log)
    next(c)
    try:
        c.throw(StopIteration("thrown stop"))
    except RuntimeError as e:
        out.append((str(e), type(e.__cause__).__name__))
    l = lines()
    next(l)
    out.append(l.throw(ZeroDivisionError("z")))
    t = thrown_forms(log)
    next(t)
    for args in [(KeyError,), (KeyError, "v"), (KeyError("i"),), (ValueError, ValueError("inst")),
                 (OSError, (2, "nf"))]:
        out.append(t.throw(*args))
    return out, log


for round_ in range(25):
    out, log = run_all()
    if round_ in (0, 24):
        for item in out:
            print(item)
        for item in log:
            print(" ", item)
print(sys.exc_info())
