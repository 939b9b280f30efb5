# Object code: chaining and tracebacks of exceptions caught and raised again in native
# code -- raise X from Y, implicit __context__, `raise e` of a caught exception (its
# frame gets a second traceback entry, as in CPython), bare raise (no new entry), an
# exception raised inside a handler, nested handlers restoring the handled exception,
# __suppress_context__ with `from None`. Tracebacks are compared as (name, line) lists.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles low, wrap, wrap_none, again, bare, in_handler, nested
# run auto: --jit-threshold 20
# expect auto: compiles low, wrap, again, bare
import traceback


class AppError(Exception):
    pass


def low(x):
    if x < 0:
        raise ValueError(f"negative {x}")
    return {"k": x}["k" if x else "z"]


def wrap(x):
    try:
        return low(x)
    except ValueError as e:
        raise AppError("wrapped") from e


def wrap_none(x):
    try:
        return low(x)
    except KeyError:
        raise AppError("hidden") from None


def again(x):
    try:
        low(x)
    except ValueError as e:
        err = e
    raise err


def bare(x):
    try:
        return low(x)
    except (ValueError, KeyError):
        raise


def in_handler(x):
    try:
        low(x)
    except Exception:
        return 1 // 0


def nested(x):
    seen = []
    try:
        low(x)
    except Exception as outer:
        try:
            low(-1)
        except ValueError as inner:
            seen.append(inner.__context__ is outer)
        seen.append(repr(outer))
    return seen


def show(f, x):
    try:
        f(x)
    except Exception as e:
        tb = [(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)]
        cause = type(e.__cause__).__name__ if e.__cause__ is not None else None
        ctx = type(e.__context__).__name__ if e.__context__ is not None else None
        print(f.__name__, x, type(e).__name__, e, cause, ctx, e.__suppress_context__, tb)
        return
    print(f.__name__, x, "no exception")


for i in range(30):
    for f in (wrap, wrap_none, again, bare, in_handler):
        for x in (-2, 0, 3):
            if i % 10 == 0 or f is again:
                show(f, x)
            else:
                try:
                    f(x)
                except Exception:
                    pass
    if i % 10 == 0:
        print(nested(0), nested(-3))
try:
    again(-7)
except ValueError:
    traceback.print_exc()
wrap(-1)
