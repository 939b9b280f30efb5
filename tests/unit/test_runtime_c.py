"""The C runtime at its edges: joining or detaching an identity it does not know, and
spawning a child while another thread changes the environment (runtime_c/thread.c,
spawn.c, env.c) through ctypes, as native.py declares them."""
import ctypes
import errno
import subprocess
import sys
import threading

from protojit import native

L = native.lib()
BODY = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


# Every callback a runtime thread runs stays alive for the rest of the process: a
# detached thread (or one that set its event) may still be returning through the ctypes
# trampoline after the test has returned, and a collected CFUNCTYPE frees that code (the
# full suite segfaulted in such a thread).
_KEEP_ALIVE = []


def _start(body, detached=0):
    _KEEP_ALIVE.append(body)
    ident = ctypes.c_ulong()
    assert L.pj_thread_start(body, None, 0, detached, ctypes.byref(ident)) == 0
    return ident.value


def test_join_and_detach_of_an_unknown_identity_are_esrch():
    """pj_runtime.h promises -ESRCH; glibc's pthread_join of a pthread_t it did not make
    is undefined behaviour (it reads a thread descriptor at that address)."""
    host_thread = threading.Thread(target=lambda: None)
    host_thread.start()
    try:
        foreign = host_thread.ident              # a real pthread the runtime did not start
        for ident in (12345, foreign):
            assert L.pj_thread_join(ident) == -errno.ESRCH
            assert L.pj_thread_tryjoin(ident) == -errno.ESRCH
            assert L.pj_thread_detach(ident) == -errno.ESRCH
    finally:
        host_thread.join()
    assert L.pj_thread_join(L.pj_thread_ident()) == -errno.EDEADLK


def test_a_thread_is_joined_or_detached_once():
    done = threading.Event()

    @BODY
    def body(_arg):
        done.set()

    ident = _start(body)
    assert done.wait(10)
    assert L.pj_thread_join(ident) == 0
    assert L.pj_thread_join(ident) == -errno.ESRCH         # already joined
    assert L.pj_thread_detach(ident) == -errno.ESRCH

    gate = threading.Event()

    @BODY
    def waits(_arg):
        gate.wait(10)

    ident = _start(waits)
    assert L.pj_thread_tryjoin(ident) == -errno.EBUSY      # still joinable afterwards
    assert L.pj_thread_detach(ident) == 0
    assert L.pj_thread_join(ident) == -errno.ESRCH         # detached: no longer joinable
    gate.set()

    ended = threading.Event()

    @BODY
    def quick(_arg):
        ended.set()

    ident = _start(quick, detached=1)                     # started detached: never joinable
    assert ended.wait(10)
    assert L.pj_thread_join(ident) == -errno.ESRCH


# Run in a fresh interpreter: setenv(3) from one thread is only safe while no other thread
# reads the environment without env.c's lock, and the test process has host threads and C
# code (time zone lookups, locale) that call getenv(3) directly.
RACE_SCRIPT = r"""
import ctypes, errno, os, threading
from protojit import native

L = native.lib()


def spawn_env(out_fd):
    argv = (ctypes.c_char_p * 2)(b"env", None)
    actions = (native.SpawnAction * 1)(native.SpawnAction(kind=2, fd=out_fd, newfd=1))   # DUP2
    pid = ctypes.c_int()
    rc = L.pj_spawn(b"/usr/bin/env", argv, None, 0, actions, 1, None, ctypes.byref(pid))
    assert rc == 0, os.strerror(-rc)
    return pid.value


def wait(pid):
    got, status, code = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    while True:
        rc = L.pj_waitpid(pid, 0, ctypes.byref(got), ctypes.byref(status), ctypes.byref(code))
        if rc != -errno.EINTR:
            assert rc == 0
            return code.value


names = [f"PJ_SPAWN_RACE_{i}".encode() for i in range(300)]
assert L.pj_setenv(b"PJ_SPAWN_RACE_FIXED", b"present", 1) == 0
stop = threading.Event()
rounds = [0]


def churn():
    while not stop.is_set():
        for name in names:
            assert L.pj_setenv(name, b"v" * 64, 1) == 0
        for name in names:
            assert L.pj_unsetenv(name) == 0
        rounds[0] += 1


setter = threading.Thread(target=churn)
setter.start()
try:
    spawns = 0
    while spawns < 60 or rounds[0] < 2:      # the setter has really run meanwhile
        spawns += 1
        fds = (ctypes.c_int * 2)()
        assert L.pj_pipe(os.O_CLOEXEC, fds) == 0
        try:
            pid = spawn_env(fds[1])
        finally:
            L.pj_close(fds[1])
        chunks = []
        while True:
            chunk = os.read(fds[0], 65536)
            if not chunk:
                break
            chunks.append(chunk)
        L.pj_close(fds[0])
        assert wait(pid) == 0
        lines = b"".join(chunks).split(b"\n")
        assert lines[-1] == b""
        env = dict(line.split(b"=", 1) for line in lines[:-1] if b"=" in line)
        assert env.get(b"PJ_SPAWN_RACE_FIXED") == b"present"
        assert all(v == b"v" * 64 for k, v in env.items() if k.startswith(b"PJ_SPAWN_RACE_")
                   and k != b"PJ_SPAWN_RACE_FIXED")
finally:
    stop.set()
    setter.join()
print("ok", spawns)
"""


def test_spawning_while_another_thread_sets_variables():
    """A child inherits the environment as one consistent snapshot: spawn.c holds env.c's
    lock while posix_spawn hands `environ` over, so a pj_setenv that adds a variable (and
    so moves and frees the array) cannot run in the middle (before, posix_spawn failed
    with EFAULT or the child saw a torn environment)."""
    proc = subprocess.run([sys.executable, "-c", RACE_SCRIPT], capture_output=True, text=True,
                          timeout=50)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("ok "), proc.stdout
