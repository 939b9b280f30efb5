"""Guest function + argument values -> a native specialisation (`NativeSpec`).

Pipeline (each stage can be dumped; `compile_function(..., keep_ir=True)`):
  build.py (guest AST -> untyped IR, one function per callee specialisation)
  -> typeinfer.py (types from the argument types) -> check.py
  -> analysis.py (definite assignment, deopt safety) -> lower.py (LLVM IR)
  -> jit.py (O3, machine code) -> a ctypes entry.

A `NativeSpec` is what tier 0 calls (protojit/tiering.py). `NativeSpec.call(args)`
  * checks every argument against the specialisation's types (a mismatch
    returns NOT_APPLICABLE: no effect has happened, tier 0 runs the call);
  * checks the globals the code was compiled against (callees, math, global
    constants, shadowed builtins, ctypes functions and the library attributes
    they were read from) still hold the same objects, and that each ctypes
    function still has the call plan it was compiled against (a new argtypes,
    restype or errcheck replaces it) (else NOT_APPLICABLE: a type change in a
    global is a guard, too);
  * packs the arguments into 8-byte slots and calls the machine code through
    a ctypes CFUNCTYPE pointer, which releases the GIL for the whole native
    run (DESIGN decision 6: two threads in compiled code run in parallel);
  * returns the boxed result, raises the guest exception (CPython's type and
    message, with a traceback entry at the guest line), or returns a Deopt.

Deoptimisation (DESIGN decision 4). A DEOPT makes the *outermost* native call
return and tier 0 re-runs that call from its entry with the same argument
objects, which produces exactly CPython's behaviour (a big int instead of an
overflow, a complex power, CPython's RecursionError, ...). That is exact only if
nothing visible happened first. Native code has two kinds of visible effect:
stores into numpy arrays and calls of guest ctypes functions (no prints, lists,
globals or attribute writes are compiled). A foreign call cannot be undone, so a
unit where a guard can fail after a call of a function not known to be pure
(ffi.NativeCallee.pure: abs, sqrt, cos, ...) is not compiled
(analysis.deopt_after_foreign_call); pure ones may simply run again. For stores:
  * a unit in which no guard can fail after a store (analysis.deopt_after_effect,
    callees summarised) is compiled as is;
  * otherwise every array store in the unit first appends (address, old value)
    to an undo log (lower.py, realloc-grown, per call), and on DEOPT the entry
    restores the log newest-first before returning: tier 0 then starts from the
    very state the call started from. Another thread reading the array during
    the call could see the undone values come and go (a racy program only; its
    output is not deterministic under CPython either).
Object code (the second try). When the numeric pipeline says Unsupported,
the function is built again in object mode (build.py): values it cannot keep
unboxed are host objects (owned PyObject * references) and their operations
call the running CPython's C API (lowerobj.py). Object code never deopts: an op
whose unboxed form would need a guard (int64 overflow, an inexact int/float
comparison) is typed a tagged number (types.K_NUM) and runs its inline form while
the check holds and CPython's generic operation otherwise, so big ints, effects and
exceptions are exactly CPython's. It is on by default
(protojit --no-object-code: off), entered through the C entry
(runtime_c/capi/pjentry.c, Spec abi=1) or `ObjectSpec.call` (a ctypes PYFUNCTYPE;
the GIL stays held, as in CPython's own C code).
Fast paths with fallbacks in place (ir.fast_path says which op has which; the
printed IR marks them): arithmetic and comparisons on ints and floats run inline
while both operands are exact ints within int64 (overflow checked) or floats (an
int converted only within 2**53), else CPython's generic operation, in the same
machine code. Their results stay unboxed (a tagged number: int64, double, bool, or
the generic path's object) across a chain of operations and in locals through a
loop, and are boxed once where a use needs an object (ir.uses_as_object: a call, a
container, an attribute, `in`; a return), so a float chain allocates only where a
value escapes. math.sqrt/sin/cos of a number run inline the same way; attribute
reads/writes, method lookups and global reads go through per-site caches
(runtime_c/capi/pjobj.c) keyed on what CPython itself keys on (the type and its
tp_version_tag, the dicts' ma_version_tag), each check that fails taking the
generic C-API call. So a fallback never repeats an effect and never changes a
result: there is nothing to deoptimise.
Frames. Each call of object code runs in a guest frame of its own: a frame list
(protojit/frames.py native_frame_header, F_RETVAL marked NATIVE_FRAME) whose
F_BACK is the caller, published as the thread's current frame for the call and
restored after it, so guest callees (their `back`), sys._getframe, inspect,
logging and warnings' stacklevel see it; its address is in err[ERR_FRAME], and
the machine code stores the guest line into its F_LINENO before each op that can
raise or run other code (lowerobj.frame_line). A CPython exception leaves with a
traceback entry for that frame at that line. Functions that read their own frame
(locals(), sys._getframe, f_back, ...) stay in tier 0 with a reject naming the
construct.
Machine code of object units is not cached on disk (it holds object addresses).

Loop regions (osr.py) deopt the same way and tier 0 resumes the loop where the
region started, with the frame's locals untouched. Guest exceptions are not
deopts: they are raised at the failing point, after exactly the effects
CPython would have performed. Constructs outside this model are not compiled
and a `reject` trace event says why.
"""
from __future__ import annotations

import ctypes
import itertools
import math
import os
import struct
import sys
import threading
import time
import weakref

from protojit import _pjentry
from protojit.frames import (F_BACK, F_CODE, F_DEPTH, F_FUNCTION, F_GLOBALS, F_LINENO, F_LOCALS_DICT, F_RETVAL,
                             HEADER, NATIVE_FRAME, UNBOUND, native_frame_header, native_start_depth,
                             tstate)

from . import analysis, build, frameless, ir, jit, lower, passes, typeinfer
from . import batch as batching
from .callees import CALLEE_CODE, callees_hold
from .eligible import plain_code_reason, reflective_use
from .check import check_function
from .errors import ST_DEOPT, ST_OK, Unsupported, exception_for, status_of
from .pprint import format_function
from .types import (INT64_MAX, INT64_MIN, K_ARRAY, K_BOOL, K_FLOAT, K_FLOATX, K_INT, K_INTX,
                    K_NONE, K_NPFLOAT, K_NPINT, K_OBJECT, K_TUPLE, OBJECT, Type)


class _LazyNumpy:
    """numpy, imported at first use. Only specialisations over numpy values touch it, and
    such values exist only once the program imported numpy: a program without numpy
    never pays for importing it (about a third of the jit tier's start-up)."""

    def __getattr__(self, name):
        import numpy
        globals()["np"] = numpy
        return getattr(numpy, name)


np = _LazyNumpy()

UNBOUND_STATUS = status_of("unbound local")
NOT_APPLICABLE = object()   # the arguments or globals do not match: run tier 0
FRAMELESS = os.environ.get("PJ_FRAMELESS", "1") != "0"   # frameless plans (_attach_frameless)


