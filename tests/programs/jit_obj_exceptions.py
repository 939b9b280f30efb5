# Object code: exceptions raised in native code (by the C API, by `raise`, by a guest
# callee) escape through several native frames to tier 0 and to host code (sorted's key
# function), with CPython's types, messages, chaining and traceback; a NameError of a
# missing global.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles check, validate, lookup, key_of, outer, middle, inner, ratio
# run auto: --object-code
# expect auto: compiles validate, check
import traceback


class BadValue(Exception):
    pass


def check(v):
    if v < 0:
        raise BadValue(f"negative: {v}")
    return v * 2


def validate(vals):
    out = []
    for v in vals:
        out.append(check(v))
    return out


def lookup(d, k):
    try_key = d[k]
    return try_key


def key_of(item):
    if item == 3:
        raise KeyError(item)
    return -item


def inner(x):
    if x > 2:
        raise ValueError("too big") from BadValue("cause")
    return missing_global + x


def middle(x):
    return inner(x) + 1


def outer(x):
    return middle(x) * 2


def ratio(a, b):
    assert b != 0, f"b is {b}"
    assert a >= 0
    return a / b


for i in range(1100):
    r = validate([1, 2, 3])
print(r)
try:
    validate([1, -5, 2])
except BadValue as e:
    print("caught", type(e).__name__, e)
try:
    lookup({"a": 1}, "b")
except KeyError as e:
    print("KeyError", e)
print(lookup({"a": 1}, "a"))
try:
    sorted([1, 2, 3, 4], key=key_of)
except KeyError as e:
    print("host saw KeyError", e)
print(sorted([5, 1, 4], key=key_of))
for x in (1, 5):
    try:
        outer(x)
    except Exception as e:
        print(type(e).__name__, e, type(e.__cause__).__name__ if e.__cause__ else None)
        tb = traceback.extract_tb(e.__traceback__)
        print([f.name for f in tb], [f.lineno for f in tb])
print(sum(ratio(i, 4) for i in range(10)))
for a, b in ((1, 0), (-1, 2)):
    try:
        ratio(a, b)
    except AssertionError as e:
        print("AssertionError", repr(e), e.args)
outer(7)
