"""Guest `_thread`: low-level threads and locks on protojit's C runtime.

In: callables and timeouts from guest code (and from lib/threading.py, the
one layer above). Out: runtime pthreads (runtime_c/thread.c) and locks
(runtime_c/lock.c), reached through `protojit.native` only.

A thread body is a ctypes callback: when the new pthread calls it, ctypes
takes the GIL and runs the guest function; ctypes releases the GIL again for
every blocking call into the runtime, so a thread waiting on a lock does not
stop the others. Threads are started joinable and reaped (joined without
blocking) later, so their callback objects stay alive until the pthread has
certainly left them.

Lock operations that cannot block (try-acquire, release, state) are called
through GIL-holding prototypes (ctypes.PYFUNCTYPE): they take the lock's
mutex for a few instructions only, and skip a GIL release/re-acquire.
"""
import ctypes as _ctypes
import errno as _errno
import operator as _operator
import sys as _sys
import time as _time

from protojit import native as _native
from protojit.hostmods import host_import as _host_import

_host_thread = _host_import("_thread")
_host_threading = _host_import("threading")

__all__ = [
    "LockType", "RLock", "TIMEOUT_MAX", "allocate", "allocate_lock", "error", "exit",
    "exit_thread", "get_ident", "get_native_id", "interrupt_main", "stack_size",
    "start_new", "start_new_thread",
]

error = RuntimeError
TIMEOUT_MAX = _host_thread.TIMEOUT_MAX

# The host's, on purpose: both follow the OS thread (pthread_self / gettid,
# the same values as pj_thread_ident / pj_thread_native_id) and cost no
# foreign call; thread-locals and the default excepthook live with the host
# thread state that ctypes gives each runtime thread.
get_ident = _host_thread.get_ident
get_native_id = _host_thread.get_native_id
interrupt_main = _host_thread.interrupt_main
_local = _host_thread._local
_excepthook = _host_thread._excepthook
_ExceptHookArgs = _host_thread._ExceptHookArgs

_lib = _native.lib()

# Seconds the main thread waits in one piece while blocked on a lock, so that
# signal handlers (KeyboardInterrupt) run between the pieces.
_SIGNAL_CHECK_INTERVAL = 0.05
# Largest |timeout| whose nanosecond count fits in int64 (CPython's _PyTime_t).
_NS_LIMIT = (2 ** 63 - 1) / 1e9

_MAIN_IDENT = _host_threading.main_thread().ident


def _gil_held(name, restype, *argtypes):
    """A prototype of runtime function `name` that keeps the GIL during the call."""
    address = _ctypes.cast(getattr(_lib, name), _ctypes.c_void_p).value
    return _ctypes.PYFUNCTYPE(restype, *argtypes)(address)


_c_int, _c_void_p, _c_double = _ctypes.c_int, _ctypes.c_void_p, _ctypes.c_double
_lock_try = _gil_held("pj_lock_acquire", _c_int, _c_void_p, _c_int, _c_double)
_lock_release = _gil_held("pj_lock_release", _c_int, _c_void_p)
_lock_locked = _gil_held("pj_lock_locked", _c_int, _c_void_p, _ctypes.POINTER(_c_int))
_lock_free = _gil_held("pj_lock_free", None, _c_void_p)
_rlock_try = _gil_held("pj_rlock_acquire_n", _c_int, _c_void_p, _ctypes.c_size_t, _c_int, _c_double)
_rlock_release = _gil_held("pj_rlock_release", _c_int, _c_void_p)
_rlock_release_all = _gil_held("pj_rlock_release_all", _c_int, _c_void_p,
                               _ctypes.POINTER(_ctypes.c_size_t))
_rlock_state = _gil_held("pj_rlock_state", _c_int, _c_void_p, _ctypes.POINTER(_ctypes.c_ulong),
                         _ctypes.POINTER(_ctypes.c_size_t))
_rlock_free = _gil_held("pj_rlock_free", None, _c_void_p)
_thread_tryjoin = _gil_held("pj_thread_tryjoin", _c_int, _ctypes.c_ulong)
# These release the GIL (plain CDLL functions): they may wait.
_lock_wait = _lib.pj_lock_acquire
_rlock_wait = _lib.pj_rlock_acquire_n


def _oserror(rc):
    return OSError(-rc, _native.os_strerror(-rc) if hasattr(_native, "os_strerror") else
                   __import__("os").strerror(-rc))


def _check_timeout(blocking, timeout):
    """Validate acquire(blocking, timeout) like CPython; return timeout as float."""
    if isinstance(timeout, float):
        if timeout != timeout:
            raise ValueError("Invalid value NaN (not a number)")
        if not -_NS_LIMIT <= timeout <= _NS_LIMIT:
            raise OverflowError("timestamp out of range for platform time_t")
    else:
        timeout = _operator.index(timeout)
        if abs(timeout) > _NS_LIMIT:
            raise OverflowError("timestamp too large to convert to C _PyTime_t")
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be positive")
    if timeout > TIMEOUT_MAX:
        raise OverflowError("timeout value is too large")
    return float(timeout)


