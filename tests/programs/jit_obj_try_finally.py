# Object code: finally in native code -- on the way out of a fall-through, a return (its
# value computed first), a break and a continue, and an exception (sys.exc_info() shows it
# inside the finally); a return/break/continue in a finally replaces what was leaving,
# exception included; an exception raised in a finally gets the one leaving as its
# __context__; try/except/else/finally together; nested finally blocks in order.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles ret_then_finally, loop_flow, swallow, replace, full, nested_order, exc_info_in_finally
# run auto: --jit-threshold 20
# expect auto: compiles ret_then_finally, replace, full
import sys


def ret_then_finally(log, x):
    try:
        log.append("body")
        return log.append("ret") or x * 2
    finally:
        log.append("finally")


def loop_flow(n):
    log = []
    for i in range(n):
        try:
            if i == 1:
                continue
            if i == 4:
                break
            log.append(i)
        finally:
            log.append(-i)
    else:
        log.append("else")
    return log


def swallow(x):
    for i in range(3):
        try:
            if x:
                raise ValueError(x)
            return "body"
        finally:
            if i < 2:
                continue
            return f"finally {i}"


def replace(x):
    try:
        raise KeyError(x)
    finally:
        if x > 0:
            raise IndexError(x)


def full(x):
    log = []
    try:
        log.append("try")
        if x == 1:
            raise ValueError
        if x == 2:
            raise TypeError
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log


def nested_order(x):
    log = []
    try:
        try:
            try:
                return x // (x - 1)
            finally:
                log.append("inner")
        finally:
            log.append("middle")
    except ZeroDivisionError:
        log.append("caught")
    finally:
        log.append("outer")
    return log


def exc_info_in_finally(x):
    seen = []
    try:
        try:
            if x:
                raise LookupError(x)
        finally:
            seen.append(sys.exc_info()[0])
    except LookupError:
        seen.append("outer")
    seen.append(sys.exc_info()[0])
    return seen


for i in range(30):
    log = []
    r = ret_then_finally(log, i)
    if i % 10 == 0:
        print(r, log, loop_flow(6), loop_flow(2), swallow(i % 2), swallow(0))
        print(full(0), full(1), nested_order(0), nested_order(1), nested_order(3))
        print(exc_info_in_finally(0), exc_info_in_finally(1))
    for x in (0, 1):
        try:
            replace(x)
        except Exception as e:
            if i % 10 == 0:
                print(type(e).__name__, e, type(e.__context__).__name__)
    try:
        full(2)
    except TypeError as e:
        if i % 10 == 0:
            print("full(2) raised", type(e).__name__)
