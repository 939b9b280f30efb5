# Semaphore, BoundedSemaphore and Event: counting, limits, timeouts, errors, reprs.
import re
import threading
import time
from blocked_support import seen_waiting


def clean(obj):
    return re.sub(r"0x[0-9a-f]+", "0x?", repr(obj))


sem = threading.Semaphore(2)
print(clean(sem))
print(sem.acquire(), sem.acquire(), sem.acquire(False), sem.acquire(timeout=0.05), clean(sem))
sem.release()
sem.release(2)
print(clean(sem))
for args, kwargs in [((False, 1), {}), ((), {"blocking": False, "timeout": 0})]:
    try:
        sem.acquire(*args, **kwargs)
    except ValueError as e:
        print("ValueError:", e)
for bad in (0, -1):
    try:
        sem.release(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
with sem:
    print("in with:", clean(sem))
print(clean(sem))

# At most `limit` threads inside at once: two get in and stay until the gate opens; the
# other four are seen blocked outside (asleep in the kernel on 3 polls in a row).
limit = threading.Semaphore(2)
guard = threading.Lock()
inside = [0]
entered = set()
gate = threading.Event()


def limited():
    with limit:
        with guard:
            inside[0] += 1
            entered.add(threading.get_ident())
        gate.wait()
        with guard:
            inside[0] -= 1


threads = [threading.Thread(target=limited) for _ in range(6)]
for t in threads:
    t.start()
while inside[0] < 2:
    time.sleep(0.002)
outside = [t for t in threads if t.ident not in entered]
blocked = [seen_waiting(t.native_id, lambda t=t: t.ident not in entered) for t in outside]
print("inside:", inside[0], "blocked outside:", blocked)
gate.set()
for t in threads:
    t.join()
print("all passed:", len(entered), "now inside:", inside[0])

# A thread blocked on a zero semaphore wakes on release.
zero = threading.Semaphore(0)
got = []
t = threading.Thread(target=lambda: got.append(zero.acquire(timeout=5)))
t.start()
zero.release()
t.join()
print("woken:", got)

bounded = threading.BoundedSemaphore(2)
print(clean(bounded))
bounded.acquire()
print(clean(bounded))
bounded.release()
try:
    bounded.release()
except ValueError as e:
    print("ValueError:", e, clean(bounded))
bounded.acquire()
try:
    bounded.release(2)
except ValueError as e:
    print("ValueError:", e)
bounded.release()
print(isinstance(bounded, threading.Semaphore))

ev = threading.Event()
print(clean(ev), ev.is_set(), ev.wait(0.02), ev.wait(0))
ev.set()
print(clean(ev), ev.is_set(), ev.wait(), ev.wait(0))
ev.clear()
print(ev.is_set())

order = []
started = threading.Event()
go = threading.Event()


def waiter(i):
    started.set()
    order.append((i, go.wait(5)))


threads = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
started.wait()
go.set()
for t in threads:
    t.join()
print(sorted(order))
