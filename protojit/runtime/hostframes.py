"""The guest's stack as host libraries see it: logging, inspect.

Host code that inspects the live stack (logging's findCaller, inspect.currentframe
and inspect.stack, traceback.print_stack, sys._getframe(n)) would walk the interpreter's own frames and report protojit's
files. Called from guest code, these functions get the guest frames instead: the
innermost guest frame is found by walking the host frames outward to the first
interpreter frame that runs one (its local `frame`, or `f` in a closure). Called
from host code, they behave as before. `adapt_foreign_module` installs them when
the guest first imports logging, inspect or traceback; `install_getframe` replaces
the host's sys._getframe for the run.
"""
from __future__ import annotations

import functools
import linecache
import sys
import types
from operator import index as _operator_index

from protojit import _pjentry
from protojit.frames import F_BACK, ExecutionFrame, current_frame, frame_object, is_native_frame
from protojit.runtime import tracebacks


_real_getframe = sys._getframe


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


def _guest_or_host(host_frame):
    """The frame object host code called from host_frame should see: the guest frame
    running there, else host_frame itself."""
    guest = guest_frame_of(host_frame)
    return frame_object(guest) if guest is not None else host_frame


def _native_caller(host_frame):
    """The guest frame (a frame list) of the object code that called the function running
    in host_frame, or None. Native code has no host frame: a library it calls (doctest,
    typing) walks from its own frames straight to whatever host code entered the native
    code (unittest's loader calling a compiled load_tests). Object code tells the runtime
    what it is calling through the host (pjcaller.c native_host_call): that callable's
    frame is where the native caller sits."""
    call = _pjentry.native_host_call()
    if call is None:
        return None
    callee, frame = call
    return frame if host_frame.f_code in _codes_called_for(callee) else None


def _codes_called_for(callee) -> tuple:
    """The code objects a call of `callee` may run first: a function's or a method's own;
    for a class, its metaclass's __call__, its __new__ and __init__ (as found on the
    types, without running any attribute hook)."""
    if type(callee) is types.MethodType:
        callee = callee.__func__
    if type(callee) is types.FunctionType:
        return (callee.__code__,)
    if isinstance(callee, type):
        found = (_static_method(type(callee), "__call__"), _static_method(callee, "__new__"),
                 _static_method(callee, "__init__"))
        return tuple(f.__code__ for f in found if type(f) is types.FunctionType)
    return ()


def _static_method(cls, name):
    for klass in type.__getattribute__(cls, "__mro__"):
        d = type.__getattribute__(klass, "__dict__")
        if name in d:
            f = d[name]
            return f.__func__ if type(f) is staticmethod else f
    return None


def _callers_frame(own):
    """The frame object that called the function running in host frame `own` (a guest
    frame when guest code called it)."""
    native = _native_caller(own)
    if native is not None:
        return frame_object(native)
    return _guest_or_host(own.f_back)


def _inspect_currentframe():
    def currentframe():
        """The caller's frame (a guest frame when guest code calls this)."""
        return _callers_frame(_real_getframe(0))
    return currentframe


def _inspect_stack(inspect):
    def stack(context=1):
        """FrameInfo of the caller's frame and its callers (guest frames when guest code
        calls this)."""
        own = _real_getframe(0)
        frame = _callers_frame(own)
        if type(frame) is not ExecutionFrame:
            return inspect.getouterframes(frame, context)
        out = []
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


def _inspect_generator_locals(original):
    # A guest generator is a host generator running the engine's step function
    # (runtime/coroutines.py): its host gi_frame's locals are the engine's, not the guest's.
    from protojit.runtime.coroutines import generator_attribute
    gi_frame = generator_attribute("gi_frame")

    @functools.wraps(original)
    def getgeneratorlocals(generator):
        if not isinstance(generator, types.GeneratorType):
            return original(generator)      # (its TypeError)
        frame = gi_frame(generator)
        return frame.f_locals if frame is not None else {}
    return getgeneratorlocals


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
        module.getgeneratorlocals = _inspect_generator_locals(module.getgeneratorlocals)
    elif name == "traceback":
        # print_stack/format_stack/extract_stack start, without a frame, at their caller's
        for fn in ("print_stack", "format_stack", "extract_stack"):
            setattr(module, fn, _from_callers_frame(getattr(module, fn)))


def _from_callers_frame(function):
    @functools.wraps(function)
    def from_callers_frame(f=None, *args, **kwargs):
        if f is None:
            f = _callers_frame(_real_getframe(0))
        return function(f, *args, **kwargs)
    return from_callers_frame


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


# ---- sys._getframe(depth) called by host libraries ----------------------------------------
#
# collections.namedtuple, the functional Enum API, typing (NamedTuple, TypedDict, NewType,
# TypeVar) and others name the module that called them by sys._getframe(n).f_globals
# ['__name__']: called from guest code, they walked into the interpreter's own frames and
# named protojit.interp.expressions (such classes then failed to pickle). The host's
# sys._getframe becomes `_getframe` below: the frames of host code are its own as before;
# where the walk reaches the interpreter's frames, it goes on through the guest frames they
# run. Called from protojit's own code, it is the host's.



def _getframe(depth=0, /):
    """_getframe([depth]) -> frame: the frame `depth` calls below the top of the stack
    (the guest's frames where the caller was called from guest code)."""
    depth = _operator_index(depth)
    frame = _real_getframe(1)
    if _is_engine(frame):
        return _real_getframe(depth + 1)
    for walked in range(depth):
        native = _native_caller(frame)
        if native is not None:
            frame = _walk_guest(frame_object(native), depth - walked - 1)
            break
        frame = frame.f_back
        if frame is None:
            break
        if _is_engine(frame):
            guest = guest_frame_of(frame)
            if guest is None:
                return _real_getframe(depth + 1)
            frame = _walk_guest(frame_object(guest), depth - walked - 1)
            break
    if frame is None:
        raise ValueError("call stack is not deep enough")
    return frame


def _walk_guest(frame, steps):
    """The guest frame object `steps` callers out from `frame` (None past the outermost)."""
    for _ in range(steps):
        frame = frame.f_back
        if frame is None:
            break
    return frame


def install_getframe() -> None:
    sys._getframe = _getframe
