# A returning function releases its locals in co_varnames order (CPython clears the frame
# first to last), after a caught exception too, in a loop, unpacked; a
# frame that something still holds keeps its locals until it goes; a frame that called
# globals()/locals() is not kept by that (tier 0 published it for the call).
import sys


class N:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def plain():
    a = N("a")
    b = N("b")
    c = N("c")
    print("plain returns")
    return 1


def caught():
    a = N("ca")
    b = N("cb")
    try:
        raise ValueError("v")
    except ValueError:
        pass
    c = N("cc")
    print("caught returns")
    return 2


def returns_in_handler():
    x = N("hx")
    y = N("hy")
    try:
        raise KeyError("k")
    except KeyError:
        print("handler returns")
        return 3


def publishes():
    x = N("published x")
    y = N("published y")
    return len(globals()) > 0 and "x" in locals()


def looped(k):
    first = N(f"first {k}")
    second = N(f"second {k}")
    return k


def unpacked():
    u, v, w = N("u"), N("v"), N("w")
    del v
    return 0


kept = []


def held():
    m = N("held m")
    n = N("held n")
    kept.append(sys._getframe())
    return 4


def reassigned():
    r = N("r1")
    s = N("s")
    r = N("r2")
    return 5


print(plain())
print(caught())
print(returns_in_handler())
print(publishes())
for i in range(3):
    looped(i)
print(unpacked())
print(held())
print("frame kept")
kept.clear()
print(reassigned())
print("end")
