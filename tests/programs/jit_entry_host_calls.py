# Native functions called by host code through their C entry: sorted(key=...), map,
# min/max(key=...), functools.reduce, a thread target, a callback stored in a dict,
# and a keyword call (which takes the host's slow path); a guest exception raised in
# native code comes back through the entry, to a guest caller and to host code; an
# int64 overflow deoptimises and tier 0 gives the exact big int.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles add, flag, half, key, ratio, scale, sum_to
# expect auto: compiles add, flag, half, key, ratio, scale, sum_to
import functools
import threading


def key(x):
    return (x * 7919) % 101


def add(a, b):
    return a + b


def scale(x, k=3):
    return x * k


def half(a, b):
    return a // b


def ratio(a, b):
    return a / b


def sum_to(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def flag(b):
    return not b


for i in range(1200):   # hot at --tier auto (threshold 1000)
    key(i)
    add(i, i)
    scale(i, 3)
    half(i, 3)
    ratio(float(i), 2.0)
    flag(i % 2 == 0)
sum_to(10)
for i in range(1100):
    sum_to(3)

xs = list(range(40))
print(sorted(xs, key=key)[:10])
print(list(map(add, xs[:8], xs[8:16])))
print(min(xs, key=key), max(xs, key=key))
print(functools.reduce(add, xs))
print(list(map(scale, range(5))), scale(4, k=5), scale(x=2))
print(list(map(flag, [True, False, True])))
callbacks = {"r": ratio, "h": half}
print(callbacks["r"](7.0, 2.0), callbacks["h"](-7, 2))

results = {}


def work(name, n):
    results[name] = sum_to(n)


ts = [threading.Thread(target=work, args=(k, 1000 + k)) for k in range(2)]
ts.append(threading.Thread(target=sum_to, args=(50,)))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results.items()))

# a guest exception from native code, to a guest caller and to host code
try:
    half(5, 0)
except ZeroDivisionError as e:
    print("guest caller:", e)
try:
    list(map(half, [1, 2, 3], [1, 1, 0]))
except ZeroDivisionError as e:
    print("through map:", e)
try:
    sorted([1.0, 0.0], key=lambda x: ratio(1.0, x))
except ZeroDivisionError as e:
    print("through sorted:", e, e.__traceback__ is not None)

# deopt on overflow: tier 0 gives the exact result, from tier 0 and from host code
big = 2 ** 62
print(add(big, big), list(map(add, [big], [big])), scale(big))
print(add(2 ** 70, 1), add(1.5, 2), add("a", "b"), add(True, True))
print(sorted([3, 1, 2], key=functools.partial(add, 10)))
