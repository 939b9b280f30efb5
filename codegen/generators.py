"""Guest generators whose body is object code (the body: codegen/genlower.py).

In: a compiled generator body (compiler.compile_generator). Out: `GeneratorSpec`, what
tiering's dispatcher calls like a NativeSpec: `call(args)` makes the guest generator
object as tier 0 does (runtime/coroutines.guest_generator: a real host generator named
after the guest function), its body running as machine code.

The driver (`_drive`) is the body host generator that guest_generator wraps, as tier 0's
compiled body is: _run_guest_generator adds the frame's traceback entry, turns a
StopIteration leaving the body into RuntimeError (PEP 479; the driver hands it over
wrapped, as tier 0's closures do) and gives gi_running, "generator already executing",
close() at collection, names and reprs. An exception thrown in at a yield (throw(),
close()'s GeneratorExit, the collector's close) resumes the body with the exception
raised at that yield (genlower.py), so its try/except/finally/with run as CPython's.
The body's exception state (sys.exc_info() inside an except clause across a yield) is
the driver's own (CPython saves a running generator's with it). Each resume publishes the generator's guest frame (a native
frame, as compiler.ObjectSpec's) as the thread's current frame, so callees see it as
their caller; the machine code keeps its line current. Arguments are bound at the
call, defaults included (as CPython binds them); the body is compiled for object
arguments, and the generator keeps the argument tuple.
"""
from __future__ import annotations

import ctypes

from protojit import _pjentry
from protojit.frames import F_BACK, F_DEPTH, F_FUNCTION, F_LINENO, native_frame_header, tstate

MISSING = _pjentry.MISSING
IX_DONE, THROW_FLAG = -1, 1 << 32      # genlower.py's state index values
_GEN_ENTRY_TYPE = ctypes.PYFUNCTYPE(ctypes.py_object, ctypes.c_void_p, ctypes.c_void_p,
                                    ctypes.py_object, ctypes.c_void_p)
_TUPLE_ITEMS = tuple.__basicsize__   # offset of a tuple's ob_item


def _drive(entry, args, frame, size, err_slots, err_line, err_frame):
    """The body host generator of one guest generator (see the module docstring)."""
    from protojit.runtime.coroutines import StopIterationCarrier
    state = (ctypes.c_int64 * ((size + 7) // 8))()
    st = ctypes.addressof(state)
    err = (ctypes.c_int64 * err_slots)()
    e = ctypes.addressof(err)
    argp = id(args) + _TUPLE_ITEMS
    err[err_frame] = id(frame)     # (the record is this generator's own: set once)
    sent = None
    ts = tstate
    while True:
        published = ts.frame
        ts.frame = frame
        try:
            value = entry(argp, st, sent, e)
        except StopIteration as stop:
            frame[F_LINENO] = err[err_line]
            raise StopIterationCarrier(stop) from None
        except BaseException:
            frame[F_LINENO] = err[err_line]
            raise
        finally:
            ts.frame = published
        if state[0] == IX_DONE:
            return value
        thrown = None
        try:
            sent = yield value
        except BaseException as exc:
            thrown = exc
        value = None
        if thrown is not None:
            # thrown in at the yield (throw(), close(), the collector's close): raised
            # there by the body, outside this handler (the body's sys.exc_info() and
            # __context__ are its own)
            state[0] |= THROW_FLAG
            sent = thrown
            thrown = None


class GeneratorSpec:
    """Object code of a generator function's body (see the module docstring): what
    tiering's dispatcher calls (`call` makes the generator), like a NativeSpec.
    compiler.compile_generator makes it; `err` is lower.py's error record layout
    (ERR_SLOTS, ERR_LINE, ERR_FRAME) and `not_applicable` compiler's marker."""

    objects = True
    c_spec = None            # (no C entry: every call makes a generator in Python)
    deopts = 0
    last_deopt = None
    osr_entry = None
    cached = False
    has_effects = True

    def __init__(self, gfn, arg_types, return_type, address, size, codes, deps, keep_alive,
                 err, not_applicable):
        self.function = gfn
        self.nparams = len(arg_types)
        self.arg_types = arg_types
        self.return_type = return_type
        self.address = address
        self.entry = _GEN_ENTRY_TYPE(address)
        self.size = size
        self.codes = codes
        seen = {}
        for g, name, obj in deps:
            if name is not None:
                seen[(id(g), name)] = (g, name, obj)
        self.deps = tuple(seen.values())
        self.keep_alive = keep_alive   # objects whose addresses the machine code holds
        self.frame_header = native_frame_header(gfn)
        self.err = err
        self.not_applicable = not_applicable
        self.times = {}
        self.ir_ops = 0

    def full_args(self, args):
        """`args` with the defaults of the parameters not given, read now (CPython binds
        a generator's arguments at its call); None if the call does not bind so."""
        n = len(args)
        if n == self.nparams:
            return args if type(args) is tuple else tuple(args)
        if n > self.nparams:
            return None
        defaults = self.function.__defaults__ or ()
        missing = self.nparams - n
        if missing > len(defaults):
            return None
        return tuple(args) + tuple(defaults[len(defaults) - missing:])

    def accepts(self, args) -> bool:
        if self.full_args(args) is None:
            return False
        for g, name, obj in self.deps:
            if g.get(name, MISSING) is not obj:
                return False
        return True

    def call(self, args, osr_frame=None, back=None):
        from protojit.runtime.coroutines import guest_generator
        full = self.full_args(args)
        if full is None or osr_frame is not None:
            return self.not_applicable
        for g, name, obj in self.deps:
            if g.get(name, MISSING) is not obj:
                return self.not_applicable
        frame = self.frame_header.copy()
        frame[F_BACK] = caller = tstate.frame if back is None else back
        frame[F_FUNCTION] = self.function
        frame[F_DEPTH] = 1 if caller is None else caller[F_DEPTH] + 1
        return guest_generator(self.function, frame, _drive(self.entry, full, frame, self.size,
                                                           *self.err))
