"""The guest's stack as host libraries see it: logging, inspect.

Host code that inspects the live stack (logging's findCaller, inspect.currentframe
and inspect.stack) would walk the interpreter's own frames and report protojit's
files. Called from guest code, these functions get the guest frames instead: the
innermost guest frame is found by walking the host frames outward to the first
interpreter frame that runs one (its local `frame`, or `f` in a closure). Called
from host code, they behave as before. `adapt_foreign_module` installs them when
the guest first imports logging or inspect.
"""
from __future__ import annotations

import linecache
import sys

from protojit.frames import F_BACK, current_frame, frame_object, is_native_frame
from protojit.runtime import tracebacks


def _is_engine(host_frame) -> bool:
    return host_frame.f_code.co_filename.startswith(tracebacks._engine_dirs())


def guest_frame_of(host_frame):
    """The guest frame (a frame list) that the interpreter runs in host_frame or the first
    of its callers that runs one; None if a non-interpreter frame comes first.

    Native object code runs guest frames that no interpreter frame holds: each call
    publishes its frame as the thread's current one while it runs (codegen/compiler.py
    ObjectSpec). When that published native frame is a callee of the frame found on
    the host stack, the host code was called from native code: that frame is the caller."""
    while host_frame is not None and _is_engine(host_frame):
        gf = tracebacks.running_guest_frame(host_frame)
        if gf is not None:
            return _native_callee(gf)
        host_frame = host_frame.f_back
    return None


def _native_callee(gf):
    """The published native frame that (through native frames only) was called by `gf`,
    else gf."""
    top = current_frame()
    f = top
    while f is not None and f is not gf and is_native_frame(f):
        f = f[F_BACK]
    return top if f is gf and top is not gf else gf


class _LoggingFrame:
    """Stands for logging's own frame in findCaller: internal (logging's file), with the
    caller -- a guest frame, or the host frame that called logging -- as f_back."""
    __slots__ = ("f_back", "f_code")

    def __init__(self, back, code):
        self.f_back = back
        self.f_code = code


def _inspect_currentframe():
    def currentframe():
        """The caller's frame (a guest frame when guest code calls this)."""
        caller = sys._getframe(1)
        guest = guest_frame_of(caller)
        return frame_object(guest) if guest is not None else caller
    return currentframe


def _inspect_stack(inspect):
    def stack(context=1):
        """FrameInfo of the caller's frame and its callers (guest frames when guest code
        calls this)."""
        caller = sys._getframe(1)
        guest = guest_frame_of(caller)
        if guest is None:
            return inspect.getouterframes(caller, context)
        out = []
        frame = frame_object(guest)
        while frame is not None:
            code = frame.f_code
            lines, index = None, None
            if context > 0:
                start = max(frame.f_lineno - 1 - context // 2, 0)
                all_lines = linecache.getlines(code.co_filename, frame.f_globals)
                lines = all_lines[start:start + context] or None
                index = frame.f_lineno - 1 - start if lines else None
            out.append(inspect.FrameInfo(frame, code.co_filename, frame.f_lineno, code.co_name,
                                         lines, index, positions=None))
            frame = frame.f_back
        return out
    return stack


_adapted: set[str] = set()


def adapt_foreign_module(name: str, module) -> None:
    """Give a host module the guest-stack versions of its stack-reading functions."""
    if name in _adapted:
        return
    _adapted.add(name)
    if name == "logging":
        # Logger.findCaller calls logging.currentframe() for its own frame.
        module.currentframe = _logging_currentframe(module.Logger.findCaller.__code__)
    elif name == "inspect":
        module.currentframe = _inspect_currentframe()
        module.stack = _inspect_stack(module)


def _logging_currentframe(internal):
    filename = internal.co_filename

    def currentframe():
        host = sys._getframe(1)
        while host is not None and host.f_code.co_filename == filename:
            host = host.f_back                 # logging's own frames
        guest = guest_frame_of(host)
        if guest is not None:
            return _LoggingFrame(frame_object(guest), internal)
        return sys._getframe(1)                # called from host code: as before
    return currentframe