class Deopt:
    """A call's DEOPT (a guard failed before any effect: tier 0 re-runs the call, or
    resumes a whole-function OSR at `snapshot`), returned as the call's result: one per
    failed call. A spec is shared by every thread that calls it, so what a deopt hands
    back must travel with it; kept on the spec (as it was), a deopt of the same spec in
    another thread overwrote it before the caller read it, and tier 0 resumed the loop
    from the other thread's locals and range position (thr_fib.py: a wrong power now
    and then)."""
    __slots__ = ("guard", "line", "where", "snapshot")

    def __init__(self, guard: str, line: int, where: str, snapshot=None):
        self.guard = guard          # lower.GUARDS name, for the trace event
        self.line = line            # ... its guest line
        self.where = where          # ... and the guest function it failed in
        self.snapshot = snapshot    # whole-function OSR: NativeSpec._snapshot's state or None


MISSING = _pjentry.MISSING  # a global that did not exist (the C entry checks deps too)

_unit_ids = itertools.count()

# Each call of object code runs in a guest frame of its own, published as the thread's
# current frame for the call (pjentry.c object_frame_push; ObjectSpec.call here).
_pjentry.set_frames(F_BACK, F_FUNCTION, lower.ERR_FRAME)


class GuestResolver(build.Resolver):
    """Resolves global names of one guest function; every answer is a dependency
    (globals dict, name, object or MISSING) that NativeSpec re-checks per call."""

    def __init__(self, fn, deps: list):
        super().__init__(fn.__globals__)
        self.deps = deps
        builtins = getattr(fn, "builtins", None)
        if builtins is None:   # a loop region's holder: the module's __builtins__
            builtins = self.globals_dict.get("__builtins__")
            builtins = getattr(builtins, "__dict__", builtins)
        self.builtins_dict = builtins if type(builtins) is dict else None
        self.optimize = self.builtins_dict is not None and builtins.get("__debug__", True) is False

    def _get(self, name):
        obj = self.globals_dict.get(name, MISSING)
        self.deps.append((self.globals_dict, name, obj))
        return obj

    def callee(self, name):
        from protojit.runtime.function import record_of
        face = self._get(name)
        fn = record_of(face)     # a guest function: its record
        if fn is not None and plain_code_reason(fn.code) is None:
            # (its code is compiled into the caller's: a __code__ assignment must reach it)
            self.deps.append((face, CALLEE_CODE, fn.code))
            return build.CalleeRef(name, fn.code.node, fn.__globals__, fn)
        return None

    def math_name(self, name):
        obj = self.globals_dict.get(name)
        for f in build.MATH_FUNCS:
            if build.is_math_attr(f, obj):
                self._get(name)
                return f
        return None

    def is_math_module(self, name):
        if self.globals_dict.get(name) is math:
            self._get(name)
            return True
        return False

    def math_attr(self, attr):
        """Does math.`attr` still hold the math module's own function or constant? The
        program may replace it (math.sqrt = ...): a dependency, re-checked per call."""
        ns = vars(math)
        obj = ns.get(attr, MISSING)
        self.deps.append((ns, attr, obj))
        return build.is_math_attr(attr, obj)

    def builtin(self, name):
        """`name` is not a global and the guest's builtins module still holds CPython's own
        builtin of that name (a program may replace builtins.abs): both are dependencies."""
        if self._get(name) is not MISSING:
            return False
        ns = self.builtins_dict
        if ns is None:
            return True
        obj = ns.get(name, MISSING)
        self.deps.append((ns, name, obj))
        return obj is build.HOST_BUILTINS.get(name, MISSING)

    def foreign(self, name, attr=None):
        from . import ffi
        obj = self.globals_dict.get(name, MISSING)
        if attr is not None:
            # only a function the library object already holds (CDLL caches each one it
            # looked up as an instance attribute); a compile never looks a symbol up
            lib_dict = getattr(obj, "__dict__", None)
            if type(lib_dict) is not dict or "_FuncPtr" not in lib_dict or "_handle" not in lib_dict:
                return None
            cls = type(obj)
            if cls.__getattribute__ is not object.__getattribute__ \
                    or any(attr in k.__dict__ for k in cls.__mro__):
                return None     # the attribute is not simply the instance's (a property...)
            self._get(name)
            func = lib_dict.get(attr, MISSING)
            self.deps.append((lib_dict, attr, func))
        else:
            func = self._get(name)
        callee = ffi.native_callee(func)
        if callee is not None:
            self.deps.append((callee, None, func))   # the plan it was compiled against
        return callee

    def global_const(self, name):
        obj = self.globals_dict.get(name, MISSING)
        t = type(obj)
        if t is bool or t is float or (t is int and INT64_MIN <= obj <= INT64_MAX):
            self._get(name)
            return obj
        return None


def _build_ir(gfn, deps) -> ir.Function:
    code = gfn.code
    reason = plain_code_reason(code)
    if reason:
        raise Unsupported(reason, code.filename, code.firstlineno)
    found = reflective_use(code.node)
    if found:
        raise Unsupported(f"reflective access {found[0]} reads the frame", code.filename, found[1])
    fn = build.build_function(code.node, code.filename, GuestResolver(gfn, deps))
    fn.guest_name = code.qualname
    fn.guest = gfn
    return fn


def _ref(gfn):
    return build.CalleeRef(gfn.__name__, gfn.code.node, gfn.__globals__, gfn)
def infer_types(gfn, arg_types: tuple[Type, ...], deps: list):
    """Build and type the unit rooted at `gfn`; returns (root, functions)."""
    gfn = _record(gfn)
    unit = typeinfer.Unit(None)

    def make(ref, types):
        return unit.specialise(ref, types, lambda: _build_ir(ref.func, deps))
    unit.make_function = make
    root = make(_ref(gfn), tuple(arg_types))
    if len(root.args) != len(arg_types):
        raise Unsupported(f"{gfn.__name__}() called with {len(arg_types)} arguments",
                          gfn.code.filename, gfn.code.firstlineno)
    typeinfer.infer_unit(unit)
    return root, list(unit.functions.values())


def check_unit(functions) -> set[int]:
    """Checker, definite assignment and deopt safety; returns the recursive set."""
    for f in functions:
        errors = check_function(f, typed=True)
        if errors:
            raise Unsupported("internal: invalid typed IR: " + errors[0].description, f.filename, f.line)
        f.maybe_unbound = analysis.maybe_unbound(f)   # lower.py checks these at run time
    recursive = analysis.summarise(functions)
    for f in functions:
        found = analysis.deopt_after_foreign_call(f, recursive)
        if found is not None:
            call, guard = found
            raise Unsupported(f"a guard at line {guard.line} could fail after the foreign call at "
                              f"line {call.line} (tier 0 would repeat the call)", f.filename, guard.line)
    # A guard that can fail after an array store: the unit logs every store (old
    # value) and a DEOPT first undoes them in reverse order (lower.py), so tier 0
    # re-runs from a state where nothing visible happened.
    undo = any(analysis.deopt_after_effect(f, recursive) is not None for f in functions)
    for f in functions:
        f.undo_log = undo
    for f in functions:
        if passes.accumulate_tail_calls(f):
            errors = check_function(f, typed=True)
            if errors:
                raise Unsupported("internal: invalid IR after accumulate_tail_calls: "
                                  + errors[0].description, f.filename, f.line)
    return recursive


def lower_unit(root, functions, recursive):
    name = f"pj{next(_unit_ids)}"
    ml = lower.ModuleLowerer(name, functions, recursive,
                             undo=any(f.undo_log for f in functions))
    root.unbound_names = ml.unbound_names
    ml.lower_all()
    entry = ml.emit_entry(root, f"{name}.entry")
    return ml.module, entry
