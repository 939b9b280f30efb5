# Lock and RLock: blocking/non-blocking/timed acquire, CPython's error types and
# messages, locked(), context managers, recursion, ownership across threads.
import re
import threading
import _thread
from blocked_support import seen_waiting


def clean(text):
    return re.sub(r"0x[0-9a-f]+", "0x?", re.sub(r"owner=\d+", "owner=?", text))


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


lock = threading.Lock()
print(type(lock).__name__, type(lock) is _thread.LockType, clean(repr(lock)))
print(lock.acquire(), lock.locked(), clean(repr(lock)))
print(lock.acquire(False), lock.acquire(blocking=False), lock.acquire(timeout=0), lock.acquire(True, 0.01))
lock.release()
print(lock.locked())
attempt("release unlocked:", lock.release)
attempt("non-blocking with timeout:", lambda: lock.acquire(False, 1))
attempt("negative timeout:", lambda: lock.acquire(timeout=-2))
attempt("negative float timeout:", lambda: lock.acquire(True, -0.5))
attempt("nan timeout:", lambda: lock.acquire(timeout=float("nan")))
attempt("huge float timeout:", lambda: lock.acquire(timeout=1e300))
attempt("huge int timeout:", lambda: lock.acquire(timeout=10 ** 20))
attempt("str timeout:", lambda: lock.acquire(timeout="1"))
attempt("minus one float:", lambda: (lock.acquire(timeout=-1.0), lock.release())[0])
attempt("timeout max:", lambda: (lock.acquire(timeout=threading.TIMEOUT_MAX), lock.release())[0])
attempt("bool timeout:", lambda: (lock.acquire(True, True), lock.release())[0])

with lock:
    print("in with:", lock.locked())
print("after with:", lock.locked())
try:
    with lock:
        raise KeyError("inside")
except KeyError as e:
    print("with released on error:", lock.locked(), repr(e))

# The deprecated aliases of the lock methods.
print(lock.acquire_lock(), lock.locked_lock())
lock.release_lock()

# Any thread may release a plain lock.
lock.acquire()
releaser = threading.Thread(target=lock.release)
releaser.start()
releaser.join()
print("released by another thread:", lock.locked())

# A blocked acquire in another thread gets the lock once it is released.
lock.acquire()
got = []
t = threading.Thread(target=lambda: got.append(lock.acquire(timeout=5)))
t.start()
print("still waiting:", seen_waiting(t.native_id, lambda: not got), got)
lock.release()
t.join()
print("waiter got it:", got, lock.locked())
lock.release()

# A timed acquire that times out, in the main thread, having blocked (another thread sees it).
def timed_acquire(timeout):
    done, seen = [], []
    main = threading.get_native_id()
    watcher = threading.Thread(target=lambda: seen.append(seen_waiting(main, lambda: not done)))
    watcher.start()
    got = lock.acquire(timeout=timeout)
    done.append(True)
    watcher.join()
    return got, seen[0]


lock.acquire()
for timeout in (0.1, 0.5, 2.5):   # longer only when it ended before the watcher looked (load)
    got, seen = timed_acquire(timeout)
    if seen:
        break
print("timed out:", got, seen)
lock.release()

# RLock
rlock = threading.RLock()
print(type(rlock).__name__, clean(repr(rlock)))
print(rlock.acquire(), rlock.acquire(), rlock.acquire(False), clean(repr(rlock)))
for _ in range(3):
    rlock.release()
print(clean(repr(rlock)))
attempt("rlock release unowned:", rlock.release)
attempt("rlock non-blocking with timeout:", lambda: rlock.acquire(False, 1))
attempt("rlock nan:", lambda: rlock.acquire(timeout=float("nan")))

with rlock:
    with rlock:
        print("nested with ok")

rlock.acquire()
other = []


def other_thread():
    other.append(rlock.acquire(False))
    other.append(rlock.acquire(timeout=0.05))
    try:
        rlock.release()
    except RuntimeError as e:
        other.append(str(e))


t = threading.Thread(target=other_thread)
t.start()
t.join()
print("other thread:", other)
rlock.release()
t = threading.Thread(target=other_thread)
t.start()
t.join()
print("after release:", other[3:])

print(_thread.allocate_lock is threading.Lock, _thread.allocate().locked())
print(_thread.error is RuntimeError, threading.ThreadError is RuntimeError)
