# At --tier auto hot functions compile on a background thread while the program goes on:
# the program's view of the collector (gc.isenabled, its own gc.disable) must not change
# because a compile is running.
import gc


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y


def make(n):
    return [Point(i, i + 1) for i in range(n)]


def total(points):
    s = 0
    for p in points:
        s += p.norm2()
    return s


def label(i):
    return f"p{i}:{i % 7}"


seen_off = 0
results = []
for round_ in range(400):
    results.append(total(make(20)))
    results.append(len(label(round_)))
    if not gc.isenabled():
        seen_off += 1
print("collector seen off", seen_off, "times")
print(sum(results))

gc.disable()
for round_ in range(300):
    results.append(total(make(10)) + len(label(round_)))
print("after disable:", gc.isenabled())
gc.enable()
print("after enable:", gc.isenabled())
