# Warnings raised by host code that guest code called name the guest's file and line, and
# the guest module's registry decides what repeats, as in CPython: a C function's warning
# (numpy's RuntimeWarning, PyErr_WarnEx at stacklevel 1) names the guest line that called
# it; a host Python library's warnings.warn(stacklevel=2) names its guest caller (so the
# default filter shows a DeprecationWarning attributed to __main__). The same warning
# from two guest lines shows twice; from one line once (the "default" action).
import locale
import sys
import warnings

import numpy as np

sys.stderr = sys.stdout     # (the default printer's output in stdout's order)


def divide(x):
    return np.float64(x) / 0


def divide_elsewhere(x):
    return np.float64(x) / 0


for i in range(3):
    print(divide(i + 1))          # one warning: the same guest line each time
print(divide_elsewhere(1))        # a second line: shown again
print(np.float64(5) / 0)          # a module-level line


def old_api():
    return locale.getdefaultlocale() is not None


print(old_api())                  # DeprecationWarning in __main__ via stacklevel=2: shown
print(old_api())                  # the same line: once


def seen(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fn()
        fn()
    return [(w.category.__name__, w.filename.rpartition("/")[2], w.lineno) for w in caught]


print(seen(lambda: np.float64(1) / 0))
print(seen(old_api))
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", module="__main__")
    print(divide(7), old_api())   # a filter on the guest module applies
with warnings.catch_warnings():
    warnings.simplefilter("once")
    print(divide(8), divide_elsewhere(8), divide(9))   # "once": one report for the text
with warnings.catch_warnings():
    warnings.filterwarnings("error", category=RuntimeWarning, module="__main__")
    try:
        divide(10)
    except RuntimeWarning as e:
        print("raised:", e)


def count_calls():
    # A hot loop (native code at jit/auto) whose host call warns each time.
    total = 0.0
    for i in range(300):
        total += float(np.float64(i) / 0 > 0)
    return total


print(count_calls())
