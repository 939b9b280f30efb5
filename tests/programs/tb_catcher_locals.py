"""The frame that catches an exception (issue 19): its tb_frame.f_locals (and traceback's
capture_locals) shows its locals as they are when read, names bound after the catch
included and names deleted gone, cells and free variables by value; once the frame has
returned, as they were at its return; the values it lets go before returning are not
kept by the traceback (a Noisy's __del__ runs where CPython's does).
Each catching function here has a cell variable (`keep`), which keeps it in tier 0 at
every tier: a compiled (object code) frame that catches has no locals in its tb_frame
(known gap: its locals live in machine code; jit_obj_tb_locals.py has the frames an
exception leaves, which do)."""
import gc
import sys
import traceback


class Noisy:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Noisy({self.name})"

    def __del__(self):
        print("del", self.name)


def names(frame):
    return sorted(k for k in frame.f_locals if k not in ("e", "tb", "keep"))


def values(frame):
    return sorted((k, v if isinstance(v, (int, str, Noisy)) else type(v).__name__)
                  for k, v in frame.f_locals.items() if k not in ("e", "tb", "s", "keep"))


def catcher(n):
    keep = lambda: n
    a = n + 1
    gone = Noisy("gone")
    try:
        raise KeyError(a)
    except KeyError as e:
        tb = e.__traceback__
        print("at the catch", names(tb.tb_frame))
        b = 5
        del gone                    # CPython's frame lets it go now
        print("later", values(tb.tb_frame))
        s = traceback.StackSummary.extract(traceback.walk_tb(tb), capture_locals=True)
        print("capture_locals", [(f.name, sorted(k for k in (f.locals or {}) if k not in ("tb", "keep")))
                                 for f in s])
        kept = Noisy("kept")
        late = sys.exc_info()[2]
    print("after the handler", names(late.tb_frame))
    return late


tb = catcher(3)
print("returned", values(tb.tb_frame))
del tb
gc.collect()
print("collected")


def with_cells(x):
    total = x * 2

    def inner():
        return total + x
    try:
        {}["missing"]
    except LookupError as e:
        print("cells", values(e.__traceback__.tb_frame))
        total = 100
        print("cells again", values(e.__traceback__.tb_frame))
    return inner


with_cells(7)


def outer():
    y = "free"

    def nested(z):
        keep = lambda: z
        try:
            1 / z
        except ZeroDivisionError as e:
            print("free", values(e.__traceback__.tb_frame), y)
    return nested


outer()(0)


def gen():
    g = 1
    try:
        yield 1
        raise ValueError("in gen")
    except ValueError as e:
        f = e.__traceback__.tb_frame
        print("generator", values(f))
        g = 2
        yield 2
        print("generator resumed", values(f))
        del f


it = gen()
next(it)
next(it)
next(it, None)


def many(i):
    keep = lambda: i
    try:
        raise IndexError(i)
    except IndexError as e:
        return names(e.__traceback__.tb_frame)


for i in range(300):
    r = many(i)
print("hot", r)
