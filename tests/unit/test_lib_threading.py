"""lib/_thread.py (+ protojit/threadprims.py) and lib/threading.py.

- The guest `_thread`, loaded by path under the host CPython, against the host `_thread`:
  argument checks and their exact messages.
- Timeouts and leaks, run as guest programs under protojit: a blocked acquire(timeout=...)
  returns False having waited on the lock (seen in futex() on it); the main thread blocked on
  a lock still gets KeyboardInterrupt; after the threads end the live count returns to 1
  (threading) and 0 (the runtime registry).
- Native code (a tiny llvmlite module, no Python inside) starts runtime threads that take the
  runtime's lock: 8 threads x 10,000 increments, exact total, with the GIL released.
"""
import ctypes
import importlib.util
import math
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import _thread as host_thread
import pytest

from blocking import any_task_waits_on, timed_wait_blocks
from protojit import native, threadprims

REPO = Path(__file__).resolve().parents[2]
LIB = REPO / "lib"


def _load(name, filename):
    spec = importlib.util.spec_from_file_location(name, LIB / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


guest_thread = _load("_pj_guest_thread", "_thread.py")


def outcome(fn, module):
    try:
        return ("ok", fn(module))
    except Exception as exc:  # noqa: BLE001 - the outcome is what we compare
        return ("raise", type(exc).__name__, str(exc))


def acquire_release(lock, *args, **kwargs):
    got = lock.acquire(*args, **kwargs)
    if got:
        lock.release()
    return got


ACQUIRE_ARGS = [
    ((), {}), ((False,), {}), ((True, 0), {}), ((True, 0.0), {}), ((True, 0.01), {}),
    ((), {"timeout": -1}), ((), {"timeout": -1.0}), ((), {"timeout": True}),
    ((False, 1), {}), ((False, 0), {}), ((False, -1), {}), ((), {"blocking": False, "timeout": 0.5}),
    ((), {"timeout": -2}), ((), {"timeout": -0.5}), ((), {"timeout": -1e-9}),
    ((), {"timeout": math.nan}), ((), {"timeout": math.inf}), ((), {"timeout": -math.inf}),
    ((), {"timeout": 1e300}), ((), {"timeout": 10 ** 20}), ((), {"timeout": -(10 ** 20)}),
    ((), {"timeout": 9223372036.0}), ((), {"timeout": 9223372036.5}),
    ((), {"timeout": 9223372036.854775807}), ((), {"timeout": 9223372036}),
    ((), {"timeout": 9223372037}), ((), {"timeout": "1"}), ((), {"timeout": None}),
    ((), {"timeout": 1j}),
]


@pytest.mark.parametrize("kind", ["allocate_lock", "RLock"])
@pytest.mark.parametrize("args,kwargs", ACQUIRE_ARGS)
def test_acquire_arguments_match_cpython(kind, args, kwargs):
    theirs = outcome(lambda m: acquire_release(getattr(m, kind)(), *args, **kwargs), host_thread)
    ours = outcome(lambda m: acquire_release(getattr(m, kind)(), *args, **kwargs), guest_thread)
    assert ours == theirs


@pytest.mark.parametrize("call", [
    lambda m: m.allocate_lock().release(),
    lambda m: m.RLock().release(),
    lambda m: m.start_new_thread(1, ()),
    lambda m: m.start_new_thread(print, []),
    lambda m: m.start_new_thread(print, (), []),
    lambda m: m.start_new_thread(print),
    lambda m: m.start_new_thread(print, (), {}, 1),
    lambda m: m.stack_size(-1),
    lambda m: m.stack_size(100),
    lambda m: m.stack_size(1, 2),
    lambda m: m.stack_size("x"),
    lambda m: (m.stack_size(1 << 20), m.stack_size(), m.stack_size(0), m.stack_size(1 << 21), m.stack_size()),
    lambda m: m.TIMEOUT_MAX,
    lambda m: m.error,
    lambda m: (type(m.allocate_lock()).__name__, m.RLock.__name__, m.LockType.__name__),
    lambda m: [m.allocate_lock().locked(), m.allocate_lock().acquire(), m.RLock()._is_owned()],
    lambda m: m._ExceptHookArgs([1, 2]),
    lambda m: tuple(m._ExceptHookArgs([1, 2, 3, 4])),
    lambda m: repr(m._ExceptHookArgs([1, 2, 3, 4])),
    lambda m: m._excepthook(m._ExceptHookArgs([SystemExit, SystemExit(), None, None])),
    lambda m: m.LockType(),
    lambda m: type(m.allocate_lock())(),
    lambda m: repr(type("Sub", (m.RLock,), {})()).split(" at ")[0],
    lambda m: repr(m.RLock()).split(" at ")[0],
    lambda m: repr(m.allocate_lock()).split(" at ")[0],
])
def test_module_behaviour_matches_cpython(call):
    assert outcome(call, guest_thread) == outcome(call, host_thread)


def test_rlock_is_owned_and_restore_across_threads():
    r = guest_thread.RLock()
    r.acquire()
    r.acquire()
    state = r._release_save()
    assert state[0] == 2 and not r._is_owned()
    seen = []
    t = threading.Thread(target=lambda: seen.append(acquire_release(r, timeout=1)))
    t.start()
    t.join(10)
    assert seen == [True]
    r._acquire_restore(state)
    assert r._recursion_count() == 2
    r.release()
    r.release()
    assert r._recursion_count() == 0


def test_blocked_acquire_timeout_host_thread():
    lock = threadprims.allocate_lock()
    lock.acquire()
    # False, having waited on the lock (seen in futex() on it), not returned at once
    assert timed_wait_blocks(lambda t: lock.acquire(timeout=t), lock._handle) == (False, True)
    lock.release()


def test_live_count_of_started_threads_returns_to_zero():
    gate = threadprims.allocate_lock()
    gate.acquire()
    before = threadprims.live_count()
    for _ in range(3):
        guest_thread.start_new_thread(gate.acquire, (True, 5))
    deadline = time.monotonic() + 5
    while threadprims.live_count() < before + 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert threadprims.live_count() == before + 3
    for _ in range(3):
        gate.release()
        # The next release only once a thread took the gate (releasing it twice is an error).
        deadline = time.monotonic() + 10
        while not gate.locked() and time.monotonic() < deadline:
            time.sleep(0.005)
    deadline = time.monotonic() + 5
    while threadprims.live_count() != before and time.monotonic() < deadline:
        time.sleep(0.005)
    assert threadprims.live_count() == before
    assert not threadprims._running    # every ended thread was joined, its callback freed


def test_host_dummy_thread_of_a_runtime_thread_is_dropped_when_it_ends():
    done = threadprims.allocate_lock()
    done.acquire()
    seen = {}

    def body():
        twin = threading.current_thread()       # the host makes up a dummy Thread object
        seen["ident"] = threading.get_ident()
        seen["dummy"] = isinstance(twin, threading._DummyThread)
        seen["registered"] = threading._active.get(seen["ident"]) is twin
        done.release()

    guest_thread.start_new_thread(body, ())
    assert done.acquire(timeout=10)
    assert seen["dummy"] and seen["registered"]
    deadline = time.monotonic() + 5
    while seen["ident"] in threading._active and time.monotonic() < deadline:
        time.sleep(0.005)
    assert seen["ident"] not in threading._active


# ---- guest programs under protojit

# Guest source: whether thread `tid` sits in futex() on a word of the runtime lock at
# `address` (a guest lock's _handle); see tests/unit/blocking.py.
WAITS_ON = """
import os as _os
FUTEX = {"x86_64": 202, "aarch64": 98}[_os.uname().machine]

def waits_on(tid, address):
    try:
        with open(f"/proc/self/task/{tid}/syscall") as f:
            fields = f.read().split()
    except OSError:
        return False
    return (len(fields) > 1 and fields[0] == str(FUTEX)
            and address <= int(fields[1], 16) < address + 128)
"""

def run_guest(source, tier="auto", timeout=50, preexec_fn=None):
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED="0")
    proc = subprocess.run([sys.executable, "-m", "protojit", "--tier", tier, "-c", textwrap.dedent(source)],
                          capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=os.environ.get("TMPDIR", "/tmp"), preexec_fn=preexec_fn)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_guest_blocked_acquire_waits_its_timeout():
    """A timed acquire, in another thread and in the main thread (which waits in pieces so
    that signal handlers run), of a lock and of an RLock another thread owns, returns False
    having waited on the lock: a watching thread saw it in futex() on the lock's memory."""
    out = run_guest(WAITS_ON + textwrap.dedent("""
        import threading, time

        def watch(tid, address, done, seen):
            # 3 polls in a row see it waiting: a wait that returns at once (its deadline
            # already past) can be caught inside its one futex() call, not 3 times over
            while not done and len(seen) < 3:
                if waits_on(tid, address):
                    seen.append(True)
                else:
                    seen.clear()
                time.sleep(0.002)

        def timed_acquire(lock, in_main):
            # a longer timeout only when the wait ended before the watcher looked (load)
            for timeout in (0.2, 1.0, 5.0):
                seen, done, got = [], [], []
                def acquire():
                    got.append(lock.acquire(timeout=timeout))
                    done.append(True)
                if in_main:
                    w = threading.Thread(target=watch, args=(threading.get_native_id(),
                                                             lock._handle, done, seen))
                    w.start()
                    acquire()
                    w.join()
                else:
                    t = threading.Thread(target=acquire)
                    t.start()
                    watch(t.native_id, lock._handle, done, seen)
                    t.join()
                if len(seen) == 3:
                    break
            return got[0], len(seen) == 3

        lock = threading.Lock()
        lock.acquire()
        print(*timed_acquire(lock, False))
        print(*timed_acquire(lock, True))
        rlock = threading.RLock()
        other = threading.Thread(target=rlock.acquire)
        other.start(); other.join()
        print(*timed_acquire(rlock, True))
    """))
    assert out.split() == ["False", "True"] * 3


