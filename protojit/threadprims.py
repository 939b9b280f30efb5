"""Host-speed thread primitives behind the guest `_thread` (lib/_thread.py).

In: calls from lib/_thread.py only (guest code reaches these objects through
it). Out: runtime pthreads (runtime_c/thread.c) and locks (runtime_c/lock.c)
through `protojit.native`.

Why host code: lib/ modules run under protojit's tier-0 interpreter, and a
lock's acquire/release is the innermost operation of every program that
synchronises, so the lock types and the thread trampoline are host classes
here, as CPython's `_thread` is C. The guest sees them as `_thread.lock` and
`_thread.RLock`.

How guest code runs on a runtime thread (DESIGN.md decision 6): the body of
a pthread started by `pj_thread_start` is a ctypes callback. When the new
pthread enters it, ctypes gives the thread a host thread state and takes the
host GIL, and tier-0 guest code runs under that lock like any host Python
code (the host switches threads every few milliseconds). Every call that may
block (acquiring a lock, waiting for a thread) goes through a plain CDLL
function pointer, which releases the GIL for the duration of the C call, so
a waiting thread never stops the others; compiled guest functions are also
entered through ctypes foreign calls and so run without the GIL, in parallel.

Threads are started joinable and reaped later (joined without blocking once
they are over), so that the ctypes callback object stays alive until the
pthread has certainly left its code.

Lock operations that cannot block (try-acquire, release, state) use
GIL-holding prototypes (ctypes.PYFUNCTYPE): they hold the lock's mutex for a
few instructions only, and skip a GIL release and re-acquire.
"""
from __future__ import annotations

import _thread as _host_thread
import ctypes as _ctypes
import errno as _errno
import operator as _operator
import os as _os
import threading as _host_threading
import time as _time

from protojit import native as _native

TIMEOUT_MAX = _host_thread.TIMEOUT_MAX
get_ident = _host_thread.get_ident

_lib = _native.lib()

# Seconds the main thread waits in one piece while blocked on a lock, so that
# signal handlers (KeyboardInterrupt) run between the pieces.
_SIGNAL_CHECK_INTERVAL = 0.05
# Timeouts convert to int64 nanoseconds as in CPython (_PyTime_t).
_NS_MIN, _NS_END = -2 ** 63, 2 ** 63

_MAIN_IDENT = _host_threading.main_thread().ident


def _gil_held(name, restype, *argtypes):
    """A prototype of runtime function `name` that keeps the GIL during the call."""
    address = _ctypes.cast(getattr(_lib, name), _ctypes.c_void_p).value
    return _ctypes.PYFUNCTYPE(restype, *argtypes)(address)


_c_int, _c_void_p, _c_double = _ctypes.c_int, _ctypes.c_void_p, _ctypes.c_double
_c_size_t, _c_ulong = _ctypes.c_size_t, _ctypes.c_ulong
_lock_try = _gil_held("pj_lock_acquire", _c_int, _c_void_p, _c_int, _c_double)
_lock_release = _gil_held("pj_lock_release", _c_int, _c_void_p)
_lock_locked = _gil_held("pj_lock_locked", _c_int, _c_void_p, _ctypes.POINTER(_c_int))
_lock_free = _gil_held("pj_lock_free", None, _c_void_p)
_rlock_try = _gil_held("pj_rlock_acquire_n", _c_int, _c_void_p, _c_size_t, _c_int, _c_double)
_rlock_release = _gil_held("pj_rlock_release", _c_int, _c_void_p)
_rlock_release_all = _gil_held("pj_rlock_release_all", _c_int, _c_void_p, _ctypes.POINTER(_c_size_t))
_rlock_state = _gil_held("pj_rlock_state", _c_int, _c_void_p, _ctypes.POINTER(_c_ulong),
                         _ctypes.POINTER(_c_size_t))
_rlock_free = _gil_held("pj_rlock_free", None, _c_void_p)
_thread_tryjoin = _gil_held("pj_thread_tryjoin", _c_int, _c_ulong)
_live_count = _gil_held("pj_thread_live_count", _c_int, _ctypes.POINTER(_ctypes.c_long))
_live_locks = _gil_held("pj_lock_live_count", _c_int, _ctypes.POINTER(_ctypes.c_long))
# These release the GIL (plain CDLL functions): they may wait.
_lock_wait = _lib.pj_lock_acquire
_rlock_wait = _lib.pj_rlock_acquire_n


