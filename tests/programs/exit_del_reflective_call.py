"""A function that calls a reflective builtin (globals(), sys.exc_info()) releases its
locals when it returns, as any other: their __del__ runs at the return, not at some later
point (protojit published the frame for the call and left it published, which kept it
alive); a traceback returned from a handler goes when its last reference does; the
frame's one locals dict and frame object. (Not yet as CPython: a function that called
locals(), dir() or sys._getframe() still releases its locals late -- issue 18 note.)"""
import sys


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def with_globals():
    n = Noisy("globals")
    globals()
    return 1


for fn in (with_globals,):
    print(fn.__name__, fn())
    print("after", fn.__name__)


def raiser(x):
    kept = Noisy("raiser")
    raise ValueError(x)


def keep_traceback():
    try:
        raiser(4)
    except ValueError:
        return sys.exc_info()[2]


tb = keep_traceback()
print("kept", tb.tb_next.tb_frame.f_code.co_name)
del tb
print("dropped")


# The frame's one locals dict and its one frame object, while held.
def same_objects():
    d = locals()
    d["added"] = 1
    again = locals()
    me = sys._getframe()
    return (d is again, "added" in locals(), me is sys._getframe(), me.f_locals is d,
            sys._getframe() is sys._getframe())


print(same_objects())
