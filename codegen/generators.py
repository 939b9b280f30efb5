"""Guest generators whose body is object code (the body: codegen/genlower.py).

In: a compiled generator body (compiler.compile_generator). Out: `GeneratorSpec`, what
tiering's dispatcher calls like a NativeSpec: `call(args)` makes the guest generator
object as tier 0 does (runtime/coroutines.guest_generator: a real host generator named
after the guest function), its body running as machine code.

The body (runtime_c/capi/pjgen.c GenBody) is the iterator that guest_generator
delegates to, as to tier 0's compiled body: _run_guest_generator adds the frame's traceback entry, turns a
StopIteration leaving the body into RuntimeError (PEP 479; the body hands it over
wrapped, as tier 0's closures do) and gives gi_running, "generator already executing",
close() at collection, names and reprs. An exception thrown in at a yield (throw(),
close()'s GeneratorExit, the collector's close) resumes the body with the exception
raised at that yield (genlower.py), so its try/except/finally/with run as CPython's.
The body's exception state (sys.exc_info() inside an except clause across a yield) is
the guest generator's own (CPython keeps a suspended generator's with it). Each resume publishes the generator's guest frame (a native
frame, as compiler.ObjectSpec's) as the thread's current frame, so callees see it as
their caller; the machine code keeps its line current. Arguments are bound at the
call, defaults included (as CPython binds them); the body is compiled for object
arguments, and the generator keeps the argument tuple. The cycle collector sees the
references a suspended body's locals hold (genlower.py gives their offsets), so a
generator in a reference cycle is finalised (closed: its finally clauses run) and freed,
as CPython's.
"""
from __future__ import annotations

import ctypes

from protojit import _pjentry
from protojit.frames import F_BACK, F_DEPTH, F_FUNCTION, native_frame_header, tstate
from .callees import CALLEE_CODE, callees_hold

MISSING = _pjentry.MISSING


def _body_type():
    """pjgen.c's GenBody (the guest generator's body iterator), configured once."""
    # (thrown_exception: the exception gen.throw(typ, val, tb) raises in the body, with
    # CPython's checks of the arguments -- the guest generator is suspended at a plain
    # `yield`, where the host's throw() raises their TypeError from the call)
    from protojit.runtime.coroutines import StopIterationCarrier, thrown_exception
    from . import lower
    get = ctypes.PYFUNCTYPE(ctypes.py_object)(("pj_gen_body_type", ctypes.PyDLL(_pjentry.__file__)))
    body = get()
    body.configure(StopIterationCarrier, thrown_exception, lower.ERR_SLOTS, lower.ERR_LINE, lower.ERR_FRAME)
    # (pj_gen_next: object code's for-loop steps a guest generator with such a body itself)
    from protojit.frames import recursion_limit
    from protojit.runtime.coroutines import RUNNER_CODES
    body.configure_runner(RUNNER_CODES, recursion_limit)
    return body


class GeneratorSpec:
    """Object code of a generator function's body (see the module docstring): what
    tiering's dispatcher calls (`call` makes the generator), like a NativeSpec.
    compiler.compile_generator makes it; `not_applicable` is compiler's marker."""

    objects = True
    c_spec = None            # (no C entry: every call makes a generator in Python)
    deopts = 0
    osr_entry = None
    cached = False
    has_effects = True

    _body = None    # pjgen.c's GenBody, once a spec is made
    _guest_generator = None   # runtime/coroutines.guest_generator, once a spec is made

    def __init__(self, gfn, arg_types, return_type, address, layout, codes, deps, keep_alive,
                 not_applicable):
        self.function = gfn
        self.nparams = len(arg_types)
        self.arg_types = arg_types
        self.return_type = return_type
        self.address = address
        self.size, self.refs = layout   # the state: its size, its references' offsets
        self.codes = codes
        seen = {}
        callees = {}
        for g, name, obj in deps:
            if name is CALLEE_CODE:
                callees[id(g)] = (g, obj)
            elif name is not None:
                seen[(id(g), name)] = (g, name, obj)
        self.deps = tuple(seen.values())
        self.callees = tuple(callees.values())   # (callees.CALLEE_CODE)
        self.keep_alive = keep_alive   # objects whose addresses the machine code holds
        self.frame_header = native_frame_header(gfn)
        self.not_applicable = not_applicable
        self.times = {}
        self.ir_ops = 0
        if GeneratorSpec._body is None:
            from protojit.runtime.coroutines import guest_generator
            GeneratorSpec._body = _body_type()
            GeneratorSpec._guest_generator = staticmethod(guest_generator)

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
        return not self.callees or callees_hold(self.callees)

    def call(self, args, osr_frame=None, back=None):
        if len(args) == self.nparams and type(args) is tuple:
            full = args
        else:
            full = self.full_args(args)
            if full is None:
                return self.not_applicable
        if osr_frame is not None:
            return self.not_applicable
        for g, name, obj in self.deps:
            if g.get(name, MISSING) is not obj:
                return self.not_applicable
        if self.callees and not callees_hold(self.callees):
            return self.not_applicable
        frame = self.frame_header.copy()
        caller = tstate.frame if back is None else back
        frame[F_BACK] = None    # (unstarted: no caller, as CPython's gi_frame.f_back)
        frame[F_FUNCTION] = self.function
        frame[F_DEPTH] = 1 if caller is None else caller[F_DEPTH] + 1
        return self._guest_generator(self.function, frame, self._body(
            self.address, full, frame, self, self.size, self.refs))
