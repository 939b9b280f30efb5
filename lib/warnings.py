"""The guest `warnings` module: the host's module itself (one module, as in CPython: what
the program sets on it -- showwarning, formatwarning, filters -- is what the host's
machinery reads at each warning), with warn() attributing a warning to the guest line
`stacklevel` frames up when guest code calls it (protojit/runtime/guestwarn.py, which
also attributes the warnings of host code to the guest lines that called it).

The host's warn() finds that line by walking the host's frames -- the interpreter's own
-- and would name protojit's files.
"""
import sys

from protojit.hostmods import host_import as _host_import

_host = _host_import("warnings")
_guestwarn = _host_import("protojit.runtime.guestwarn")



def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    try:
        # Frame 0 is this function's; 1 (also for a stacklevel below 1, as CPython's C
        # warn) is its caller.
        frame = sys._getframe(max(stacklevel, 1))
    except ValueError:
        frame = None
    _guestwarn.warn_at(frame, message, category, source)


# The program imports the host's module (the importer returns what sys.modules holds
# after the body ran, as CPython's does), with warn() dispatching to the function above.
_guestwarn.install(_host, warn)
sys.modules["warnings"] = _host
