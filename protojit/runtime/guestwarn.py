"""One `warnings` module for the guest and the host, as CPython has one, and warnings
attributed to guest lines wherever they are raised.

The guest's `import warnings` gets the host's module itself (lib/warnings.py puts it in
the guest's sys.modules), so whatever the program sets there -- `warnings.showwarning =
f`, `formatwarning`, `del warnings.showwarning`, catch_warnings' swaps, the filters --
is what the host's C machinery (_warnings.warn_explicit -> warnings._showwarnmsg ->
showwarning/formatwarning, looked up on the module at each warning) reads, for the
program's warnings and for those of host libraries.

CPython names the frame `stacklevel` levels up (its file and line, its module for the
filters, its globals' __warningregistry__ for what repeats). Here the host frames between
guest frames are the interpreter's, so three paths are redirected (install, at start-up):

1. warnings.warn called from guest code runs lib/warnings.py's warn, which finds the
   guest frame itself;
2. warnings.warn called by host Python code (a library's deprecation, stacklevel=2): when
   the walk of `stacklevel` frames reaches the interpreter, it goes on through the guest
   frames there (warn_at); a walk that stays in host code is the host's C warn;
3. a warning raised in C (PyErr_WarnEx: numpy's RuntimeWarning) names the top host frame,
   an interpreter frame, and nothing of Python runs before the C filters and registry
   decide. The interpreter's modules get `__warningregistry__ = None`, so that first pass
   records nothing, and `_showwarnmsg`, which it calls to show the warning, sends one
   named after an interpreter frame through warn_at for the guest frame that frame runs:
   the filters and the guest module's registry then decide as in CPython. (The first pass
   saw the filters with the interpreter's module and line: those that name no module
   decided the same there; a "once" it applied is taken back before the second.)
"""
import sys

from protojit.frames import frame_object
from protojit.runtime import tracebacks
from protojit.runtime.hostframes import guest_frame_of

_module = None        # the host's warnings module once installed
_host_warn = None     # its warn before install (the C function)
_host_show = None     # its _showwarnmsg before install
_guest_warn = None    # lib/warnings.py's warn, once the guest imported warnings
_HOST = object()      # _target's answer for a walk that stays in host frames


def install(host_module, guest_warn=None) -> None:
    """Redirect host_module's warn and _showwarnmsg (once); guest_warn serves guest callers."""
    global _module, _host_warn, _host_show, _guest_warn
    if guest_warn is not None:
        _guest_warn = guest_warn
    if _module is not None:
        return
    _module, _host_warn, _host_show = host_module, host_module.warn, host_module._showwarnmsg
    warn.__module__ = _showwarnmsg.__module__ = host_module.__name__
    host_module.warn = warn
    host_module._showwarnmsg = _showwarnmsg
    for module in list(sys.modules.values()):
        _no_registry(getattr(module, "__dict__", None), getattr(module, "__file__", None))


def uninstall() -> None:
    """The host's warn and _showwarnmsg back (at the end of the program: runner.finalize)."""
    global _module, _host_warn, _host_show, _guest_warn
    if _module is not None:
        _module.warn, _module._showwarnmsg = _host_warn, _host_show
    _module = _host_warn = _host_show = _guest_warn = None


def _is_engine_file(filename) -> bool:
    return isinstance(filename, str) and filename.startswith(tracebacks._engine_dirs())


def _no_registry(globals_, filename) -> None:
    """An interpreter module's warnings go through the C filters once with no registry."""
    if isinstance(globals_, dict) and _is_engine_file(filename):
        globals_["__warningregistry__"] = None


def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    caller = sys._getframe(1)
    if _guest_warn is not None and _is_engine_file(caller.f_code.co_filename):
        return _guest_warn(message, category, stacklevel, source)
    target = _target(caller, stacklevel)
    if target is _HOST:
        return _host_warn(message, category, stacklevel + 1 if stacklevel >= 1 else stacklevel,
                          source)
    return warn_at(target, message, category, source)


def _target(caller, stacklevel):
    """The frame warn(stacklevel) names when host frame `caller` calls it: _HOST while the
    walk stays in host code; past the interpreter's frames, the guest frame as many levels
    up (None past the stack's end)."""
    host = caller
    for level in range(1, max(stacklevel, 1) + 1):
        if _is_engine_file(host.f_code.co_filename):
            guest = guest_frame_of(host)
            if guest is None:
                return _HOST
            frame = frame_object(guest)
            for _ in range(max(stacklevel, 1) - level):
                frame = frame.f_back if frame is not None else None
            return frame
        if level == max(stacklevel, 1) or host.f_back is None:
            return _HOST
        host = host.f_back
    return _HOST


def warn_at(frame, message, category=None, source=None) -> None:
    """warn() attributed to `frame` (a guest frame; None: past the stack's end, "sys")."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")
    if frame is None:
        globals_, filename, lineno = sys.__dict__, "sys", 1
    else:
        globals_, filename, lineno = frame.f_globals, frame.f_code.co_filename, frame.f_lineno
    module = globals_.get("__name__")
    if not isinstance(module, str):
        module = "<string>"
    registry = globals_.setdefault("__warningregistry__", {})
    _module.warn_explicit(message, category, filename, lineno, module, registry, globals_, source)


def _showwarnmsg(msg):
    """Hook to write a warning to a file; replace if you like."""
    host = _named_frame(msg) if _is_engine_file(msg.filename) else None
    guest = guest_frame_of(host) if host is not None else None
    if guest is None:
        return _host_show(msg)
    _no_registry(host.f_globals, msg.filename)
    _undo_first_once(msg, host.f_globals.get("__name__"))
    warn_at(frame_object(guest), msg.message, msg.category, msg.source)


def _named_frame(msg):
    """The interpreter frame the C machinery named for msg (its file and line)."""
    host = sys._getframe(2)
    while host is not None:
        if host.f_code.co_filename == msg.filename and host.f_lineno == msg.lineno:
            return host
        host = host.f_back
    return None


def _undo_first_once(msg, module) -> None:
    """Take back the once-registry entry of the first pass (a "once" filter that matched
    the interpreter's module), so the second pass decides alone."""
    text = str(msg.message)
    for action, message, category, mod, lineno in _module.filters:
        if ((message is None or message.match(text)) and issubclass(msg.category, category)
                and (mod is None or mod.match(str(module))) and lineno in (0, msg.lineno)):
            break
    else:
        action = _module.defaultaction
    if action == "once":
        _module._onceregistry.pop((text, msg.category), None)
