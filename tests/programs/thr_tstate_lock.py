"""Thread._tstate_lock and threading._shutdown_locks, implementation details CPython's own
test_threading reads: the lock is None before start(), held while the thread runs,
listed in _shutdown_locks for a non-daemon thread only, and dropped once the thread is
seen to have ended (join() or is_alive()). A non-daemon thread still blocked when the
main program ends is waited for."""
import _thread
import threading

for daemon in (False, True):
    event = threading.Event()
    t = threading.Thread(target=event.wait, daemon=daemon)
    print("before start:", t._tstate_lock)
    t.start()
    lock = t._tstate_lock
    print(daemon, "listed:", lock in threading._shutdown_locks, "held:", lock.locked())
    event.set()
    t.join()
    print(daemon, "after join:", t._tstate_lock, lock in threading._shutdown_locks)

started = _thread.allocate_lock()
finish = _thread.allocate_lock()
started.acquire()
finish.acquire()


def body():
    started.release()
    finish.acquire()


t = threading.Thread(target=body)
t.start()
started.acquire()
lock = t._tstate_lock
print("acquire while running:", lock.acquire(timeout=0))
finish.release()
print("acquire after the end:", lock.acquire(timeout=60))
print("alive while the lock is held elsewhere:", t.is_alive())
lock.release()
print("alive:", t.is_alive(), "lock:", t._tstate_lock)
t.join()

# The main program ends first; the interpreter waits for this thread (threading's
# _register_atexit functions run at shutdown before that wait: they release it).
go = threading.Event()


def late():
    go.wait()
    print("non-daemon thread finished")


threading.Thread(target=late).start()
threading._register_atexit(go.set)
print("main program ends")
