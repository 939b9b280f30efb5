# Object code runs in guest frames: a traceback through three natively compiled frames
# names each guest function and line like CPython's, when the exception is caught by
# tier 0 and printed, when host code (sorted's key, map) calls a native function that
# raises, when native code calls a library (json) that calls guest code that raises, and when it is never caught (the interpreter prints it to stderr).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles level3, level2, level1, keyed, mapped, dump
# run auto: --object-code --jit-threshold 5
# expect auto: compiles level3, level2, level1
import json
import sys
import traceback


class Broken(Exception):
    pass


def level3(box, n):
    value = box["v"]
    if n > 4:
        raise Broken(f"too deep at {n}: {value}")
    return value + n


def level2(box, n):
    total = 0
    total += level3(box, n)
    return total * 2


def level1(box, n):
    box["calls"] = box.get("calls", 0) + 1
    result = level2(box, n)
    return result - 1


def keyed(item):
    if item["k"] == 3:
        return item["missing"]
    return item["k"]


def mapped(x):
    return 10 // x


def convert(o):
    raise TypeError("cannot convert " + type(o).__name__)


def dump(x):
    text = json.dumps(x, default=convert)
    return text


box = {"v": 7}
for i in range(8):
    try:
        print(i, level1(box, i))
    except Broken as e:
        print("caught", e)
        traceback.print_exc()

try:
    sorted([{"k": 5}, {"k": 3}, {"k": 1}], key=keyed)
except KeyError:
    traceback.print_exc()

try:
    print(list(map(mapped, [5, 2, 0, 1])))
except ZeroDivisionError:
    traceback.print_exc()

print(dump([1, 2]))
try:
    dump([1, {2}])
except TypeError:
    traceback.print_exc()

print(box["calls"])
level1(box, 9)