def may_run_long(functions) -> bool:
    """Can a call of this unit take more than a straight-line run of its code: a loop
    (a cycle of blocks) or a call (another specialisation, itself, a foreign function)?"""
    for f in functions:
        for b in f.blocks:
            if any(isinstance(op, (ir.Call, ir.ForeignCall)) for op in b.ops):
                return True
        state: dict[int, int] = {}   # block id -> 1 on the DFS stack, 2 done

        def cyclic(b) -> bool:
            stack = [(b, iter(b.successors()))]
            state[id(b)] = 1
            while stack:
                blk, succ = stack[-1]
                nxt = next(succ, None)
                if nxt is None:
                    state[id(blk)] = 2
                    stack.pop()
                    continue
                s_ = state.get(id(nxt))
                if s_ == 1:
                    return True
                if s_ is None:
                    state[id(nxt)] = 1
                    stack.append((nxt, iter(nxt.successors())))
            return False
        if f.blocks and cyclic(f.blocks[0]):
            return True
    return False


def args_types(args: tuple, filename: str, line: int) -> tuple[Type, ...]:
    """The types of a call's arguments; an argument the native tier cannot take is
    rejected at the guest function's file and line (types.py does not know them)."""
    try:
        return tuple(Type.from_value(a) for a in args)
    except Unsupported as e:
        if e.filename != "<args>":
            raise
        raise Unsupported(e.feature, filename, line) from None


def _record(gfn):
    """The record (runtime/function.py Function) of guest function `gfn`, which callers may
    give as the function itself (what guest code holds) or as its record."""
    from protojit.runtime.function import record_of
    return record_of(gfn) or gfn


def call_signature(gfn, args: tuple) -> tuple:
    """What compile_function needs of a call's arguments: (their numeric types, their
    object-code types), each a tuple of types or the Unsupported it raised. Taken at the
    call, so that a compile on another thread (tiering.py's background compiles) holds
    no reference to the arguments: an argument kept alive by a compile would die, and
    run its __del__, later than under CPython."""
    # (a new Unsupported of each: the one raised holds, through its traceback and
    # context, the frames that hold the arguments)
    gfn = _record(gfn)
    try:
        numeric = args_types(args, gfn.code.filename, gfn.code.firstlineno)
    except Unsupported as e:
        numeric = Unsupported(e.feature, e.filename, e.line)
    try:
        # A None argument is an object slot in object code: None is mostly a "no packet /
        # no node" sentinel of a parameter that also takes objects, and typed None the
        # spec took only None: the first call with an object compiled the function a
        # second time (pyperformance richards: HandlerTask.fn, WorkTask.fn and
        # Packet.append_to, each compiled for (object, None, ...) then (object, object,
        # ...)). An object slot takes None too; `x is None` is a pointer compare.
        objects = tuple(OBJECT if a is None else Type.from_value(a, objects=True) for a in args)
    except Unsupported as e:
        objects = Unsupported(e.feature, e.filename, e.line)
    return numeric, objects


def _fresh(e: Unsupported) -> Unsupported:
    """A new Unsupported like `e` (call_signature's), to raise: raising `e` itself gives
    it a traceback whose frames hold the signature that holds `e` -- a cycle, which kept
    the call's arguments alive (their __del__ ran late) until the next collection."""
    return Unsupported(e.feature, e.filename, e.line)


def compile_function(gfn, args: tuple | None, keep_ir: bool = False, cache: bool = False,
                     objects: bool = False, quick: bool = False,
                     signature: tuple | None = None) -> "NativeSpec":
    """Compile `gfn` for the types of `args` (or `signature`, call_signature's, with
    args None): numeric code if it can be, else (with `objects`: protojit --object-code)
    object code; Unsupported says why not. `quick` (--tier jit, where every function
    compiles at its first call): object code's machine code is made for compile time
    rather than speed (jit.py level 0)."""
    gfn = _record(gfn)
    if signature is None:
        signature = call_signature(gfn, args)
    numeric, obj_types = signature
    if not objects:
        return compile_numeric(gfn, None, keep_ir, cache, arg_types=numeric)
    if _takes_tuple(numeric) and isinstance(obj_types, tuple):
        # A numeric spec taking a tuple has no C entry (_c_spec): each call from object
        # code or tier 0 would go through NativeSpec.call in Python (pyperformance
        # raytrace: addColours(tuple, float, tuple), about 450 calls an image row set,
        # 20k instructions each); object code is entered through the C entry.
        try:
            return compile_objects(gfn, None, keep_ir, quick, arg_types=obj_types)
        except Unsupported as e:
            if e.feature.startswith("internal"):
                raise
    try:
        return compile_numeric(gfn, None, keep_ir, cache, arg_types=numeric)
    except Unsupported as e:
        if e.feature.startswith("internal"):
            raise
    return compile_objects(gfn, None, keep_ir, quick, arg_types=obj_types)


def _takes_tuple(numeric) -> bool:
    """Do numeric argument types (call_signature's) include a tuple?"""
    return isinstance(numeric, tuple) and any(t.kind == K_TUPLE for t in numeric)


def _build_obj_ir(gfn, deps, generic_fors, given: int) -> ir.Function:
    """`given`: the positional arguments of the call (fewer than the parameters: the
    others are their defaults, build.transform_defaults)."""
    code = gfn.code
    reason = plain_code_reason(code, objects=True, generators=True)
    if reason:
        raise Unsupported(reason, code.filename, code.firstlineno)
    found = reflective_use(code.node, objects=True)
    if found:
        raise Unsupported(f"reflective access {found[0]} reads the frame", code.filename, found[1])
    params = len(code.node.args.args)
    defaults = None
    if given < params:
        if given < params - len(gfn.__defaults__ or ()):
            raise Unsupported(f"{gfn.__name__}() called with {given} arguments",
                              code.filename, code.firstlineno)
        defaults = (gfn, given)
    cells = dict(zip(code.freevars, gfn.__closure__ or ()))
    if len(cells) != len(code.freevars):
        raise Unsupported("internal: closure and free variables differ", code.filename, code.firstlineno)
    fn = build.build_function(code.node, code.filename, GuestResolver(gfn, deps), objects=True,
                              generic_fors=generic_fors, defaults=defaults, cells=cells,
                              children=code.children, nargs=given)
    fn.guest_name = code.qualname
    return fn


def infer_types_obj(gfn, arg_types: tuple[Type, ...], deps: list, build_ir=None):
    """Build and type `gfn` as object code; returns the typed ir.Function. A range()
    loop over an object is rebuilt as a generic iteration (typeinfer.GenericFor).
    `build_ir(generic_fors)`: builds another function of `gfn`'s code instead (the rest
    of a call from a loop's header: codegen/osr.py)."""
    gfn = _record(gfn)
    generic: set = set()
    if build_ir is None:
        def build_ir(generic_fors):
            return _build_obj_ir(gfn, deps, generic_fors, len(arg_types))
    while True:
        deps.clear()
        unit = typeinfer.Unit(None, objects=True)
        root = unit.specialise(("objects", id(gfn)), arg_types,
                               lambda: build_ir(frozenset(generic)))
        if len(root.args) != len(arg_types):
            raise Unsupported(f"{gfn.__name__}() called with {len(arg_types)} arguments",
                              gfn.code.filename, gfn.code.firstlineno)
        try:
            typeinfer.infer_unit(unit)
        except typeinfer.GenericFor as e:
            if e.key in generic or len(generic) > 64:
                raise Unsupported("internal: range() loop rebuilt twice", root.filename, root.line)
            generic.add(e.key)
            continue
        return root


