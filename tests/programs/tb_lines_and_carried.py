"""Tracebacks as CPython 3.11 makes them (issue 19, CPython's test_exceptions PEP626Tests
and test_raise): the f_lineno of a frame an exception left is the line it was left at --
the last line of a finally clause that ran, the last except clause when none matched,
the raising line when it left through a handler or a with block -- while tb_lineno stays
the line the exception passed; a frame's f_code and f_globals are its function's own,
compiled or not; and `raise exc.with_traceback(tb)` puts the new entries in front of tb,
which stays the same object (the printed traceback shows its frames too)."""
import sys
import traceback


def lines_after(f):
    try:
        f()
    except Exception as ex:
        t = ex.__traceback__
    out = []
    t = t.tb_next
    while t:
        frame = t.tb_frame
        first = frame.f_code.co_firstlineno
        out.append((frame.f_code.co_name, t.tb_lineno - first,
                    None if frame.f_lineno is None else frame.f_lineno - first,
                    frame.f_globals is globals()))
        t = t.tb_next
    return out


def simple():
    1/0
    pass


def other_except():
    try:
        1/0
    except TypeError as ex:
        pass


def two_except():
    try:
        1/0
    except TypeError:
        pass
    except KeyError as k:
        pass


def in_try():
    try:
        1/0
    finally:
        pass


def in_except():
    try:
        1/0
    except:
        1/0
        pass


def in_named_except():
    try:
        1/0
    except Exception as ex:
        1/0
        pass


def in_finally_normal():
    try:
        pass
    finally:
        1/0
        pass


def nested_finally():
    try:
        try:
            1/0
        finally:
            x = 1
    except TypeError:
        pass


class Noop:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


def after_with():
    with Noop():
        1/0
        pass


def finally_in_with():
    with Noop():
        try:
            1/0
        finally:
            y = 2


def calls_simple():
    simple()
    pass


def gen():
    yield 1
    try:
        1/0
    finally:
        z = 3


def in_generator():
    for _ in gen():
        pass


cases = (simple, other_except, two_except, in_try, in_except, in_named_except,
         in_finally_normal, nested_finally, after_with, finally_in_with, calls_simple,
         in_generator)
for i in range(3):       # (the second and third rounds: compiled at --tier auto)
    for f in cases:
        got = lines_after(f)
        if i == 2:
            print(f.__name__, got)
    for _ in range(100):
        for f in cases:
            try:
                f()
            except Exception:
                pass


def get_tb():
    try:
        raise OSError()
    except OSError as e:
        return e.__traceback__


def names(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


def accepts():
    tb = get_tb()
    try:
        raise IndexError().with_traceback(tb)
    except IndexError as e:
        print(names(e.__traceback__), e.__traceback__.tb_next is tb)


accepts()


def reraise_with(e):
    raise ValueError("again").with_traceback(e.__traceback__)


def outer():
    try:
        {}["k"]
    except KeyError as e:
        reraise_with(e)


try:
    outer()
except ValueError as e:
    print(names(e.__traceback__))
    traceback.print_exc()     # (stderr: the harness evens out the ^^^ lines there)
outer()
