"""The C runtime's threads and locks (runtime_c/thread.c, runtime_c/lock.c), tested at their
edges through ctypes: error returns, NULL arguments, timeouts, recursion, the live-thread
registry, and that blocking calls never hold the GIL (ctypes CDLL calls release it).
"""
import ctypes
import errno
import math
import threading
import time

import pytest

import pj_header
from blocking import timed_wait_blocks, waits_on
from protojit import native

L = native.lib()
BODY = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


def live_count():
    out = ctypes.c_long()
    assert L.pj_thread_live_count(ctypes.byref(out)) == 0
    return out.value


def wait_live(n, limit=5.0):
    deadline = time.monotonic() + limit
    while live_count() != n and time.monotonic() < deadline:
        time.sleep(0.005)
    return live_count()


def wait_blocked(thread, lock, limit=10.0):
    """Poll (to a deadline) until `thread` waits in the kernel on `lock` (futex() on it)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if waits_on(thread, lock.value):
            return True
        time.sleep(0.005)
    return False


_KEEP_ALIVE = []   # a runtime thread may still be returning through a callback's ctypes
                   # trampoline after its test ends: a collected CFUNCTYPE frees that code


def start(fn, detached=0, stack=0):
    _KEEP_ALIVE.append(fn)
    ident = ctypes.c_ulong()
    rc = L.pj_thread_start(fn, None, stack, detached, ctypes.byref(ident))
    return rc, ident.value


@pytest.fixture
def lock():
    handle = ctypes.c_void_p()
    assert L.pj_lock_new(ctypes.byref(handle)) == 0
    yield handle
    L.pj_lock_free(handle)


@pytest.fixture
def rlock():
    handle = ctypes.c_void_p()
    assert L.pj_rlock_new(ctypes.byref(handle)) == 0
    yield handle
    L.pj_rlock_free(handle)


# ---- threads

def test_start_join_identity_and_registry():
    before = live_count()
    seen = {}

    @BODY
    def body(_arg):
        seen["ident"] = L.pj_thread_ident()
        seen["host_ident"] = threading.get_ident()
        seen["native"] = L.pj_thread_native_id()
        seen["host_native"] = threading.get_native_id()
        seen["runtime"] = L.pj_thread_is_runtime()

    rc, ident = start(body)
    assert rc == 0 and ident != 0
    assert L.pj_thread_join(ident) == 0
    assert seen["ident"] == ident == seen["host_ident"]
    assert seen["native"] == seen["host_native"] != threading.get_native_id()
    assert seen["runtime"] == 1
    assert L.pj_thread_is_runtime() == 0
    assert L.pj_thread_ident() == threading.get_ident()
    assert wait_live(before) == before


def test_registry_counts_running_threads_until_their_fn_returns(lock):
    before = live_count()
    assert L.pj_lock_acquire(lock, 1, -1.0) == 0

    @BODY
    def body(_arg):
        L.pj_lock_acquire(lock, 1, -1.0)    # waits without the GIL
        L.pj_lock_release(lock)

    idents = [start(body) for _ in range(3)]
    assert all(rc == 0 for rc, _ in idents)
    assert live_count() == before + 3
    for _, ident in idents:
        assert L.pj_thread_tryjoin(ident) == -errno.EBUSY
    assert L.pj_lock_release(lock) == 0
    for _, ident in idents:
        assert L.pj_thread_join(ident) == 0
    assert live_count() == before


def test_detached_thread_leaves_the_registry():
    before = live_count()
    done = threading.Event()

    @BODY
    def body(_arg):
        done.set()

    rc, ident = start(body, detached=1)
    assert rc == 0
    assert done.wait(5)
    assert wait_live(before) == before
    # A detached thread cannot be joined (EINVAL), or is already gone (ESRCH).
    # (Not asserted: glibc may reuse the pthread_t of an ended thread.)


def test_tryjoin_then_detach():
    before = live_count()
    go = threading.Event()

    @BODY
    def body(_arg):
        go.wait(10)          # still running when it is detached

    rc, ident = start(body)
    assert rc == 0
    assert L.pj_thread_detach(ident) == 0
    go.set()
    assert wait_live(before) == before


def test_join_self_is_edeadlk():
    assert L.pj_thread_join(L.pj_thread_ident()) == -errno.EDEADLK


def test_start_rejects_bad_arguments():
    @BODY
    def body(_arg):
        pass

    ident = ctypes.c_ulong()
    assert L.pj_thread_start(None, None, 0, 0, ctypes.byref(ident)) == -errno.EINVAL
    assert L.pj_thread_start(body, None, 0, 0, None) == -errno.EINVAL
    assert L.pj_thread_start(body, None, 1024, 0, ctypes.byref(ident)) == -errno.EINVAL
    assert L.pj_thread_live_count(None) == -errno.EINVAL


def test_explicit_stack_size():
    ran = []

    @BODY
    def body(_arg):
        ran.append(L.pj_thread_ident())

    rc, ident = start(body, stack=1 << 20)
    assert rc == 0
    assert L.pj_thread_join(ident) == 0
    assert ran == [ident]


# ---- locks

def test_lock_nonblocking_and_release(lock):
    locked = ctypes.c_int(-1)
    assert L.pj_lock_locked(lock, ctypes.byref(locked)) == 0 and locked.value == 0
    assert L.pj_lock_acquire(lock, 0, 0.0) == 0
    assert L.pj_lock_acquire(lock, 0, 0.0) == -errno.EBUSY
    assert L.pj_lock_locked(lock, ctypes.byref(locked)) == 0 and locked.value == 1
    assert L.pj_lock_release(lock) == 0
    assert L.pj_lock_release(lock) == -errno.EPERM


def test_lock_timed_acquire_times_out(lock):
    assert L.pj_lock_acquire(lock, 1, -1.0) == 0
    # It times out, having waited on the lock (seen in futex() on it), not returned at once.
    assert timed_wait_blocks(lambda t: L.pj_lock_acquire(lock, 1, t), lock.value) == \
        (-errno.ETIMEDOUT, True)
    assert L.pj_lock_acquire(lock, 1, 0.0) == -errno.ETIMEDOUT
    assert L.pj_lock_release(lock) == 0
    assert L.pj_lock_acquire(lock, 1, 0.0) == 0
    assert L.pj_lock_release(lock) == 0


def test_lock_timeout_validation(lock):
    assert L.pj_lock_acquire(lock, 1, math.nan) == -errno.EINVAL
    assert L.pj_lock_acquire(lock, 1, 1e19) == -errno.EOVERFLOW
    assert L.pj_lock_acquire(lock, 1, 9223372036.0) == 0     # PJ_LOCK_TIMEOUT_MAX itself
    assert L.pj_lock_release(lock) == 0


def live_locks():
    out = ctypes.c_long()
    assert L.pj_lock_live_count(ctypes.byref(out)) == 0
    return out.value


def test_live_lock_count_follows_new_and_free():
    before = live_locks()
    handles = []
    for kind in ("lock", "rlock", "lock"):
        handle = ctypes.c_void_p()
        assert getattr(L, f"pj_{kind}_new")(ctypes.byref(handle)) == 0
        handles.append((kind, handle))
    assert live_locks() == before + 3
    for kind, handle in handles:
        getattr(L, f"pj_{kind}_free")(handle)
    assert live_locks() == before
    assert L.pj_lock_live_count(None) == -errno.EINVAL


def test_lock_null_handles():
    out = ctypes.c_int()
    assert L.pj_lock_new(None) == -errno.EINVAL
    assert L.pj_lock_acquire(None, 0, 0.0) == -errno.EINVAL
    assert L.pj_lock_release(None) == -errno.EINVAL
    assert L.pj_lock_locked(None, ctypes.byref(out)) == -errno.EINVAL
    L.pj_lock_free(None)     # ignored


def test_blocked_acquire_does_not_hold_the_gil(lock):
    """A host thread blocked in pj_lock_acquire lets this thread run Python code."""
    assert L.pj_lock_acquire(lock, 1, -1.0) == 0
    result = []
    waiter = threading.Thread(target=lambda: result.append(L.pj_lock_acquire(lock, 1, 30.0)))
    waiter.start()
    try:
        # This thread runs Python code (the polling) while the waiter is blocked; if the
        # blocked acquire held the GIL, it could not, and the test would hang.
        assert wait_blocked(waiter, lock)
        assert not result
    finally:
        assert L.pj_lock_release(lock) == 0      # another thread may release a plain lock
        waiter.join(10)
    assert result == [0]
    assert L.pj_lock_release(lock) == 0


def test_release_wakes_one_waiter_at_a_time(lock):
    assert L.pj_lock_acquire(lock, 1, -1.0) == 0
    got = []
    guard = threading.Lock()

    def wait():
        if L.pj_lock_acquire(lock, 1, 5.0) == 0:
            with guard:
                got.append(1)

    ts = [threading.Thread(target=wait) for _ in range(2)]
    for t in ts:
        t.start()
    assert all(wait_blocked(t, lock) for t in ts)
    assert L.pj_lock_release(lock) == 0
    deadline = time.monotonic() + 10
    while not got and time.monotonic() < deadline:
        time.sleep(0.005)
    # The winner keeps the lock, so the other waiter cannot get it until the next release.
    assert len(got) == 1
    assert L.pj_lock_release(lock) == 0
    for t in ts:
        t.join(10)
    assert len(got) == 2
    assert L.pj_lock_release(lock) == 0


def test_lock_stress_exact_total(lock):
    """8 runtime threads x 10,000 increments of a C counter under the runtime lock."""
    counter = ctypes.c_long(0)
    n, per = 8, 10_000
    before = live_count()

    @BODY
    def body(_arg):
        for _ in range(per):
            L.pj_lock_acquire(lock, 1, -1.0)
            counter.value += 1
            L.pj_lock_release(lock)

    idents = [start(body)[1] for _ in range(n)]
    for ident in idents:
        assert L.pj_thread_join(ident) == 0
    assert counter.value == n * per
    assert live_count() == before


# ---- recursive locks

def test_rlock_recursion_and_ownership(rlock):
    owner, count = ctypes.c_ulong(), ctypes.c_size_t()
    assert L.pj_rlock_acquire(rlock, 1, -1.0) == 0
    assert L.pj_rlock_acquire(rlock, 0, 0.0) == 0
    assert L.pj_rlock_state(rlock, ctypes.byref(owner), ctypes.byref(count)) == 0
    assert (owner.value, count.value) == (threading.get_ident(), 2)

    result = []
    t = threading.Thread(target=lambda: result.extend([L.pj_rlock_release(rlock),
                                                       L.pj_rlock_acquire(rlock, 0, 0.0),
                                                       L.pj_rlock_acquire(rlock, 1, 0.05)]))
    t.start()
    t.join(10)
    assert result == [-errno.EPERM, -errno.EBUSY, -errno.ETIMEDOUT]

    assert L.pj_rlock_release(rlock) == 0
    assert L.pj_rlock_release(rlock) == 0
    assert L.pj_rlock_release(rlock) == -errno.EPERM
    assert L.pj_rlock_state(rlock, ctypes.byref(owner), ctypes.byref(count)) == 0
    assert (owner.value, count.value) == (0, 0)


def test_rlock_release_all_and_restore(rlock):
    depth = ctypes.c_size_t()
    owner, count = ctypes.c_ulong(), ctypes.c_size_t()
    assert L.pj_rlock_release_all(rlock, ctypes.byref(depth)) == -errno.EPERM
    for _ in range(3):
        assert L.pj_rlock_acquire(rlock, 1, -1.0) == 0
    assert L.pj_rlock_release_all(rlock, ctypes.byref(depth)) == 0 and depth.value == 3
    assert L.pj_rlock_state(rlock, ctypes.byref(owner), ctypes.byref(count)) == 0 and count.value == 0
    assert L.pj_rlock_acquire_n(rlock, depth.value, 1, -1.0) == 0
    assert L.pj_rlock_state(rlock, ctypes.byref(owner), ctypes.byref(count)) == 0 and count.value == 3
    assert L.pj_rlock_acquire_n(rlock, 0, 1, -1.0) == -errno.EINVAL
    assert L.pj_rlock_acquire_n(rlock, ctypes.c_size_t(-1).value, 1, -1.0) == -errno.EOVERFLOW
    for _ in range(3):
        assert L.pj_rlock_release(rlock) == 0


def test_rlock_timeout_and_validation(rlock):
    assert L.pj_rlock_acquire(rlock, 1, math.nan) == -errno.EINVAL
    assert L.pj_rlock_acquire(rlock, 1, -1.0) == 0
    # Another thread times out, having waited on the lock (seen in futex() on it).
    assert timed_wait_blocks(lambda t: L.pj_rlock_acquire(rlock, 1, t), rlock.value) == \
        (-errno.ETIMEDOUT, True)
    assert L.pj_rlock_release(rlock) == 0


def test_rlock_null_handles():
    out_owner, out_count = ctypes.c_ulong(), ctypes.c_size_t()
    assert L.pj_rlock_new(None) == -errno.EINVAL
    assert L.pj_rlock_acquire(None, 0, 0.0) == -errno.EINVAL
    assert L.pj_rlock_release(None) == -errno.EINVAL
    assert L.pj_rlock_release_all(None, ctypes.byref(out_count)) == -errno.EINVAL
    assert L.pj_rlock_state(None, ctypes.byref(out_owner), ctypes.byref(out_count)) == -errno.EINVAL
    L.pj_rlock_free(None)


# ---- the header and the ctypes declarations agree

_C_TYPES = {"int": ctypes.c_int, "long": ctypes.c_long, "unsigned long": ctypes.c_ulong,
            "size_t": ctypes.c_size_t, "double": ctypes.c_double, "void": None}
_OPAQUE = {"pj_lock", "pj_rlock", "pj_thread_fn", "void"}   # cross as void pointers


def _ctype_of(decl: str):
    """The ctypes type native.py must use for one C parameter or result type."""
    decl = decl.strip()
    stars = decl.count("*")
    base = decl.replace("*", " ").split()
    base = " ".join(w for w in base if w != "const")
    if base == "pj_thread_fn" and stars == 0:
        return ctypes.c_void_p
    if stars == 0:
        return _C_TYPES[base]
    if base in _OPAQUE:
        inner = ctypes.c_void_p
        stars -= 1
    else:
        inner = _C_TYPES[base]
    for _ in range(stars):
        inner = ctypes.POINTER(inner)
    return inner


def _section_prototypes():
    for name, (ret, args) in pj_header.prototypes("threads and locks").items():
        yield name, _ctype_of(ret), [_ctype_of(a) for a in args]


def test_header_and_ctypes_declarations_agree():
    protos = list(_section_prototypes())
    assert len(protos) == 21        # 8 thread, 5 lock, 7 rlock functions, the live-lock count
    for name, restype, argtypes in protos:
        fn = getattr(L, name)
        assert fn.restype == restype, name
        assert list(fn.argtypes) == argtypes, name