def _inherit_sigint(disposition):
    """preexec_fn: the child starts with SIGINT at `disposition` (a suite run started in the
    background from a non-interactive shell has it ignored, and every child inherits that)."""
    return lambda: signal.signal(signal.SIGINT, disposition)


# interrupt_main does nothing while SIGINT is ignored or default (CPython's documented rule),
# and a CPython (host or guest) started with SIGINT ignored keeps it ignored: it installs
# default_int_handler only over SIG_DFL. A suite run launched in the background (`cmd &` from
# a non-interactive shell) passes SIG_IGN down to every child, so this program used to wait
# forever on its lock in such runs (issue 18). It installs the handler it relies on itself,
# and runs with SIGINT inherited both ways.
@pytest.mark.parametrize("inherited", [signal.SIG_DFL, signal.SIG_IGN], ids=["sigint-default", "sigint-ignored"])
def test_guest_main_thread_blocked_on_lock_gets_keyboardinterrupt(inherited):
    out = run_guest(WAITS_ON + textwrap.dedent("""
        import _thread, signal, threading, time
        signal.signal(signal.SIGINT, signal.default_int_handler)
        lock = threading.Lock()
        lock.acquire()

        def interrupt_once_blocked(tid):
            # 3 polls in a row see the main thread in the lock's wait
            seen = 0
            while seen < 3:
                seen = seen + 1 if waits_on(tid, lock._handle) else 0
                time.sleep(0.002)
            _thread.interrupt_main()

        threading.Thread(target=interrupt_once_blocked, args=(threading.get_native_id(),),
                         daemon=True).start()
        try:
            lock.acquire()
            print("acquired?")
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
    """), preexec_fn=_inherit_sigint(inherited))
    assert out.split() == ["KeyboardInterrupt"]


