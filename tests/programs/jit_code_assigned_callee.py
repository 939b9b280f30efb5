# A function whose __code__ is replaced after native code compiled a call of it (numeric
# code compiles a call of a global guest function with the callee's code in it): the caller
# runs the new code from then on, as CPython's -- a compiled caller, a two-level chain
# (run_twice -> twice -> add) and, at auto, loop regions entered at a header. (Wrong at jit
# and auto before 15a6efc's CALLEE_CODE deps; this program came from a fix made in parallel.)
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles add, run_add, twice, run_twice
# run auto: --jit-threshold 2


def add(a, b):
    return a + b


def run_add(n, x):
    t = 0
    for i in range(n):
        t = add(t, x)
    return t


def twice(a):
    return add(a, a)


def run_twice(n):
    t = 1
    for i in range(n):
        t = twice(t) % 1000003
    return t


print(run_add(3, 1), run_add(3, 1), run_twice(5))


def other(a, b):
    return a * 10 + b


add.__code__ = other.__code__
print("def", run_add(3, 1), add(0, 1), run_twice(5))
add.__code__ = (lambda a, b: a * 100 + b).__code__
print("lambda", run_add(3, 1), run_add(4, 2), run_twice(5))
for _ in range(3):
    run_add(200, 1)
add.__code__ = other.__code__
print("again", run_add(3, 1), run_twice(5))
