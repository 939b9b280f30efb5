# Object code: try/except in native code -- `as` names (unbound after the handler), bare
# except, a tuple of types, else, exceptions raised by the C API, by `raise`, by native
# and tier-0 callees, bare `raise` re-raising, sys.exc_info() inside and after a handler,
# a handler type that is not an exception class (CPython's TypeError).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles lookup, divide, classify, reraiser, name_after, exc_info_seen, bad_type, attr_or_default, loop_catch
# run auto: --jit-threshold 20
# expect auto: compiles lookup, divide, classify, loop_catch
import sys


class Odd(Exception):
    pass


def check(n):
    if n % 2:
        raise Odd(n)
    return n


def lookup(d, k):
    try:
        v = d[k]
    except KeyError as e:
        return ("missing", e.args)
    else:
        return ("found", v)


def divide(a, b):
    try:
        return a // b
    except (ZeroDivisionError, TypeError) as e:
        return type(e).__name__


def classify(x):
    try:
        check(x)
        int("z" * x)
    except Odd as e:
        return f"odd {e.args[0]}"
    except ValueError:
        return "value"
    except:
        return "other"
    return "even-empty"


def reraiser(x):
    try:
        check(x)
    except Odd:
        if x > 5:
            raise
        return "small"
    return "even"


def name_after(x):
    try:
        check(x)
    except Odd as e:
        pass
    try:
        return e
    except UnboundLocalError as u:
        return str(u)


def exc_info_seen(x):
    out = []
    try:
        check(x)
    except Odd:
        out.append(sys.exc_info()[0].__name__)
        try:
            {}[x]
        except KeyError:
            out.append(sys.exc_info()[0].__name__)
        out.append(sys.exc_info()[0].__name__)
    out.append(sys.exc_info()[0])
    return out


def bad_type(x):
    try:
        return 1 // x
    except int:
        return "never"


class Thing:
    def __init__(self):
        self.here = 1


def attr_or_default(obj, name):
    try:
        return getattr(obj, name)
    except AttributeError:
        return "default"


def loop_catch(items):
    caught = 0
    total = 0
    for it in items:
        try:
            total += 100 // it
        except ZeroDivisionError:
            caught += 1
        except TypeError as e:
            caught += 10
            total += len(str(e))
    return caught, total


for i in range(40):
    r = (lookup({"a": 1}, "a"), lookup({"a": 1}, i), divide(i, i % 3), divide(i, "x"),
         classify(i % 4), classify(0))
    if i % 10 == 0:
        print(r)
    try:
        print(reraiser(i % 10))
    except Odd as e:
        print("reraised", e)
    print(name_after(i % 3), exc_info_seen(i % 2))
    print(loop_catch([1, 0, 3, "q", 7, 0]))
    print(attr_or_default(Thing(), "here"), attr_or_default(Thing(), "there"))
try:
    bad_type(0)
except TypeError as e:
    print("TypeError:", e, type(e.__context__).__name__)
print(sys.exc_info())