def interrupt_main(*signum):
    """_thread.interrupt_main([signum]): CPython's, and then, in the main thread, the
    signal's Python handler runs before this returns (the C call's eval-breaker check
    below, in this host function), as CPython runs it right after the call: compiled
    guest code checks no eval breaker after a call, so KeyboardInterrupt came out of a
    later host frame (past the `with self.assertRaises(KeyboardInterrupt)` around the
    call, in CPython's test_interrupt_main_mainthread at --tier jit)."""
    _host_thread.interrupt_main(*signum)


def _oserror(rc):
    return OSError(-rc, _os.strerror(-rc))


def _check_timeout(blocking, timeout):
    """Validate acquire(blocking, timeout) as CPython does; return the timeout as a float.

    CPython converts the timeout to int64 nanoseconds first (its conversion
    errors come first), then checks it against `blocking`.
    """
    if isinstance(timeout, float):
        if timeout != timeout:
            raise ValueError("Invalid value NaN (not a number)")
        if not _NS_MIN <= timeout * 1e9 < _NS_END:
            raise OverflowError("timestamp out of range for platform time_t")
    else:
        timeout = _operator.index(timeout)
        if not _NS_MIN <= timeout * 10 ** 9 < _NS_END:
            raise OverflowError("timestamp too large to convert to C _PyTime_t")
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be positive")
    # Accepted timeouts go up to 2**63 ns; the runtime takes at most TIMEOUT_MAX
    # seconds (over 292 years), which is the same as forever in practice.
    return min(float(timeout), TIMEOUT_MAX)


def _wait(wait, args, timeout):
    """Blocking acquire through wait(*args, 1, piece) without the GIL; True if acquired.

    Off the main thread one call waits the whole time. The main thread waits
    in pieces so that Python signal handlers get to run in between.
    """
    if get_ident() != _MAIN_IDENT:
        rc = wait(*args, 1, timeout)
    else:
        deadline = None if timeout < 0 else _time.monotonic() + timeout
        while True:
            piece = _SIGNAL_CHECK_INTERVAL
            if deadline is not None:
                piece = min(piece, max(0.0, deadline - _time.monotonic()))
            rc = wait(*args, 1, piece)
            if rc != -_errno.ETIMEDOUT:
                break
            if deadline is not None and _time.monotonic() >= deadline:
                break
    if rc == 0:
        return True
    if rc == -_errno.ETIMEDOUT:
        return False
    raise _oserror(rc)


def _new_handle(kind):
    handle = _c_void_p()
    rc = getattr(_lib, f"pj_{kind}_new")(_ctypes.byref(handle))
    if rc < 0:
        raise _oserror(rc)
    return handle.value


class LockType:
    """A lock any thread may release; acquire(blocking=True, timeout=-1)."""

    __slots__ = ("_handle", "__weakref__")

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '_thread.lock' instances")   # allocate_lock() makes them

    def __del__(self, _free=_lock_free):
        handle = getattr(self, "_handle", None)
        if handle:
            self._handle = None
            _free(handle)

    def acquire(self, blocking=True, timeout=-1):
        """Acquire the lock; False if it was not acquired (non-blocking or timed out)."""
        if timeout.__class__ is not int or timeout != -1:   # the default needs no checks
            timeout = _check_timeout(blocking, timeout)
        if _lock_try(self._handle, 0, 0.0) == 0:
            return True
        if not blocking or timeout == 0:
            return False
        return _wait(_lock_wait, (self._handle,), float(timeout))

    def release(self):
        """Release the lock (any thread may); RuntimeError if it is not locked."""
        if _lock_release(self._handle) != 0:
            raise RuntimeError("release unlocked lock")

    def locked(self):
        out = _c_int()
        _lock_locked(self._handle, _ctypes.byref(out))
        return bool(out.value)

    def _at_fork_reinit(self):
        old, self._handle = self._handle, _new_handle("lock")
        _lock_free(old)

    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

    def __enter__(self):
        if _lock_try(self._handle, 0, 0.0) == 0:
            return True
        return _wait(_lock_wait, (self._handle,), -1.0)

    def __exit__(self, *exc_info):
        if _lock_release(self._handle) != 0:
            raise RuntimeError("release unlocked lock")

    def __repr__(self):
        state = "locked" if self.locked() else "unlocked"
        return f"<{state} _thread.lock object at {id(self):#x}>"

    def __reduce_ex__(self, protocol):
        # CPython's C lock: pickle protocols 2 and up refuse it; 0 and 1 (copyreg) get as
        # far as the class, which has no name in _thread (pickle's PicklingError says so)
        if protocol >= 2:
            raise TypeError("cannot pickle '_thread.lock' object")
        import copyreg
        return copyreg._reconstructor, (type(self), object, None)