@pytest.mark.parametrize("tier", ["interp", "auto"])
def test_guest_stress_exact_total_and_no_leaks(tier):
    out = run_guest("""
        import _thread, gc, threading, time
        locks_before = _thread._pj_live_locks()
        lock = threading.Lock()
        counter = [0]
        def inc():
            for _ in range(10_000):
                with lock:
                    counter[0] += 1
        ts = [threading.Thread(target=inc) for _ in range(8)]
        for t in ts:
            t.start()
        print(threading.active_count())
        for t in ts:
            t.join()
        print(counter[0], threading.active_count(), len(threading.enumerate()))
        deadline = time.monotonic() + 10
        while _thread._count() and time.monotonic() < deadline:
            time.sleep(0.01)
        print(_thread._count())
        # Every lock, condition, event and thread made above is freed with its objects.
        del ts, t, lock
        gc.collect()
        print(_thread._pj_live_locks() - locks_before)
    """, tier=tier)
    lines = out.splitlines()
    assert 1 <= int(lines[0]) <= 9
    assert lines[1:] == ["80000 1 1", "0", "0"]


def test_guest_exit_waits_for_non_daemon_threads_only():
    out = run_guest("""
        import threading
        main_done = threading.Event()
        def slow():
            main_done.wait()
            print("non-daemon done")
        threading.Thread(target=slow).start()
        threading.Thread(target=threading.Event().wait, daemon=True).start()
        print("main done")
        main_done.set()     # the main thread ends now: exit must still wait for slow()
    """)
    assert out.splitlines() == ["main done", "non-daemon done"]


