"""Guest frames to inspect and the traceback module (issue 19): sys._getframe() is a frame
to inspect.isframe and isinstance(..., types.FrameType), inspect.getframeinfo/getouterframes/
stack/getsourcelines take it, repr(frame) is CPython's <frame at 0x..., file '...', line N,
code NAME>, and a traceback's tb_frame.f_code names the function (co_name, co_filename,
co_firstlineno, co_qualname) at module level, in functions, methods and class bodies."""
import inspect
import re
import sys
import traceback
import types


def shape(r):
    return re.sub(r"0x[0-9a-f]+", "0x...", r).replace(__file__, "FILE")


def here():
    f = sys._getframe()
    print(shape(repr(f)), inspect.isframe(f), isinstance(f, types.FrameType))
    info = inspect.getframeinfo(f)
    print(info.filename == __file__, info.lineno, info.function, info.code_context, info.index)
    print(type(f.f_code) is types.CodeType, f.f_code is here.__code__, f.f_code.co_name)
    caller = f.f_back
    print(shape(repr(caller)), inspect.getframeinfo(caller).function)
    outer = inspect.getouterframes(f, context=0)
    print([(o.function, o.lineno) for o in outer][:3])
    lines, start = inspect.getsourcelines(f)
    print(start, lines[0].strip())
    return f


def caller_of_here():
    return here()


print(caller_of_here().f_code.co_name)
top = sys._getframe()
print(shape(repr(top)), inspect.getframeinfo(top).function, top.f_code.co_name, type(top.f_code) is types.CodeType)
print(inspect.getframeinfo(top).filename == __file__, top.f_code.co_filename == __file__)


class Body:
    frame = sys._getframe()
    print(shape(repr(frame)), inspect.getframeinfo(frame).function, frame.f_code.co_name)
    del frame


def stack_names():
    return [s.function for s in inspect.stack(context=0)][:3]


print(stack_names())


# Tracebacks: tb_frame.f_code says which function.
class Thing:
    def method(self):
        raise ValueError("in method")


def fails(n):
    if n == 0:
        Thing().method()
    return fails(n - 1)


try:
    fails(2)
except ValueError as e:
    tb = e.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        print(code.co_name, code.co_qualname, code.co_filename == __file__, code.co_firstlineno,
              tb.tb_lineno, inspect.isframe(tb.tb_frame))
        tb = tb.tb_next
    info = inspect.getframeinfo(e.__traceback__.tb_next)
    print(info.function, info.lineno, info.code_context)
    print([(s.name, s.lineno) for s in traceback.extract_tb(e.__traceback__)])
