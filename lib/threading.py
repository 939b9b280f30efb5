"""Guest `threading`: threads and synchronisation objects on the guest `_thread`.

In: guest code. Out: lib/_thread.py only (runtime pthreads and the runtime's
locks); nothing here touches ctypes or protojit.native.

Model (DESIGN.md decision 6): every `Thread` is a real OS thread started by
the C runtime. Its tier-0 guest code runs under the host interpreter's lock;
waiting (join, lock and condition waits) happens in the runtime without that
lock, and compiled guest code runs without it, so CPU-bound compiled targets
run in parallel.

How the pieces fit:
- Each started Thread holds a private "end" lock (`_tstate_lock`, CPython's
  name, which CPython's own tests read) from the moment its body starts until
  the moment it has left `_active`; join(timeout) is a timed acquire of that
  lock, so joining never polls. `_shutdown_locks` holds those of the
  non-daemon threads, as in CPython.
- Condition, Semaphore, Event, Barrier and Timer are built from the runtime
  locks: a Condition parks each waiter on its own pre-acquired lock that
  notify() releases.
- At interpreter exit protojit's runner calls `_shutdown()`, which waits for
  every non-daemon thread, as CPython does.
- Host modules (logging, concurrent.futures, queue, asyncio) use the host's
  `threading`. Each guest thread gives its name to the host's Thread object
  of the same OS thread, so host code reports guest names; a host-started
  thread running guest code is, to the guest, a dummy Thread with the host's
  name, as it would be that very object in CPython.
- settrace/setprofile are accepted and remembered (gettrace/getprofile return
  them) but install nothing: protojit has no guest trace or profile hooks;
  they are documented no-ops.
"""
import os as _os
import sys as _sys
import _thread
import functools
import warnings as _warnings
from collections import deque as _deque
from time import monotonic as _time
from _weakrefset import WeakSet
from itertools import islice as _islice, count as _count

__all__ = [
    "get_ident", "active_count", "Condition", "current_thread", "enumerate", "main_thread",
    "TIMEOUT_MAX", "Event", "Lock", "RLock", "Semaphore", "BoundedSemaphore", "Thread",
    "Barrier", "BrokenBarrierError", "Timer", "ThreadError", "ExceptHookArgs", "setprofile",
    "settrace", "local", "stack_size", "excepthook", "get_native_id", "getprofile", "gettrace",
]

_start_new_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock
_set_sentinel = _thread._set_sentinel     # (CPython's name; this module ends threads its own way)
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size
local = _thread._local
Lock = _allocate_lock
_CRLock = _thread.RLock
ExceptHookArgs = _thread._ExceptHookArgs
excepthook = __excepthook__ = _thread._excepthook
_HAVE_THREAD_NATIVE_ID = True
_forget_host_thread = _thread._forget_host_thread
_host_current_thread = _thread._host_current_thread
_main_ident = _thread._main_ident
_is_host_dummy = _thread._is_host_dummy
del _thread     # as CPython's module: it keeps what it needs of _thread under its own names


def RLock(*args, **kwargs):
    """A new recursive lock: the thread that holds it may acquire it again."""
    return _CRLock(*args, **kwargs)


