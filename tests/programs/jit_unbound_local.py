# Locals possibly unbound on some path: the native tier must not invent values.
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