def _wait(wait, args, timeout):
    """Blocking acquire through wait(*args, 1, piece); True if acquired.

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

    def __init__(self):
        self._handle = _new_handle("lock")

    def __del__(self, _free=_lock_free):
        handle = getattr(self, "_handle", None)
        if handle:
            self._handle = None
            _free(handle)

    def acquire(self, blocking=True, timeout=-1):
        timeout = _check_timeout(blocking, timeout)
        if _lock_try(self._handle, 0, 0.0) == 0:
            return True
        if not blocking or timeout == 0:
            return False
        return _wait(_lock_wait, (self._handle,), timeout)

    def release(self):
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
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def __repr__(self):
        state = "locked" if self.locked() else "unlocked"
        return f"<{state} _thread.lock object at {id(self):#x}>"


LockType.__name__ = LockType.__qualname__ = "lock"


def allocate_lock():
    """Return a new unlocked lock."""
    return LockType()


allocate = allocate_lock


class RLock:
    """A recursive lock: its owner may acquire it again; release per acquire."""

    __slots__ = ("_handle", "__weakref__")

    def __init__(self, *args, **kwargs):
        self._handle = _new_handle("rlock")

    def __del__(self, _free=_rlock_free):
        handle = getattr(self, "_handle", None)
        if handle:
            self._handle = None
            _free(handle)

    def acquire(self, blocking=True, timeout=-1):
        timeout = _check_timeout(blocking, timeout)
        if _rlock_try(self._handle, 1, 0, 0.0) == 0:
            return True
        if not blocking or timeout == 0:
            return False
        return _wait(_rlock_wait, (self._handle, 1), timeout)

    def release(self):
        if _rlock_release(self._handle) != 0:
            raise RuntimeError("cannot release un-acquired lock")

    def _state(self):
        owner, count = _ctypes.c_ulong(), _ctypes.c_size_t()
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
        count = _ctypes.c_size_t()
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
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def __repr__(self):
        owner, count = self._state()
        state = "locked" if count else "unlocked"
        return (f"<{state} _thread.RLock object owner={owner} count={count} "
                f"at {id(self):#x}>")


# ---- threads

_THREAD_BODY = _ctypes.CFUNCTYPE(None, _c_void_p)
_STACK_MIN = 32768

_stack_size = 0
# ident -> ctypes callback of every runtime thread started here and not yet
# joined; entries leave only in _reap, after pj_thread_tryjoin succeeded.
_running = {}
_running_lock = _host_thread.allocate_lock()


def _reap():
    """Join (without waiting) the threads that have ended; free their callbacks."""
    with _running_lock:
        for ident in [i for i in _running if _thread_tryjoin(i) == 0]:
            del _running[ident]


def _report_unraisable(function, exc):
    """An exception escaped a start_new_thread function: tell sys.unraisablehook."""
    hook = _sys.unraisablehook
    if hook is _sys.__unraisablehook__:
        import traceback
        stderr = _sys.stderr
        if stderr is None:
            return
        print(f"Exception ignored in thread started by: {function!r}", file=stderr)
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=stderr)
        stderr.flush()
        return
    import types
    hook(types.SimpleNamespace(exc_type=type(exc), exc_value=exc,
                               exc_traceback=exc.__traceback__,
                               err_msg="Exception ignored in thread started by",
                               object=function))


def start_new_thread(*args):
    """start_new_thread(function, args[, kwargs]) -> ident of the new thread."""
    if not 2 <= len(args) <= 3:
        bound = "at least 2" if len(args) < 2 else "at most 3"
        raise TypeError(f"start_new_thread expected {bound} arguments, got {len(args)}")
    function, fargs = args[0], args[1]
    kwargs = args[2] if len(args) == 3 else {}
    if not callable(function):
        raise TypeError("first arg must be callable")
    if not isinstance(fargs, tuple):
        raise TypeError("2nd arg must be a tuple")
    if not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")

    def body(_unused):
        try:
            function(*fargs, **kwargs)
        except SystemExit:
            pass
        except BaseException as exc:  # reported, never lets the pthread die in ctypes
            _report_unraisable(function, exc)

    callback = _THREAD_BODY(body)
    ident = _ctypes.c_ulong()
    _reap()
    with _running_lock:
        rc = _lib.pj_thread_start(callback, None, _stack_size, 0, _ctypes.byref(ident))
        if rc < 0:
            raise RuntimeError("can't start new thread")
        _running[ident.value] = callback
    return ident.value


start_new = start_new_thread


def exit():
    """Leave the current thread (raises SystemExit, which the thread swallows)."""
    raise SystemExit


exit_thread = exit


def _count():
    """Number of runtime threads still running their function."""
    out = _ctypes.c_long()
    _lib.pj_thread_live_count(_ctypes.byref(out))
    return out.value


def stack_size(*args):
    """stack_size([size]) -> previous size; 0 means the platform default."""
    global _stack_size
    if len(args) > 1:
        raise TypeError(f"stack_size expected at most 1 argument, got {len(args)}")
    old = _stack_size
    if args:
        size = _operator.index(args[0])
        if size != 0 and size < _STACK_MIN:
            raise ValueError(f"size not valid: {size} bytes")
        _stack_size = size
    return old


def _set_sentinel():
    """A lock CPython releases when the thread state dies; unused here."""
    return allocate_lock()
