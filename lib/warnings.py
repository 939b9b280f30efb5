"""The guest `warnings` module: the host's module itself (one module, as in CPython: what
the program sets on it -- showwarning, formatwarning, filters -- is what the host's
machinery reads at each warning), with warn() attributing a warning to the guest line
`stacklevel` frames up when guest code calls it (protojit/runtime/guestwarn.py).

The host's warn() finds that line by walking the host's frames -- the interpreter's own
-- and would name protojit's files. Host libraries calling warn() still get CPython's
attribution among their own frames.
"""
import sys

from protojit.hostmods import host_import as _host_import

_host = _host_import("warnings")



def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")
    try:
        # Frame 0 is this function's; 1 (also for a stacklevel below 1, as CPython's C
        # warn) is its caller.
        frame = sys._getframe(max(stacklevel, 1))
    except ValueError:
        globals_, filename, lineno = sys.__dict__, "sys", 1
    else:
        globals_, filename, lineno = frame.f_globals, frame.f_code.co_filename, frame.f_lineno
    module = globals_.get("__name__")
    if not isinstance(module, str):
        module = "<string>"
    registry = globals_.setdefault("__warningregistry__", {})
    _host.warn_explicit(message, category, filename, lineno, module, registry, globals_, source)


# The program imports the host's module (the importer returns what sys.modules holds
# after the body ran, as CPython's does), with warn() dispatching to the function above.
_host_import("protojit.runtime.guestwarn").install(_host, warn)
sys.modules["warnings"] = _host
