# gi_frame/cr_frame/ag_frame.f_back: None before the first step and while suspended, the
# resumer's frame while running (CPython's test_generators test_*_frame_f_back).
import sys


def gen():
    print("running, f_back is the resumer:", sys._getframe().f_back.f_code.co_name)
    yield 1
    yield 2


async def coro():
    pass


async def agen():
    yield


def resumer(g):
    return next(g)


def check(where):
    g = gen()
    print(where, "unstarted gen:", g.gi_frame.f_back)
    resumer(g)
    print(where, "suspended gen:", g.gi_frame.f_back)
    c = coro()
    print(where, "unstarted coroutine:", c.cr_frame.f_back)
    c.close()
    a = agen()
    print(where, "unstarted async gen:", a.ag_frame.f_back)
    e = (x for x in [1])
    print(where, "unstarted genexpr:", e.gi_frame.f_back)
    e2 = (x for x in [1] if sys._getframe().f_back is not None)
    print(where, "genexpr running:", list(e2))


check("module")
for i in range(3):
    check(f"function {i}")