class _RLock:
    """A recursive lock written over a plain lock: CPython's pure-Python RLock, which
    its test suite and some tools use as `threading._PyRLock`. The owner's ident and a
    count; the plain lock is held while the count is non-zero."""

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def __repr__(self):
        owner = self._owner
        thread = _active.get(owner)
        if thread is not None:
            owner = thread.name
        state = "locked" if self._block.locked() else "unlocked"
        return (f"<{state} {self.__class__.__module__}.{self.__class__.__qualname__} object "
                f"owner={owner!r} count={self._count} at {hex(id(self))}>")

    def _at_fork_reinit(self):
        self._block._at_fork_reinit()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return 1
        rc = self._block.acquire(blocking, timeout)
        if rc:
            self._owner = me
            self._count = 1
        return rc

    __enter__ = acquire

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count = count = self._count - 1
        if not count:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    # For Condition: release every level while waiting, restore them after.
    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def _release_save(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _is_owned(self):
        return self._owner == get_ident()

    def _recursion_count(self):
        return self._count if self._owner == get_ident() else 0


_PyRLock = _RLock


def _deprecated(old, instead):
    """CPython's DeprecationWarning for an old camelCase name: '<old>() is deprecated, <instead>'."""
    _warnings.warn(f"{old}() is deprecated, {instead}", DeprecationWarning, stacklevel=3)


# ---- trace and profile hooks: documented no-ops

_trace_hook = None
_profile_hook = None


def settrace(func):
    """Remember func as the trace function of threads started later.

    A no-op in protojit: guest threads run no trace function (there is no
    guest sys.settrace); gettrace() returns what was set.
    """
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


def setprofile(func):
    """Remember func as the profile function of threads started later (a no-op, as settrace)."""
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


# ---- Condition

class Condition:
    """A condition variable over a lock (a new RLock by default)."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        # An RLock releases all its levels while waiting, and restores them after.
        for name in ("_release_save", "_acquire_restore", "_is_owned"):
            method = getattr(lock, name, None)
            if method is not None:
                setattr(self, name, method)
        self._waiters = _deque()

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()
        self._waiters.clear()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc_info):
        return self._lock.__exit__(*exc_info)

    def __repr__(self):
        return f"<Condition({self._lock}, {len(self._waiters)})>"

    # Defaults for a plain lock; an RLock's own methods replace them in __init__.
    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, state):
        self._lock.acquire()

    def _is_owned(self):
        # A plain lock has no owner: "owned" means held, by anyone.
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        """Release the lock, wait for a notify (or the timeout), re-acquire; False on timeout."""
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        parked = _allocate_lock()
        parked.acquire()
        self._waiters.append(parked)
        saved = self._release_save()
        woken = False
        try:
            if timeout is None:
                woken = parked.acquire()
            elif timeout > 0:
                woken = parked.acquire(True, timeout)
            else:
                woken = parked.acquire(False)
            return woken
        finally:
            self._acquire_restore(saved)
            if not woken:
                try:
                    self._waiters.remove(parked)
                except ValueError:      # notify() took it off meanwhile
                    pass

    def wait_for(self, predicate, timeout=None):
        """Wait until predicate() is true (or the timeout); return its last value."""
        deadline = None if timeout is None else _time() + timeout
        result = predicate()
        while not result:
            remaining = None
            if deadline is not None:
                remaining = deadline - _time()
                if remaining <= 0:
                    break
            self.wait(remaining)
            result = predicate()
        return result

    def notify(self, n=1):
        """Wake up to n waiting threads."""
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            parked = waiters.popleft()
            try:
                parked.release()
            except RuntimeError:        # its wait already timed out
                continue
            n -= 1

    def notify_all(self):
        """Wake every waiting thread."""
        self.notify(len(self._waiters))

    def notifyAll(self):
        _deprecated("notifyAll", "use notify_all() instead")
        self.notify_all()


# ---- Semaphore, BoundedSemaphore, Event

class Semaphore:
    """A counter: acquire() waits while it is zero and takes one; release(n) adds n."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        cls = type(self)
        return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: value={self._value}>"

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            if not blocking:
                if self._value == 0:
                    return False
            elif not self._cond.wait_for(lambda: self._value > 0, timeout):
                return False
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, *exc_info):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore whose value may never go above its initial value."""

    def __init__(self, value=1):
        super().__init__(value)
        self._initial_value = value

    def __repr__(self):
        cls = type(self)
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: "
                f"value={self._value}/{self._initial_value}>")

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class Event:
    """A flag threads can wait for."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        cls = type(self)
        return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: {'set' if self._flag else 'unset'}>"

    def _at_fork_reinit(self):
        self._cond._at_fork_reinit()

    def is_set(self):
        return self._flag

    def isSet(self):
        _deprecated("isSet", "use is_set() instead")
        return self.is_set()

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        """Wait until the flag is set (or the timeout). True once set() woke this waiter,
        even if clear() ran before it got the lock back (as CPython: it waits once, not
        until the flag reads true)."""
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


# ---- Barrier

class BrokenBarrierError(RuntimeError):
    """A Barrier was reset or aborted, or a wait on it timed out."""


class _Round:
    """One filling of a Barrier; its waiters keep it after the barrier moved on."""
    __slots__ = ("passed", "broken")

    def __init__(self):
        self.passed = False
        self.broken = False


