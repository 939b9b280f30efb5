# Guest code printing a caught exception through the interpreter's own printers:
# sys.excepthook, sys.__excepthook__ (CPython's C printer), traceback.print_exception,
# and reading the traceback's lines through traceback/inspect. No marker lines appear
# for frames whose columns are unknown, and every line is the raising line.
import inspect
import sys
import traceback


def inner(x):
    raise ValueError(f"bad {x}")


def outer(x):
    return inner(x) + 1


try:
    outer(3)
except ValueError as e:
    err = e

sys.stdout.flush()
sys.excepthook(type(err), err, err.__traceback__)
sys.__excepthook__(type(err), err, err.__traceback__)
traceback.print_exception(err)
print([(s.name, s.lineno, s.line) for s in traceback.extract_tb(err.__traceback__)])
tb = err.__traceback__
while tb is not None:
    info = inspect.getframeinfo(tb)
    print(info.function, info.lineno, tb.tb_lineno, info.code_context)
    tb = tb.tb_next
