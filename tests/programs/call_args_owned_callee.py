# A call's arguments belong to the callee's frame, as CPython 3.11 moves them into it: a
# parameter the callee rebinds releases the caller's temporary right there, and a callee
# that raises keeps its arguments with its frame in the traceback until the exception is
# gone. Object code's calls hand their argument vectors over (runtime_c/capi/pjentry.c
# pj_call_site_owned): positional, keyword (mapped to positions, with defaults, keyword-only),
# methods (loaded and bound), constructors and the first call that compiles the callee.
class D:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag)


def rebind(a):
    print("rebind: before")
    a = None
    print("rebind: after")


def rebind_kw(a, b=None, c=None):
    print("rebind_kw: before")
    b = None
    print("rebind_kw: b rebound")
    c = None
    print("rebind_kw: after")


def kwonly(a, *, k):
    k = None
    print("kwonly: k rebound")


class C:
    def __init__(self, x):
        print("init: before")
        x = 0
        print("init: after")

    def meth(self, y):
        del y
        print("meth: y deleted")


def raises(a):
    raise ValueError("boom")


def run():
    rebind(D("pos"))
    print("--")
    rebind_kw(D("kw a"), c=D("kw c"), b=D("kw b"))
    print("--")
    kwonly(D("kwonly a"), k=D("kwonly k"))
    print("--")
    c = C(D("ctor x"))
    print("--")
    c.meth(D("meth y"))
    print("--")
    m = c.meth
    m(D("bound y"))
    print("--")
    try:
        raises(D("raised a"))
    except ValueError as e:
        print("caught", e)
    print("after except")
    print("--")
    for i in range(3):
        rebind(D("loop %d" % i))
    print("end run")


run()
print("end")
