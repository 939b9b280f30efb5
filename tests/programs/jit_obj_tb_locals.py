# A compiled (object code) frame that an exception leaves (issue 19): its traceback entry's
# tb_frame.f_locals (and traceback's capture_locals) show its locals by name as CPython's
# do -- object locals, tagged numbers and unboxed int/float/bool parameters boxed -- with
# the locals not yet bound, and those deleted, left out; the traceback keeps the values
# alive until it goes, then releases them (a Noisy's __del__ where CPython's runs).
# An unboxed local is shown where it is assigned on every path to the failing op
# (codegen/analysis.py assigned_before; `gone` after its del is not): one assigned on
# some paths only (a for loop's variable after the loop) is not shown (known gap: CPython
# shows it when the path taken assigned it), so the program has none.
#
# expect jit: compiles work, chain_inner, chain_outer, floats
# run auto: --jit-threshold 10
import traceback


class Noisy:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Noisy({self.name})"

    def __del__(self):
        if self.name.endswith("500"):     # (not the warm-up's)
            print("del", self.name)


def work(items, k, scale):
    total = 0
    label = "work"
    for it in items:
        total += it
    box = [total * scale]
    if k > 5:
        late = [k]
        del label
        return items[k]
    return box


def frame_locals(frame):
    return sorted((k, repr(v)) for k, v in frame.f_locals.items())


for i in range(300):
    work([1, 2], 0, 2)

try:
    work([1, 2], 7, 3)
except IndexError as e:
    f = e.__traceback__.tb_next.tb_frame
    print(f.f_code.co_name, f.f_code.co_varnames)
    print(frame_locals(f))
    s = traceback.StackSummary.extract(traceback.walk_tb(e.__traceback__.tb_next), capture_locals=True)
    print([(x.name, sorted(x.locals.items())) for x in s])
    del f


def chain_inner(obj, n):
    mine = Noisy("inner-" + str(n))
    if n > 100:
        return obj.missing
    return mine


def chain_outer(n, flag):
    here = Noisy("outer-" + str(n))
    got = chain_inner(here, n)
    return got


for i in range(300):
    chain_outer(i % 50, True)
print("warm")


def catch_chain():
    try:
        chain_outer(500, False)
    except AttributeError as e:
        tb = e.__traceback__.tb_next
        while tb is not None:
            print(tb.tb_frame.f_code.co_name, frame_locals(tb.tb_frame))
            tb = tb.tb_next
        print("handled")
    print("after")


catch_chain()


def floats(x, y, flag):
    ratio = x / y
    name = "f" + str(flag)
    if flag:
        count = 0
        while count < 3:
            count += 1
        gone = 2.5
        del gone
        return ratio + name
    later = 1.0
    return ratio + later


for i in range(300):
    floats(1.5, 2.0, False)
try:
    floats(3.0, 4.0, True)
except TypeError as e:
    print(frame_locals(e.__traceback__.tb_next.tb_frame))
try:
    floats(3.0, 0.0, True)     # (nothing after the division assigned yet)
except ZeroDivisionError as e:
    print(frame_locals(e.__traceback__.tb_next.tb_frame))
print("end")
