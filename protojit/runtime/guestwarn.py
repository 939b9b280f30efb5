"""One `warnings` module for the guest and the host, as CPython has one.

The guest's `import warnings` gets the host's module itself (lib/warnings.py puts it in
the guest's sys.modules), so whatever the program sets there -- `warnings.showwarning =
f`, `formatwarning`, `del warnings.showwarning`, catch_warnings' swaps, the filters --
is what the host's C machinery (_warnings.warn_explicit -> warnings._showwarnmsg ->
showwarning/formatwarning, looked up on the module at each warning) reads, for the
program's warnings and for those of host libraries. Only `warn` is replaced (install):
called from guest code (an interpreter frame or an entry into native code calls it) it
runs lib/warnings.py's warn, which attributes the warning to the guest line `stacklevel`
frames up; called by host code it is the host's C warn, one frame further up (this
function's own frame is not the caller CPython would name).
"""
import sys

_host_warn = None   # the host module's warn before install (the C function)
_module = None


def install(host_module, guest_warn) -> None:
    """Make host_module.warn dispatch between guest_warn and the host's warn."""
    global _host_warn, _module
    from protojit.runtime import tracebacks
    engine = tracebacks._engine_dirs()
    if _host_warn is None:
        _host_warn = host_module.warn
        _module = host_module
    host_warn = _host_warn

    def warn(message, category=None, stacklevel=1, source=None):
        """Issue a warning, or maybe ignore it or raise an exception."""
        if sys._getframe(1).f_code.co_filename.startswith(engine):
            return guest_warn(message, category, stacklevel, source)
        return host_warn(message, category, stacklevel + 1 if stacklevel >= 1 else stacklevel, source)

    warn.__module__ = host_module.__name__
    warn.__qualname__ = "warn"
    host_module.warn = warn


def uninstall() -> None:
    """The host's warn back (at the end of the program: runner.finalize)."""
    global _host_warn, _module
    if _module is not None:
        _module.warn = _host_warn
    _host_warn = _module = None
