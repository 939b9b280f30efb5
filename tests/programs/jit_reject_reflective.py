# Functions using locals()/globals()/vars() stay in tier 0 and still see their frame.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# The point is the rejects: only the module-level loop that calls them compiles (object
# code calling the tier-0 functions).
# expect jit: compiles <module>@loop at line 28
# expect jit: rejects peek (reflective access locals())
# expect jit: rejects gl (reflective access globals())
# expect jit: rejects v (reflective access vars())
# expect auto: compiles <module>@loop at line 28
# expect auto: rejects peek (reflective access locals())
# expect auto: rejects gl (reflective access globals())
# expect auto: rejects v (reflective access vars())
def peek(a, b):
    c = a + b
    return sorted(locals().items())


def gl(x):
    return "gl" in globals() and x > 0


def v(x):
    y = x * 2
    return vars()["y"]


for i in range(1200):
    peek(i, 1)
    gl(i)
    v(i)
print(peek(1, 2), gl(3), v(21))