def compile_objects(gfn, args: tuple | None, keep_ir: bool = False, quick: bool = False,
                    arg_types=None) -> "ObjectSpec":
    """`arg_types`: the types of the arguments (or the Unsupported they raised), instead
    of `args` (call_signature)."""
    gfn = _record(gfn)
    t0 = time.perf_counter()
    if gfn.code.is_generator:
        return compile_generator(gfn, keep_ir, quick, t0)
    if arg_types is None:
        arg_types = tuple(Type.from_value(a, objects=True) for a in args)
    elif isinstance(arg_types, Unsupported):
        raise _fresh(arg_types)
    deps: list = []
    root = infer_types_obj(gfn, arg_types, deps)
    return object_spec(gfn, arg_types, root, deps, keep_ir, t0, quick)


def compile_generator(gfn, keep_ir: bool, quick: bool, t0: float):
    """compile_objects for a generator function (codegen/generators.py): the body typed for
    object arguments (a call binds them all, defaults included), lowered as a resumable
    function (genlower.py) and compiled."""
    from . import generators
    node = gfn.code.node
    if node.args.vararg or node.args.kwarg:
        raise Unsupported("generator with *args or **kwargs", gfn.code.filename, gfn.code.firstlineno)
    arg_types = (OBJECT,) * len(node.args.args)
    deps: list = []
    root = infer_types_obj(gfn, arg_types, deps)
    if not root.generator:
        raise Unsupported("internal: a generator's body built as a plain function",
                          gfn.code.filename, gfn.code.firstlineno)
    made = {}   # the entry's state layout (genlower.emit_entry_gen), for the spec

    def make_entry(ml, name):
        entry, made["layout"] = ml.emit_entry_gen(root, f"{name}.gen")
        return entry

    def make_spec(address, functions, ml):
        return generators.GeneratorSpec(
            gfn, arg_types, root.return_type, address, made["layout"],
            [_NativeCode(f.filename, f.guest_name or f.name) for f in functions], deps,
            ml.keep_alive, NOT_APPLICABLE)
    return _lower_and_compile(gfn, root, keep_ir, t0, quick, make_entry, make_spec)


def object_spec(gfn, arg_types, root, deps, keep_ir, t0, quick=False) -> "ObjectSpec":
    """Check, lower and compile the typed object-code function `root` of `gfn`'s code."""
    def make_spec(address, functions, ml):
        spec = ObjectSpec(gfn, arg_types, root.return_type, address, functions, deps,
                          ml.keep_alive)
        spec.has_effects = root.has_effects
        _attach_frameless(spec, gfn)
        return spec
    return _lower_and_compile(gfn, root, keep_ir, t0, quick,
                              lambda ml, name: ml.emit_entry_obj(root, f"{name}.entry", arg_types),
                              make_spec)


def _attach_frameless(spec, gfn) -> None:
    """Object code's call sites run `gfn`'s frameless plan instead of calling it, when
    its body has one (codegen/frameless.py; PJ_FRAMELESS=0 turns them off)."""
    if not FRAMELESS or spec.c_spec is None:
        return
    node = gfn.code.node
    if len(spec.arg_types) != len(getattr(getattr(node, "args", None), "args", ())):
        return   # (a spec for fewer arguments reads the defaults itself)
    plan = frameless.plan_for(node)
    if plan is None:
        return
    spec.c_spec.set_frameless(*plan)
    spec.frameless = plan
    if os.environ.get("PJ_COMPILE_LOG") == "1":
        print(f"protojit: frameless plan for {gfn.__qualname__} ({len(plan[0]) // 4} ops)",
              file=sys.stderr)


def _lower_and_compile(gfn, root, keep_ir, t0, quick, make_entry, make_spec):
    """The steps after typing shared by object code and generators: check the unit (root
    alone), lower it, `make_entry(ml, name)` (its C entry's name), compile the module,
    `make_spec(address, functions, ml)`; stage times and IR (keep_ir) on the spec."""
    functions = [root]
    recursive = check_unit(functions)
    t1 = time.perf_counter()
    name = f"pj{next(_unit_ids)}"
    ml = lower.ModuleLowerer(name, functions, recursive, globals_dict=gfn.__globals__,
                             builtins_dict=gfn.builtins)
    ml.count_heat()   # (code made at level 0 may be made again at level 1: Level1Text)
    ml.lower_all()
    entry = make_entry(ml, name)
    t2 = time.perf_counter()
    # Level 1 (jit.optimise: slots to SSA, folding, a tidy CFG): object code is mostly
    # calls of the C API (a big module gets level 0's machine code: jit.codegen_level).
    # Level 0 (`quick`) also selects instructions with FastISel: at --tier jit every
    # function compiles at its first call (ctl_try_nested.py: 289 functions of ~90 ops,
    # 52 s of CPU with LLVM's O1, 15 s so)
    # (the module's signal-poll limit, named before release drops the module's attributes)
    poll_limit = getattr(ml.module, "poll_limit", None)
    times = {"frontend": t1 - t0, "lower": t2 - t1}
    batch = batching.current()
    text = None
    if batch is not None and not keep_ir and not quick:
        # (the compile worker's batch: the unit's machine code is made with others',
        # codegen/batch.py; a module too big for level 1 is made now, at level 0)
        text = jit.module_text(ml.module)
        if jit.codegen_level(text, 1) == 1:
            jit.release(ml.module)
            return batch.add(text, entry, poll_limit, lambda compiled: _finish_spec(
                compiled, entry, functions, ml, make_spec, times, poll_limit, False))
    compiled = jit.compile_module(ml.module, [entry], keep_ir=keep_ir, use_cache=False,
                                  level=0 if quick else 1, text=text)
    jit.release(ml.module)
    return _finish_spec(compiled, entry, functions, ml, make_spec, times, poll_limit, keep_ir)


def _finish_spec(compiled, entry, functions, ml, make_spec, times, poll_limit, keep_ir):
    """The spec of a unit lowered by `ml` (its root first in `functions`) from its machine
    code `compiled`; `times`: its frontend and lowering times; `poll_limit`: the name of
    its module's signal-poll limit (lower.py), for a level-1 compile of level-0 code."""
    root = functions[0]
    spec = make_spec(compiled.addresses[entry], functions, ml)
    spec.times = {**times, **compiled.times}
    spec.times["total"] = sum(spec.times.values())
    spec.ir_ops = sum(len(b.ops) for b in root.blocks)
    if compiled.level0_bitcode is not None and isinstance(spec, ObjectSpec):
        spec.level1 = Level1Text(compiled.level0_bitcode, compiled.lines, entry, poll_limit,
                                 ml.heat)
    if keep_ir:
        spec.typed_ir = format_function(root)
        spec.llvm_ir = compiled.llvm_ir
        spec.optimised_ir = compiled.optimised_ir
    dismantle(functions, ml)
    return spec