# ---- native code on runtime threads and locks

def _native_stress_module():
    """LLVM module: `stress_body(arg)` does arg->iters locked increments of *arg->counter;
    `stress_run(arg, n, idents)` starts n runtime threads on it and joins them (0 or -errno)."""
    from llvmlite import ir
    i8p = ir.IntType(8).as_pointer()
    i32, i64, f64 = ir.IntType(32), ir.IntType(64), ir.DoubleType()
    size_t, ulong = i64, i64
    mod = ir.Module("pj_test_thread_stress")
    # struct stress_arg { pj_lock *lock; int64_t *counter; int64_t iters; }
    arg_t = ir.LiteralStructType([i8p, i64.as_pointer(), i64])
    acquire = ir.Function(mod, ir.FunctionType(i32, [i8p, i32, f64]), "pj_lock_acquire")
    release = ir.Function(mod, ir.FunctionType(i32, [i8p]), "pj_lock_release")
    body_t = ir.FunctionType(ir.VoidType(), [i8p])
    start = ir.Function(mod, ir.FunctionType(i32, [body_t.as_pointer(), i8p, size_t, i32, ulong.as_pointer()]),
                        "pj_thread_start")
    join = ir.Function(mod, ir.FunctionType(i32, [ulong]), "pj_thread_join")

    body = ir.Function(mod, body_t, "stress_body")
    entry, loop, done = (body.append_basic_block(n) for n in ("entry", "loop", "done"))
    b = ir.IRBuilder(entry)
    arg = b.bitcast(body.args[0], arg_t.as_pointer())
    lock = b.load(b.gep(arg, [i32(0), i32(0)]))
    counter = b.load(b.gep(arg, [i32(0), i32(1)]))
    iters = b.load(b.gep(arg, [i32(0), i32(2)]))
    b.cbranch(b.icmp_signed(">", iters, i64(0)), loop, done)
    b.position_at_end(loop)
    i = b.phi(i64)
    i.add_incoming(i64(0), entry)
    b.call(acquire, [lock, i32(1), f64(-1.0)])
    value = b.load(counter)                 # plain load/store: the lock orders them
    b.store(b.add(value, i64(1)), counter)
    b.call(release, [lock])
    nxt = b.add(i, i64(1))
    i.add_incoming(nxt, loop)
    b.cbranch(b.icmp_signed("<", nxt, iters), loop, done)
    b.position_at_end(done)
    b.ret_void()

    run = ir.Function(mod, ir.FunctionType(i32, [i8p, i64, ulong.as_pointer()]), "stress_run")
    entry, start_loop, join_check, join_loop, out = (run.append_basic_block(n) for n in
                                                     ("entry", "start", "join_check", "join", "out"))
    b = ir.IRBuilder(entry)
    b.branch(start_loop)
    # Start n threads (n >= 1), stopping at the first failure.
    b.position_at_end(start_loop)
    k = b.phi(i64)
    k.add_incoming(i64(0), entry)
    rc = b.call(start, [body, run.args[0], i64(0), i32(0), b.gep(run.args[2], [k])])
    ok = b.icmp_signed("==", rc, i32(0))
    k_next = b.add(k, i64(1))
    k.add_incoming(k_next, start_loop)
    started = b.select(ok, k_next, k)
    b.cbranch(b.and_(ok, b.icmp_signed("<", k_next, run.args[1])), start_loop, join_check)
    # Join every thread that started; return the last start's result.
    b.position_at_end(join_check)
    b.cbranch(b.icmp_signed(">", started, i64(0)), join_loop, out)
    b.position_at_end(join_loop)
    j = b.phi(i64)
    j.add_incoming(i64(0), join_check)
    b.call(join, [b.load(b.gep(run.args[2], [j]))])
    j_next = b.add(j, i64(1))
    j.add_incoming(j_next, join_loop)
    b.cbranch(b.icmp_signed("<", j_next, started), join_loop, out)
    b.position_at_end(out)
    b.ret(rc)
    return mod