LockType.__name__ = LockType.__qualname__ = "lock"
LockType.__module__ = "_thread"


def allocate_lock():
    """Return a new unlocked lock."""
    lock = object.__new__(LockType)
    lock._handle = _new_handle("lock")
    return lock


allocate = allocate_lock


class RLock:
    """A recursive lock: its owner may acquire it again; one release per acquire."""

    __slots__ = ("_handle", "__weakref__")

    def __init__(self, *args, **kwargs):
        self._handle = _new_handle("rlock")

    def __del__(self, _free=_rlock_free):
        handle = getattr(self, "_handle", None)
        if handle:
            self._handle = None
            _free(handle)

    def acquire(self, blocking=True, timeout=-1):
        """Acquire one level; False if it was not acquired (non-blocking or timed out)."""
        if timeout.__class__ is not int or timeout != -1:
            timeout = _check_timeout(blocking, timeout)
        if _rlock_try(self._handle, 1, 0, 0.0) == 0:
            return True
        if not blocking or timeout == 0:
            return False
        return _wait(_rlock_wait, (self._handle, 1), float(timeout))

    def release(self):
        if _rlock_release(self._handle) != 0:
            raise RuntimeError("cannot release un-acquired lock")

    def _state(self):
        owner, count = _c_ulong(), _c_size_t()
        _rlock_state(self._handle, _ctypes.byref(owner), _ctypes.byref(count))
        return owner.value, count.value

    def _is_owned(self):
        owner, count = self._state()
        return count > 0 and owner == get_ident()

    def _recursion_count(self):
        owner, count = self._state()
        return count if count > 0 and owner == get_ident() else 0

    def _release_save(self):
        """Release every level (Condition.wait); returns what _acquire_restore needs."""
        count = _c_size_t()
        if _rlock_release_all(self._handle, _ctypes.byref(count)) != 0:
            raise RuntimeError("cannot release un-acquired lock")
        return count.value, get_ident()

    def _acquire_restore(self, state):
        count, _owner = state
        if _rlock_try(self._handle, count, 0, 0.0) != 0:
            _wait(_rlock_wait, (self._handle, count), -1.0)

    def _at_fork_reinit(self):
        old, self._handle = self._handle, _new_handle("rlock")
        _rlock_free(old)

    def __enter__(self):
        if _rlock_try(self._handle, 1, 0, 0.0) == 0:
            return True
        return _wait(_rlock_wait, (self._handle, 1), -1.0)

    def __exit__(self, *exc_info):
        self.release()

    def __repr__(self):
        owner, count = self._state()
        state = "locked" if count else "unlocked"
        name = "_thread.RLock" if type(self) is RLock else type(self).__name__
        return f"<{state} {name} object owner={owner} count={count} at {id(self):#x}>"

    def __reduce_ex__(self, protocol):
        # CPython's C RLock refuses every pickle protocol (copyreg names it without module)
        name = "_thread.RLock" if type(self) is RLock and protocol >= 2 else type(self).__name__
        raise TypeError(f"cannot pickle {name!r} object")


RLock.__module__ = "_thread"


# ---- threads

_THREAD_BODY = _ctypes.CFUNCTYPE(None, _c_void_p)
_STACK_MIN = 32768
# A runtime thread's stack unless the program sets one: room for the C recursion the host
# recursion limit allows (runtime/cstack.py explains).
THREAD_STACK = 64 << 20

_stack_size = 0
# ident -> ctypes callback of every runtime thread started here and not yet
# joined; entries leave only in _reap, after pj_thread_tryjoin succeeded.
_running = {}
_running_lock = _host_thread.allocate_lock()


def _after_fork_in_child():
    """Only the forking thread exists in a fork() child: never tryjoin the others' pthread_t."""
    global _running_lock
    _running.clear()
    _running_lock = _host_thread.allocate_lock()