def dismantle(functions, ml) -> None:
    """The unit is compiled: its typed IR and lowerer go now. Both are graphs of cycles
    (a Branch holds its target Blocks, which hold it), so they would wait for a collection,
    with the objects their constants hold: a closure's cells (ObjConst ops), whose
    contents CPython frees when the function goes (loop_closure_cells_release.py). The
    spec keeps what the machine code needs (ml.keep_alive, its own list)."""
    for fn in functions:
        for block in fn.blocks:
            block.ops.clear()
        fn.blocks.clear()
    ml.__dict__.clear()


def compile_numeric(gfn, args: tuple | None, keep_ir: bool = False, cache: bool = False,
                    arg_types=None) -> "NativeSpec":
    """Compile `gfn` as numeric code for the types of `args` (or `arg_types`: the types,
    or the Unsupported they raised, call_signature); Unsupported says why not."""
    gfn = _record(gfn)
    t0 = time.perf_counter()
    if arg_types is None:
        arg_types = args_types(args, gfn.code.filename, gfn.code.firstlineno)
    elif isinstance(arg_types, Unsupported):
        raise _fresh(arg_types)
    deps: list = []
    root, functions = infer_types(gfn, arg_types, deps)
    if root.return_type.kind == K_ARRAY:
        raise Unsupported("returning an array", root.filename, root.line)
    recursive = check_unit(functions)
    t1 = time.perf_counter()
    module, entry = lower_unit(root, functions, recursive)
    t2 = time.perf_counter()
    compiled = jit.compile_module(module, [entry], keep_ir=keep_ir, use_cache=cache)
    jit.release(module)
    t3 = time.perf_counter()
    # A unit that touches Python objects says so (`holds_gil` on an IR function): its
    # entries keep the GIL. Every other unit runs with it released (DESIGN decision 6),
    # unless it cannot run long: releasing and taking the GIL back costs about as much as a
    # whole call of a small leaf (~100 ns), and a straight-line body is over before another
    # thread could have used the GIL.
    holds_gil = any(getattr(f, "holds_gil", False) for f in functions) \
        or any(t.kind == "object" for t in arg_types) or root.return_type.kind == "object"
    spec = NativeSpec(gfn, arg_types, root.return_type, compiled.addresses[entry], functions, deps,
                      holds_gil=holds_gil, release_gil=not holds_gil and may_run_long(functions))
    spec.cached = compiled.cached
    spec.has_effects = root.has_effects
    spec.times = {"frontend": t1 - t0, "lower": t2 - t1, **compiled.times, "total": t3 - t0}
    spec.ir_ops = sum(len(b.ops) for f in functions for b in f.blocks)
    if keep_ir:
        spec.typed_ir = "".join(format_function(f) for f in functions)
        spec.llvm_ir = compiled.llvm_ir
        spec.optimised_ir = compiled.optimised_ir
    return spec


# ---- calling native code ---------------------------------------------------------------

_DTYPES = {}    # "int64"/"float64" -> numpy dtype, filled at first use (see _LazyNumpy)
_ENTRY_TYPE = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)
# (PYFUNCTYPE keeps the GIL: for units that hold it, see compile_function)
_ENTRY_TYPE_GIL = ctypes.PYFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)
_INITIAL_SLOTS = 64     # slots of each thread's argument/result buffers at first


class _Buffers(threading.local):
    """Per-thread argument/result/error slots (native code never re-enters Python)."""

    def __init__(self):
        self.size = 0
        self.grow(_INITIAL_SLOTS)

    def grow(self, n):
        self.size = n
        self.args = (ctypes.c_int64 * n)()
        self.args_f = (ctypes.c_double * n).from_buffer(self.args)
        self.out = (ctypes.c_int64 * n)()
        self.out_f = (ctypes.c_double * n).from_buffer(self.out)
        self.err = (ctypes.c_int64 * lower.ERR_SLOTS)()
        self.addrs = (ctypes.addressof(self.args), ctypes.addressof(self.out),
                      ctypes.addressof(self.err))


_buffers = _Buffers()


def _pack(t: Type, v, ints, dbls, pos: int) -> int:
    """Write `v` into the slots at `pos`; -1 when `v` does not have type `t`."""
    k = t.kind
    if k == K_INT:
        if type(v) is not int or not INT64_MIN <= v <= INT64_MAX:
            return -1
        ints[pos] = v
        return pos + 1
    if k == K_FLOAT:
        if type(v) is not float:
            return -1
        dbls[pos] = v
        return pos + 1
    if k == K_BOOL:
        if type(v) is not bool:
            return -1
        ints[pos] = v
        return pos + 1
    if k == K_NONE:
        return pos + 1 if v is None else -1
    if k == K_TUPLE:
        if type(v) is not tuple or len(v) != len(t.items):
            return -1
        for x, item in zip(t.items, v):
            pos = _pack(x, item, ints, dbls, pos)
            if pos < 0:
                return -1
        return pos
    if k == K_ARRAY:
        dtype = _DTYPES.get(t.dtype) or _DTYPES.setdefault(t.dtype, np.dtype(t.dtype))
        if type(v) is not np.ndarray or v.ndim != t.ndim or v.dtype != dtype \
                or not v.flags.writeable:
            return -1   # (dtype equality also rejects a non-native byte order)
        ints[pos] = v.ctypes.data
        shape, strides = v.shape, v.strides
        if t.ndim == 1:
            ints[pos + 1], ints[pos + 2], ints[pos + 3], ints[pos + 4] = shape[0], 1, strides[0], 0
        else:
            ints[pos + 1], ints[pos + 2], ints[pos + 3], ints[pos + 4] = shape[0], shape[1], strides[0], strides[1]
        return pos + 5
    if k == K_NPINT:
        if type(v) is not np.int64:
            return -1
        ints[pos] = int(v)
        return pos + 1
    if k == K_NPFLOAT:
        if type(v) is not np.float64:
            return -1
        dbls[pos] = float(v)
        return pos + 1
    return -1


def _unpack(t: Type, ints, dbls, pos: int):
    k = t.kind
    if k == K_INT:
        return ints[pos], pos + 1
    if k == K_FLOAT:
        return dbls[pos], pos + 1
    if k == K_BOOL:
        return ints[pos] != 0, pos + 1
    if k == K_NONE:
        return None, pos + 1
    if k == K_NPINT:
        return np.int64(ints[pos]), pos + 1
    if k == K_NPFLOAT:
        return np.float64(dbls[pos]), pos + 1
    if k == K_INTX:
        return (np.int64(ints[pos]) if ints[pos + 1] else ints[pos]), pos + 2
    if k == K_FLOATX:
        return (np.float64(dbls[pos]) if ints[pos + 1] else dbls[pos]), pos + 2
    if k == K_TUPLE:
        items = []
        for x in t.items:
            v, pos = _unpack(x, ints, dbls, pos)
            items.append(v)
        return tuple(items), pos
    raise AssertionError(f"cannot return {t}")


def _slot_count(t: Type) -> int:
    return len(lower.flat_kinds(t))


# Argument/result kinds of the C entry (runtime_c/capi/pjentry.c PK_*); a result of any
# other type comes back as raw slots (PK_SLOTS) that NativeSpec.unpack_slots unpacks.
# K_OBJECT (PyObject*, codegen/types.py once object code lands) passes as PK_OBJECT: a
# borrowed pointer in, a new reference out, always with the GIL held (`holds_gil`).
ENTRY_KINDS = {K_INT: 0, K_FLOAT: 1, K_BOOL: 2, K_NONE: 3, "object": 4}
PK_SLOTS = 5
PK_ARRAY = 6    # arguments only: five slots (lower.flat_kinds), checked by the C entry
# results only: numpy scalars (and an int/float that may be one), boxed by the C entry
RESULT_KINDS = {K_NPINT: 7, K_NPFLOAT: 8, K_INTX: 9, K_FLOATX: 10}


