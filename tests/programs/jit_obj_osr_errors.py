# Whole-function OSR into object code, then an exception: raised in a callee, by the C API
# or by `raise` in the rest of the call after native code took over mid-loop, caught by
# the caller or never caught; the traceback names the guest frames and lines as CPython's
# does. A signal handler that raises (a CPU-time timer) stops a long native object loop
# with KeyboardInterrupt; recursion reached from the native loop fails at CPython's depth.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles total_until, scan_then_fail, spin, recurse_from_loop, last
# run auto: --jit-threshold 100
# expect auto: compiles total_until@function from the loop at line 40, scan_then_fail@function from the loop at line 49, spin@function from the loop at line 63, recurse_from_loop@function from the loop at line 77, last@function from the loop at line 85, scan_then_fail
import signal
import sys
import traceback


class Item:
    def __init__(self, w):
        self.w = w

    def weight(self):
        if self.w < 0:
            raise ValueError(f"negative weight {self.w}")
        return self.w * 2


def where(exc):
    return [(fs.name, fs.lineno) for fs in traceback.extract_tb(exc.__traceback__)]


def report(exc):
    print(type(exc).__name__, exc, where(exc))
    ctx = exc.__context__
    if ctx is not None:
        print("  context:", type(ctx).__name__, ctx)


def total_until(items):
    # the callee raises after the loop went native
    t = 0
    for it in items:
        t += it.weight()
    return t


def scan_then_fail(table, keys, strict):
    # the rest of the call raises after the loop: a `raise`, or a KeyError of the C API
    found = []
    i = 0
    while i < len(keys):
        if keys[i] in table:
            found.append(table[keys[i]])
        i += 1
    if strict:
        raise RuntimeError(f"found {len(found)}")
    return table["missing"]


class Counter:
    n = 0


def spin(counter, stuff):
    while True:
        counter.n += 1
        stuff[counter.n % 8] = counter


def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


def recurse_from_loop(items):
    got = []
    for k, it in enumerate(items):
        got.append(it.w)
        if k == len(items) - 1:
            got.append(depth(0) > 100)
    return len(got), got[-1]


def last(items):
    for it in items:
        it.w -= 1
    return 100 // items[0].w


items = [Item(i % 50) for i in range(1000)]
print(total_until(items))
try:
    total_until(items + [Item(-3)] + items)
except ValueError as e:
    report(e)
for strict in (True, False):
    try:
        scan_then_fail({str(i): i for i in range(0, 4000, 3)}, [str(i) for i in range(2000)], strict)
    except (RuntimeError, KeyError) as e:
        report(e)


def on_timer(signum, frame):
    raise KeyboardInterrupt


c = Counter()
signal.signal(signal.SIGVTALRM, on_timer)
signal.setitimer(signal.ITIMER_VIRTUAL, 0.3)
try:
    spin(c, [None] * 8)
except KeyboardInterrupt as e:
    print("interrupted", type(e).__name__, c.n > 5000, [name for name, line in where(e)])
signal.setitimer(signal.ITIMER_VIRTUAL, 0)

print(recurse_from_loop([Item(i) for i in range(300)]))
ones = [Item(1) for i in range(500)]
last(ones)
