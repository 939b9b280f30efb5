# inspect.getgeneratorlocals/getgeneratorstate of guest generators show the guest's
# locals and state (the host generator under a guest one runs protojit's step function:
# its own frame's locals were shown).
import inspect
from inspect import getgeneratorlocals


def counter(a, *rest, k=1):
    b = a + k
    for i in range(2):
        c = b * i
        yield c
    del b


def show(tag, gen):
    print(tag, inspect.getgeneratorstate(gen), sorted(getgeneratorlocals(gen).items()))


def run(tag):
    g = counter(1, 2, 3, k=5)
    show(tag + " created", g)
    next(g)
    show(tag + " suspended", g)
    next(g)
    show(tag + " again", g)
    for _ in g:
        pass
    show(tag + " done", g)
    e = (x * 2 for x in [1, 2])
    next(e)
    print(tag, "genexpr", sorted(inspect.getgeneratorlocals(e)))


run("module")
for n in range(3):
    run(f"call {n}")
for bad in (1, iter([1]), None):
    try:
        inspect.getgeneratorlocals(bad)
    except TypeError as e:
        print("TypeError", str(e).split(" object at ")[0].split(" at 0x")[0])
