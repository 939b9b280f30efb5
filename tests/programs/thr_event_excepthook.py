"""Event.wait() returns True for every waiter that set() woke, even when clear() runs
before the waiters get the lock back; a threading.excepthook that raises prints
CPython's line and hands its own exception to sys.excepthook."""
import io
import sys
import threading
import time

event = threading.Event()
results = []
lock = threading.Lock()


def waiter():
    r = event.wait(60)
    with lock:
        results.append(r)


threads = [threading.Thread(target=waiter) for _ in range(5)]
for t in threads:
    t.start()
deadline = time.monotonic() + 30
while len(event._cond._waiters) < 5 and time.monotonic() < deadline:   # poll to a deadline
    time.sleep(0.001)
event.set()
event.clear()
for t in threads:
    t.join()
print(results, event.is_set(), event.wait(0))

seen = []


def failing_hook(args):
    raise ValueError("hook failed")


def recording_sys_hook(exc_type, exc, tb):
    seen.append((exc_type.__name__, str(exc), exc.__suppress_context__))


old_stderr, sys.stderr = sys.stderr, io.StringIO()
threading.excepthook = failing_hook
sys.excepthook = recording_sys_hook
t = threading.Thread(target=lambda: 1 / 0)
t.start()
t.join()
captured, sys.stderr = sys.stderr.getvalue(), old_stderr
threading.excepthook = threading.__excepthook__
sys.excepthook = sys.__excepthook__
print(repr(captured), seen)
