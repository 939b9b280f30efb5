# Call-site caches of object code (runtime_c/capi/pjentry.c PjCallCache) follow every change
# of the callee after the call site filled its cache: a function rebound, __defaults__ and
# __kwdefaults__ replaced (keywords put in place with a default in the gap between them),
# __code__ replaced (another parameter list: the keywords map elsewhere), a method
# monkey-patched, shadowed by an instance attribute and unshadowed, and a callee that
# becomes uncompilable (its new code reads locals()). Each call site runs hot before the
# change and again after it.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles area, area2, scaled, Box.size, size_patched, run_pos, run_kw, run_gap, run_method, run_method_kw, run_spread, call_m
# expect jit: rejects spread (keyword-only or positional-only parameters)
# expect jit: rejects scaled (reflective access locals() reads the frame)
# run auto: --jit-threshold 3


def area(w, h=2):
    return [w * h]


def area2(w, h=2):
    return [w + h]


def scaled(x, scale=3, shift=0, tag="s"):
    return (x * scale + shift, tag)


def spread(a, *, b=1):
    return [a, b]


def reflective(x, scale=3, shift=0, tag="s"):
    names = sorted(locals())
    return (x - scale - shift, tag, len(names))


class Box:
    def __init__(self, w):
        self.w = w

    def size(self, k=1):
        return [self.w * k]


def run_pos(n):
    out = []
    for i in range(n):
        out.append(area(i, 3)[0])
        out.append(area(i)[0])
    return sum(out)


def run_kw(n):
    out = []
    for i in range(n):
        out.append(area(w=i, h=i)[0])
        out.append(area(i, h=5)[0])
        out.append(area(h=1, w=i)[0])
    return sum(out)


def run_gap(n):
    # shift given, scale from the defaults (the gap), tag from the defaults (trailing)
    acc = []
    for i in range(n):
        acc.append(scaled(i, shift=1))
        acc.append(scaled(i, tag="k", shift=2))
    return acc[-2:], len(acc)


def run_method(boxes):
    out = []
    for b in boxes:
        out.append(b.size(2))
        out.append(b.size())
    return out[-2:], len(out)


def run_method_kw(boxes):
    out = []
    for b in boxes:
        out.append(b.size(k=3))
    return out[-1], len(out)


def run_spread(n):
    out = []
    for i in range(n):
        out.append(spread(i, b=i))
        out.append(spread(i))
    return out[-2:]


def attempt(f, *args):
    try:
        return f(*args)
    except TypeError as e:
        return "TypeError: " + str(e)


N = 40
print("pos", run_pos(N), "kw", run_kw(N), "gap", run_gap(N))

# a function rebound: the global now holds another function
area = area2
print("rebound", run_pos(N), run_kw(N))

# __defaults__ replaced: the gap's default is read at each call
scaled.__defaults__ = (10, 20, "t")
print("defaults", run_gap(N))
scaled.__defaults__ = (7, "only-tag-and-shift")
print("shorter", attempt(run_gap, N))
scaled.__defaults__ = None
print("none", attempt(run_gap, N))
scaled.__defaults__ = (3, 0, "s")
print("restored", run_gap(N))

# __kwdefaults__ replaced (a keyword-only parameter: the generic path binds it)
print("kwonly", run_spread(N))
spread.__kwdefaults__ = {"b": 99}
print("kwdefaults", run_spread(N))
spread.__kwdefaults__ = None
print("kwdefaults none", attempt(run_spread, N))
spread.__kwdefaults__ = {"b": -1}


# __code__ replaced: other parameter names, so the keywords map to other positions
def swapped(x, tag, shift=0, scale=5):
    return (x - shift, scale, tag)


scaled.__code__ = swapped.__code__
print("code", attempt(run_gap, N))
scaled.__defaults__ = ("z", 5)
print("code+defaults", attempt(run_gap, N))

def outer():
    k = 1

    def inner(x):
        return x + k
    return inner


try:
    scaled.__code__ = outer().__code__
except ValueError as e:
    print("ValueError", e)

# a callee that becomes uncompilable (its new code reads locals()): tier 0 runs it
scaled.__code__ = reflective.__code__
scaled.__defaults__ = (3, 0, "s")
print("reflective", run_gap(N))

# methods: monkey-patched on the class, shadowed by an instance attribute, unshadowed
boxes = [Box(i) for i in range(N)]
print("method", run_method(boxes), run_method_kw(boxes))


def size_patched(self, k=1):
    return [self.w - k]


Box.size = size_patched
print("patched", run_method(boxes), run_method_kw(boxes))
boxes[-1].size = lambda k=1: ["instance", k]
print("shadowed", run_method(boxes), run_method_kw(boxes))
del boxes[-1].size
print("unshadowed", run_method(boxes), run_method_kw(boxes))


def size_three(self, j, k=1):
    return [self.w, j, k]


Box.size = size_three
print("new signature", attempt(run_method, boxes), attempt(run_method_kw, boxes))

# one call site, one function, with and without self first: the keywords map per count of
# positional arguments (b is given twice when the function is called as a method)
def both(first, b=0, k=0):
    return ("holder" if isinstance(first, Holder) else first, b, k)


class Holder:
    m = both


class Plain:
    pass


def call_m(objs):
    out = []
    for o in objs:
        try:
            out.append(o.m(7, b=5))
        except TypeError as e:
            out.append(str(e))
    return out


plain = Plain()
plain.m = both
print("self or not", call_m([plain] * 5 + [Holder()] * 2 + [plain]))


# errors from a cached keyword call site: an unknown keyword, a value given twice
def call_bad(n):
    out = []
    for i in range(n):
        out.append(area(i, h=i))
    out.append(attempt(lambda: area(1, w=2)))
    out.append(attempt(lambda: area(1, z=2)))
    return out[-3:]


print("errors", call_bad(N))
