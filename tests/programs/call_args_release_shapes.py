# More shapes of call_args_release_order.py: one and three arguments, keyword-only, *rest
# and **kw parameters, a cell parameter, defaults, bound methods (self is released with the
# frame too: CPython drops the bound method before the call), a local callee, and * / **
# calls (whose argument tuple the caller keeps until the call is over, as in CPython).
class D:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag)

    def m(self, a=None, b=None):
        c = D("m local c of " + self.tag)


def one(a):
    b = D("one local b")


def three(a, b, c):
    d = D("three local d")


def kwonly(a, *, b):
    c = D("kwonly local c")


def varargs(a, *rest, **kw):
    c = D("varargs local c")


def celled(a, b):
    c = D("celled local c")
    return lambda: a


def defaults(a, b=None):
    c = D("defaults local c")


def run():
    one(D("one arg"))
    print("--")
    three(D("three a"), D("three b"), D("three c"))
    print("--")
    kwonly(D("kwonly a"), b=D("kwonly b"))
    print("--")
    varargs(D("va a"), D("va r1"), D("va r2"), k=D("va k"))
    print("--")
    celled(D("cell a"), D("cell b"))
    print("--")
    defaults(D("def a"))
    print("--")
    D("self 0").m()
    print("--")
    D("self 1").m(D("m a"))
    print("--")
    D("self 2").m(D("m2 a"), D("m2 b"))
    print("--")
    D("self kw").m(b=D("mkw b"), a=D("mkw a"))
    print("--")
    o = D("held")
    o.m(D("o.m a"))
    print("--")
    o.m(D("o.m2 a"), D("o.m2 b"))
    print("--")
    f = one
    f(D("local f arg"))
    print("--")
    one(*(D("tuple star"),))
    print("--")
    varargs(**{"a": D("dstar a")})
    print("--")
    t = (D("kept tuple"),)
    one(*t)
    print("-- end run")


run()
print("end")
