# Whole-function OSR of a loop inside a try at the top of its function: the rest of the
# call, the rest of the try (its handlers, else and finally) included, runs natively
# once; tier 0's try neither runs its finally nor its handlers again. An exception the
# native loop raises is caught by the try's own handler, one it does not catch leaves
# the function after the finally ran once. Loops in a try inside the try, in an `if`
# inside the try, and in a handler (no OSR there) keep CPython's output too.
#
# expect jit: compiles scan, nested, raising, in_handler, whiles
# expect auto: compiles scan@function from the loop at line 19, nested@function from the loop at line 39, raising@function from the loop at line 54, whiles@function from the loop at line 80, uncaught@function from the loop at line 92
# run auto: --jit-threshold 200

import traceback


def scan(n, log):
    total = 0
    try:
        log.append("start")
        for i in range(n):
            total += i % 7
            if i % 1000 == 999:
                log.append(total)
        log.append("body done")
    except ZeroDivisionError:
        log.append("zde")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return total


def nested(n, log):
    acc = 0
    try:
        try:
            if n > 10:
                for i in range(n):
                    acc += i * 3 % 11
                    if i == n - 5:
                        log.append(("late", acc))
        finally:
            log.append("inner finally")
        acc += 1
    finally:
        log.append("outer finally")
    return acc


def raising(n, stop, log):
    acc = 0
    try:
        for i in range(n):
            acc += 10 // (stop - i)
            if i % 500 == 0:
                log.append(acc)
    except ZeroDivisionError as e:
        log.append(("caught", str(e), acc))
        acc = -acc
    finally:
        log.append("raising finally")
    return acc


def in_handler(n, log):
    try:
        raise KeyError(n)
    except KeyError:
        s = 0
        for i in range(n):
            s += i & 5
        log.append(s)
    return s


def whiles(n, log):
    x = 1
    try:
        while x < n:
            x = x * 3 % 1000003 + 1
            if x % 97 == 0:
                log.append(x)
        return x
    finally:
        log.append("whiles finally")


def uncaught(n, log):
    acc = 0
    try:
        for i in range(n):
            acc += i
            if i == n - 2:
                raise ValueError(f"stop at {i} with {acc}")
    finally:
        log.append(("uncaught finally", acc))
    return acc


for run in range(3):
    log = []
    print(scan(5000 + run, log), log)
    log = []
    print(nested(3000 + run, log), log)
    print(nested(5, log), log)
    log = []
    print(raising(3000, 2500 + run, log), log[-4:], len(log))
    log = []
    print(in_handler(4000, log), log)
    log = []
    print(whiles(10 ** 6, log), len(log), log[:3], log[-2:])
    log = []
    try:
        uncaught(4000, log)
    except ValueError as e:
        print("ValueError", e, log, e.__context__,
              [(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)])
