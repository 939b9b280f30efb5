# threading.Timer (fires, cancel) and threading.local (per-thread attributes, subclasses).
import threading

fired = []
timer = threading.Timer(0.05, lambda *a, **k: fired.append((a, k)), args=(1, 2), kwargs={"x": 3})
print(isinstance(timer, threading.Thread), timer.interval, timer.args, timer.kwargs, timer.finished.is_set())
timer.start()
timer.join()
print("fired:", fired, timer.finished.is_set(), timer.is_alive())

cancelled = []
timer = threading.Timer(5, lambda: cancelled.append("ran"))
timer.start()
timer.cancel()
timer.join()
print("cancelled:", cancelled, timer.finished.is_set())
t0 = threading.Timer(0, print, args=["timer zero"])
t0.start()
t0.join()
print(threading.Timer(1, print).args, threading.Timer(1, print).kwargs)

data = threading.local()
data.value = "main"
seen = [None] * 3


def worker(i):
    seen[i] = (hasattr(data, "value"), getattr(data, "value", None))
    data.value = f"worker {i}"
    seen[i] += (data.value,)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(seen, data.value)


class Counter(threading.local):
    initial = "class attribute"

    def __init__(self, start):
        self.count = start

    def bump(self):
        self.count += 1
        return self.count


counter = Counter(10)
counter.bump()
results = [None] * 2


def bumper(i):
    results[i] = (counter.count, counter.bump(), counter.bump(), counter.initial)


threads = [threading.Thread(target=bumper, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results, counter.count)
print(type(data).__name__, issubclass(Counter, threading.local))
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
try:
    del data.missing
except AttributeError as e:
    print("AttributeError:", e)
