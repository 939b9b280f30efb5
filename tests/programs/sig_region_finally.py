# A signal handler that raises while a loop runs natively (a loop region, OSR) inside
# try/finally: the finally sees the loop's locals as they were when the handler ran, as in
# CPython (issue 18). The signal is a CPU-time timer (ITIMER_VIRTUAL): the loop has run
# 0.3 s of CPU, far more iterations than a region needs to be entered, so "advanced" is
# True at any speed, and False when the frame still holds the values the region started from.
# (Only "advanced": tier 0 runs handlers between any two of its host calls, so a handler
# may see one statement of an iteration done and the next not; CPython only at back-edges.)
# (At --tier jit each function compiles whole at its first call, try/finally included: the
# handler's exception then leaves native object code, whose finally runs natively.)
# expect jit: compiles spin, count, outer
import signal


class Stop(Exception):
    pass


def on_timer(signum, frame):
    raise Stop


signal.signal(signal.SIGVTALRM, on_timer)


def spin(n):
    x = 0.0
    total = 0.0
    try:
        while x < n:
            x += 1.0
            total += 2.0
    finally:
        print("spin finally: advanced", x > 20000.0, total > 40000.0)
    return x


def count(n):
    i = 0
    j = 0
    flag = False
    try:
        pass
    finally:
        pass
    try:
        while i < n:
            i += 1
            j += 3
            flag = not flag
    except Stop:
        print("count except: advanced", i > 20000, j > 60000, flag in (True, False))
        raise
    return i


def inner(k):
    s = 0
    for m in range(k):
        s += m & 3
    return s


def outer(n):
    done = 0
    acc = 0
    try:
        while done < n:
            acc += inner(100)
            done += 1
    finally:
        print("outer finally: advanced", done > 200, acc > 30000)
    return done


for fn, small, big in ((spin, 3000.0, 1e18), (count, 3000, 10 ** 18), (outer, 300, 10 ** 18)):
    print(fn(small))
    signal.setitimer(signal.ITIMER_VIRTUAL, 0.3)
    try:
        fn(big)
    except Stop:
        print("stopped")
    signal.setitimer(signal.ITIMER_VIRTUAL, 0)
