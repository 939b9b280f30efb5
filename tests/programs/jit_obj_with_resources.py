# Object code: with statements over the standard library's context managers in hot native
# code -- a threading.Lock (released on return and on an exception), a file opened for
# reading and writing (closed on every way out), contextlib.suppress, contextlib.ExitStack
# with callbacks run in order, decimal.localcontext, a with inside a try inside a with.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles locked_inc, write_read, suppressed, stacked, precise, layered
# run auto: --jit-threshold 20
# expect auto: compiles locked_inc, suppressed, stacked, layered
import contextlib
import decimal
import os
import tempfile
import threading

LOCK = threading.Lock()
COUNTS = {"n": 0}


def locked_inc(k):
    with LOCK:
        COUNTS["n"] += k
        if k < 0:
            raise ValueError("negative")
        return LOCK.locked()


def write_read(path, text):
    with open(path, "w") as fh:
        fh.write(text)
    with open(path) as fh:
        data = fh.read()
        if not data:
            return "empty", fh.closed
    return data.upper(), fh.closed


def suppressed(d, keys):
    got = []
    for k in keys:
        with contextlib.suppress(KeyError, IndexError):
            got.append(d[k][0])
    return got


def stacked(log, n):
    with contextlib.ExitStack() as stack:
        for i in range(n):
            stack.callback(log.append, i)
        if n > 2:
            return "early"
    return "late"


def precise(a, b):
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        return str(decimal.Decimal(a) / decimal.Decimal(b))


def layered(x, log):
    with LOCK:
        try:
            with contextlib.suppress(ZeroDivisionError):
                log.append(10 // x)
            return "ok"
        finally:
            log.append(LOCK.locked())


folder = tempfile.mkdtemp()
path = os.path.join(folder, "f.txt")
for i in range(30):
    log = []
    r = [locked_inc(1), write_read(path, "abc"), write_read(path, ""),
         suppressed({"a": [1], "b": []}, ["a", "b", "c"]), stacked(log, 2), stacked(log, 4),
         precise(1, 7), layered(0, log), layered(5, log), LOCK.locked()]
    try:
        locked_inc(-1)
    except ValueError as e:
        r.append((str(e), LOCK.locked()))
    if i % 10 == 0:
        print(r, log, COUNTS)
os.remove(path)
os.rmdir(folder)
