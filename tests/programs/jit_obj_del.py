# Object code's `del`: locals (unbound afterwards: CPython's UnboundLocalError on a later
# read or a second del; bound again by an assignment), several targets at once, items
# and slices of lists and dicts (KeyError, IndexError), attributes (AttributeError, a
# guest __delattr__, __delitem__ with slices), globals (NameError), the object's
# finalizer running at the del when it was the last reference.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles locals_, items, attrs, drop_global, finalize, loop_del, guest_del, Guarded.__delattr__


class Noisy:
    def __init__(self, name, log):
        self.name = name
        self.log = log

    def __del__(self):
        self.log.append("del " + self.name)


class Guarded:
    def __init__(self):
        self.a = 1
        self.b = 2

    def __delattr__(self, name):
        if name == "b":
            raise AttributeError("b is guarded")
        object.__delattr__(self, name)


class Grid:
    def __init__(self):
        self.seen = []

    def __delitem__(self, key):
        self.seen.append(repr(key))


G = 5


def locals_(x, which):
    y = x * 2
    z = [y]
    del x
    out = [y, z]
    if which == 1:
        return x
    if which == 2:
        del y, z
        return z
    if which == 3:
        del y
        del y
    x = "again"
    del [z], (y)
    out.append(x)
    return out


def items(xs, d, key):
    del xs[0], xs[-1]
    del xs[1:3]
    del xs[::2]
    del d["a"]
    if key is not None:
        del d[key]
    return xs, d


def attrs(obj, name):
    del obj.a
    if name == "b":
        del obj.b
    if name == "c":
        del obj.c
    return obj.__dict__


def drop_global(twice):
    global G
    del G
    if twice:
        del G
    G = 5
    return "dropped"


def finalize(log):
    n = Noisy("first", log)
    m = Noisy("second", log)
    log.append("before")
    del n
    log.append("between")
    m = None
    log.append("after")
    return log


def loop_del(n):
    out = []
    for i in range(n):
        item = [i]
        out.append(item)
        del item
    return out, i


def guest_del(g):
    del g[1]
    del g[1:2]
    del g[::3, "k"]
    return g.seen


def attempt(f, *args):
    try:
        return f(*args)
    except (NameError, KeyError, IndexError, AttributeError) as e:
        return type(e).__name__ + ": " + str(e)


for _ in range(3):
    print(attempt(locals_, 3, 0), attempt(locals_, 3, 1), attempt(locals_, 3, 2), attempt(locals_, 3, 3))
    print(attempt(items, list(range(10)), {"a": 1, "b": 2}, "b"))
    print(attempt(items, list(range(10)), {"a": 1}, "zz"), attempt(items, [1], {"a": 1}, None))
    print(attempt(attrs, Guarded(), ""), attempt(attrs, Guarded(), "b"), attempt(attrs, Guarded(), "c"))
    print(attempt(drop_global, False), attempt(drop_global, True), globals().get("G"))
    G = 5
    print(finalize([]))
    print(loop_del(3))
    print(guest_del(Grid()))
