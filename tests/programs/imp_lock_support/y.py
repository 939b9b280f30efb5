# Imported by thread B once x's body started in thread A; B waits until A blocks on this
# module's lock, then imports x (a cycle: B gets x partially initialised).
import sys
import threading
import time
from importlib import _bootstrap

import imp_lock_support as sig


def _someone_waits_for(name):
    return any(getattr(lock, "name", None) == name for lock in list(_bootstrap._blocking_on.values()))


sig.y_started.set()
if threading.current_thread().name == "B":
    deadline = time.monotonic() + 30
    while not _someone_waits_for(__name__) and time.monotonic() < deadline:
        time.sleep(0.01)
__import__("imp_lock_support.x")

X_COMPLETE = hasattr(sys.modules["imp_lock_support.x"], "X_DONE")
Y_DONE = True
