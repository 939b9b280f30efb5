"""Signals reach native code: the runtime's C handler in front of the host's.

In: the host's signal handlers (CPython's own C handler behind every Python
handler). Out: `pj_signal_pending` (runtime_c/signal.c) set by every signal
that has a Python handler, which native code polls at loop back-edges and
function entries (codegen/lower.py `emit_signal_poll`); in the main thread the
poll runs the Python handlers at once (PyErr_CheckSignals with the GIL), and
when one raises (KeyboardInterrupt), native code leaves with the status
`SIGNAL_STATUS` and `raise_pending()` raises that exception in the caller.

`install()` chains SIGINT and every signal that already has a Python handler,
and wraps the host's `signal.signal` so that a handler the program installs
later is chained too (the Python-level handlers stay CPython's: the wrapper
calls the original and only re-chains the C handler in front).
"""
from __future__ import annotations

import ctypes
import signal as _signal

from protojit import native

_installed = False
_original_signal = None


def _addr(fn) -> int:
    return ctypes.cast(fn, ctypes.c_void_p).value


def chain(sig) -> None:
    """Put the runtime's C handler in front of `sig`'s handler (if it has one)."""
    out = ctypes.c_int()
    try:
        native.lib().pj_signal_chain(int(sig), ctypes.byref(out))
    except (ValueError, TypeError, OverflowError):
        pass


def install() -> None:
    """Once, from the main thread, before native code can run."""
    global _installed, _original_signal
    if _installed:
        return
    _installed = True
    api = ctypes.pythonapi
    lib = native.lib()
    lib.pj_signal_setup(_addr(api.PyGILState_Ensure), _addr(api.PyGILState_Release),
                        _addr(api.PyErr_CheckSignals), _addr(api.PyErr_Fetch))
    for sig in _signal.valid_signals():
        try:
            handler = _signal.getsignal(sig)
        except (ValueError, OSError):
            continue
        if callable(handler):
            chain(sig)
    _original_signal = original = _signal.signal

    def signal(signalnum, handler):
        old = original(signalnum, handler)
        chain(signalnum)
        return old
    signal.__doc__ = original.__doc__
    signal.__wrapped__ = original
    _signal.signal = signal


# (a prototype of its own: ctypes.pythonapi's function objects are shared)
_restore = ctypes.PYFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(
    ("PyErr_Restore", ctypes.pythonapi))


def raise_pending() -> None:
    """Raise what a Python handler raised while native code ran (if anything)."""
    t, v, tb = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    if native.lib().pj_signal_take(ctypes.byref(t), ctypes.byref(v), ctypes.byref(tb)) == 0:
        _restore(t, v, tb)   # steals the references; ctypes raises the exception it sets


_exit_registered = False


def exit_by_signal(sig) -> None:
    """End the process by `sig` after the host's finalization (CPython ends by SIGINT
    after an uncaught KeyboardInterrupt: the parent sees status -2, a shell 130)."""
    global _exit_registered
    lib = native.lib()
    if lib.pj_signal_exit_by(int(sig)) != 0 or _exit_registered:
        return
    _exit_registered = True
    at_exit = ctypes.pythonapi.Py_AtExit
    at_exit.argtypes = [ctypes.c_void_p]
    at_exit.restype = ctypes.c_int
    at_exit(_addr(lib.pj_signal_exit_now))