class Barrier:
    """Make `parties` threads wait for each other; the last to arrive runs `action`."""

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._round = _Round()
        self._count = 0          # threads waiting in the current round
        self._broken = False

    def __repr__(self):
        cls = type(self)
        if self._broken:
            return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: broken>"
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: "
                f"waiters={self.n_waiting}/{self.parties}>")

    def wait(self, timeout=None):
        """Wait for the others; return this thread's arrival index (0 .. parties-1)."""
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._broken:
                raise BrokenBarrierError
            this_round = self._round
            index = self._count
            self._count += 1
            if self._count >= self._parties:
                self._pass(this_round)
                return index
            done = self._cond.wait_for(lambda: this_round.passed or this_round.broken, timeout)
            if this_round.passed:
                return index
            if not done:            # timed out: the barrier breaks for everyone
                self._break()
            raise BrokenBarrierError

    def _pass(self, this_round):
        """The last party arrived: run the action, then let the round go."""
        if self._action is not None:
            try:
                self._action()
            except BaseException:
                self._break()
                raise
        this_round.passed = True
        self._round = _Round()
        self._count = 0
        self._cond.notify_all()

    def _break(self):
        self._round.broken = True
        self._round = _Round()
        self._count = 0
        self._broken = True
        self._cond.notify_all()

    def reset(self):
        """Back to the initial state; threads waiting now get BrokenBarrierError."""
        with self._cond:
            if self._count:
                self._round.broken = True
                self._round = _Round()
                self._count = 0
                self._cond.notify_all()
            self._broken = False

    def abort(self):
        """Break the barrier: current and future waits raise BrokenBarrierError."""
        with self._cond:
            self._break()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return 0 if self._broken else self._count

    @property
    def broken(self):
        return self._broken


# ---- threads

_counter = _count(1).__next__


def _newname(template="Thread-%d"):
    return template % _counter()


_active_limbo_lock = RLock()
_active = {}    # ident -> Thread: running its body
_limbo = {}     # Thread -> Thread: start() called, body not running yet
# End locks of the non-daemon threads; _shutdown() waits on each.
_shutdown_locks_lock = _allocate_lock()
_shutdown_locks = set()
_SHUTTING_DOWN = False
_dangling = WeakSet()   # every Thread object made, while it lives (CPython's tests read it)


def _maintain_shutdown_locks():
    """Drop the shutdown locks of threads that have ended (CPython's; call with
    _shutdown_locks_lock held)."""
    _shutdown_locks.difference_update([lock for lock in _shutdown_locks if not lock.locked()])


