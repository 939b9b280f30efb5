# Object code runs in guest frames: a callee (tier 0, or host code such as inspect and
# logging) called by a natively compiled function sees it as its caller, with its name
# and current line: sys._getframe(1), f_back chains, inspect.stack() and
# inspect.currentframe() called from native code, logging's funcName/lineno.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles middle, outer, direct_stack, logs, chain_top
# run auto: --object-code --jit-threshold 3
# expect auto: compiles middle
import inspect
import logging
import sys

logging.basicConfig(format="%(funcName)s:%(lineno)d:%(levelname)s %(message)s",
                    stream=sys.stdout, level=logging.DEBUG)


def who_called():
    f = sys._getframe(1)
    back = f.f_back
    return (f.f_code.co_name, f.f_lineno, back.f_code.co_name, back.f_lineno)


def middle(n):
    a = n * 2
    first = who_called()
    a += 1
    second = who_called()
    return first, second, a


def outer(n):
    out = []
    for i in range(n):
        out.append(middle(i))
    return out


def direct_stack(tag):
    here = inspect.currentframe()
    st = inspect.stack()
    names = (st[0].function, st[0].lineno, st[1].function, st[1].lineno, len(st))
    return tag, here.f_code.co_name, here.f_lineno, names


def logs(x):
    logging.info("value %s", x)
    if x > 1:
        logging.warning("big %s", x)
    return x


def chain_walker():
    f = sys._getframe(1)
    names = []
    while f is not None:
        names.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return names


def chain_top(k):
    if k == 0:
        return chain_walker()
    return chain_top(k - 1)


for r in outer(4):
    print(r)
for t in ("a", "b"):
    print(direct_stack(t))
for v in range(3):
    logs(v)
print(chain_top(3))
