# A compiled for-loop stepping a compiled generator (runtime_c/capi/pjgen.c pj_gen_next
# takes the step in C, without the guest generator's host frame): the values, the
# generator's return (ignored) and an exception leaving it (its traceback through both
# frames), a StopIteration leaving it (PEP 479's RuntimeError), a loop left by break (the
# generator closed later: its finally runs then), send()/throw()/next() between the loop's
# steps, throw() into a generator whose except clause suspends it, gi_running and gi_frame
# read by the generator's own code while the loop steps it, a resume of itself from inside
# ("generator already executing"), sys.exc_info() inside the generator's except clause
# across yields (its own, not the loop's), the generator stepped by another thread between
# the loop's steps, a yield from inside the generator (the delegate's caller frame is the
# delegating generator's), and deep chains of generators each looping over or delegating
# to the next (the guest recursion limit).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles numbers, consume, sub_named, outer_named, consume_named, chain_from, consume_chain_from, failing, consume_tb, stopper, consume_stop, closing, consume_break, echo, consume_mixed, guarded, consume_throw, introspect, consume_introspect, reentrant, consume_reentrant, handler_state, consume_handler, consume_threads, delegating, consume_delegating, chain, consume_chain
# run auto: --jit-threshold 20
# expect auto: compiles numbers, consume
import sys
import threading
import traceback


def numbers(n):
    for i in range(n):
        yield i * i
    return "done"


def consume(n):
    total = 0
    for v in numbers(n):
        total += v
    return total


def failing(n):
    for i in range(n):
        yield i
    raise ValueError(f"failed after {n}")


def consume_tb(n):
    seen = []
    try:
        for v in failing(n):
            seen.append(v)
    except ValueError as e:
        names = [(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)]
        return seen, str(e), names
    return seen, None, None


def stopper():
    yield 1
    raise StopIteration("inner stop")


def consume_stop():
    got = []
    try:
        for v in stopper():
            got.append(v)
    except RuntimeError as e:
        return got, str(e), type(e.__cause__).__name__, str(e.__cause__)
    return got


def closing(log):
    try:
        for i in range(10):
            yield i
    finally:
        log.append("closing finally")


def consume_break(log):
    g = closing(log)
    for v in g:
        log.append(v)
        if v == 2:
            break
    log.append(("after break", g.gi_running, has_frame(g)))
    g.close()
    log.append(("closed", has_frame(g)))
    for v in g:
        log.append(("never", v))
    return log


def echo(log):
    got = None
    for i in range(8):
        got = yield (i, got)
        log.append(("echo got", got))


def consume_mixed():
    log = []
    g = echo(log)
    for v in g:
        log.append(("loop", v))
        if v[0] == 1:
            log.append(("send", g.send("hello")))
        if v[0] == 3:
            log.append(("next", next(g)))
        if v[0] == 5:
            break
    for v in g:
        log.append(("second loop", v))
    return log


def guarded(log):
    i = 0
    while i < 6:
        try:
            yield i
        except KeyError as e:
            log.append(("caught", repr(e)))
            yield "recovered"
        i += 1


def consume_throw():
    log = []
    g = guarded(log)
    for v in g:
        log.append(v)
        if v == 1:
            log.append(("throw", g.throw(KeyError("k"))))
        if v == 3:
            try:
                g.throw(TypeError("t"))
            except TypeError as e:
                log.append(("escaped", str(e), has_frame(g)))
    for v in g:
        log.append(("after", v))
    return log


SELF = []


def has_frame(g):
    """(reads gi_frame: stays in tier 0)"""
    return g.gi_frame is not None


def frame_name(g):
    frame = g.gi_frame
    return frame.f_code.co_name if frame is not None else None


def introspect(n):
    me = SELF[0]
    for i in range(n):
        yield i, me.gi_running, frame_name(me)


def consume_introspect():
    g = introspect(4)
    SELF.append(g)
    out = []
    for v in g:
        out.append((v, g.gi_running))
    SELF.clear()
    return out, has_frame(g)


def reentrant(n):
    for i in range(n):
        if i == 2:
            try:
                next(SELF[0])
            except ValueError as e:
                yield "inner: " + str(e)
        yield i


def consume_reentrant():
    g = reentrant(4)
    SELF.append(g)
    out = []
    for v in g:
        out.append(v)
    SELF.clear()
    return out


def handler_state(n):
    try:
        raise KeyError("own")
    except KeyError:
        for i in range(n):
            yield i, repr(sys.exc_info()[1])
    yield "after", sys.exc_info()[1]


def consume_handler():
    out = []
    try:
        raise IndexError("loop's own")
    except IndexError:
        for v in handler_state(3):
            out.append((v, repr(sys.exc_info()[1])))
    out.append(sys.exc_info()[1])
    return out


def take(g, box):
    box.append(next(g))


def consume_threads():
    g = numbers(8)
    out = []
    for v in g:
        out.append(v)
        if v == 4:
            box = []
            t = threading.Thread(target=take, args=(g, box))
            t.start()
            t.join()
            out.append(("thread took", box))
    return out


def delegating(n):
    got = yield from numbers(n)
    yield got
    yield from [10, 20]


def consume_delegating(n):
    return [v for v in []] + [v for v in delegating_list(n)]


def delegating_list(n):
    out = []
    for v in delegating(n):
        out.append(v)
    return out


def caller_names():
    """(reads frames: stays in tier 0) the names of its caller's caller and the one before"""
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_back.f_code.co_name if f.f_back else None


def sub_named(n):
    for i in range(n):
        yield i, caller_names()


def outer_named(n):
    yield from sub_named(n)
    yield "end", caller_names()


def consume_named(n):
    out = []
    for v in outer_named(n):
        out.append(v)
    return out


def chain_from(depth):
    if depth == 0:
        yield "bottom"
        return
    yield from chain_from(depth - 1)


def consume_chain_from(depth):
    try:
        out = []
        for v in chain_from(depth):
            out.append(v)
        return out
    except RecursionError as e:
        return "RecursionError", "maximum recursion depth exceeded" in str(e)


def chain(depth):
    if depth == 0:
        yield "bottom"
        return
    for v in chain(depth - 1):
        yield v


def consume_chain(depth):
    try:
        out = []
        for v in chain(depth):
            out.append(v)
        return out
    except RecursionError as e:
        return "RecursionError", "maximum recursion depth exceeded" in str(e)


def run(label, fn, *args):
    """(each scenario ten times: --tier jit compiles a generator at its 8th call)"""
    results = [fn(*args) for _ in range(10)]
    print(label, results[-1], all(r == results[-1] for r in results))


for n in (0, 1, 5):
    run("consume", consume, n)
run("tb", consume_tb, 3)
run("stop", consume_stop)
print("break", [consume_break([]) for _ in range(10)][-1])
run("mixed", consume_mixed)
run("throw", consume_throw)
run("introspect", consume_introspect)
run("reentrant", consume_reentrant)
run("handler", consume_handler)
run("threads", consume_threads)
run("delegating", consume_delegating, 3)
run("named", consume_named, 3)
run("chain from", consume_chain_from, 50)
run("chain from deep", consume_chain_from, 2000)
run("chain", consume_chain, 50)
run("chain deep", consume_chain, 2000)
for _ in range(30):     # (hot at auto)
    consume(20)
print("consume again", consume(20))
