"""Room on the C stack for the host recursion limit protojit sets.

protojit raises the host's recursion limit far above the guest's (tier 0 runs several
host frames per guest call: runtime/environment.py set_recursion_limit), and CPython 3.11
uses that one limit for C recursion too. A C-level cycle that no guest frame interrupts
(`Foo.__repr__ = Foo.__str__; str(Foo())`, a deeply nested container's repr) then recurses
tens of thousands of C levels, past the 8 MB a process's main thread gets by default:
a segmentation fault where CPython raises RecursionError. So the main thread's stack may
grow to MAIN_STACK (Linux checks RLIMIT_STACK when the stack grows, and leaves at least
128 MB between the stack and the mmap area), and runtime threads get threadprims.THREAD_STACK
unless the program asks for a size. Children get the limit protojit started with
(`child_limits`: around lib/_pjspawn.py's spawn, os.system and os.exec*). A guest's
resource.getrlimit(RLIMIT_STACK) shows the raised limit.
"""
from __future__ import annotations

import contextlib
import functools
import threading

MAIN_STACK = 256 << 20

_original = None          # (soft, hard) at start, when raised
_raised = None
_lock = threading.Lock()


def raise_main_stack() -> None:
    global _original, _raised
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
        if soft == resource.RLIM_INFINITY or soft >= MAIN_STACK:
            return
        new = MAIN_STACK if hard == resource.RLIM_INFINITY else min(hard, MAIN_STACK)
        if new <= soft:
            return
        resource.setrlimit(resource.RLIMIT_STACK, (new, hard))
    except (ImportError, OSError, ValueError):
        return
    _original, _raised = (soft, hard), (new, hard)


@contextlib.contextmanager
def child_limits():
    """While starting a child process: the stack limit protojit started with."""
    if _original is None:
        yield
        return
    import resource
    with _lock:
        resource.setrlimit(resource.RLIMIT_STACK, _original)
        try:
            yield
        finally:
            resource.setrlimit(resource.RLIMIT_STACK, _raised)


def with_child_limits(function):
    """`function` (os.system, os.execv, ...) run under `child_limits`."""
    @functools.wraps(function)
    def call(*args, **kwargs):
        with child_limits():
            return function(*args, **kwargs)
    return call