def _array_view(t: Type) -> tuple:
    """(type, buffer format, item size, ndim) the C entry checks a PK_ARRAY argument
    against: numpy's own buffer format for the dtype in native byte order, so an array
    of another dtype or byte order (or read-only: the entry asks for a writable buffer)
    goes to the Python path, which rejects it as _pack does."""
    dtype = _DTYPES.get(t.dtype) or _DTYPES.setdefault(t.dtype, np.dtype(t.dtype))
    return (np.ndarray, memoryview(np.empty(1, dtype)).format, dtype.itemsize, t.ndim)


def _c_spec(spec, abi=0):
    """The spec as a C entry spec (protojit._pjentry.Spec), or None when its arguments are
    not all int/float/bool/None/arrays (those calls keep the Python path, `NativeSpec.call`)."""
    from protojit import _pjentry
    kinds = [PK_ARRAY if t.kind == K_ARRAY and abi == 0 else ENTRY_KINDS.get(t.kind)
             for t in spec.arg_types]
    if None in kinds or spec.nargs > _pjentry.MAX_ARGS or spec.nout > _pjentry.MAX_OUT:
        return None
    ret = ENTRY_KINDS.get(spec.return_type.kind, PK_SLOTS) if abi == 0 else ENTRY_KINDS["object"]
    if abi == 0 and spec.return_type.kind in RESULT_KINDS:
        _pjentry.set_numpy_scalars(np.int64, np.float64)   # (numpy is loaded: arrays exist)
        ret = RESULT_KINDS[spec.return_type.kind]
    deps = tuple((g, name, obj) for g, name, obj in spec.deps)
    arrays = tuple(_array_view(t) for t in spec.arg_types if t.kind == K_ARRAY)
    return _pjentry.Spec(spec.address, bytes(kinds), ret, spec.nout if abi == 0 else 1, deps,
                         spec.plans, spec.release_gil, spec, lower.ERR_SLOTS, abi, arrays, spec.callees)
class _NativeCode:
    """What a traceback entry needs from a frame's code."""

    def __init__(self, filename, name):
        self.filename = filename
        self.name = name


def _native_frame(code, globals_, line) -> list:
    """A traceback entry for a guest exception raised in native code: a frame list
    (protojit/frames.py) with only its code (the GuestCode, so that its tb_frame.f_code is
    the function's own; a _NativeCode where none is known), globals and line set."""
    frame = [None] * HEADER
    frame[F_CODE] = code
    frame[F_GLOBALS] = globals_
    frame[F_LINENO] = line
    return frame



