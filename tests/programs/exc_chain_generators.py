# Exceptions chained in and out of generators print as CPython's: a finally clause that
# raises while close() runs (its __context__, the GeneratorExit, has the generator's
# traceback), raise ... from, notes, except* in a handler, a re-raised kept exception.
import sys, traceback
def f():
    try:
        raise KeyError("a")
    except KeyError as e:
        raise ValueError("b") from e
try:
    f()
except ValueError as v:
    print(repr(v.__cause__), repr(v.__context__), v.__suppress_context__)
    traceback.print_exception(v, file=sys.stdout)
def g():
    try:
        yield
        raise OSError(2, "x")
    except OSError as e:
        e.add_note("note 1")
        raise
x = g(); next(x)
try:
    next(x)
except OSError as e:
    traceback.print_exception(e, file=sys.stdout)
    print(e.__notes__, vars(e))
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as m:
        print("matched", repr(m))
        raise
except ExceptionGroup as eg:
    print(repr(eg), [repr(x) for x in eg.exceptions])
    traceback.print_exception(eg, file=sys.stdout)
def h():
    try:
        yield 1
    finally:
        raise RuntimeError("in finally")
y = h(); next(y)
try:
    y.close()
except RuntimeError as e:
    print(repr(e), repr(e.__context__))
    traceback.print_exception(e, file=sys.stdout)
e1 = None
try:
    raise ValueError("keep")
except ValueError as e:
    e1 = e
print(sys.exc_info(), vars(e1), e1.__traceback__.tb_lineno)
try:
    raise e1
except ValueError as e:
    print([f.lineno for f in traceback.extract_tb(e.__traceback__)])
