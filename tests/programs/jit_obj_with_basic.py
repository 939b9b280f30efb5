# Object code: with statements in native code -- __enter__'s value bound (a name, a tuple
# target), __exit__ called with None on the normal ways out (fall-through, return, break,
# continue) and with the exception otherwise, an __exit__ that suppresses it (the function
# goes on after the with), an exception in __enter__ (no __exit__) and in __exit__,
# several items in one with, a contextlib.contextmanager, a non-context-manager (CPython's
# TypeError), sys.exc_info() inside __exit__.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles use, ret_inside, loop_with, two_items, suppressing, gen_cm, not_cm
# run auto: --jit-threshold 20
# expect auto: compiles use, ret_inside, loop_with, two_items, suppressing
import contextlib
import sys


class CM:
    def __init__(self, name, log, suppress=False, fail_enter=False, fail_exit=False):
        self.name, self.log, self.suppress = name, log, suppress
        self.fail_enter, self.fail_exit = fail_enter, fail_exit

    def __enter__(self):
        self.log.append(("enter", self.name))
        if self.fail_enter:
            raise RuntimeError("enter " + self.name)
        return self.name, len(self.log)

    def __exit__(self, t, v, tb):
        info = sys.exc_info()[0]
        self.log.append(("exit", self.name, t.__name__ if t else None, info is t))
        if self.fail_exit:
            raise OSError("exit " + self.name)
        return self.suppress


def use(log, x):
    with CM("a", log) as got:
        log.append(got)
        if x:
            raise ValueError(x)
    return "done"


def ret_inside(log, x):
    with CM("r", log) as (name, n):
        if x:
            return name * n
    return "fell"


def loop_with(log):
    for i in range(4):
        with CM(i, log):
            if i == 1:
                continue
            if i == 3:
                break
            log.append(i)
    return log


def two_items(log, x):
    with CM("p", log), CM("q", log, fail_exit=x == 2) as q:
        log.append(q)
        if x == 1:
            raise KeyError(x)
    return "two"


def suppressing(log, x):
    with CM("s", log, suppress=True):
        log.append("before")
        if x:
            raise ValueError("gone")
        log.append("after")
    return "went on"


@contextlib.contextmanager
def tag(log, name):
    log.append("<" + name)
    try:
        yield name.upper()
    finally:
        log.append(name + ">")


def gen_cm(log, x):
    with tag(log, "t") as t:
        log.append(t)
        if x:
            raise ZeroDivisionError("in gen cm")
    return log


def not_cm(x):
    with x:
        return "no"


def enter_fails(log):
    with CM("e", log, fail_enter=True):
        log.append("never")


for i in range(30):
    log = []
    out = [use(log, 0), ret_inside(log, 0), ret_inside(log, 1), loop_with([]), two_items(log, 0),
           suppressing(log, 0), suppressing(log, 1), gen_cm([], 0), not_cm(CM("n", []))]
    for f, args in ((use, (log, 1)), (two_items, (log, 1)), (two_items, (log, 2)),
                    (gen_cm, (log, 1)), (not_cm, (5,)), (enter_fails, (log,))):
        try:
            f(*args)
        except Exception as e:
            out.append((f.__name__, type(e).__name__, str(e), type(e.__context__).__name__))
    if i % 10 == 0:
        print(out)
        print(log)
