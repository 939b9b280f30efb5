# threading.Condition: producer/consumer, wait_for, notify(n), notify_all, timeouts,
# plain-lock and RLock conditions, errors.
import re
import threading

cond = threading.Condition()
print(re.sub(r"owner=\d+|0x[0-9a-f]+", "?", repr(cond)))
items = []
consumed = [None] * 3


def consumer(i):
    with cond:
        cond.wait_for(lambda: items)
        consumed[i] = items.pop(0)


threads = [threading.Thread(target=consumer, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for value in (10, 20, 30):
    with cond:
        items.append(value)
        cond.notify()
for t in threads:
    t.join()
print(sorted(consumed), items)

# notify(n) wakes at most n waiters; notify_all wakes the rest.
ready = threading.Condition(threading.Lock())
state = {"go": 0, "woken": 0, "waiting": 0}


def sleeper():
    with ready:
        state["waiting"] += 1
        ready.notify_all()
        while state["go"] == 0:
            ready.wait()
        state["go"] -= 1
        state["woken"] += 1
        ready.notify_all()


threads = [threading.Thread(target=sleeper) for _ in range(4)]
for t in threads:
    t.start()
with ready:
    ready.wait_for(lambda: state["waiting"] == 4)
    state["go"] = 2
    ready.notify(2)
    ready.wait_for(lambda: state["woken"] == 2, timeout=5)
    print("after notify(2):", state["woken"])
    state["go"] = 2
    ready.notify_all()
for t in threads:
    t.join()
print("after notify_all:", state["woken"])

# Timeouts
with cond:
    print("wait timed out:", cond.wait(0.05))
    print("wait(0):", cond.wait(0))
    print("wait_for timed out:", cond.wait_for(lambda: False, timeout=0.05))
    print("wait_for true at once:", cond.wait_for(lambda: 7, timeout=0))

# An RLock held several times is fully released while waiting.
rc = threading.Condition(threading.RLock())
flag = []


def setter():
    with rc:
        flag.append(1)
        rc.notify()


with rc:
    with rc:
        t = threading.Thread(target=setter)
        t.start()
        print("woken with nested rlock:", rc.wait_for(lambda: flag, timeout=5))
t.join()

# Errors
for name, fn in [("wait", lambda: cond.wait(0.01)), ("notify", cond.notify),
                 ("notify_all", cond.notify_all),
                 ("plain wait", lambda: threading.Condition(threading.Lock()).wait())]:
    try:
        fn()
    except RuntimeError as e:
        print(name, "RuntimeError:", e)

c2 = threading.Condition(threading.Lock())
print(c2.acquire(), c2.acquire(False))
c2.release()
with c2:
    c2.notify()
print("done")
