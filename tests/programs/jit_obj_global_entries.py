# Global reads in object code read a global at its entry in the module dict's keys (as
# CPython 3.11's LOAD_GLOBAL_MODULE; runtime_c/capi/pjobj.c pj_load_global), so that rebinding
# one global does not make every other read look its name up again; a builtin is cached
# behind both dicts' versions. Each way that cache can go stale, at every tier: a global
# rebound every iteration (go's TIMESTAMP += 1) while other globals are read, a global
# deleted (NameError) and bound again, a builtin shadowed by a global and unshadowed, the
# module dict grown by many new globals (new keys), a global set through globals() and
# through a function of another module's view, builtins.len replaced.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles tick, read_many, read_deleted, use_len, run_grow
# run auto: --jit-threshold 3
import builtins

COUNT = 0
SCALE = 3
OFFSET = 7


def setg(name, value):       # (globals() keeps a function in tier 0: not the readers)
    globals()[name] = value


def popg(name):
    globals().pop(name)


def tick():
    global COUNT
    COUNT += 1
    return COUNT * SCALE + OFFSET


def read_many(n):
    out = []
    for i in range(n):
        out.append(tick())
        if i == 4:
            setg("SCALE", 5)
    return out


def read_deleted(n):
    global GONE
    out = []
    for i in range(n):
        try:
            out.append(GONE)
        except NameError as e:
            out.append(str(e))
            GONE = i
        if i % 3 == 2:
            del GONE
    return out


def use_len(xs):
    return len(xs) + abs(-len(xs))


def run_grow(n):
    out = []
    for i in range(n):
        out.append(tick())
        if i == 3:
            for k in range(200):
                setg("extra_%d" % k, k)
        if i == 5:
            popg("extra_7")
    return out


print(read_many(10))
GONE = 100
print(read_deleted(8))
print([use_len([1, 2, 3]) for _ in range(4)])
len = lambda xs: 40
print([use_len([1, 2, 3]) for _ in range(4)])
del len
print([use_len([1, 2]) for _ in range(4)])
real_len = builtins.len
builtins.len = lambda xs: 9
print([use_len([1, 2]) for _ in range(3)])
builtins.len = real_len
print([use_len([1]) for _ in range(3)])
print(run_grow(8))
del OFFSET
try:
    tick()
except NameError as e:
    print("NameError:", e)
OFFSET = -1
print(tick())
