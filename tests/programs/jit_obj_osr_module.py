# Module-level hot loops whose names hold objects go native as object code in the middle
# of the loop: every name the loop binds is the module's (read and written in the module
# dict as the loop runs), so a function the loop calls sees the loop's current values,
# `break`/`else` behave, and an exception raised after native code took over leaves the
# module's names and the traceback as CPython's.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles <module>@loop at line 22, <module>@loop at line 29, <module>@loop at line 40, <module>@loop at line 49
# run auto: --jit-threshold 100
# expect auto: compiles <module>@loop at line 22, <module>@loop at line 29, <module>@loop at line 40, <module>@loop at line 49
import traceback


class Cell:
    def __init__(self, v):
        self.v = v


cells = [Cell(i * 0.5) for i in range(7)]
acc = 0.0
seen = []
for c in cells * 200:
    acc += c.v * 0.001
    seen.append(c)
print(round(acc, 6), c.v, len(seen))

names = {}
i = 0
while i < 2000:
    names[str(i % 13)] = names.get(str(i % 13), "") + "x"
    i += 1
print(len(names), i, len(names["3"]))


def peek():
    return (k, len(trail))   # the module's names as the loop has them now


trail = []
for k in range(1500):
    trail.append(peek())
    if k == 1400:
        break
else:
    print("no break")
print(len(trail), trail[-1], k)

try:
    for w in [Cell(j) for j in range(600)] + [None]:
        last = w.v * 2
except AttributeError as e:
    print("AttributeError", e, [(f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)])
print(last, w)
