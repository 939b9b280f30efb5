# A compiled caller whose callee (a global) is rebound later: the new callee is used.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles caller, helper
# The rebound helper (a lambda) is not a compiled callee: caller is rejected then.
# expect auto: compiles caller, helper
def helper(x):
    return x + 1


def caller(n):
    s = 0
    for i in range(n):
        s += helper(i)
    return s


for k in range(1200):
    caller(5)
print(caller(10))


def helper(x):
    return x * 100


print(caller(10))
helper = lambda x: -x
print(caller(10))
del helper
try:
    caller(3)
except NameError as e:
    print("NameError:", e)
