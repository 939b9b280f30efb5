"""Guest `_thread`: low-level threads and locks on protojit's C runtime.

In: callables and timeouts from guest code (and from lib/threading.py, the
one layer above). Out: protojit/threadprims.py, the host-speed layer over the
runtime's pthreads (runtime_c/thread.c) and locks (runtime_c/lock.c); see its
docstring for how guest code runs on a runtime thread and why waiting never
holds the GIL.

This module adds what is guest-facing and not hot: argument checks of
start_new_thread, exit, the reporting of exceptions that escape a thread
(sys.unraisablehook, and the default threading.excepthook with guest
tracebacks), and _ExceptHookArgs.
"""
from protojit import threadprims as _prims
from protojit.hostmods import host_import as _host_import
from protojit.runtime import tracebacks as _tracebacks

_sys = _host_import("sys")
_host_thread = _host_import("_thread")

__all__ = [
    "LockType", "RLock", "TIMEOUT_MAX", "allocate", "allocate_lock", "error", "exit",
    "exit_thread", "get_ident", "get_native_id", "interrupt_main", "stack_size",
    "start_new", "start_new_thread",
]

error = RuntimeError
TIMEOUT_MAX = _prims.TIMEOUT_MAX

# The host's functions, on purpose: both read the OS thread (pthread_self /
# gettid: the same values as pj_thread_ident / pj_thread_native_id) without a
# foreign call. Thread-local storage lives in the host thread state that
# ctypes gives each runtime thread for as long as its body runs.
get_ident = _host_thread.get_ident
get_native_id = _host_thread.get_native_id
interrupt_main = _prims.interrupt_main
_local = _host_thread._local

# The lock types are host classes (protojit/threadprims.py): see its docstring.
LockType = _prims.LockType
RLock = _prims.RLock
allocate_lock = allocate = _prims.allocate_lock
stack_size = _prims.stack_size
_main_ident = _prims.main_ident
_host_current_thread = _prims.host_current_thread
_forget_host_thread = _prims.forget_host_thread
_is_host_dummy = _prims.is_host_dummy
_pj_live_locks = _prims.live_lock_count      # protojit only: runtime locks not yet freed
allocate_lock.__module__ = stack_size.__module__ = "_thread"   # CPython's are _thread's


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
    return _prims.start_thread(function, fargs, kwargs, _report_unraisable)


start_new = start_new_thread


class _Sentinels:
    """The sentinel lock of one thread (a list: empty or one), kept in its thread-local storage: when the
    thread's state goes (its function has returned), this goes too and releases them."""
    __slots__ = ("locks",)

    def __init__(self):
        self.locks = []

    def __del__(self):
        for lock in self.locks:
            if lock.locked():
                lock.release()


_sentinel_local = _local()


def _set_sentinel():
    """_set_sentinel() -> lock

    Set a sentinel lock that will be released when the current thread
    state is finalized."""
    holder = getattr(_sentinel_local, "holder", None)
    if holder is None:
        holder = _sentinel_local.holder = _Sentinels()
    lock = allocate_lock()
    holder.locks[:] = [lock]     # (one per thread, as CPython: the last one set)
    return lock


def exit():
    """Leave the current thread (raises SystemExit, which the thread ignores)."""
    raise SystemExit


exit_thread = exit


def _count():
    """Number of runtime threads still running their function."""
    return _prims.live_count()


def __dir__():
    # As CPython's C module: its helpers are not in its namespace. Ours are (it is
    # Python), so dir() lists what CPython's lists: the public names and the dunders.
    return sorted(n for n in globals() if (not n.startswith("_") or n.endswith("__")
                  or n in ("_count", "_excepthook", "_ExceptHookArgs", "_local", "_set_sentinel"))
                  and n not in ("__all__", "__builtins__", "__cached__", "__file__", "__dir__",
                                "__pj_guest__"))
