# Generator functions in object code: close() and throw() at a yield (GeneratorExit,
# the thrown exception leaving through the body with its guest line), throw()/close()
# before the start and after the end, a StopIteration raised inside the body
# (RuntimeError "generator raised StopIteration", its cause), exceptions raised in the
# body and caught by the consumer, "generator already executing", a generator that
# yields inside try/finally (its finally runs at close()) and the traceback of an
# uncaught exception raised inside a compiled generator. (jit_obj_gen_handlers.py: yields
# inside try/except/finally/with.)
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles ticker, stopper, divider, reentrant, consumer, guarded
# run auto: --jit-threshold 20
# expect auto: compiles ticker, divider
import sys


def ticker(log, n):
    i = 0
    while i < n:
        log.append(("tick", i))
        yield i
        i += 1
    log.append("ticker done")


def stopper(xs):
    for x in xs:
        if x == 0:
            next(iter(()))        # a StopIteration inside the body
        yield 10 // x


def divider(xs):
    for x in xs:
        yield 100 // x


def reentrant(box):
    yield 1
    yield next(box[0])      # ValueError: generator already executing


def guarded(log):
    try:
        yield 1
        yield 2
    finally:
        log.append("finally ran")


def consumer(make, args, k):
    out = []
    g = make(*args)
    try:
        for v in g:
            out.append(v)
            if len(out) == k:
                break
    except Exception as e:
        out.append((type(e).__name__, str(e), type(e.__cause__).__name__ if e.__cause__ else None))
    return out


def describe(e):
    tb = e.__traceback__
    lines = []
    while tb is not None:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return type(e).__name__, str(e), lines[-2:]


for round_ in range(30):
    log = []
    g = ticker(log, 5)
    out = [next(g), next(g)]
    g.close()
    out.append(g.close())
    try:
        next(g)
    except StopIteration:
        out.append("closed")
    g = ticker(log, 5)
    next(g)
    try:
        g.throw(KeyError("thrown"))
    except KeyError as e:
        out.append(describe(e))
    g = ticker(log, 5)
    try:
        g.throw(ValueError, "early")      # before the start: the body never runs
    except ValueError as e:
        out.append(("early", str(e)))
    out.append(list(g))
    g = ticker(log, 1)
    out.append(list(g))
    try:
        g.throw(IndexError("late"))
    except IndexError as e:
        out.append(("late", str(e)))
    out.append(consumer(stopper, ([1, 2, 0, 4],), 10))
    out.append(consumer(divider, ([5, 0, 2],), 10))
    out.append(consumer(divider, ([5, 0, 2],), 1))
    box = [None]
    box[0] = reentrant(box)
    out.append(consumer(lambda: box[0], (), 5))
    glog = []
    g = guarded(glog)
    next(g)
    g.close()
    out.append(glog)
    try:
        list(stopper([0]))
    except RuntimeError as e:
        out.append(describe(e))
        out.append(type(e.__cause__).__name__)
    try:
        list(divider([1, 0]))
    except ZeroDivisionError as e:
        out.append(describe(e))
    if round_ in (0, 29):
        for r in out:
            print(r)
        print(log[:8], len(log))
sys.stdout.flush()
list(divider([3, 2, 1, 0]))