# protojit's guest os refuses fork(), but host libraries (multiprocessing) may fork.
_os.register_at_fork(after_in_child=_after_fork_in_child)


def _reap():
    """Join (without waiting) the threads that have ended; free their callbacks, outside
    the lock: dropping one may run guest code (a finalizer, a suspended context manager's
    finally) that counts or starts threads and so takes the lock again -- under it, the
    thread deadlocked on itself (test_threading at --tier jit, after
    test_reinit_tls_after_fork: threading_helper's wait_threads_exit finalized in _reap)."""
    with _running_lock:
        ended = [_running.pop(i) for i in [i for i in _running if _thread_tryjoin(i) == 0]]
    del ended


def start_thread(function, args, kwargs, report):
    """Run function(*args, **kwargs) on a new runtime pthread; return its identity.

    SystemExit ends the thread quietly; any other exception goes to
    report(function, exc) in that thread (and nothing escapes into ctypes).
    RuntimeError("can't start new thread") if the runtime cannot start one.
    """
    def body(_unused):
        try:
            function(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as exc:  # noqa: BLE001 - reported; never let it out into ctypes
            try:
                report(function, exc)
            except BaseException:     # noqa: BLE001 - a failing hook must not kill the process
                pass
        forget_host_thread()

    callback = _THREAD_BODY(body)
    ident = _c_ulong()
    traced = _trace_target(function)
    _reap()
    with _running_lock:
        rc = _lib.pj_thread_start(callback, None, _stack_size or THREAD_STACK, 0, _ctypes.byref(ident))
        if rc < 0:
            raise RuntimeError("can't start new thread")
        _running[ident.value] = callback
    if traced is not None:
        from protojit.trace import events
        events.record("thread", ident=ident.value, **traced)
    return ident.value


def _trace_target(function):
    """--trace/--stats: the name and target of a thread (read before it starts: run() drops
    the target), for its `thread` event; None when not tracing."""
    from protojit.trace import events
    if not events.enabled():
        return None
    owner = getattr(function, "__self__", None)       # threading.Thread._bootstrap
    target = getattr(owner, "_target", None) or function
    return {"name": getattr(owner, "_name", None),
            "target": getattr(target, "__qualname__", type(target).__name__)}


def live_count():
    """Number of runtime threads still running their function (the C registry)."""
    out = _ctypes.c_long()
    _live_count(_ctypes.byref(out))
    _reap()
    return out.value


def live_lock_count():
    """Number of runtime locks (plain and recursive) made and not yet freed (for leak tests)."""
    out = _ctypes.c_long()
    _live_locks(_ctypes.byref(out))
    return out.value


def stack_size(*args):
    """stack_size([size]) -> the previous size; 0 means the platform default.

    As in CPython, a call without an argument also sets the size back to 0.
    """
    global _stack_size
    if len(args) > 1:
        raise TypeError(f"stack_size() takes at most 1 argument ({len(args)} given)")
    size = _operator.index(args[0]) if args else 0
    if size < 0:
        raise ValueError("size must be 0 or a positive value")
    if size != 0 and size < _STACK_MIN:
        raise ValueError(f"size not valid: {size} bytes")
    old, _stack_size = _stack_size, size
    return old


def main_ident():
    """The identity of the process's main thread."""
    return _MAIN_IDENT


# ---- the host `threading`'s view of runtime threads
# Host code that names the current thread through the host `threading` module
# (logging's %(threadName)s) sees, for a runtime thread, a host dummy Thread
# object; lib/threading.py gives it the guest thread's name, and drops it when
# the thread ends (the next thread may get the same identity).

def host_current_thread():
    """The host threading's Thread object of the calling thread (a dummy one on a runtime thread)."""
    return _host_threading.current_thread()


def forget_host_thread():
    """The calling runtime thread is ending: drop the host's dummy Thread object of it."""
    ident = get_ident()
    with _host_threading._active_limbo_lock:
        thread = _host_threading._active.get(ident)
        if isinstance(thread, _host_threading._DummyThread):
            del _host_threading._active[ident]


def is_host_dummy(thread) -> bool:
    """Whether a host Thread object is one the host made up for a thread it did not start."""
    return isinstance(thread, _host_threading._DummyThread)
