# An exception leaving object code from inside a loop, at several ops and iterations: the
# traceback frame's f_locals show each local's value at the failing op (tagged numbers,
# objects, a maybe-unbound local, an int loop counter), and the traceback keeps them alive
# until it goes (a Noisy's __del__ where CPython's runs). The error exit reads the locals
# from their shadows in memory (codegen/exitstate.py), which every store to a local also
# writes: a store the shadow missed would show a stale value here.
#
# expect jit: compiles step
# run auto: --jit-threshold 10
class Noisy:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Noisy({self.name})"

    def __del__(self):
        if self.name.startswith("fail"):     # (not the warm-up's)
            print("del", self.name)


def step(rows, stop, tag):
    acc = 0.0
    last = None
    for i in range(len(rows)):
        x, y, holder = rows[i]
        d = x - y
        acc += d * d
        if i == 2:
            seen = Noisy(tag + "-seen")
        last = holder
        if i == stop:
            acc = acc / (x - x)          # ZeroDivisionError with every local bound
        q = holder.missing if i == stop + 1 else d
    return acc, last, q


def frame_locals(frame):
    return sorted((k, repr(v)) for k, v in frame.f_locals.items())


def rows(n, tag):
    return [(float(i), 0.5 * i, Noisy(f"{tag}-{i}")) for i in range(n)]


for _ in range(200):
    step(rows(4, "warm"), 99, "warm")

for stop in (0, 1, 3, 5):
    try:
        step(rows(7, f"fail{stop}"), stop, f"fail{stop}")
    except (ZeroDivisionError, AttributeError) as e:
        print(type(e).__name__, e)
        f = e.__traceback__.tb_next.tb_frame
        print(frame_locals(f))
        del f, e
    print("after", stop)
