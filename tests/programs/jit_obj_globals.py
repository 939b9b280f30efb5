# Object code reading globals and builtins through its caches while the module changes:
# a global rebound, deleted (CPython's NameError) and bound again; a builtin shadowed by a
# global and unshadowed; builtins itself patched; a module attribute replaced; a global
# function redefined between calls of its compiled caller.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles uses_globals, reads_builtin, reads_module_attr, helper, read_missing
import builtins
import math

LIMIT = 3
SCALE = 2.0


def helper(x):
    return x + 1


def uses_globals(n):
    total = 0
    for i in range(n):
        total += helper(i) * LIMIT
    return total


def reads_builtin(xs):
    return len(xs), abs(-len(xs)), max(xs)


def reads_module_attr(x):
    return math.floor(x * SCALE)


def read_missing():
    return MISSING + 1


def safe_read_missing():
    try:
        return read_missing()
    except NameError as e:
        return str(e)


for _ in range(3):
    print(uses_globals(5))
print(reads_builtin([3, 1, 2]))
print(reads_module_attr(2.7))

LIMIT = 10
print(uses_globals(5))


def helper(x):
    return x * 100


print(uses_globals(5))
del LIMIT
try:
    uses_globals(2)
except NameError as e:
    print("NameError:", e)
LIMIT = 2.5
print(uses_globals(1))
LIMIT = 1


def len(x):
    return -1


print(reads_builtin([3, 1, 2]))
del len
print(reads_builtin([3, 1, 2]))
saved = builtins.max
builtins.max = lambda xs: "patched"
print(reads_builtin([3, 1, 2]))
builtins.max = saved
print(reads_builtin([3, 1, 2]))

saved_floor = math.floor
math.floor = lambda v: ("floor", v)
print(reads_module_attr(1.5))
math.floor = saved_floor
print(reads_module_attr(1.5))
SCALE = 10
print(reads_module_attr(1.5))

print(safe_read_missing())
MISSING = 41
print(safe_read_missing())
del MISSING
print(safe_read_missing())
globals()["MISSING"] = 1
print(safe_read_missing())
