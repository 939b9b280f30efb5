# Guest code reading tracebacks: traceback.print_exc/format_exc/extract_tb, sys.exc_info,
# e.__traceback__ and logging.exception see the guest frames, as in CPython. (Lines whose
# error is a whole statement: CPython 3.11 adds ^^^ markers under a part of a line.)
import io
import json
import logging
import sys
import traceback


def inner(x):
    raise ValueError(f"bad {x}")


def middle(x):
    inner(x)


def outer(x):
    middle(x)


def names(tb):
    return [(fs.name, fs.lineno, fs.line) for fs in traceback.extract_tb(tb)]


try:
    outer(1)
except ValueError:
    print(traceback.format_exc())
    t, v, tb = sys.exc_info()
    print(t.__name__, v, names(tb))
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_globals["__name__"])

try:
    outer(2)
except ValueError as e:
    print(names(e.__traceback__))
    print(len(list(traceback.walk_tb(e.__traceback__))))

stream = io.StringIO()
logging.basicConfig(stream=stream, format="%(levelname)s %(message)s")
try:
    outer(3)
except ValueError:
    logging.exception("failed")
print(stream.getvalue())


def reraise():
    try:
        outer(4)
    except ValueError:
        print("caught once", names(sys.exc_info()[2]))
        raise


def wrap():
    try:
        reraise()
    except ValueError as e:
        print("caught twice", names(e.__traceback__))
        raise KeyError("wrapped") from e


try:
    wrap()
except KeyError as k:
    print("outer", names(k.__traceback__))
    print("cause", names(k.__cause__.__traceback__))
    print("".join(traceback.format_exception(k)))


class Weird:
    pass


def default(o):
    raise TypeError(f"no {type(o).__name__}")


try:
    json.dumps({"a": Weird()}, default=default)
except TypeError as e:
    frames = [(fs.name, fs.filename.endswith(".py") and "json" in fs.filename) for fs in
              traceback.extract_tb(e.__traceback__)]
    print(frames[0], frames[-1], any(lib for _, lib in frames))


def gen():
    yield 1
    raise RuntimeError("in generator")


try:
    list(gen())
except RuntimeError:
    print(names(sys.exc_info()[2]))

try:
    [inner(i) for i in range(1)]
except ValueError as e:
    print(names(e.__traceback__))


def uncaught():
    try:
        outer(5)
    except ValueError:
        traceback.print_exc(file=sys.stdout)
        raise


uncaught()
