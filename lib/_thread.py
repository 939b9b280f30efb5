"""Guest `_thread`: low-level threads and locks on protojit's C runtime.

In: callables and timeouts from guest code (and from lib/threading.py, the
one layer above). Out: runtime pthreads (runtime_c/thread.c) and locks
(runtime_c/lock.c), reached through `protojit.native` only.

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
import errno as _errno

from protojit import native as _native
from protojit.hostmods import host_import as _host_import
from protojit.runtime import tracebacks as _tracebacks

_ctypes = _host_import("ctypes")
_operator = _host_import("operator")
_os = _host_import("os")
_sys = _host_import("sys")
_time = _host_import("time")
_host_thread = _host_import("_thread")
_host_threading = _host_import("threading")

__all__ = [
    "LockType", "RLock", "TIMEOUT_MAX", "allocate", "allocate_lock", "error", "exit",
    "exit_thread", "get_ident", "get_native_id", "interrupt_main", "stack_size",
    "start_new", "start_new_thread",
]

error = RuntimeError
TIMEOUT_MAX = _host_thread.TIMEOUT_MAX

# The host's functions, on purpose: both read the OS thread (pthread_self /
# gettid: the same values as pj_thread_ident / pj_thread_native_id) without a
# foreign call. Thread-local storage lives in the host thread state that
# ctypes gives each runtime thread for as long as its body runs.
get_ident = _host_thread.get_ident
get_native_id = _host_thread.get_native_id
interrupt_main = _host_thread.interrupt_main
_local = _host_thread._local

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
# These release the GIL (plain CDLL functions): they may wait.
_lock_wait = _lib.pj_lock_acquire
_rlock_wait = _lib.pj_rlock_acquire_n


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

    def __init__(self):
        self._handle = _new_handle("lock")

    def __del__(self, _free=_lock_free):
        handle = getattr(self, "_handle", None)
        if handle:
            self._handle = None
            _free(handle)

    def acquire(self, blocking=True, timeout=-1):
        """Acquire the lock; False if it was not acquired (non-blocking or timed out)."""
        timeout = _check_timeout(blocking, timeout)
        if _lock_try(self._handle, 0, 0.0) == 0:
            return True
        if not blocking or timeout == 0:
            return False
        return _wait(_lock_wait, (self._handle,), timeout)

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
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def __repr__(self):
        state = "locked" if self.locked() else "unlocked"
        return f"<{state} _thread.lock object at {id(self):#x}>"


LockType.__name__ = LockType.__qualname__ = "lock"
LockType.__module__ = "_thread"


def allocate_lock():
    """Return a new unlocked lock."""
    return LockType()


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
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def __repr__(self):
        owner, count = self._state()
        state = "locked" if count else "unlocked"
        return (f"<{state} {type(self).__module__}.{type(self).__qualname__} object "
                f"owner={owner} count={count} at {id(self):#x}>")


RLock.__module__ = "_thread"


# ---- reporting exceptions that escape a thread

class _ExceptHookArgs(tuple):
    """The argument of threading.excepthook: (exc_type, exc_value, exc_traceback, thread)."""

    __slots__ = ()
    _fields = ("exc_type", "exc_value", "exc_traceback", "thread")

    def __new__(cls, sequence):
        sequence = tuple(sequence)
        if len(sequence) != 4:
            raise TypeError(f"_thread._ExceptHookArgs() takes a 4-sequence ({len(sequence)}-sequence given)")
        return tuple.__new__(cls, sequence)

    exc_type = property(lambda self: self[0])
    exc_value = property(lambda self: self[1])
    exc_traceback = property(lambda self: self[2])
    thread = property(lambda self: self[3])

    def __repr__(self):
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"_thread._ExceptHookArgs({fields})"


_ExceptHookArgs.__module__ = "_thread"


def _print_guest_exception(exc, file):
    """A guest traceback (guest frames only) of exc on file."""
    file.write(_tracebacks.format_exception(exc))


def _excepthook(args, /):
    """The default threading.excepthook: print the thread's exception on stderr.

    SystemExit is ignored silently, as in CPython.
    """
    if args.exc_type is SystemExit:
        return None
    file = _sys.stderr
    thread = args.thread
    if file is None:
        file = getattr(thread, "_stderr", None)     # threading.Thread keeps the stderr it started with
        if file is None:
            return None
    name = getattr(thread, "name", None) if thread is not None else None
    if name is None:
        name = get_ident()
    file.write(f"Exception in thread {name}:\n")
    file.flush()
    if args.exc_value is not None:
        _print_guest_exception(args.exc_value, file)
    else:
        file.write(f"{getattr(args.exc_type, '__name__', args.exc_type)}\n")
    file.flush()
    return None


def _report_unraisable(function, exc):
    """An exception escaped a start_new_thread function: tell sys.unraisablehook."""
    hook = _sys.unraisablehook
    if hook is _sys.__unraisablehook__:
        stderr = _sys.stderr
        if stderr is None:
            return
        stderr.write(f"Exception ignored in thread started by: {function!r}\n")
        _print_guest_exception(exc, stderr)
        stderr.flush()
        return
    import types
    hook(types.SimpleNamespace(exc_type=type(exc), exc_value=exc,
                               exc_traceback=exc.__traceback__,
                               err_msg="Exception ignored in thread started by",
                               object=function))


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


def start_new_thread(*args):
    """start_new_thread(function, args[, kwargs]) -> ident of the new thread.

    The function runs on a new runtime pthread. An exception escaping it,
    other than SystemExit, goes to sys.unraisablehook; the process goes on.
    """
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
        except BaseException as exc:  # noqa: BLE001 - reported; never let it out into ctypes
            try:
                _report_unraisable(function, exc)
            except BaseException:     # noqa: BLE001 - a failing hook must not kill the process
                pass

    callback = _THREAD_BODY(body)
    ident = _c_ulong()
    _reap()
    with _running_lock:
        rc = _lib.pj_thread_start(callback, None, _stack_size, 0, _ctypes.byref(ident))
        if rc < 0:
            raise RuntimeError("can't start new thread")
        _running[ident.value] = callback
    return ident.value


start_new = start_new_thread


def exit():
    """Leave the current thread (raises SystemExit, which the thread ignores)."""
    raise SystemExit


exit_thread = exit


def _count():
    """Number of runtime threads still running their function."""
    out = _ctypes.c_long()
    _live_count(_ctypes.byref(out))
    _reap()
    return out.value


def stack_size(*args):
    """stack_size([size]) -> the previous size; 0 means the platform default."""
    global _stack_size
    if len(args) > 1:
        raise TypeError(f"stack_size expected at most 1 argument, got {len(args)}")
    old = _stack_size
    if args:
        size = _operator.index(args[0])
        if size < 0:
            raise ValueError("size must be 0 or a positive value")
        if size != 0 and size < _STACK_MIN:
            raise ValueError(f"size not valid: {size} bytes")
        _stack_size = size
    return old


def _main_ident():
    """The identity of the process's main thread."""
    return _MAIN_IDENT
