# A returning call's locals are released after its frame is gone: CPython 3.11 pops the
# frame, then clears its locals, so a __del__ run by that release sees the function's
# caller as its own caller (sys._getframe(1)), at the caller's current line. Tier 0
# released them while the returning frame was still the running one, and so did object
# code (its return now publishes the caller first: runtime_c/capi/pjentry.c pj_frame_exit).
import sys


class D:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        f = sys._getframe(1)
        print("del", self.tag, "| caller", f.f_code.co_name, f.f_lineno)


def f():
    d = D("f local")
    n = 1
    return n


def g():
    d = D("g local")
    x = D("g x")
    return f() + 1


def h(a):
    return a


def i(a, b):
    c = D("i local c")
    return 0


class M:
    def method(self, k):
        tmp = D("method local " + str(k))
        return k


def hot(n):
    total = 0
    for k in range(n):
        total += f()
        total += i(k, k)
    return total


def key(v):
    d = D("key local")
    return v


def via_host():
    # sorted() calls the key function: its locals go once sorted runs again
    return sorted([3, 1, 2], key=key)


def gen():
    d = D("gen local")
    yield 1
    return 2


def main():
    print(f())
    print(g())
    h(D("h arg"))
    print(i(1, 2))
    print(M().method(1))
    m = M()
    print(m.method(2))
    print(hot(3))
    print(via_host())
    print(list(gen()))
    print("end main")


main()
print("end")
