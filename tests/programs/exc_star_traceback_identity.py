# The parts except* splits off share the group's traceback object (as split() gives it):
# the exception a handler sees, the re-raised projection, the context of what a handler
# raises; their printed tracebacks are CPython's.
import traceback


def tb_lines(e):
    return [(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)]


def handled_raises_new(orig):
    try:
        try:
            raise orig
        except* OSError as e:
            seen.append(e)
            raise TypeError(3)
    except ExceptionGroup as e:
        return e


seen = []
orig = ExceptionGroup("eg", [ValueError(1), OSError(2)])
exc = handled_raises_new(orig)
print(repr(exc), repr(exc.exceptions[0].__context__))
print(orig.__traceback__ is exc.exceptions[0].__context__.__traceback__, seen[0] is exc.exceptions[0].__context__)
print(orig.__traceback__ is seen[0].__traceback__, tb_lines(orig), tb_lines(seen[0]))
print(exc.exceptions[1].__traceback__ is orig.__traceback__, tb_lines(exc.exceptions[1]))


def reraise_all(orig):
    try:
        try:
            raise orig
        except* ValueError:
            raise
        except* OSError:
            raise
    except ExceptionGroup as e:
        return e


orig = ExceptionGroup("eg", [ValueError(1), OSError(2)])
e = reraise_all(orig)
print(e is orig, e.__traceback__ is orig.__traceback__, tb_lines(e))


def nested(n):
    if n:
        return nested(n - 1)
    raise ExceptionGroup("deep", [KeyError("k"), ValueError("v")])


def outer():
    try:
        nested(2)
    except* KeyError as ke:
        print("handled", repr(ke), tb_lines(ke))


try:
    outer()
except ExceptionGroup as e:
    print("rest", repr(e), tb_lines(e))
    traceback.print_exception(e, limit=None, chain=True)
outer()