class NativeSpec:
    """One compiled specialisation of a guest function (see the module docstring)."""

    def __init__(self, gfn, arg_types, return_type, address, functions, deps, holds_gil=False,
                 release_gil=True):
        self.function = gfn
        self.arg_types = arg_types
        self.return_type = return_type
        self.address = address
        self.holds_gil = holds_gil       # the code touches Python objects: never release the GIL
        self.release_gil = release_gil   # the C entry releases the GIL around the call
        self.entry = (_ENTRY_TYPE_GIL if holds_gil else _ENTRY_TYPE)(address)
        self.codes = [_NativeCode(f.filename, f.guest_name or f.name) for f in functions]
        # (the traceback's frames: the guest function's own code and globals where known)
        self.tb_codes = [(f.guest.code, f.guest.__globals__) if f.guest is not None else (code, None)
                         for f, code in zip(functions, self.codes)]
        seen = {}
        plans = {}
        callees = {}
        for g, name, obj in deps:
            if name is None:   # (NativeCallee, None, guest ctypes function): its call plan
                plans[id(obj)] = (obj, g.plan)
            elif name is CALLEE_CODE:
                callees[id(g)] = (g, obj)
            else:
                seen[(id(g), name)] = (g, name, obj)
        self.deps = tuple(seen.values())
        self.plans = tuple(plans.values())
        self.callees = tuple(callees.values())
        self.nargs = sum(_slot_count(t) for t in arg_types)
        self.nout = _slot_count(return_type)
        # The fast path of call(): the argument kinds, when every argument is a one-slot
        # int, float or bool and the buffers' initial size always suffices.
        self.scalar_args = None
        if all(t.kind in (K_INT, K_FLOAT, K_BOOL) for t in arg_types) \
                and max(self.nargs, self.nout) <= _INITIAL_SLOTS:
            self.scalar_args = tuple(t.kind for t in arg_types)
        self.deopts = 0               # (a statistic: threads may lose an increment)
        self.osr_snapshot = None      # whole-function OSR: the plan of what a Deopt hands back
        self.has_effects = False
        self.unbound_names = functions[0].unbound_names if functions else []
        self.times = {}
        self.ir_ops = 0
        self.cached = False
        self.c_spec = _c_spec(self)   # the C entry's view of it (protojit/tiering.py)
        self.osr_entry = None         # loop regions: their own C entry (protojit/loophooks.py)

    def call(self, args, osr_frame=None, back=None):
        """Run the machine code (see the module docstring). `back`: the caller's guest
        frame (object code's frame links to it). `osr_frame`: the tier-0
        frame of a loop region, which takes the line of a guest exception; an
        exception in a region without effects is a DEOPT (tier 0 re-runs and raises)."""
        for g, name, obj in self.deps:
            if g.get(name, MISSING) is not obj:
                return NOT_APPLICABLE
        for func, plan in self.plans:      # argtypes/restype/errcheck changed: tier 0
            if func._pj_plan is not plan:
                return NOT_APPLICABLE
        if self.callees and not callees_hold(self.callees):
            return NOT_APPLICABLE
        buf = _buffers
        scalars = self.scalar_args
        if scalars is not None:
            # Every argument a one-slot int/float/bool and everything within the buffers'
            # initial size: the checks of _pack, inline.
            ints = buf.args
            pos = 0
            for kind, v in zip(scalars, args):
                if kind == K_INT:
                    if type(v) is not int or not INT64_MIN <= v <= INT64_MAX:
                        return NOT_APPLICABLE
                    ints[pos] = v
                elif kind == K_FLOAT:
                    if type(v) is not float:
                        return NOT_APPLICABLE
                    buf.args_f[pos] = v
                else:
                    if type(v) is not bool:
                        return NOT_APPLICABLE
                    ints[pos] = v
                pos += 1
        else:
            need = max(self.nargs, self.nout)
            if buf.size < need:
                buf.grow(max(need, 2 * buf.size))
            ints, dbls = buf.args, buf.args_f
            pos = 0
            for t, v in zip(self.arg_types, args):
                pos = _pack(t, v, ints, dbls, pos)
                if pos < 0:
                    return NOT_APPLICABLE
        start = native_start_depth(back if back is not None else osr_frame)
        if start is None:
            return NOT_APPLICABLE      # near the recursion limit: tier 0 counts exactly
        buf.err[lower.ERR_DEPTH] = start
        a, o, e = buf.addrs
        status = self.entry(a, o, e)
        if status == ST_OK:
            kind = self.return_type.kind
            if kind == K_FLOAT:
                return buf.out_f[0]
            if kind == K_INT:
                return buf.out[0]
            return _unpack(self.return_type, buf.out, buf.out_f, 0)[0]
        return self.failure(status, buf.err, osr_frame)

    def failure(self, status, err, osr_frame=None):
        """A non-zero status of the machine code, with its error record `err` (lower.py
        ERR_*): a Deopt, or the guest exception raised (with its guest frames). Object
        code's C entry passes the exception it raised as `status`."""
        if isinstance(status, BaseException):
            try:
                return self.object_failure(status, err, osr_frame)
            finally:
                status = None   # (see object_failure: no exception -> traceback -> frame cycle)
        if status == ST_DEOPT:
            self.deopts += 1
            return Deopt(lower.GUARDS[err[lower.ERR_GUARD]], err[lower.ERR_LINE],
                         self.codes[err[lower.ERR_FUNC]].name,
                         self._snapshot(err) if osr_frame is not None else None)
        if status == lower.SIGNAL_STATUS:
            return self._signal_raised(err, osr_frame)
        if status == UNBOUND_STATUS:
            exc = UnboundLocalError(f"cannot access local variable '{self.unbound_names[err[lower.ERR_P0]]}'"
                                    " where it is not associated with a value")
        else:
            exc = exception_for(status, (err[lower.ERR_P0], err[lower.ERR_P1], err[lower.ERR_P2]))
        if osr_frame is not None and not self.has_effects:
            self.deopts += 1
            return Deopt(f"{type(exc).__name__} (re-raised by tier 0)", err[lower.ERR_LINE],
                         self.codes[err[lower.ERR_FUNC]].name, self._snapshot(err))
        self._add_frames(exc, err, osr_frame)
        raise exc

    def _add_frames(self, exc, err, osr_frame) -> None:
        """Give `exc` the guest frames of the native calls it left (innermost first:
        where it was raised, then each native call site)."""
        frames = [(err[lower.ERR_FUNC], err[lower.ERR_LINE])]
        for i in range(min(err[lower.ERR_TB_N], lower.TB_MAX)):
            frames.append((err[lower.ERR_TB + 2 * i], err[lower.ERR_TB + 2 * i + 1]))
        region_line = None
        if osr_frame is not None and frames[-1][0] == 0:
            region_line = frames.pop()[1]   # the region is the tier-0 frame itself
        from protojit.runtime import tracebacks
        alive = [_native_frame(*self.tb_codes[func], line) for func, line in frames]  # distinct ids
        for frame in alive:
            tracebacks.add_frame(exc, frame)
        if region_line is not None:
            # the tier-0 frame's entry now, at the region's line: tier 0's `for` statement
            # would otherwise report an exception from its iterator at the `for` line
            osr_frame[F_LINENO] = region_line
            tracebacks.add_frame(exc, osr_frame)

    def _signal_raised(self, err, osr_frame):
        """A Python signal handler raised while the machine code ran (lower.py
        emit_signal_poll): raise its exception at the guest line of the poll. Never a
        DEOPT, even in a loop region: tier 0 re-running would not see the signal again."""
        from protojit import sigchain
        if osr_frame is not None:
            self._write_back_locals(err, osr_frame)
        try:
            sigchain.raise_pending()
        except BaseException as exc:   # noqa: BLE001 - the handler's exception, re-raised
            self._add_frames(exc, err, osr_frame)
            raise
        # nothing waited (cannot happen): tier 0 re-runs the call
        return Deopt("signal poll", err[lower.ERR_LINE], self.codes[err[lower.ERR_FUNC]].name)

    def _snapshot(self, err):
        """Whole-function OSR's frame state at the last header of its top loop (lower.py
        emit_osr_snapshot): ({local: value}, the range position or None), or None when
        the native code passed no header (or keeps no snapshot)."""
        plan = getattr(self, "osr_snapshot", None)
        if not plan or err[lower.ERR_LOCALS_N] != 1:
            return None
        dump, counted = plan
        values = {}
        for i, (name, kind) in enumerate(dump):
            raw = err[lower.ERR_LOCALS + i]
            if kind == K_FLOAT:
                values[name] = _I64_TO_F64.unpack(_I64_TO_F64_IN.pack(raw))[0]
            elif kind == K_BOOL:
                values[name] = bool(raw)
            else:
                values[name] = raw
        return values, (err[lower.ERR_LOCALS + len(dump)] if counted else None)

    def _write_back_locals(self, err, frame) -> None:
        """A loop region left by a signal handler's exception: its locals' values at that
        point (lower.py ERR_LOCALS) into tier 0's frame (a module's dict for a module-level
        loop), where a `finally` or `except` around the loop reads them."""
        dump = getattr(self, "osr_dump", None)
        if not dump or err[lower.ERR_LOCALS_N] != 1:
            return
        code = frame[F_CODE]
        ns = frame[F_GLOBALS] if frame[F_LOCALS_DICT] is not None else None
        for i, (name, kind) in enumerate(dump):
            raw = err[lower.ERR_LOCALS + i]
            if kind == K_FLOAT:
                value = _I64_TO_F64.unpack(_I64_TO_F64_IN.pack(raw))[0]
            elif kind == K_BOOL:
                value = bool(raw)
            else:
                value = raw
            if ns is not None:
                ns[name] = value
            else:
                frame[HEADER + code.varnames.index(name)] = value

    def unpack_slots(self, raw: bytes):
        """The result from its raw 8-byte slots (the C entry's PK_SLOTS results)."""
        n = len(raw) // 8
        ints = (ctypes.c_int64 * max(n, 1)).from_buffer_copy(raw.ljust(8 * max(n, 1), b"\0"))
        dbls = (ctypes.c_double * max(n, 1)).from_buffer(ints)
        return _unpack(self.return_type, ints, dbls, 0)[0]


_I64_TO_F64_IN = struct.Struct("<q")     # a float local's bits (ERR_LOCALS) back to a float
_I64_TO_F64 = struct.Struct("<d")


# object code's entry: the address of the arguments (a tuple's items here), the error record
_OBJ_ENTRY_TYPE = ctypes.PYFUNCTYPE(ctypes.py_object, ctypes.c_void_p, ctypes.c_void_p)
_TUPLE_ITEMS = tuple.__basicsize__   # offset of a tuple's ob_item (3.11: 24)
# PyObject_GC_UnTrack: a tuple whose items an owned call takes (NULL in it while the call
# runs) is kept out of gc.get_objects()/get_referrers(), which would hand it to guest code
_gc_untrack = ctypes.pythonapi.PyObject_GC_UnTrack
_gc_untrack.argtypes = [ctypes.py_object]
_gc_untrack.restype = None


class Level1Text:
    """What a level-1 compile of an object-code spec made at level 0 needs (for its size,
    jit.codegen_level, or at --tier jit: `quick`): its module (optimised, as bitcode), its
    size in LLVM instructions (`lines`, as codegen_level counts them) and entry, and the
    counter of its entries and loop back-edges (lower.py count_heat), by which tiering.py
    decides it is hot enough."""

    def __init__(self, bitcode: bytes, lines: int, entry: str, poll_limit: str | None, heat):
        self.bitcode = bitcode
        self.lines = lines
        self.entry = entry
        self.poll_limit = poll_limit
        self.heat = heat
        self.due = 0   # the heat at which it is due (tiering.upgrade_heat, when watched)

    def compile(self) -> int:
        """The entry's address in the same code made at level 1."""
        return jit.recompile_bitcode(self.bitcode, self.entry, self.poll_limit)


