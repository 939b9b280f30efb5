"""A traceback's frames (issue 19): tb_frame.f_code is a code object with the guest
function's co_varnames, co_argcount, co_name, co_firstlineno; tb_frame.f_lineno is the
entry's line; the frames the exception left hold their locals (tb_frame.f_locals, cell
and free variables included; traceback's capture_locals), kept alive by the traceback
until it goes, and released as CPython's (inner frames first, each frame's locals in
order). The still-running frame that catches is only checked for its code here
(tb_catcher_locals.py has its live locals; jit_obj_tb_locals.py a compiled frame's)."""
import sys
import traceback


class Noisy:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Noisy({self.name})"

    def __del__(self):
        print("del", self.name)


def inner(a, b=2, *rest, key=None, **kw):
    c = a + b
    d = [c]
    raise ValueError(c)


def middle(x):
    kept = Noisy("middle-" + str(x))
    total = x * 2

    def closure():
        return total + x
    return inner(total, closure() - total - x + 1)


def show(tb):
    while tb is not None:
        frame = tb.tb_frame
        code = frame.f_code
        print(code.co_name, code.co_varnames, code.co_argcount, code.co_kwonlyargcount,
              code.co_cellvars, code.co_firstlineno, tb.tb_lineno)
        if tb.tb_next is not None:   # (a left frame's line; the catcher's runs on)
            print("   ", tb.tb_next.tb_frame.f_lineno)
        tb = tb.tb_next


def left_frames(tb):
    """The locals of the frames the exception left (all but the first, the catcher's)."""
    tb = tb.tb_next
    while tb is not None:
        print(tb.tb_frame.f_code.co_name,
              sorted((k, v) for k, v in tb.tb_frame.f_locals.items() if k != "closure"),
              tb.tb_frame.f_locals["closure"].__qualname__ if "closure" in tb.tb_frame.f_locals else "")
        tb = tb.tb_next


def catch():
    try:
        middle(3)
    except ValueError as e:
        show(e.__traceback__)
        left_frames(e.__traceback__)
        # (the left frames only: reading the running frame's f_locals in CPython puts `e` in
        # its locals dict, a cycle through the traceback that only the collector breaks)
        summary = traceback.StackSummary.extract(traceback.walk_tb(e.__traceback__.tb_next),
                                                 capture_locals=True)
        for fs in summary:
            print(fs.name, fs.lineno, sorted((k, v) for k, v in (fs.locals or {}).items() if k != "closure"))
        print("handled")
    print("after the handler")


catch()

# The traceback kept past the handler keeps the left frame's locals alive.
def raiser(x, *, tag=None):
    kept = Noisy("raiser-" + str(x))
    raise ValueError(x)


def keep_it():
    try:
        raiser(4)
    except ValueError:
        return sys.exc_info()[2]


tb = keep_it()
print("kept", tb.tb_next.tb_frame.f_locals["kept"], tb.tb_next.tb_frame.f_locals["x"])
del tb
print("dropped")


# A frame that catches, reads the traceback, and re-raises: the outer handler sees its
# locals too (they were given once the exception left it).
def reraiser(n, *, tag=None):
    local = Noisy("reraiser")
    try:
        inner(n)
    except ValueError as e:
        print("first look", e.__traceback__.tb_frame.f_code.co_name)
        raise


try:
    reraiser(1)
except ValueError as e:
    t = e.__traceback__.tb_next
    print(t.tb_frame.f_code.co_name, sorted(t.tb_frame.f_locals), t.tb_frame.f_locals["n"],
          t.tb_frame.f_locals["tag"])
    print(t.tb_next.tb_frame.f_code.co_name, sorted(t.tb_next.tb_frame.f_locals.items()))
    del t
print("end")
