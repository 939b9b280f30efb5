# Locals possibly unbound on some path: the native tier must not invent values.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles cond, maybe, rec, rec2
# expect auto: compiles cond, maybe, rec, rec2
def maybe(n):
    for i in range(n):
        last = i * 2
    return last


def cond(flag):
    if flag:
        y = 10
    return y


for k in range(1, 1200):
    maybe(k % 7 + 1)
    cond(True)
print(maybe(5))
try:
    print(maybe(0))
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    cond(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)



def rec(n):
    if n > 2:
        x = n
    if n == 0:
        return x
    return 1 + rec(n - 1)


def rec2(n, flag):
    if flag:
        x = n
    if n == 0:
        return x
    return 1 + rec2(n - 1, flag)


errors = 0
for k in range(1100):
    try:
        rec(4)
    except UnboundLocalError:
        errors += 1
    rec2(k % 5, True)
print(errors, rec2(6, True))
try:
    print(rec2(6, False))
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