class Thread:
    """A thread of control: call start() once; it runs run(), which calls target."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    name += f" ({target.__name__})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        self._daemonic = current_thread().daemon if daemon is None else daemon
        self._ident = None
        self._native_id = None
        self._tstate_lock = None          # held by the running thread; see the module docstring
        self._started = Event()
        self._is_stopped = False
        self._host_twin = None         # the host threading's Thread object of this thread
        self._initialized = True
        self._stderr = _sys.stderr     # for excepthook, if sys.stderr is gone by then
        self._invoke_excepthook = _make_invoke_excepthook()
        _dangling.add(self)

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started.is_set():
            status = "started"
        self.is_alive()                # notices a thread that has ended
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += f" {self._ident}"
        return f"<{type(self).__name__}({self._name}, {status})>"

    def start(self):
        """Start the thread's activity; at most once per Thread."""
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        with _active_limbo_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except Exception:
            with _active_limbo_lock:
                del _limbo[self]
            raise
        self._started.wait()

    def run(self):
        """The thread's activity: calls target(*args, **kwargs). Subclasses override it."""
        # Afterwards drop the references, so that a thread object does not keep its
        # arguments alive (an except clause, not finally: the traceback then shows
        # the call line of this frame).
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        except BaseException:
            del self._target, self._args, self._kwargs
            raise
        del self._target, self._args, self._kwargs

    def _bootstrap(self):
        """The body of the runtime thread."""
        try:
            self._ident = get_ident()
            self._native_id = get_native_id()
            self._set_host_twin()
            end_lock = _allocate_lock()
            end_lock.acquire()
            self._tstate_lock = end_lock
            if not self._daemonic:
                with _shutdown_locks_lock:
                    _shutdown_locks.add(end_lock)
            with _active_limbo_lock:
                _active[self._ident] = self
                del _limbo[self]
            self._started.set()
            failure = None
            try:
                self.run()
            except BaseException as exc:    # noqa: BLE001 - goes to threading.excepthook
                failure = exc
            if failure is not None:         # outside the except clause: no implicit chaining
                self._invoke_excepthook(self, failure)
                failure = None
        finally:
            with _active_limbo_lock:
                _active.pop(get_ident(), None)
            self._host_twin = None
            _forget_host_thread()
            if self._tstate_lock is not None:
                self._tstate_lock.release()

    def _set_host_twin(self):
        """Called in the thread itself: host code that asks the host `threading` for the
        current thread's name (logging's %(threadName)s) gets this thread's name."""
        self._host_twin = _host_current_thread()
        self._host_twin.name = self._name

    def _stop(self):
        """The thread has ended (its end lock was released): forget the lock."""
        lock = self._tstate_lock
        self._is_stopped = True
        self._tstate_lock = None
        if lock is not None and not self._daemonic:
            with _shutdown_locks_lock:
                _shutdown_locks.discard(lock)

    def _wait_for_end(self, block=True, timeout=-1):
        lock = self._tstate_lock
        if lock is None:
            return
        try:
            if lock.acquire(block, timeout):
                lock.release()
                self._stop()
        except BaseException:
            # A signal handler's exception (KeyboardInterrupt) raised right after the
            # acquire returned, before the release: the thread has ended and this thread
            # holds its end lock; released here, or every later join waits for ever
            # (CPython's bpo-45274 does the same).
            if lock.locked():
                lock.release()
                self._stop()
            raise

    def join(self, timeout=None):
        """Wait until the thread ends, or at most timeout seconds (then check is_alive())."""
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            self._wait_for_end()
        else:
            self._wait_for_end(timeout=max(timeout, 0))

    def is_alive(self):
        """Whether the thread has started and not yet ended."""
        assert self._initialized, "Thread.__init__() not called"
        if self._is_stopped or not self._started.is_set():
            return False
        self._wait_for_end(False)
        return not self._is_stopped

    @property
    def name(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)
        if self._host_twin is not None:
            self._host_twin.name = self._name

    @property
    def ident(self):
        """The thread's identity (get_ident() inside it), or None before start()."""
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        """The kernel's id of the thread (get_native_id() inside it), or None before start()."""
        assert self._initialized, "Thread.__init__() not called"
        return self._native_id

    @property
    def daemon(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        _deprecated("isDaemon", "get the daemon attribute instead")
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated("setDaemon", "set the daemon attribute instead")
        self.daemon = daemonic

    def getName(self):
        _deprecated("getName", "get the name attribute instead")
        return self.name

    def setName(self, name):
        _deprecated("setName", "set the name attribute instead")
        self.name = name


def _make_invoke_excepthook():
    """The function a Thread calls when run() raised: threading.excepthook(args).

    The hooks current at Thread creation are the fallback if threading.excepthook
    was set to None; an exception raised by the hook itself is printed on stderr.
    """
    creation_hook = excepthook
    creation_stderr = _sys.stderr
    creation_sys_excepthook = _sys.excepthook

    def invoke_excepthook(thread, exc):
        hook = excepthook if excepthook is not None else creation_hook
        args = ExceptHookArgs([type(exc), exc, exc.__traceback__, thread])
        try:
            hook(args)
        except Exception as hook_exc:
            # As CPython: the line, then sys.excepthook (the program's, if it set one).
            hook_exc.__suppress_context__ = True
            stderr = _sys.stderr if _sys.stderr is not None else creation_stderr
            if stderr is not None:
                print("Exception in threading.excepthook:", file=stderr, flush=True)
            sys_hook = _sys.excepthook if _sys.excepthook is not None else creation_sys_excepthook
            sys_hook(type(hook_exc), hook_exc, hook_exc.__traceback__)

    return invoke_excepthook


class Timer(Thread):
    """Call function(*args, **kwargs) after interval seconds, unless cancel() comes first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        """Stop the timer if it has not fired yet."""
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    """The thread the program started in."""

    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started.set()
        self._ident = _main_ident()
        self._native_id = get_native_id() if get_ident() == self._ident else None
        if get_ident() == self._ident:
            self._set_host_twin()
        lock = _allocate_lock()
        lock.acquire()
        self._tstate_lock = lock
        with _shutdown_locks_lock:
            _shutdown_locks.add(lock)
        with _active_limbo_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    """A thread that this module did not start: a raw _thread thread, or a host thread
    (concurrent.futures' workers) that runs guest code.

    As in CPython it counts as alive and daemonic, and cannot be joined. A host thread
    keeps the name and daemon flag the host gave it (in CPython it would be that very
    Thread object); any other thread is named Dummy-N.
    """

    def __init__(self):
        twin = _host_current_thread()
        self._adopted = not _is_host_dummy(twin)     # a thread the host started
        if self._adopted:
            Thread.__init__(self, name=twin.name, daemon=twin.daemon)
        else:
            Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        self._set_host_twin()
        with _active_limbo_lock:
            _active[self._ident] = self

    def _stop(self):
        pass

    def is_alive(self):
        assert not self._is_stopped and self._started.is_set()
        return not self._adopted or self._host_twin.is_alive()

    def join(self, timeout=None):
        assert False, "cannot join a dummy thread"


def _forget_ended_host_threads():
    """Drop the dummies of host-started threads that have ended (CPython would have
    removed those Thread objects when they ended). Call with _active_limbo_lock held."""
    for ident, thread in list(_active.items()):
        if type(thread) is _DummyThread and thread._adopted and not thread._host_twin.is_alive():
            del _active[ident]


# ---- queries

def current_thread():
    """The Thread object of the calling thread (a dummy one if threading did not start it)."""
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


def currentThread():
    _deprecated("currentThread", "use current_thread() instead")
    return current_thread()


def active_count():
    """The number of Thread objects alive now (started or starting, not ended)."""
    with _active_limbo_lock:
        _forget_ended_host_threads()
        return len(_active) + len(_limbo)


def activeCount():
    _deprecated("activeCount", "use active_count() instead")
    return active_count()


def _enumerate():
    # CPython's: enumerate() for callers that hold _active_limbo_lock already
    return list(_active.values()) + list(_limbo.values())


def enumerate():
    """A list of the Thread objects alive now."""
    with _active_limbo_lock:
        _forget_ended_host_threads()
        return list(_active.values()) + list(_limbo.values())


def main_thread():
    """The main Thread object (the thread the program started in)."""
    return _main_thread


# ---- interpreter exit

_threading_atexits = []


def _register_atexit(func, *args, **kwargs):
    """Call func(*args, **kwargs) at exit, before waiting for non-daemon threads."""
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append((func, args, kwargs))


def _shutdown():
    """Called by protojit's runner when the main program ends: wait for non-daemon threads."""
    global _SHUTTING_DOWN
    if _main_thread._is_stopped:
        return
    _SHUTTING_DOWN = True
    for func, args, kwargs in reversed(_threading_atexits):
        func(*args, **kwargs)
    lock = _main_thread._tstate_lock
    if lock is not None and lock.locked():
        lock.release()
    _main_thread._stop()
    while True:
        with _shutdown_locks_lock:
            pending = list(_shutdown_locks)
            _shutdown_locks.clear()
        if not pending:
            break
        for lock in pending:
            lock.acquire()
            lock.release()


def _after_fork():
    """In a fork() child only the forking thread survives: forget the other threads and
    renew the module's locks."""
    global _active_limbo_lock, _shutdown_locks_lock
    _active_limbo_lock = RLock()
    _shutdown_locks_lock = _allocate_lock()
    _shutdown_locks.clear()
    ident = get_ident()
    current = _active.get(ident)
    # (and every other Thread object alive, as CPython's: a thread that had left _active
    # but not yet released its end lock when the process forked is not alive either)
    for thread in list(_active.values()) + list(_limbo.values()) + list(_dangling):
        if thread is not current:
            thread._tstate_lock = None     # held by a thread that does not exist here
            thread._is_stopped = True
    _active.clear()
    _limbo.clear()
    if current is None:
        _DummyThread()
        return
    _active[ident] = current
    if current._tstate_lock is not None:
        current._tstate_lock = lock = _allocate_lock()
        lock.acquire()
        if not current._daemonic:
            _shutdown_locks.add(lock)


_main_thread = _MainThread()
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_after_fork)


def __dir__():
    # dir() lists CPython's names: not protojit's own helpers
    return sorted(set(globals()) - {
        "__dir__", "__pj_guest__", "_Round", "_deprecated", "_forget_ended_host_threads", "_forget_host_thread",
        "_host_current_thread", "_is_host_dummy", "_main_ident", "_warnings"})
