# CPython's per-module import locks for guest modules: a thread importing a module that
# another thread is initialising waits for it to finish and then sees the whole module
# (not a partially initialised one); a cycle between two threads' imports (A runs x's
# body, which imports y; B runs y's, which imports x) is found by the deadlock detection:
# B does not wait for x and gets it partially initialised, as a circular import in one
# thread does.
import sys
import threading
import time

import imp_lock_support as sig

seen = {}


def import_slow(tag):
    import imp_lock_support.slow as slow
    seen[tag] = (slow.FIRST, getattr(slow, "LAST", "MISSING"))


first = threading.Thread(target=import_slow, args=("first",))
first.start()
sig.slow_started.wait(30)
second = threading.Thread(target=import_slow, args=("second",))
second.start()
time.sleep(0.3)                      # (the second thread is waiting for the module's lock)
print("second done before the body ended:", "second" in seen)
sig.slow_proceed.set()
first.join()
second.join()
print(sorted(seen.items()))

outcome = {}


def import_one(name):
    try:
        __import__(name)
        outcome[threading.current_thread().name] = "imported"
    except RuntimeError as e:
        outcome[threading.current_thread().name] = (type(e).__name__, e.args[0].partition(" at ")[0])


a = threading.Thread(target=import_one, args=("imp_lock_support.x",), name="A")
a.start()
sig.x_started.wait(30)
b = threading.Thread(target=import_one, args=("imp_lock_support.y",), name="B")
b.start()
a.join()
b.join()
results = sorted(map(str, outcome.values()))
print(results)
x = sys.modules["imp_lock_support.x"]
y = sys.modules["imp_lock_support.y"]
print(x.X_DONE, y.Y_DONE, y.X_COMPLETE, x.y is y)