def test_native_threads_take_runtime_locks_without_the_gil():
    from llvmlite import binding as llvm    # a dependency of protojit: never skipped
    L = native.lib()      # loaded RTLD_GLOBAL: its pj_* symbols resolve for JIT code
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    for name in ("pj_lock_acquire", "pj_lock_release", "pj_thread_start", "pj_thread_join"):
        llvm.add_symbol(name, ctypes.cast(getattr(L, name), ctypes.c_void_p).value)
    module = llvm.parse_assembly(str(_native_stress_module()))
    module.verify()
    tm = llvm.Target.from_default_triple().create_target_machine(codemodel="jitdefault")
    engine = llvm.create_mcjit_compiler(module, tm)
    engine.finalize_object()

    class Arg(ctypes.Structure):
        _fields_ = [("lock", ctypes.c_void_p), ("counter", ctypes.POINTER(ctypes.c_int64)),
                    ("iters", ctypes.c_int64)]

    lock = threadprims.allocate_lock()
    counter = ctypes.c_int64(0)
    arg = Arg(lock._handle, ctypes.pointer(counter), 10_000)
    idents = (ctypes.c_ulong * 8)()
    # CFUNCTYPE: ctypes releases the GIL for the whole native run.
    stress_run = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int64,
                                  ctypes.POINTER(ctypes.c_ulong))(engine.get_function_address("stress_run"))
    # The native threads block on the lock until a Python thread releases it, once it saw
    # one of them waiting on it: that can only happen if the native run does not hold the
    # GIL (else this test hangs).
    lock.acquire()
    seen = []

    def release_once_a_thread_waits():
        deadline = time.monotonic() + 30
        while not seen and time.monotonic() < deadline:     # poll to a deadline
            if any_task_waits_on(lock._handle):
                seen.append(True)
            time.sleep(0.002)
        lock.release()
    releaser = threading.Thread(target=release_once_a_thread_waits)
    releaser.start()
    assert stress_run(ctypes.addressof(arg), 8, idents) == 0
    releaser.join(10)
    assert seen == [True]
    assert counter.value == 80_000
    assert not lock.locked()
    assert _wait_live_zero()
    del engine


def _wait_live_zero():
    """Runtime threads leave the registry just after their last instruction of Python."""
    deadline = time.monotonic() + 5
    while threadprims.live_count() and time.monotonic() < deadline:
        time.sleep(0.005)
    return threadprims.live_count() == 0