def _is_closure(gfn) -> bool:
    """Whether guest function `gfn` has free variables (closure cells)."""
    return bool(getattr(getattr(gfn, "code", None), "freevars", None))


class ObjectSpec(NativeSpec):
    """A specialisation in object code (see the module docstring): entered holding the
    GIL; arguments are int64/float/bool/None slots or borrowed object pointers."""

    def __init__(self, gfn, arg_types, return_type, address, functions, deps, keep_alive):
        super().__init__(gfn, arg_types, return_type, address, functions, deps, holds_gil=True,
                         release_gil=False)
        self.frameless = None   # the plan its call sites run instead (_attach_frameless)
        self.entry = _OBJ_ENTRY_TYPE(address)
        self.c_spec = _c_spec(self, abi=1)   # the C entry calls object code's ABI too
        # the header of each call's guest frame (frames.native_frame_header)
        self.frame_header = self.c_spec.frame = native_frame_header(gfn)
        if _is_closure(gfn):
            # A closure: nothing here may hold its function, which holds this spec, whose
            # constants hold its cells (they would outlive it until a collection, where
            # CPython frees them with it): no F_FUNCTION in the header (each call sets
            # its own), no frame kept between calls (pjentry.c keep_free_frame), and
            # `function` weak (below). (tiering._NativeState.release breaks the rest.)
            self.frame_header[F_FUNCTION] = None
            self.c_spec.keep_free_frame = 0
        self.keep_alive = keep_alive      # objects whose addresses the machine code holds
        self.scalar_args = None
        self.objects = True
        self.level1 = None   # a Level1Text while its machine code is level 0's for its size

    def swap_code(self, address: int) -> None:
        """Run the machine code at `address` from now on: the same code compiled again
        (Level1Text), so with the same arguments, constants, caches and guest frames.
        Calls that are running go on in the old code, which stays mapped (MCJIT frees
        nothing); each call reads the address at its start (this spec's entry, and the C
        spec's `fn`, which the C entry and call-site caches call through)."""
        self.address = address
        self.entry = _OBJ_ENTRY_TYPE(address)
        if self.c_spec is not None:
            from protojit import _pjentry
            off = _pjentry.direct_layout()["spec_fn"]
            ctypes.c_void_p.from_address(id(self.c_spec) + off).value = address

    @property
    def function(self):
        """The guest function; a closure's is held weakly (see __init__): None once gone."""
        fn = self._function
        return fn() if type(fn) is weakref.ref else fn

    @function.setter
    def function(self, fn):
        self._function = weakref.ref(fn) if _is_closure(fn) else fn

    def accepts(self, args) -> bool:
        """Whether this spec can run on `args`: its globals are the ones it was compiled
        against, and each argument fits its slot (an object slot takes any value)."""
        if len(args) != len(self.arg_types):
            return False   # defaults filled in for the call it was compiled for, or not
        for g, name, obj in self.deps:
            if g.get(name, MISSING) is not obj:
                return False
        if self.callees and not callees_hold(self.callees):
            return False
        for t, v in zip(self.arg_types, args):
            k = t.kind
            if k == K_OBJECT:
                continue
            if k == K_INT:
                if type(v) is not int or not INT64_MIN <= v <= INT64_MAX:
                    return False
            elif k == K_FLOAT:
                if type(v) is not float:
                    return False
            elif k == K_BOOL:
                if type(v) is not bool:
                    return False
            elif v is not None:
                return False
        return True

    def call(self, args, osr_frame=None, back=None, take=None):
        """Run the code on `args` (NOT_APPLICABLE: it cannot). With `take` (whole-function
        OSR, loophooks._run_whole) the call takes the references of `args` (a tuple made
        for this call: NULL in it afterwards, lower.ERR_OWNED) and, for the slots of
        `osr_frame` listed in `take`, the frame's own: unbound there from its start."""
        if not self.accepts(args):
            return NOT_APPLICABLE
        if type(args) is not tuple:
            args = tuple(args)
        # an error record of the call's own (not the thread's buffers: a __del__ run while
        # the call unwinds may enter native code again)
        err = (ctypes.c_int64 * lower.ERR_SLOTS)()
        e = ctypes.addressof(err)
        # the call's guest frame, as pjentry.c's object_frame_push makes it (the tier-0 frame
        # itself for a loop region); the caller is the thread's published frame
        ts = tstate
        published = ts.frame
        if osr_frame is None:
            frame = self.frame_header.copy()
            frame[F_BACK] = caller = published if back is None else back
            frame[F_FUNCTION] = self.function
            if caller is not None:    # its recursion depth (as pjentry.c's frames)
                frame[F_DEPTH] = caller[F_DEPTH] + 1
        else:
            # on-stack replacement (protojit/loophooks.py): the rest of the call runs in
            # tier 0's frame, whose depth is its own
            frame = osr_frame
            start = native_start_depth(frame)
            if start is None:
                return NOT_APPLICABLE      # near the recursion limit: tier 0 counts exactly
            err[lower.ERR_DEPTH] = start
            if take is not None:
                _gc_untrack(args)   # (made for this call: no one else sees it)
                err[lower.ERR_OWNED] = 1
                for i in take:
                    frame[i] = UNBOUND
        err[lower.ERR_FRAME] = id(frame)
        ts.frame = frame
        try:
            return self.entry(id(args) + _TUPLE_ITEMS, e)   # (`args` keeps them alive)
        except BaseException as exc:
            # the entry copied the failing (function, line) into err just before returning;
            # for an OSR frame too: tier 0's `for` statement then sets its own line (an
            # exception from its iterator), which no longer changes the entry
            from protojit.runtime import tracebacks
            frame[F_LINENO] = err[lower.ERR_LINE]    # (one function per unit)
            tracebacks.add_frame(exc, frame)
            raise
        finally:
            ts.frame = published

    def object_failure(self, exc, err, osr_frame=None):
        """The exception object code raised, entered through the C entry (as call() does):
        err[ERR_FRAME] is the call's guest frame."""
        if osr_frame is None:
            from protojit.runtime import tracebacks
            frame = err[lower.ERR_FRAME]
            if type(frame) is not list:
                frame = _native_frame(*self.tb_codes[0], err[lower.ERR_LINE])
            else:
                frame[F_LINENO] = err[lower.ERR_LINE]
            tracebacks.add_frame(exc, frame)
        # The object code raised it with its context already chained (at its raise, with
        # the handled exception of the native frame); `raise exc` here, where the native
        # frame's handled exceptions are gone, would chain it again to the caller's: in
        # `except TypeError: f()` with f's `except KeyError: raise ValueError`, the
        # ValueError's __context__ became the TypeError and the KeyError was lost.
        context = exc.__context__
        try:
            raise exc
        except BaseException:
            exc.__context__ = context
            raise
        finally:
            # (the traceback holds this frame: with `exc` still in it, exc -> traceback ->
            # frame -> exc is a cycle, and the guest frames' locals the exception keeps
            # (pjexc.c pj_frame_keep) would wait for a collection, not for the handler's end)
            exc = context = None
