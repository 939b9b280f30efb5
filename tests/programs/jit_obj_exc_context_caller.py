# Object code: an exception that native code raised inside its own handler or finally keeps
# the __context__ it got there when it leaves the native call into a caller that is itself
# handling an exception (tier 0's handler at module level, or a host library's, as
# contextlib.ExitStack calls its callbacks in its own except clause): the caller's handled
# exception is the context of the first exception of the chain, not of the last.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles raise_nested, in_handler, explicit_cause, suppressed
import contextlib


def raise_nested(inner_exc, outer_exc):
    try:
        raise inner_exc
    finally:
        raise outer_exc


def in_handler(inner_exc, outer_exc):
    try:
        raise inner_exc
    except KeyError:
        raise outer_exc


def explicit_cause(inner_exc, outer_exc):
    try:
        raise inner_exc
    except KeyError as e:
        raise outer_exc from e


def suppressed(inner_exc, outer_exc):
    try:
        raise inner_exc
    except KeyError:
        raise outer_exc from None


def chain(e):
    out = []
    while e is not None and len(out) < 10:
        out.append((type(e).__name__, e.args[0], e.__suppress_context__,
                    None if e.__cause__ is None else e.__cause__.args[0]))
        e = e.__context__
    return out


for fn in (raise_nested, in_handler, explicit_cause, suppressed):
    try:
        fn(KeyError("alone"), ValueError("outer alone"))
    except Exception as e:
        print(fn.__name__, chain(e))
    try:
        try:
            raise TypeError("handled by the caller")
        except TypeError:
            fn(KeyError("inner"), ValueError("outer"))
    except Exception as e:
        print(fn.__name__, chain(e))

exc = [Exception(i) for i in range(6)]
try:
    with contextlib.ExitStack() as stack:
        stack.callback(raise_nested, exc[4], exc[5])
        stack.callback(raise_nested, exc[2], exc[3])
        raise exc[1]
except Exception as e:
    print("ExitStack", [x[1] for x in chain(e)])
try:
    try:
        raise exc[0]
    except Exception:
        raise_nested(*exc[1:3])
except Exception as e:
    print("reused", [x[1] for x in chain(e)])
