"""Lowering of object code: ir.OBJECT_OPS and numeric ops on objects -> calls of the C API.

In: a typed `ir.Function` with `objects` set (build.py's object mode). Out: LLVM IR
in the same function as lower.py's numeric ops (`ObjectLowering` is a mixin of
lower.FunctionLowerer). Native code calls the running CPython's C API directly
(the symbols are in the process) and codegen/slowpaths.py's host functions for rare
paths; it holds the GIL (compiler.ObjectSpec enters it through a PYFUNCTYPE).

Reference counts. Every object value is an owned reference (PyObject *):
  * an object Temp is owned by the op that made it and released right after its
    last use, which is in the same block (build.py's invariant, check.py checks it);
    a value never used is released at once; `Return` takes its value over;
  * an object local (Var slot) owns what it holds (NULL: unbound); Store takes a
    new reference and releases the old; the function's exits release every slot;
  * arguments are the callee's: its entry (lower.emit_entry_obj) takes them over from an
    owned vector (err[ERR_OWNED]: object code's calls, pjentry.c pj_call_site_owned) or
    takes a reference of a borrowed one, and the slots own them (a generator's body
    takes its own reference in its prologue);
  * a return releases the slots in slot order after publishing the caller (pjentry.c
    pj_frame_exit), as CPython pops a frame before it clears its locals.
Errors. An op that fails (NULL or -1 from the C API, FAIL_PYERR in ir.py) leaves a
CPython exception set; its failure block releases the Temps alive at that op and
the boxes made for it, records the guest line, and jumps to the function's error
exit (release the slots, return ST_PYERR). Numeric errors in object code (a
ZeroDivisionError of an unboxed op) set their exception the same way; object code
never deoptimises.
"""
from __future__ import annotations

import array
import ctypes
import sys
import weakref

import llvmlite.ir as L

from protojit.frames import F_LINENO

from . import analysis, directcall, ir, slowpaths
from .errors import ST_PYERR, Unsupported
from .types import K_BOOL, K_FLOAT, K_INT, K_NONE, K_NUM, K_OBJECT

I1 = L.IntType(1)
I32 = L.IntType(32)
I64 = L.IntType(64)
F64 = L.DoubleType()
PTR = L.PointerType()
I8 = L.IntType(8)

# A tagged number (types.K_NUM) in registers and local slots: {tag, int64, double, object}.
# NUM_OBJ: `p` is the value (an owned reference); NUM_INT/NUM_FLOAT/NUM_BOOL: the value is
# the int64 (an exact int) / the double / the int64 0 or 1, and `p` is NULL.
NUMT = L.LiteralStructType([I8, I64, F64, PTR])
NUM_OBJ, NUM_INT, NUM_FLOAT, NUM_BOOL = 0, 1, 2, 3
# The unboxed kinds of local the error exit boxes for the traceback (keep_slots), with
# their slot's LLVM type (lower.lltype's)
_PLAIN_KEPT = {K_INT: I64, K_FLOAT: F64, K_BOOL: I1, K_NONE: I8}
# The error exit's line phi (error_line) carries the guest line in its low 32 bits and,
# above them, which of up to 32 unboxed locals are assigned on every path to the failing
# op (exit_code): a set known when the op is lowered (analysis.assigned_before), so the
# traceback shows an unboxed local only once it has a value, at no cost on the paths
# that do not fail.
LINE_MASK = (1 << 32) - 1
SITE_VARS = 32
# A return releases up to this many locals inline (exit_release), more with one call
EXIT_INLINE = 6
TWO53 = 1 << 53
INT64_MIN = -(1 << 63)

PY_VECTORCALL_ARGUMENTS_OFFSET = 1 << 63
ATTR_CACHE = 4 * 40 + 8   # bytes of runtime_c/capi/pjobj.c's PjAttrCache (4 ways; one per site)
GLOBAL_CACHE = 64   # bytes of its PjGlobalCache (one per global read)
# The entries of a PjAttrCache (pjobj.c PjAttrEntry, AE_SIZE bytes each, ATTR_WAYS of them
# from offset 0), read by inline attribute code: its type (offset 0), version tag (uint32),
# index (int64: >= 0 in the shared keys; IDX_DICT, IDX_SLOT below) and `nentries` (a
# member's offset, or a dict hint), and the PyTypeObject fields it is checked against
# (3.11, 64-bit; pjobj.c asserts the offsets)
ATTR_WAYS, AE_SIZE = 4, 40
AE_VERSION, AE_INDEX, AE_NENTRIES = 8, 16, 24
IDX_DICT, IDX_SLOT = -4, -5
# PyDictObject's ma_keys, ma_values and the dict keys' (pjobj.c Keys311) fields
DICT_KEYS, DICT_VALUES = 32, 40
DK_LOG2_INDEX_BYTES, DK_KIND, DK_NENTRIES, DK_INDICES = 9, 10, 24, 32
TP_FLAGS, TP_VERSION_TAG = 168, 384
VALID_VERSION_TAG = 1 << 19     # Py_TPFLAGS_VALID_VERSION_TAG
# A NULL that the inline attribute code reads when the cache misses (never written, never
# freed: the machine code holds its address)
NO_VALUES = ctypes.c_void_p(None)
# An entry that no type matches (type NULL, index -3: generic), which inline attribute
# code reads when none of a site's entries is the receiver's type
NO_ENTRY = ctypes.create_string_buffer(b"\0" * 16 + (-3).to_bytes(8, "little", signed=True) + b"\0" * 16, 40)
CALL_CACHE = 104    # bytes of runtime_c/capi/pjentry.c's PjCallCache (one per call site)
TUPLE_ITEMS = 3     # PyTupleObject: ob_refcnt, ob_type, ob_size, then ob_item[] (8-byte words)
LIST_ITEMS = 3      # PyListObject: ob_refcnt, ob_type, ob_size, then ob_item (a pointer)
UNPACK_STORE_MAX = 63   # names one pj_unpack_store takes (its num_mask is an i64; pjseq.c's limit 64)
WR_OBJECT = 2       # PyWeakReference: ob_refcnt, ob_type, then wr_object (Py_None once dead)
FUNC_DEFAULTS = 7   # PyFunctionObject: head, globals, builtins, name, qualname, code, defaults
# arrayobject (Modules/arraymodule.c, 3.11): head, ob_size, ob_item (char *), allocated,
# ob_descr (a pointer into the module's static table of typecodes: one address per typecode)
ARRAY_ITEMS, ARRAY_DESCR = 3, 5
ITER_INDEX, ITER_SEQ = 2, 3   # listiterobject/tupleiterobject: head, it_index, it_seq
RANGE_INDEX, RANGE_START, RANGE_STEP, RANGE_LEN = 2, 3, 4, 5   # rangeiterobject (3.11): head, then C longs

_BINARY = {ir.ADD: "Add", ir.SUB: "Subtract", ir.MULT: "Multiply", ir.DIV: "TrueDivide",
           ir.FLOORDIV: "FloorDivide", ir.MOD: "Remainder", ir.POW: "Power",
           ir.MATMULT: "MatrixMultiply", ir.LSHIFT: "Lshift", ir.RSHIFT: "Rshift",
           ir.BITAND: "And", ir.BITOR: "Or", ir.BITXOR: "Xor"}
# The operators pj_binop_dunder (runtime_c/capi/pjobj.c) takes, in the order of its
# g_binops table (the index is its `op` argument)
DUNDER_BINOPS = (ir.ADD, ir.SUB, ir.MULT, ir.DIV, ir.FLOORDIV, ir.MOD, ir.MATMULT, ir.LSHIFT,
                 ir.RSHIFT, ir.BITAND, ir.BITOR, ir.BITXOR)
_RICH = {ir.LT: 0, ir.LTE: 1, ir.EQ: 2, ir.NOTEQ: 3, ir.GT: 4, ir.GTE: 5}
_ICMP = {ir.LT: "<", ir.LTE: "<=", ir.EQ: "==", ir.NOTEQ: "!=", ir.GT: ">", ir.GTE: ">="}
DIGIT_MAX = (1 << 30) - 1    # 3.11 ints: 30-bit digits; one digit holds |v| <= DIGIT_MAX
_UNARY = {ir.USUB: "PyNumber_Negative", ir.UADD: "PyNumber_Positive", ir.INVERT: "PyNumber_Invert"}
_CONVERT = {"s": "PyObject_Str", "r": "PyObject_Repr", "a": "PyObject_ASCII"}
_VARIADIC = ("PyObject_CallFunctionObjArgs", "PyObject_CallMethodObjArgs")


def array_descr(typecode: str) -> int:
    """The address of array.array's descriptor of `typecode` (what an array of it points
    to: arrays of one typecode all share it)."""
    a = array.array(typecode)
    return ctypes.c_void_p.from_address(id(a) + 8 * ARRAY_DESCR).value


def is_obj(v: ir.Value) -> bool:
    return v.type is not None and v.type.kind == K_OBJECT


def names_var(op: ir.Op, var: ir.Var) -> bool:
    """Could `op` write local `var`? Any op other than a Load that names it in a field
    (Store, DelLocal, ForIter's target, LoadMethod's hidden self, Catch's and PopExcInfo's
    locals...): conservative, a new op needs no entry here."""
    if isinstance(op, ir.Load):
        return False
    for v in vars(op).values():
        if v is var or (isinstance(v, (list, tuple)) and any(x is var for x in v)):
            return True
    return False


# frame_at when the guest frame's line may lag behind the code (obj_line_before)
LINE_LAGS = -1
# frame_at after a release set the line on one path only (release_local): the main path's
# line is not known, and the next op or return that needs it sets it again
LINE_UNKNOWN = -2


def lazy_line(op: ir.Op) -> bool:
    """Does `op` set the frame's line on its generic path only (obj_line_before)? The
    int/float operations and math calls: their inline paths call nothing. A numeric loop
    set the line at every line of its body (a call each: nbody's pair loop 15 per pair)."""
    fp = ir.fast_path(op)
    return fp == ir.FAST_INT_FLOAT or fp == ir.FAST_MATH


def is_num(v: ir.Value) -> bool:
    return v.type is not None and v.type.kind == K_NUM


def holds_ref(v: ir.Value) -> bool:
    """Does a value of `v`'s type own a reference to release (an object; a tagged number
    holding one)?"""
    return v.type is not None and v.type.kind in (K_OBJECT, K_NUM)


class ObjectLowering:
    """Mixin of lower.FunctionLowerer: reference counting, boxing, the error exit and
    one `lower_<Op>` per object op. Uses the host's `b`, `f`, `ml`, `fn`, `values`."""

    # -- set-up (called by FunctionLowerer.lower when fn.objects)
    def obj_prologue(self, init_slots: bool = True) -> None:
        """`init_slots` False (a generator's body): obj_init_slots runs later, on its
        first run only (codegen/generators.py)."""
        b = self.b
        self.obj_slots = [self.slots[id(v)] for v in self.fn.locals.values()
                          if v.type is not None and v.type.kind == K_OBJECT]
        # tagged-number locals: NUM_OBJ with NULL is unbound
        self.num_slots = [self.slots[id(v)] for v in self.fn.locals.values() if is_num(v)]
        self.kept_vars = self.error_exit_locals()
        # (the error exit's array for pj_frame_keep: keep_slots; then the shadows of the
        # slots the exit reads, exitstate.py: at the top of the entry block, before any
        # store to a slot)
        self.keep_arr = None
        self.exit_reads: list = []     # (slot, the exit's load of it): exitstate.py
        if self.kept_vars:
            eb = L.IRBuilder(self.f.entry_basic_block)
            eb.position_at_start(self.f.entry_basic_block)
            self.keep_arr = eb.alloca(PTR, size=len(self.kept_vars) + self.shadow_words())
            b.position_at_end(b.block)   # (an IRBuilder's position is an index: moved)
        if init_slots:
            self.obj_init_slots()
        self.box_at_def: set = set()
        self.extra: list = []      # boxes made for the op being lowered (released after it)
        self.exit_arr, self.exit_arr_n = None, 0   # the returns' array for pj_frame_exit
        self.given: set = set()    # (obj_before_op)
        self.slot_arrays: dict = {}    # targets' ids -> their slots' addresses (slot_addresses)
        self.adders: dict = {}         # id(Temp) -> list.append or set.add, its constant value
        self.const_values: dict = {}   # id(Temp of a Const op) -> its value (no boxing)
        self.live_at_op: list = []
        saved = b.block
        # the call's guest frame (compiler.ObjectSpec, pjentry.c): its line is kept current
        # before every op that can run other code or raise (frame_line)
        self.frame_p = b.load(b.gep(self.err, [I64(self.ERR_FRAME)], source_etype=I64), typ=PTR)
        self.frame_has = b.icmp_unsigned("!=", self.frame_p, L.Constant(PTR, None))
        self.frame_at = None
        # (a function with lazy_line ops: a block starts with the line maybe lagging)
        self.lines_lag = any(lazy_line(op) for blk in self.fn.blocks for op in blk.ops)
        # the line an exception caught in this function was raised at (obj_fail -> Catch)
        self.exc_line = b.alloca(I64, name="exc.line")
        # The error exit records the failing op's guest line (a phi: each failure edge gives
        # its line, rather than two stores in each failure block) and the function, then
        # releases the slots; a failing op with nothing to release branches straight to it.
        self.error_exit = self.f.append_basic_block("error.exit")
        b.position_at_end(self.error_exit)
        self.error_line = b.phi(I64, name="error.line")
        self.release_chain: dict = {}    # n -> release_block(n)
        self.signal_raise = None         # signal_raise_block()
        self.store_err(self.ERR_LINE, self.b.and_(self.error_line, I64(LINE_MASK)))
        self.store_err(self.ERR_FUNC, I64(self.ml.index[id(self.fn)]))
        self.keep_slots()
        b.ret(L.Constant(self.rtype, [L.Constant(self.rtype.elements[0], None), I32(ST_PYERR)]))
        b.position_at_end(saved)

    def obj_init_slots(self) -> None:
        """Every object and tagged-number local unbound (NULL)."""
        for slot in self.obj_slots:
            self.b.store(L.Constant(PTR, None), slot)
        for slot in self.num_slots:
            self.b.store(self.num_const_obj(L.Constant(PTR, None)), slot)

    def obj_args(self, pairs) -> None:
        """A generator body's object arguments are borrowed: their slots take a reference.
        (A function's entry hands its references over: lower.emit_entry_obj.)"""
        if self.gen is None:
            return
        for var, arg in pairs:
            if var.type.kind == K_OBJECT:
                self.incref(arg)
            elif var.type.kind == K_NUM:
                self.xincref(self.b.extract_value(arg, 3))

    def error_exit_locals(self) -> list:
        """The locals the error exit hands to the call's guest frame (keep_slots): every
        object and tagged-number local (NULL: unbound), the int/float/bool/None locals with
        a run-time flag, and up to SITE_VARS others, bound where the failing op says so
        (exit_code). Sets self.site_vars, self.assigned_at."""
        out, self.site_vars = [], []
        for v in self.fn.locals.values():
            if v.type is None:
                continue
            kind = v.type.kind
            if kind in (K_OBJECT, K_NUM) or (kind in _PLAIN_KEPT and id(v) in self.flags):
                out.append(v)
            elif kind in _PLAIN_KEPT and v.name.isidentifier() and len(self.site_vars) < SITE_VARS:
                self.site_vars.append(v)
                out.append(v)
        self.assigned_at = analysis.assigned_before(self.fn) if self.site_vars else {}
        return out

    def shadow_words(self) -> int:
        """Words of the shadows of the kept locals' slots and flags (exitstate.py)."""
        from . import exitstate   # (imported at first use: see exitstate.py's last note)
        slots = [self.slots[id(v)] for v in self.kept_vars] + list(self.flags.values())
        return sum(exitstate.words_of(s.allocated_type) for s in slots
                   if isinstance(s, L.AllocaInstr))

    def shadow_exit_reads(self) -> None:
        """Once the function is lowered: the error exit reads the kept locals from their
        shadows in keep_arr, not as phis of every failing op's values (exitstate.py)."""
        from . import exitstate
        if self.keep_arr is not None:
            exitstate.shadow_exit_reads(self.f, self.keep_arr, len(self.kept_vars),
                                        self.exit_reads)

    def exit_load(self, slot, typ):
        """The error exit's load of `slot` (a local's, a flag's), moved to its shadow once
        the function is lowered (shadow_exit_reads)."""
        v = self.b.load(slot, typ=typ)
        self.exit_reads.append((slot, v))
        return v

    def exit_code(self):
        """The error exit's line phi value for a failure here: the line, and the bits of
        the site_vars assigned on every path to the op being lowered (or to the start of
        the block, before its first op; none when unknown)."""
        assigned = self.assigned_at.get(getattr(self, "assign_key", None))
        bits = 0
        if assigned:
            for i, v in enumerate(self.site_vars):
                if id(v) in assigned:
                    bits |= 1 << i
        line = getattr(self, "line_value", None)     # (a run-time line: lower_Reraise)
        if line is not None:
            return self.b.or_(self.b.and_(line, I64(LINE_MASK)), I64(bits << 32))
        return I64((self.line & LINE_MASK) | (bits << 32))

    def keep_slots(self) -> None:
        """The error exit's release of the slots: the locals go to the call's guest frame
        (pjexc.c pj_frame_keep) with their names, which the exception's traceback keeps, so
        that their __del__ runs when the exception goes, as under CPython (tier 0's frame
        list holds them the same way), and its tb_frame.f_locals shows them (unboxed ones
        boxed)."""
        if not self.kept_vars:
            self.release_slots()
            return
        b = self.b
        arr = self.keep_arr
        for i, var in enumerate(self.kept_vars):
            b.store(self.kept_value(var), b.gep(arr, [I64(i)], source_etype=PTR))
        names = tuple(sys.intern(v.name) if v.name.isidentifier() else None for v in self.kept_vars)
        frame = b.select(self.frame_has, self.frame_p, L.Constant(PTR, None))
        self.call("pj_frame_keep", [frame, arr, I64(len(self.kept_vars)), self.const_obj(names)],
                  ret=L.VoidType(), types=[PTR, PTR, I64, PTR])

    def kept_value(self, var):
        """A reference (stolen by pj_frame_keep) to local `var`'s value at the error exit,
        or NULL when it is unbound: an object local's own reference, a tagged number's
        object or a new box, a plain-typed local boxed."""
        b = self.b
        kind = var.type.kind
        slot = self.slots[id(var)]
        if kind == K_OBJECT:
            return self.exit_load(slot, PTR)
        blocks, values = [], []
        if kind == K_NUM:
            s = self.exit_load(slot, NUMT)
            # (NUM_OBJ: its reference, NULL when unbound; an unboxed number: a new box)
            unboxed = b.icmp_unsigned("!=", b.extract_value(s, 0), I8(NUM_OBJ))
            box = lambda: self.num_box_new(s)
            blocks.append(b.block)
            values.append(b.extract_value(s, 3))
        else:
            flag = self.flags.get(id(var))
            if flag is not None:
                unboxed = self.exit_load(flag, I1)
            else:
                bit = b.lshr(self.error_line, I64(32 + self.site_vars.index(var)))
                unboxed = b.trunc(bit, I1)
            box = lambda: self.plain_box_new(kind, self.exit_load(slot, _PLAIN_KEPT[kind]))
            blocks.append(b.block)
            values.append(L.Constant(PTR, None))
        boxing = self.f.append_basic_block("keep.box")
        done = self.f.append_basic_block("keep.done")
        b.cbranch(unboxed, boxing, done)
        b.position_at_end(boxing)
        values.append(box())
        blocks.append(b.block)
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(PTR)
        for v, blk in zip(values, blocks):
            phi.add_incoming(v, blk)
        return phi

    def plain_box_new(self, kind: str, v):
        """A new reference to the object for unboxed value `v` of kind `kind` (NULL on error)."""
        if kind == K_INT:
            return self.call("PyLong_FromLongLong", [v], types=[I64])
        if kind == K_FLOAT:
            return self.call("PyFloat_FromDouble", [v], types=[F64])
        if kind == K_BOOL:
            return self.bool_obj(v)
        p = self.const_obj(None)
        self.incref(p)
        return p

    def exit_release(self) -> None:
        """A return's release of the slots (a function's: release_slots for a generator's
        body), in slot order, the caller published first if one frees an object
        (pjentry.c pj_frame_exit)."""
        if self.gen is not None:
            self.release_slots()
            return
        b = self.b
        values = []
        for v in self.fn.locals.values():
            if v.type is not None and v.type.kind == K_OBJECT:
                values.append(b.load(self.slots[id(v)], typ=PTR))
            elif is_num(v):
                values.append(b.extract_value(b.load(self.slots[id(v)], typ=NUMT), 3))
        if not values:
            return
        if len(values) <= EXIT_INLINE:
            # each release a decrement inline; the last reference of an object goes to C
            # (publish the caller, then free it): a return that frees nothing makes no call
            null = L.Constant(PTR, None)
            for p in values:
                with b.if_then(b.icmp_unsigned("!=", p, null)):
                    n = b.load(p, typ=I64)
                    with b.if_else(b.icmp_signed("==", n, I64(1)), likely=False) as (last, live):
                        with last:
                            self.call("pj_frame_release_last", [self.frame_p, p], ret=L.VoidType(),
                                      types=[PTR, PTR])
                        with live:
                            b.store(b.sub(n, I64(1)), p)
            return
        if self.exit_arr is None or self.exit_arr_n < len(values):
            self.exit_arr, self.exit_arr_n = self.entry_alloca(PTR, len(values)), len(values)
        for i, p in enumerate(values):
            b.store(p, b.gep(self.exit_arr, [I64(i)], source_etype=PTR))
        self.call("pj_frame_exit", [self.frame_p, self.exit_arr, I64(len(values))],
                  ret=L.VoidType(), types=[PTR, PTR, I64])

    def release_slots(self) -> None:
        for slot in self.obj_slots:
            self.xdecref(self.b.load(slot, typ=PTR))
        for slot in self.num_slots:
            self.num_release(self.b.load(slot, typ=NUMT))

    # -- per block / per op bookkeeping (FunctionLowerer.lower calls these)
    def obj_line_before(self, op: ir.Op) -> None:
        """The guest frame's line before `op`: set for an op that can raise or run other
        code (frame_line), except an op whose inline path runs no other code and whose
        operands, when it is taken, are exact ints/floats (their release runs no guest
        code either): its generic path sets the line (in_slow_path), its failures record
        their own (obj_fail). After such an op the frame's line may lag (LINE_LAGS) until
        the next op sets it; a release that may run a __del__ (num_release of a boxed
        object, an object local's old value) and a return set it first."""
        if isinstance(op, ir.Return):
            if self.frame_at == LINE_LAGS or self.frame_at == LINE_UNKNOWN:
                self.frame_line(op.line)
            return
        if not op.pyerr():
            return
        if lazy_line(op):
            if self.frame_at != op.line:
                self.frame_at = LINE_LAGS
            return
        self.frame_line(op.line)

    def line_now(self) -> None:
        """Set the frame's line to the current op's on this path only (a slow path of a
        lazy_line op, a release after one): frame_at, which describes the main path, stays."""
        if self.line:
            self.b.call(self.set_line_function(), [self.frame_p, self.const_obj(self.line)])

    def frame_line(self, line: int) -> None:
        """Set the guest frame's F_LINENO to `line` (once per line in a block): what a
        callee walking the stack (sys._getframe(1).f_lineno, inspect, warnings) or a
        traceback reads for this native frame."""
        if line == self.frame_at or not line:
            return
        self.frame_at = line
        self.b.call(self.set_line_function(), [self.frame_p, self.const_obj(line)])

    def set_line_function(self) -> L.Function:
        """The module's `void set_line(frame, line)`: with a guest frame, its F_LINENO
        slot takes a new reference to `line` and releases the old. Out of line: inline,
        its two blocks and ten instructions at every line of every block were a tenth of
        the LLVM IR of big object functions (hexiom's), and the inline copy made its
        release through a call of Py_DecRef anyway (one call per line either way)."""
        ml = self.ml
        f = ml.externs.get("$set_line")
        if f is not None:
            return f
        f = L.Function(ml.module, L.FunctionType(L.VoidType(), [PTR, PTR]),
                       f"{ml.module.name}.set_line")
        f.linkage = "internal"
        f.attributes.add("noinline")
        ml.externs["$set_line"] = f
        saved_b, saved_f = self.b, self.f
        self.b = b = L.IRBuilder(f.append_basic_block("entry"))
        self.f = f
        try:
            frame_p, new = f.args
            has, done = f.append_basic_block("has"), f.append_basic_block("done")
            b.cbranch(b.icmp_unsigned("!=", frame_p, L.Constant(PTR, None)), has, done)
            b.block.instructions[-1].set_weights([1000, 1])
            b.position_at_end(has)
            items = b.load(b.gep(frame_p, [I64(LIST_ITEMS)], source_etype=I64), typ=PTR)
            slot = b.gep(items, [I64(F_LINENO)], source_etype=PTR)
            old = b.load(slot, typ=PTR)
            self.incref(new)
            b.store(new, slot)
            # Py_XDECREF(old) inline: the call of set_line replaces the call of Py_DecRef
            # that the inline copy made, so a line costs one call as before
            dealloc = f.append_basic_block("dealloc")
            with b.if_then(b.icmp_unsigned("!=", old, L.Constant(PTR, None)), likely=True):
                n = b.sub(b.load(old, typ=I64), I64(1))
                b.store(n, old)
                b.cbranch(b.icmp_signed("==", n, I64(0)), dealloc, done)
                b.block.instructions[-1].set_weights([1, 1000])
            b.ret_void()
            b.position_at_end(dealloc)
            self.call("_Py_Dealloc", [old], ret=L.VoidType())
            b.ret_void()
            b.position_at_end(done)
            b.ret_void()
        finally:
            self.b, self.f = saved_b, saved_f
        return f

    def obj_block_start(self, block: ir.Block) -> None:
        """Last use (op index) of each object Temp of this block."""
        self.frame_at = LINE_LAGS if self.lines_lag else None
        self.block_ops = block.ops
        self.item_base: dict = {}     # id(unpack result) -> pointer to its items (unpack_items)
        self.fused_through = -1       # the ops up to this index were lowered with an earlier one
        self.last_use: dict[int, int] = {}
        self.defined: list[tuple[int, ir.Temp]] = []
        self.box_at_def = set()
        self.unboxed_stores = self.stored_numbers(block.ops)
        for i, op in enumerate(block.ops):
            for s in op.sources():
                if isinstance(s, ir.Temp) and holds_ref(s):
                    self.last_use[id(s)] = i
                    if is_num(s) and ir.uses_as_object(op, s) and id(s) not in self.unboxed_stores:
                        self.box_at_def.add(id(s))
        self.borrowed = self.borrowed_loads(block.ops)

    @staticmethod
    def stored_numbers(ops) -> set:
        """The tagged numbers made by arithmetic in this block whose one use is as the
        value of an attribute store or a fast-path item store (`p.x = p.x + d`,
        `v[0] -= d`). No other code sees their object, so they need not be boxed where
        they are made (materialise): the store boxes them, or writes the double into
        the float it replaces when the slot held that float's only reference
        (store_number: no allocation, no release)."""
        uses: dict[int, int] = {}
        for op in ops:
            for s in op.sources():
                uses[id(s)] = uses.get(id(s), 0) + 1
        made = {id(op.result) for op in ops if isinstance(op, (ir.BinOp, ir.UnaryOp))}
        found = set()
        for op in ops:
            v = getattr(op, "value", None)
            if not (isinstance(v, ir.Temp) and is_num(v) and id(v) in made and uses[id(v)] == 1):
                continue
            if isinstance(op, ir.SetAttr) or (isinstance(op, ir.SetItem)
                                              and ir.fast_path(op) == ir.FAST_SEQ):
                found.add(id(v))
        return found

    def borrowed_loads(self, ops) -> set:
        """The object Temps loaded from a local that can borrow the local's reference:
        nothing from the load to the Temp's last use stores into or deletes that local
        (no other code writes a native frame's locals: functions that could, through
        locals() or frames, are not compiled), so the local keeps the object alive. Such
        a Temp costs no incref and no release (`self.x` reads of a method: two calls per
        read less); an op that takes a reference over (a store, a return) takes a new one."""
        borrowed = set()
        for i, op in enumerate(ops):
            if not (isinstance(op, ir.Load) and is_obj(op.result)):
                continue
            end = self.last_use.get(id(op.result))
            if end is None:
                continue
            if not any(names_var(o, op.var) for o in ops[i + 1:end + 1]):
                borrowed.add(id(op.result))
        return borrowed

    def obj_before_op(self, i: int, op: ir.Op) -> None:
        self.op_index = i
        self.extra = []
        self.stolen: set[int] = set()
        self.given: set[int] = set()   # stolen Temps the op gives away, failing or not

    def obj_after_op(self, i: int, op: ir.Op) -> None:
        for p in self.extra:
            self.decref(p)
        self.extra = []
        d = op.dest
        if d is not None and id(d) in self.box_at_def:
            self.materialise(op)
        if d is not None and holds_ref(d):
            if id(d) in self.borrowed:
                pass                  # (the local's reference)
            elif id(d) in self.last_use:
                self.defined.append((i, d))
            elif not isinstance(op, ir.TERMINATORS):
                self.release(d)       # never used: release at once
        if isinstance(op, ir.TERMINATORS):
            return
        done = set()
        for s in op.sources():
            if isinstance(s, ir.Temp) and holds_ref(s) and id(s) not in done \
                    and self.last_use.get(id(s)) == i and id(s) not in self.stolen \
                    and id(s) not in self.borrowed:
                done.add(id(s))
                self.release(s)

    def release(self, v: ir.Temp) -> None:
        if is_num(v):
            self.num_release(self.get(v))
        else:
            self.decref(self.get(v))

    def live_temps(self) -> list:
        """The references (PyObject *, maybe NULL) held by the object Temps and tagged
        numbers alive at the current op (its operands included)."""
        i = self.op_index
        return [self.b.extract_value(self.get(t), 3) if is_num(t) else self.get(t)
                for j, t in self.defined
                if j < i and self.last_use[id(t)] >= i and id(t) not in self.given]

    # -- failure
    def obj_fail(self, also=()) -> None:
        """Emit, at the current position, the unwinding of a failed op: release what is
        alive, record the line, go to the error exit. Ends the current block."""
        if self.leaves_function():
            self.branch_releasing(self.failure_refs(also))
            return
        for p in self.failure_refs(also):
            self.decref(p)
        op = getattr(self, "cur_op", None)
        scope = getattr(op, "scope", None)
        if scope is not None and hasattr(scope, "filename"):
            self.scope_entry(scope)
        handler = getattr(op, "handler", None)
        if handler is not None:
            # caught in this function: its landing block (a Catch) takes it from here
            line = getattr(self, "line_value", None)
            self.b.store(I64(self.line) if line is None else line, self.exc_line)
            self.b.branch(self.blocks[id(handler)])
            return
        self.to_error_exit()

    def failure_refs(self, also=()) -> list:
        """What a failure of the current op releases, in order: `also`, the op's boxes,
        the Temps alive at it, newest first (CPython's unwinding pops its value stack
        from the top: in `[P(), Q() + 1, 1 + "s"]` the sum's result goes before P()'s
        object, which a __del__ shows)."""
        return list(also) + self.extra + self.live_temps()[::-1]

    def leaves_function(self) -> bool:
        """Does a failure of the current op go straight to the error exit (no handler in
        this function, no inlined comprehension's traceback entry)?"""
        op = getattr(self, "cur_op", None)
        if getattr(op, "handler", None) is not None:
            return False
        scope = getattr(op, "scope", None)
        return not (scope is not None and hasattr(scope, "filename"))

    def branch_releasing(self, refs, cond=None, cont=None) -> None:
        """End the current block with a branch that releases `refs` in order and reaches
        the error exit with this op's line, through the function's release chain
        (release_block); with `cond`, only when it holds (else on to `cont`)."""
        b = self.b
        here = b.block
        code = self.exit_code()     # (made here: release_block moves the builder)
        if refs:
            target, line, qs = self.release_block(len(refs))
            line.add_incoming(code, here)
            for q, r in zip(qs, refs):
                q.add_incoming(r, here)
            b.position_at_end(here)
        else:
            target = self.error_exit
            self.error_line.add_incoming(code, here)
        if cond is None:
            b.branch(target)
        else:
            b.cbranch(cond, target, cont)
            b.block.instructions[-1].set_weights([1, 1000])

    def release_block(self, n: int):
        """The function's landing block that releases n references and goes on to the
        error exit: (block, its line phi, its n reference phis, released first to last).
        Block n releases its first and hands the rest to block n-1, so every failing op
        of the function shares one chain (as CPython's exception table shares cleanup)
        instead of a block with its own Py_DecRef calls per op: those copies were ~40%
        of the calls in big object functions and LLVM's time grows with both. Made at
        first use; the builder's position is not kept."""
        chain = self.release_chain
        if n in chain:
            return chain[n]
        nxt = self.release_block(n - 1) if n > 1 else None
        b = self.b
        blk = self.f.append_basic_block(f"release{n}")
        b.position_at_end(blk)
        line = b.phi(I64, name="rel.line")
        qs = [b.phi(PTR, name="rel") for _ in range(n)]
        self.decref(qs[0])
        if nxt is None:
            self.error_line.add_incoming(line, blk)
            b.branch(self.error_exit)
        else:
            nblk, nline, nqs = nxt
            nline.add_incoming(line, blk)
            for q, r in zip(nqs, qs[1:]):
                q.add_incoming(r, blk)
            b.branch(nblk)
        chain[n] = (blk, line, qs)
        return chain[n]

    def signal_raise_block(self):
        """The function's block that makes the exception a Python signal handler raised
        (runtime_c/signal.c keeps it) this thread's and goes to the error exit, for the
        polls with nothing to release: (block, its line phi). Each poll had its own copy
        (three slots, two calls, three loads). Made at first use; keeps the builder's
        position."""
        if self.signal_raise is not None:
            return self.signal_raise
        b = self.b
        saved = b.block
        blk = self.f.append_basic_block("signal.raise")
        b.position_at_end(blk)
        line = b.phi(I64, name="signal.line")
        parts = [self.entry_alloca(PTR) for _ in range(3)]
        take = self.ml.extern("pj_signal_take", I32, [PTR, PTR, PTR])
        b.call(take, parts)
        self.call("PyErr_Restore", [b.load(p, typ=PTR) for p in parts], ret=L.VoidType())
        self.error_line.add_incoming(line, blk)
        b.branch(self.error_exit)
        b.position_at_end(saved)
        self.signal_raise = (blk, line)
        return self.signal_raise

    def to_error_exit(self) -> None:
        """Branch to the error exit, for the current guest line (its phi)."""
        self.error_line.add_incoming(self.exit_code(), self.b.block)
        self.b.branch(self.error_exit)

    def scope_entry(self, code) -> None:
        """The exception being raised inside an inlined comprehension gets that
        comprehension's traceback entry (slowpaths.comprehension_frame), as CPython's
        own frame for it would give, before this function's."""
        b = self.b
        slots = [self.entry_alloca(PTR) for _ in range(3)]
        self.call("PyErr_Fetch", slots, ret=L.VoidType())
        self.call("PyErr_NormalizeException", slots, ret=L.VoidType())
        t, v, tb = (b.load(s, typ=PTR) for s in slots)
        has_tb = b.icmp_unsigned("!=", tb, L.Constant(PTR, None))
        with b.if_then(has_tb):
            self.call("PyException_SetTraceback", [v, tb], ret=I32)
        r = self.call_host(slowpaths.comprehension_frame, [v, self.const_obj(code),
                                                          self.const_obj(self.line)])
        with b.if_else(b.icmp_unsigned("==", r, L.Constant(PTR, None))) as (failed, ok):
            with failed:
                self.call("PyErr_Clear", [], ret=L.VoidType(), types=[])
            with ok:
                self.decref(r)
        self.call("PyErr_Restore", [t, v, tb], ret=L.VoidType())

    def error_if(self, cond, also=()) -> None:
        """Continue when `cond` is false; else unwind with the CPython exception set."""
        # (Store, Return and Load box unboxed values for objects: MemoryError only)
        if not self.cur_op.pyerr() and not isinstance(self.cur_op, (ir.Store, ir.Return, ir.Load,
                                                                    ir.Yield)):
            raise Unsupported(f"internal: {type(self.cur_op).__name__} fails but is not FAIL_PYERR")
        cont = self.f.append_basic_block("ok")
        if self.leaves_function():
            # released through the shared chain, or nothing to release: the failure edge
            # goes to the chain or the error exit itself (a block less per such op:
            # LLVM's time grows with the blocks)
            self.branch_releasing(self.failure_refs(also), cond, cont)
            self.b.position_at_end(cont)
            return
        fail = self.f.append_basic_block("pyerr")
        self.b.cbranch(cond, fail, cont)
        self.b.block.instructions[-1].set_weights([1, 1000])
        self.b.position_at_end(fail)
        self.obj_fail(also)
        self.b.position_at_end(cont)

    def check_null(self, p, also=()):
        self.error_if(self.b.icmp_unsigned("==", p, L.Constant(PTR, None)), also)
        return p

    def check_neg(self, r, also=()):
        self.error_if(self.b.icmp_signed("<", r, r.type(0)), also)
        return r

    def set_error(self, exc_type, message: str) -> None:
        """PyErr_SetObject(exc_type, message) (numeric errors raised in object code). No
        C string: a global in the module would need a 32-bit address (small code model)."""
        fn = self.capi("PyErr_SetObject", L.VoidType(), [PTR, PTR])
        self.b.call(fn, [self.const_obj(exc_type), self.const_obj(message)])

    # -- C API and constants
    def capi(self, name, ret, args, var_arg=False) -> L.Function:
        f = self.ml.externs.get(name)
        if f is None:
            f = self.ml.module.globals.get(name)
            if f is None:
                f = L.Function(self.ml.module, L.FunctionType(ret, args, var_arg=var_arg), name)
            self.ml.externs[name] = f
        return f

    def call(self, name, args, ret=PTR, types=None):
        if name in _VARIADIC:    # declared as in C: a prototype fixed by its first use
            fn = self.capi(name, ret, [PTR], var_arg=True)   # broke calls with other counts
        else:
            fn = self.capi(name, ret, types if types is not None else [PTR] * len(args))
        return self.b.call(fn, args)

    def call_host(self, func, args):
        """func(*args) for a host function (slowpaths)."""
        return self.call("PyObject_CallFunctionObjArgs",
                         [self.const_obj(func), *args, L.Constant(PTR, None)])

    def const_obj(self, obj):
        """The address of a host object as a constant; the spec keeps `obj` alive."""
        self.ml.keep_alive.append(obj)
        return L.Constant(I64, id(obj)).inttoptr(PTR)

    def site_cache(self, size: int):
        """Zeroed memory for one site's inline cache (runtime_c/capi/pjobj.c), owned by
        the spec like the constants (`keep_alive`)."""
        buf = ctypes.create_string_buffer(size)
        self.ml.keep_alive.append(buf)
        return L.Constant(I64, ctypes.addressof(buf)).inttoptr(PTR)

    def interned(self, name: str):
        import sys
        return self.const_obj(sys.intern(name))

    # -- reference counts (3.11: no immortal objects; ob_refcnt is the first word)
    def incref(self, p) -> None:
        b = self.b
        n = b.load(p, typ=I64)
        b.store(b.add(n, I64(1)), p)

    def decref(self, p) -> None:
        # A call of the C API's Py_DecRef rather than inline code: two blocks less per
        # release keeps LLVM's time per function (--tier jit compiles every one) down.
        self.call("Py_DecRef", [p], ret=L.VoidType())

    def xdecref(self, p) -> None:
        self.call("Py_DecRef", [p], ret=L.VoidType())     # Py_DecRef(NULL) does nothing

    def xincref(self, p) -> None:
        b = self.b
        with b.if_then(b.icmp_unsigned("!=", p, L.Constant(PTR, None))):
            self.incref(p)

    # -- tagged numbers (types.K_NUM, NUMT)
    def num_make(self, tag, i=None, d=None, p=None):
        b = self.b
        s = b.insert_value(L.Constant(NUMT, None), I8(tag) if isinstance(tag, int) else tag, 0)
        if i is not None:
            s = b.insert_value(s, i, 1)
        if d is not None:
            s = b.insert_value(s, d, 2)
        return b.insert_value(s, p if p is not None else L.Constant(PTR, None), 3)

    def num_const_obj(self, p):
        return L.Constant(NUMT, [I8(NUM_OBJ), I64(0), F64(0.0), p])

    def num_release(self, s) -> None:
        """Release the reference a tagged number holds (none when it is unboxed): the
        call only when there is one, which is rare in a numeric loop."""
        b = self.b
        p = b.extract_value(s, 3)
        stale = self.frame_at != self.line
        with b.if_then(b.icmp_unsigned("!=", p, L.Constant(PTR, None)), likely=False):
            if stale:
                self.line_now()           # (its __del__ may read the line: release_local)
            self.decref(p)
        if stale and self.frame_at != LINE_LAGS:
            self.frame_at = LINE_UNKNOWN

    def to_num(self, v: ir.Value):
        """`v` as a tagged number that owns its reference (a new one)."""
        k = v.type.kind
        if k == K_NUM:
            s = self.get(v)
            self.xincref(self.b.extract_value(s, 3))
            return s
        if k == K_INT:
            return self.num_make(NUM_INT, i=self.get(v))
        if k == K_FLOAT:
            return self.num_make(NUM_FLOAT, d=self.get(v))
        if k == K_BOOL:
            return self.num_make(NUM_BOOL, i=self.b.zext(self.get(v), I64))
        return self.num_make(NUM_OBJ, p=self.owned(v))

    def num_box_new(self, s):
        """A new reference to the object for tagged number `s` (NULL on error): its own
        object, or a new int/float, or True/False. One out-of-line function per module
        (num_box_function): the boxing is on slow paths, and a copy at each of them made
        the IR (and LLVM's time) grow by half."""
        b = self.b
        return b.call(self.num_box_function(), [b.extract_value(s, i) for i in range(4)])

    def num_box_function(self) -> L.Function:
        ml = self.ml
        f = ml.externs.get("$num_box")
        if f is not None:
            return f
        f = L.Function(ml.module, L.FunctionType(PTR, [I8, I64, F64, PTR]), f"{ml.module.name}.num_box")
        f.linkage = "internal"
        f.attributes.add("noinline")
        ml.externs["$num_box"] = f
        saved_b, saved_f = self.b, self.f
        self.b = b = L.IRBuilder(f.append_basic_block("entry"))
        self.f = f
        try:
            tag, i, d, p = f.args
            blocks = [f.append_basic_block(n) for n in ("obj", "int", "float", "bool", "num", "fb")]
            # (branches, not a switch: no jump table)
            b.cbranch(b.icmp_unsigned("==", tag, I8(NUM_OBJ)), blocks[0], blocks[4])
            b.position_at_end(blocks[4])
            b.cbranch(b.icmp_unsigned("==", tag, I8(NUM_INT)), blocks[1], blocks[5])
            b.position_at_end(blocks[5])
            b.cbranch(b.icmp_unsigned("==", tag, I8(NUM_FLOAT)), blocks[2], blocks[3])
            b.position_at_end(blocks[0])
            self.incref(p)
            b.ret(p)
            b.position_at_end(blocks[1])
            b.ret(self.call("PyLong_FromLongLong", [i], types=[I64]))
            b.position_at_end(blocks[2])
            b.ret(self.call("PyFloat_FromDouble", [d], types=[F64]))
            b.position_at_end(blocks[3])
            b.ret(self.bool_obj(b.icmp_signed("!=", i, I64(0))))
        finally:
            self.b, self.f = saved_b, saved_f
        return f

    def materialise(self, op: ir.Op) -> None:
        """Box the tagged number `op` made, once (typed uses that need an object follow):
        its Temp then holds the object. A local's load writes the object back into the
        local, so that later loads give the same object, as CPython's local would."""
        b = self.b
        s = self.get(op.dest)
        unboxed = b.icmp_unsigned("!=", b.extract_value(s, 0), I8(NUM_OBJ))
        before = b.block
        box_blk = self.f.append_basic_block("num.box")
        done = self.f.append_basic_block("num.boxed")
        b.cbranch(unboxed, box_blk, done)
        b.position_at_end(box_blk)
        p = self.check_null(self.num_box_new(s))
        boxed = self.num_make(NUM_OBJ, p=p)
        if isinstance(op, ir.Load):
            self.incref(p)            # (the local's reference; the Temp has its own)
            b.store(boxed, self.slots[id(op.var)])
        box_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(NUMT)
        phi.add_incoming(s, before)
        phi.add_incoming(boxed, box_end)
        self.put(op.dest, phi)

    # -- boxing
    def box_new(self, v, t):
        """A new reference to the object for unboxed `v` of type `t` (NULL on error)."""
        b = self.b
        k = t.kind
        if k == K_INT:
            return self.call("PyLong_FromLongLong", [v], types=[I64])
        if k == K_FLOAT:
            return self.call("PyFloat_FromDouble", [v], types=[F64])
        if k == K_BOOL:
            p = b.select(v, self.const_obj(True), self.const_obj(False))
        elif k == K_NONE:
            p = self.const_obj(None)
        else:
            raise Unsupported(f"boxing a {t}")
        self.incref(p)
        return p

    def obj(self, v: ir.Value):
        """`v` as a PyObject * for the current op: an object Temp as it is (borrowed), a
        constant as the constant object, anything else unboxed boxed (released after the
        op, or by its failure path)."""
        if is_obj(v):
            return self.get(v)
        if is_num(v):
            return self.num_obj(v)
        const = self.const_values.get(id(v), self)
        if const is not self:
            return self.const_obj(const)
        p = self.box_new(self.get(v), v.type)
        if v.type.kind in (K_INT, K_FLOAT):
            self.check_null(p)
        self.extra.append(p)
        return p

    def num_obj(self, v: ir.Value):
        """Tagged number `v` as a PyObject * for the current op: its object (borrowed),
        or a box made for the op (released after it). Boxed once where it was made when
        a use needs an object (materialise), so the box here is for a fast path's
        generic fallback only."""
        b = self.b
        s = self.get(v)
        if id(v) in self.box_at_def:
            return b.extract_value(s, 3)
        is_obj_tag = b.icmp_unsigned("==", b.extract_value(s, 0), I8(NUM_OBJ))
        p = self.select_block(is_obj_tag, lambda: b.extract_value(s, 3),
                              lambda: self.check_null(self.num_box_new(s)), PTR)
        self.extra.append(b.select(is_obj_tag, L.Constant(PTR, None), p))
        return p

    def owned(self, v: ir.Value):
        """A new reference to `v` (for a store or a stolen slot)."""
        if is_obj(v):
            p = self.get(v)
            self.incref(p)
            return p
        if is_num(v):
            return self.check_null(self.num_box_new(self.get(v)))
        p = self.box_new(self.get(v), v.type)
        if v.type.kind in (K_INT, K_FLOAT):
            self.check_null(p)
        return p

    def args_array(self, values, lead=1):
        """A stack array of `lead` spare slots then `values` (vectorcall's argument vector;
        the spare slot lets the callee prepend `self` without copying)."""
        b = self.b
        n = lead + len(values)
        arr = self.entry_alloca(PTR, max(n, 1))
        for i, p in enumerate(values):
            b.store(p, b.gep(arr, [I64(lead + i)], source_etype=PTR))
        return arr

    def entry_alloca(self, ty, count: int = 1):
        eb = self.entry_builder
        eb.position_at_start(self.f.entry_basic_block)
        return eb.alloca(ty, size=count)

    # -- locals
    def obj_load(self, op: ir.Load) -> None:
        b = self.b
        p = b.load(self.slots[id(op.var)], typ=PTR)
        if id(op.var) in self.fn.maybe_unbound:
            self.error_if_unbound(b.icmp_unsigned("==", p, L.Constant(PTR, None)), op.var.name)
        if id(op.result) not in self.borrowed:
            self.incref(p)
        self.put(op.result, p)

    def error_if_unbound(self, unbound, name: str) -> None:
        """CPython's UnboundLocalError when `unbound` (an i1) is true."""
        b = self.b
        fail = self.f.append_basic_block("unbound")
        cont = self.f.append_basic_block("bound")
        b.cbranch(unbound, fail, cont)
        b.position_at_end(fail)
        self.set_error(UnboundLocalError, f"cannot access local variable '{name}' "
                                          "where it is not associated with a value")
        self.obj_fail()
        b.position_at_end(cont)

    def steals(self, v: ir.Value) -> bool:
        """Can the current op take over Temp `v`'s reference? Yes at its last use (the
        release after the op would undo the new reference the op takes): a store of a
        call's result into a local then costs no incref and no release (an unpacking of
        ten names: twenty calls less)."""
        if isinstance(v, ir.Temp) and holds_ref(v) and id(v) not in self.stolen \
                and id(v) not in self.borrowed and self.last_use.get(id(v)) == self.op_index:
            self.stolen.add(id(v))
            return True
        return False

    def obj_store(self, op: ir.Store) -> None:
        slot = self.slots[id(op.var)]
        new = self.get(op.value) if is_obj(op.value) and self.steals(op.value) else self.owned(op.value)
        old = self.b.load(slot, typ=PTR)
        self.b.store(new, slot)
        self.release_local(old)

    def release_local(self, old) -> None:
        """Release a local's old value (NULL: none). Its __del__ may read this frame's line
        (sys._getframe(1).f_lineno, a traceback), which may not be this op's: lagging, or
        still an earlier line's when no op of this line set it (`a, b = b, n` on a line of
        its own: a __del__ saw the line before). Set first; from an earlier line, only
        where the release frees the object, so a store that frees nothing costs a compare."""
        if self.frame_at == LINE_LAGS:
            self.frame_line(self.line)
        elif self.frame_at != self.line and self.line:
            b = self.b
            with b.if_then(b.icmp_unsigned("!=", old, L.Constant(PTR, None))):
                with b.if_then(b.icmp_signed("==", b.load(old, typ=I64), I64(1)), likely=False):
                    self.line_now()
            self.frame_at = LINE_UNKNOWN
        self.xdecref(old)

    def num_load(self, op: ir.Load) -> None:
        """A tagged-number local: the value, with a new reference to its object if any."""
        b = self.b
        s = b.load(self.slots[id(op.var)], typ=NUMT)
        p = b.extract_value(s, 3)
        if id(op.var) in self.fn.maybe_unbound:
            self.error_if_unbound(b.and_(b.icmp_unsigned("==", b.extract_value(s, 0), I8(NUM_OBJ)),
                                         b.icmp_unsigned("==", p, L.Constant(PTR, None))),
                                  op.var.name)
        self.xincref(p)
        self.put(op.result, s)

    def num_store(self, op: ir.Store) -> None:
        slot = self.slots[id(op.var)]
        new = self.get(op.value) if is_num(op.value) and self.steals(op.value) else self.to_num(op.value)
        old = self.b.load(slot, typ=NUMT)
        self.b.store(new, slot)
        self.num_release(old)

    def obj_return_value(self, op: ir.Return):
        """The owned return value (the Temp's reference is taken over)."""
        v = op.value
        if is_obj(v):
            if id(v) in self.borrowed:
                self.incref(self.get(v))
            self.stolen.add(id(v))
            return self.get(v)
        if is_num(v):
            b = self.b
            s = self.get(v)
            self.stolen.add(id(v))
            is_obj_tag = b.icmp_unsigned("==", b.extract_value(s, 0), I8(NUM_OBJ))
            p = self.select_block(is_obj_tag, lambda: b.extract_value(s, 3),
                                  lambda: self.num_box_new(s), PTR)
            return self.check_null(p)
        p = self.box_new(self.get(v), v.type)
        if v.type.kind in (K_INT, K_FLOAT):
            self.check_null(p)
        return p

    # -- object ops
    def lower_ObjConst(self, op: ir.ObjConst) -> None:
        if op.value is list.append or op.value is set.add:
            self.adders[id(op.result)] = op.value     # (call_object: an accumulator's step)
        p = self.const_obj(op.value)
        self.incref(p)
        self.put(op.result, p)

    def lower_FuncDefaults(self, op: ir.FuncDefaults) -> None:
        """The record's face's func_defaults (None: NULL there, or the face is gone), read
        through the record's weak reference to its face: what runtime/function.py's
        __defaults__ property returns, without its Python frame (about 1200 instructions
        per call of a function left a parameter to its default: go's find())."""
        b = self.b
        ref = getattr(op.record, "face_ref", None)
        none = self.const_obj(None)
        if type(ref) is not weakref.ref:
            # (no face: a record made without Function.new) the property itself
            p = self.call("PyObject_GetAttr", [self.const_obj(op.record), self.interned("__defaults__")])
            self.put(op.result, self.check_null(p))
            return
        face = b.load(b.gep(self.const_obj(ref), [I64(WR_OBJECT)], source_etype=PTR), typ=PTR)
        start = b.block
        alive = self.f.append_basic_block("defaults.face")
        done = self.f.append_basic_block("defaults.done")
        b.cbranch(b.icmp_unsigned("!=", face, none), alive, done)
        b.position_at_end(alive)
        d = b.load(b.gep(face, [I64(FUNC_DEFAULTS)], source_etype=PTR), typ=PTR)
        d = b.select(b.icmp_unsigned("==", d, L.Constant(PTR, None)), none, d)
        b.branch(done)
        b.position_at_end(done)
        r = b.phi(PTR)
        r.add_incoming(none, start)
        r.add_incoming(d, alive)
        self.incref(r)
        self.put(op.result, r)

    def lower_LoadGlobal(self, op: ir.LoadGlobal) -> None:
        """globals, then builtins (as tier 0 does), else CPython's NameError. pj_load_global
        caches the value behind both dicts' version tags (ma_version_tag)."""
        b = self.b
        null = L.Constant(PTR, None)
        name = self.interned(op.name)
        found = self.call("pj_load_global", [self.const_obj(self.ml.globals_dict),
                                             self.const_obj(self.ml.builtins_dict), name,
                                             self.site_cache(GLOBAL_CACHE)])
        hit = b.block
        miss = self.f.append_basic_block("global.miss")
        done = self.f.append_basic_block("global.done")
        b.cbranch(b.icmp_unsigned("==", found, null), miss, done)
        b.block.instructions[-1].set_weights([1, 1000])
        b.position_at_end(miss)
        # (a failed lookup, or a name in neither dict: the slow path raises)
        found2 = b.call(self.global_slow_path(), [name])
        self.check_null(found2)
        self.incref(found2)
        from_slow = b.block
        b.branch(done)
        b.position_at_end(done)
        p = b.phi(PTR)
        p.add_incoming(found, hit)
        p.add_incoming(found2, from_slow)
        self.put(op.result, p)

    def global_slow_path(self) -> L.Function:
        """ptr slow(ptr name), one per module: a global missing from the globals dict (or
        its lookup failed): the builtin (borrowed), or NULL with the exception set."""
        ml = self.ml
        f = ml.externs.get("$global_slow")
        if f is not None:
            return f
        f = L.Function(ml.module, L.FunctionType(PTR, [PTR]), f"{ml.module.name}.global_slow")
        f.linkage = "internal"
        ml.externs["$global_slow"] = f
        saved_b, saved_f = self.b, self.f
        self.b = b = L.IRBuilder(f.append_basic_block("entry"))
        self.f = f
        null = L.Constant(PTR, None)
        name = f.args[0]
        err = self.call("PyErr_Occurred", [], types=[])
        look, fail = f.append_basic_block("look"), f.append_basic_block("fail")
        b.cbranch(b.icmp_unsigned("==", err, null), look, fail)
        b.position_at_end(look)
        found = self.call("PyDict_GetItemWithError", [self.const_obj(ml.builtins_dict), name])
        hit, absent = f.append_basic_block("hit"), f.append_basic_block("absent")
        b.cbranch(b.icmp_unsigned("==", found, null), absent, hit)
        b.position_at_end(hit)
        b.ret(found)
        b.position_at_end(absent)
        err = self.call("PyErr_Occurred", [], types=[])
        missing = f.append_basic_block("missing")
        b.cbranch(b.icmp_unsigned("==", err, null), missing, fail)
        b.position_at_end(missing)
        self.call("PyObject_CallOneArg", [self.const_obj(slowpaths.name_error), name])  # raises
        b.branch(fail)
        b.position_at_end(fail)
        b.ret(null)
        self.b, self.f = saved_b, saved_f
        return f

    def lower_StoreGlobal(self, op: ir.StoreGlobal) -> None:
        r = self.call("PyDict_SetItem", [self.const_obj(self.ml.globals_dict),
                                         self.interned(op.name), self.obj(op.value)], ret=I32)
        self.check_neg(r)

    def lower_DelLocal(self, op: ir.DelLocal) -> None:
        """The local unbound (NULL; a tagged number: an object tag with NULL), its value
        released; CPython's UnboundLocalError if it was unbound already."""
        b = self.b
        slot = self.slots[id(op.var)]
        check = id(op.var) in self.fn.maybe_unbound
        if is_num(op.var):
            s = b.load(slot, typ=NUMT)
            if check:
                self.error_if_unbound(b.and_(
                    b.icmp_unsigned("==", b.extract_value(s, 0), I8(NUM_OBJ)),
                    b.icmp_unsigned("==", b.extract_value(s, 3), L.Constant(PTR, None))),
                    op.var.name)
            b.store(self.num_const_obj(L.Constant(PTR, None)), slot)
            self.num_release(s)
            return
        p = b.load(slot, typ=PTR)
        if check:
            self.error_if_unbound(b.icmp_unsigned("==", p, L.Constant(PTR, None)), op.var.name)
        b.store(L.Constant(PTR, None), slot)
        self.decref(p)

    def lower_DelGlobal(self, op: ir.DelGlobal) -> None:
        r = self.call_host(slowpaths.del_global, [self.const_obj(self.ml.globals_dict),
                                                  self.interned(op.name)])
        self.decref(self.check_null(r))

    def lower_DelAttr(self, op: ir.DelAttr) -> None:
        r = self.call("PyObject_SetAttr", [self.obj(op.obj), self.interned(op.attr),
                                           L.Constant(PTR, None)], ret=I32)
        self.check_neg(r)

    def lower_DelItem(self, op: ir.DelItem) -> None:
        r = self.call("PyObject_DelItem", [self.obj(op.obj), self.obj(op.index)], ret=I32)
        self.check_neg(r)

    def lower_GetAttr(self, op: ir.GetAttr) -> None:
        """PyObject_GetAttr behind a per-site cache (pj_getattr), whose entries machine code
        checks inline (attr_slot: CPython's LOAD_ATTR_INSTANCE_VALUE, LOAD_ATTR_SLOT and
        LOAD_ATTR_WITH_HINT for up to ATTR_WAYS receiver types); anything else (a miss,
        a split instance dict, an empty slot: AttributeError) is pj_getattr's."""
        b = self.b
        obj = self.obj(op.obj)
        cache = self.site_cache(ATTR_CACHE)
        slot = b.call(self.attr_slot_function(reading=True), [obj, cache, self.interned(op.attr)],
                      cconv="fastcc")
        hit = self.f.append_basic_block("attr.hit")
        slow = self.f.append_basic_block("attr.slow")
        done = self.f.append_basic_block("attr.done")
        v = b.load(slot, typ=PTR)
        b.cbranch(b.icmp_unsigned("!=", v, L.Constant(PTR, None)), hit, slow)
        b.position_at_end(hit)
        self.incref(v)
        b.branch(done)
        b.position_at_end(slow)
        p = self.call("pj_getattr", [obj, self.interned(op.attr), cache])
        slow_end = b.block
        b.branch(done)
        b.position_at_end(done)
        r = b.phi(PTR)
        r.add_incoming(v, hit)
        r.add_incoming(p, slow_end)
        self.put(op.result, self.check_null(r))

    def lower_SetAttr(self, op: ir.SetAttr) -> None:
        """pj_setattr, with its cache's entries checked inline (attr_slot) for an attribute
        of the instance's inline values or a __slots__ member (CPython's
        STORE_ATTR_INSTANCE_VALUE / STORE_ATTR_SLOT), a new one included: an empty value
        slot is filled and its index appended to the values' insertion order (new_attr),
        an empty member filled (__init__'s `self.x = ...`: was pj_setattr, ~50
        instructions a store). A dict, and anything the cache does not describe, is
        pj_setattr's. A number only this store uses (stored_numbers) is boxed here, or
        written into the float it replaces (store_number)."""
        b = self.b
        unboxed = id(op.value) in self.unboxed_stores
        obj = self.obj(op.obj)
        value = None if unboxed else self.obj(op.value)
        cache = self.site_cache(ATTR_CACHE)
        order = self.entry_alloca(I64)
        b.store(I64(-1), order)
        slot = b.call(self.attr_slot_function(reading=False),
                      [obj, cache, L.Constant(PTR, None), order], cconv="fastcc")
        hit = self.f.append_basic_block("setattr.hit")
        empty = self.f.append_basic_block("setattr.empty")
        new = self.f.append_basic_block("setattr.new")
        slow = self.f.append_basic_block("setattr.slow")
        done = self.f.append_basic_block("setattr.done")
        old = b.load(slot, typ=PTR)
        b.cbranch(b.icmp_unsigned("!=", old, L.Constant(PTR, None)), hit, empty)
        b.position_at_end(hit)
        if unboxed:
            self.store_number(slot, old, self.get(op.value))
        else:
            self.incref(value)      # (pj_setattr's order: the new value in, then the old released)
            b.store(value, slot)
            self.decref(old)
        hit_end = b.block
        b.branch(done)
        b.position_at_end(empty)
        b.cbranch(b.icmp_unsigned("!=", slot, self.no_values()), new, slow)
        b.position_at_end(new)
        self.new_attr(slot, obj, b.load(order, typ=I64), op, value)
        new_end = b.block
        b.branch(done)
        b.position_at_end(slow)
        if unboxed:
            saved, self.extra = self.extra, []
            value = self.obj(op.value)
        r = self.call("pj_setattr", [obj, self.interned(op.attr), value, cache], ret=I32)
        if unboxed:
            # (the box made for the call goes on this path; a failure releases it too)
            r = self.check_neg(r)
            for p in self.extra:
                self.decref(p)
            self.extra = saved
        slow_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(I32)
        phi.add_incoming(I32(0), hit_end)
        phi.add_incoming(I32(0), new_end)
        phi.add_incoming(r, slow_end)
        self.check_neg(phi)

    def new_attr(self, slot, obj, index, op: ir.SetAttr, value) -> None:
        """The value of `op` into the empty `slot` of `obj`: a member, or (`index` >= 0)
        the inline value at `index`, which is then appended to the values' insertion
        order as CPython's _PyDictValues_AddToInsertionOrder does (its length is the
        byte at values[-2], the indices before it). The value is in before the order
        names it: a box that fails leaves the instance as it was."""
        b = self.b
        if value is None:      # (unboxed)
            p = self.check_null(self.num_box_new(self.get(op.value)))
        else:
            p = value
            self.incref(p)
        b.store(p, slot)
        with b.if_then(b.icmp_signed(">=", index, I64(0))):
            values = b.load(b.gep(obj, [I64(-4)], source_etype=PTR), typ=PTR)
            size_at = b.gep(values, [I64(-2)], source_etype=I8)
            size = b.add(b.load(size_at, typ=I8), I8(1))
            b.store(b.trunc(index, I8), b.gep(size_at, [b.neg(b.zext(size, I64))], source_etype=I8))
            b.store(size, size_at)

    def attr_slot_function(self, reading: bool) -> L.Function:
        """The module's function `ptr slot(ptr obj, ptr cache, ptr name)`: attr_slot for
        attribute reads (`reading`), or for writes `ptr slot(ptr obj, ptr cache, ptr name,
        ptr order)` (order: where an inline value's index goes), made once per module and
        called by every site. Inline at each site it was ~40 LLVM instructions (the cache's
        four ways, the __slots__ member, the dict at its hint): a third of go's object
        code, each instruction built, printed, parsed, optimised and compiled again per
        site; a call costs a few instructions when it runs. It is two functions: the
        common case (first_way_slot: the site's first entry, an inline value or a member),
        which level 1 inlines into each site (codegen/hotpaths.py: ~35 instructions a read
        were the call and the way search), and the rest (`.full`), never inlined."""
        module = self.ml.module
        name = f"{module.name}.attr_slot.{'get' if reading else 'set'}"
        f = module.globals.get(name)
        if f is not None:
            return f
        params = [PTR, PTR, PTR] + ([] if reading else [PTR])
        full = L.Function(module, L.FunctionType(PTR, params), name + ".full")
        f = L.Function(module, L.FunctionType(PTR, params), name)
        for fn in (full, f):
            fn.linkage = "internal"
            fn.calling_convention = "fastcc"
        full.attributes.add("noinline")
        saved = self.b, self.f
        try:
            self.b, self.f = L.IRBuilder(full.append_basic_block("entry")), full
            obj, cache, attr = full.args[:3]
            order = None if reading else full.args[3]
            self.b.ret(self.attr_slot(obj, cache, attr, reading, order))
            self.b, self.f = L.IRBuilder(f.append_basic_block("entry")), f
            self.first_way_slot(f, full)
        finally:
            self.b, self.f = saved
        return f

    def first_way_slot(self, f: L.Function, full: L.Function) -> None:
        """The body of `f` (attr_slot_function's): when the site's first entry is the
        receiver's type at its version and names an inline value the instance has, or
        a __slots__ member, that slot's address, as attr_slot gives it (a write's
        inline index stored at `order`); anything else is `full`'s answer."""
        b = self.b
        obj, cache = f.args[0], f.args[1]
        other = f.append_basic_block("first.other")
        tp = b.load(b.gep(obj, [I64(1)], source_etype=PTR), typ=PTR)
        version = b.load(b.gep(tp, [I64(TP_VERSION_TAG)], source_etype=I8), typ=I32)
        e_version = b.load(b.gep(cache, [I64(AE_VERSION)], source_etype=I8), typ=I32)
        ok = b.and_(b.icmp_unsigned("==", b.load(cache, typ=PTR), tp),
                    b.icmp_unsigned("==", version, e_version))
        index = b.load(b.gep(cache, [I64(AE_INDEX)], source_etype=I8), typ=I64)
        kind = f.append_basic_block("first.kind")
        b.cbranch(ok, kind, other)
        b.position_at_end(kind)
        in_values = f.append_basic_block("first.values")
        not_values = f.append_basic_block("first.notvalues")
        b.cbranch(b.icmp_signed(">=", index, I64(0)), in_values, not_values)
        b.position_at_end(in_values)
        values = b.load(b.gep(obj, [I64(-4)], source_etype=PTR), typ=PTR)
        has = f.append_basic_block("first.has")
        b.cbranch(b.icmp_unsigned("!=", values, L.Constant(PTR, None)), has, other)
        b.position_at_end(has)
        if len(f.args) > 3:
            b.store(index, f.args[3])
        b.ret(b.gep(values, [index], source_etype=PTR))
        b.position_at_end(not_values)
        member = f.append_basic_block("first.member")
        b.cbranch(b.icmp_signed("==", index, I64(IDX_SLOT)), member, other)
        b.position_at_end(member)
        offset = b.load(b.gep(cache, [I64(AE_NENTRIES)], source_etype=I8), typ=I64)
        b.ret(b.gep(obj, [offset], source_etype=I8))
        b.position_at_end(other)
        r = b.call(full, list(f.args), cconv="fastcc")
        b.ret(r)

    def store_number(self, slot, old, s) -> None:
        """Tagged number `s` into `slot`, which holds `old` (not NULL), as an object: a
        float is written into `old` itself when that is an exact float whose only
        reference is the slot's (nothing else can see the change: CPython would have
        freed it and made a new one); else a new box goes in and `old` is released."""
        b, f = self.b, self.f
        check = f.append_basic_block("store.float")
        inplace = f.append_basic_block("store.inplace")
        boxed = f.append_basic_block("store.box")
        done = f.append_basic_block("store.done")
        b.cbranch(b.icmp_unsigned("==", b.extract_value(s, 0), I8(NUM_FLOAT)), check, boxed)
        b.position_at_end(check)
        tp = b.load(b.gep(old, [I64(1)], source_etype=PTR), typ=PTR)
        alone = b.icmp_unsigned("==", b.load(old, typ=I64), I64(1))
        b.cbranch(b.and_(b.icmp_unsigned("==", tp, self.const_obj(float)), alone), inplace, boxed)
        b.position_at_end(inplace)
        b.store(b.extract_value(s, 2), b.gep(old, [I64(2)], source_etype=F64))
        b.branch(done)
        b.position_at_end(boxed)
        p = self.check_null(self.num_box_new(s))
        b.store(p, slot)             # (the new value in, then the old released)
        self.decref(old)
        b.branch(done)
        b.position_at_end(done)

    def attr_slot(self, obj, cache, name, reading: bool, order=None):
        """The address of the PyObject * that holds `obj`'s attribute as the site's
        PjAttrCache (pjobj.c) describes it, or the address of a NULL (NO_VALUES): the
        generic path decides. The entry is the one of obj's type among the ATTR_WAYS
        (the first compared first: a monomorphic site pays one compare), its version tag
        still the type's; then by its index:
          * >= 0 and the instance has its inline values: that value's slot;
          * IDX_SLOT: the __slots__ member at byte offset `nentries` of the instance;
          * (reading only) >= 0 or IDX_DICT and the instance's dict exists, combined with
            str keys: the entry at the remembered hint `nentries`, if its key is `name`
            (pjobj.c dict_value; pj_getattr moves the hint).
        An empty slot (NULL) sends a reader to the generic path too (AttributeError); a
        writer fills it (lower_SetAttr), and for an inline value (index >= 0) the index
        was stored at `order` for the values' insertion order. Ends in the block where the
        caller loads from the address."""
        b, f = self.b, self.f
        null = L.Constant(PTR, None)
        miss = self.no_values()
        tp = b.load(b.gep(obj, [I64(1)], source_etype=PTR), typ=PTR)
        first = b.block
        found = f.append_basic_block("attr.entry")
        poly = f.append_basic_block("attr.poly")
        b.cbranch(b.icmp_unsigned("==", b.load(cache, typ=PTR), tp), found, poly)
        b.position_at_end(poly)
        e = self.const_addr(NO_ENTRY)
        for way in range(ATTR_WAYS - 1, 0, -1):
            ew = b.gep(cache, [I64(way * AE_SIZE)], source_etype=I8)
            e = b.select(b.icmp_unsigned("==", b.load(ew, typ=PTR), tp), ew, e)
        b.branch(found)
        b.position_at_end(found)
        entry = b.phi(PTR)
        entry.add_incoming(cache, first)
        entry.add_incoming(e, poly)
        e_version = b.load(b.gep(entry, [I64(AE_VERSION)], source_etype=I8), typ=I32)
        e_index = b.load(b.gep(entry, [I64(AE_INDEX)], source_etype=I8), typ=I64)
        # (the tag alone, as CPython 3.11's own LOAD_ATTR_* do: PyType_Modified and an
        # MRO change set tp_version_tag to 0 with the valid flag, and an entry is only
        # filled with a valid tag, never 0)
        version = b.load(b.gep(tp, [I64(TP_VERSION_TAG)], source_etype=I8), typ=I32)
        ok = b.icmp_unsigned("==", version, e_version)
        join = f.append_basic_block("attr.slot")
        slot = []       # (address, block) pairs for join's phi
        in_values = f.append_basic_block("attr.values")
        other = f.append_basic_block("attr.other")
        b.cbranch(b.and_(ok, b.icmp_signed(">=", e_index, I64(0))), in_values, other)
        # the inline values (NULL once the instance's dict exists: pjobj.c values_of)
        b.position_at_end(in_values)
        values = b.load(b.gep(obj, [I64(-4)], source_etype=PTR), typ=PTR)
        has = b.icmp_unsigned("!=", values, null)
        if reading:
            in_dict = f.append_basic_block("attr.dict")
            values_hit = f.append_basic_block("attr.values.hit")
            b.cbranch(has, values_hit, in_dict)
            b.position_at_end(values_hit)
            slot.append((b.gep(values, [e_index], source_etype=PTR), values_hit))
        else:
            b.store(e_index, order)     # (lower_SetAttr: a new value's insertion order)
            slot.append((b.select(has, b.gep(values, [e_index], source_etype=PTR), miss), in_values))
        b.branch(join)
        b.position_at_end(other)
        member = f.append_basic_block("attr.member")
        not_member = f.append_basic_block("attr.notmember") if reading else join
        b.cbranch(b.and_(ok, b.icmp_signed("==", e_index, I64(IDX_SLOT))), member, not_member)
        if not reading:
            slot.append((miss, other))
        b.position_at_end(member)
        offset = b.load(b.gep(entry, [I64(AE_NENTRIES)], source_etype=I8), typ=I64)
        slot.append((b.gep(obj, [offset], source_etype=I8), member))
        b.branch(join)
        if reading:
            # IDX_DICT: the name is not in the shared keys, but the instance's own dict
            # (if any) is read first; its values must not be in use (then it has none)
            b.position_at_end(not_member)
            no_values = f.append_basic_block("attr.novalues")
            b.cbranch(b.and_(ok, b.icmp_signed("==", e_index, I64(IDX_DICT))), no_values, join)
            slot.append((miss, not_member))
            b.position_at_end(no_values)
            values = b.load(b.gep(obj, [I64(-4)], source_etype=PTR), typ=PTR)
            b.cbranch(b.icmp_unsigned("==", values, null), in_dict, join)
            slot.append((miss, no_values))
            self.dict_hint_slot(obj, entry, name, in_dict, join, slot)
        b.position_at_end(join)
        phi = b.phi(PTR)
        for addr, block in slot:
            phi.add_incoming(addr, block)
        return phi

    def dict_hint_slot(self, obj, entry, name, start, join, slot) -> None:
        """From block `start` (the instance's inline values are gone): the address of
        the value of `name` in the instance's combined str-keyed dict at the entry's hint
        (PjAttrEntry.nentries), added to `slot`, or the miss; both branch to `join`."""
        b, f = self.b, self.f
        null = L.Constant(PTR, None)
        miss = self.no_values()
        b.position_at_end(start)
        d = b.load(b.gep(obj, [I64(-3)], source_etype=PTR), typ=PTR)
        has_dict = f.append_basic_block("attr.dict.has")
        b.cbranch(b.icmp_unsigned("!=", d, null), has_dict, join)
        slot.append((miss, start))
        b.position_at_end(has_dict)
        keys = b.load(b.gep(d, [I64(DICT_KEYS)], source_etype=I8), typ=PTR)
        split = b.load(b.gep(d, [I64(DICT_VALUES)], source_etype=I8), typ=PTR)
        kind = b.load(b.gep(keys, [I64(DK_KIND)], source_etype=I8), typ=I8)
        n = b.load(b.gep(keys, [I64(DK_NENTRIES)], source_etype=I8), typ=I64)
        hint = b.load(b.gep(entry, [I64(AE_NENTRIES)], source_etype=I8), typ=I64)
        ok = b.and_(b.icmp_unsigned("==", split, null), b.icmp_unsigned("!=", kind, I8(0)))
        ok = b.and_(ok, b.icmp_unsigned("<", hint, n))     # (unsigned: -1 is no hint)
        at_hint = f.append_basic_block("attr.dict.hint")
        b.cbranch(ok, at_hint, join)
        slot.append((miss, has_dict))
        b.position_at_end(at_hint)
        # the str-keyed entries {me_key, me_value} follow the index table of
        # 1 << dk_log2_index_bytes bytes (pjobj.c unicode_entries)
        log2 = b.zext(b.load(b.gep(keys, [I64(DK_LOG2_INDEX_BYTES)], source_etype=I8), typ=I8), I64)
        table = b.gep(keys, [b.add(I64(DK_INDICES), b.shl(I64(1), log2))], source_etype=I8)
        e = b.gep(table, [b.mul(hint, I64(2))], source_etype=PTR)
        same = b.icmp_unsigned("==", b.load(e, typ=PTR), name)
        slot.append((b.select(same, b.gep(e, [I64(1)], source_etype=PTR), miss), at_hint))
        b.branch(join)

    def const_addr(self, buf):
        """The address of ctypes memory `buf` (kept alive by this module) as a pointer."""
        return L.Constant(I64, ctypes.addressof(buf)).inttoptr(PTR)

    def no_values(self):
        """The address of a NULL pointer that no code writes (attr_slot's miss)."""
        return L.Constant(I64, ctypes.addressof(NO_VALUES)).inttoptr(PTR)

    def _kwnames(self, names: tuple):
        if not names:
            return L.Constant(PTR, None)
        import sys
        return self.const_obj(tuple(sys.intern(n) for n in names))

    def lower_CallObject(self, op: ir.CallObject) -> None:
        if op.math is not None:
            # (the call is one path of two: its arguments stay borrowed, call_generic)
            generic = lambda op: self.call_generic(op, self.obj(op.func), [self.obj(a) for a in op.args])
            self.put(op.result, self.math_call(op, self.obj(op.func), I1(1), generic))
            return
        self.put(op.result, self.call_object(op))

    def call_object(self, op: ir.CallObject):
        func = self.obj(op.func)
        adder = self.adders.get(id(op.func))
        if adder is not None and len(op.args) == 2 and not op.kwnames:
            return self.call_adder(op, adder, func, [self.obj(a) for a in op.args])
        return self.call_generic(op, func, self.vector_refs(op.args), owned=True)

    def vector_refs(self, values) -> list:
        """A reference to each of `values` for a call's owned vector (pjentry.c
        pj_call_site_owned): a Temp at its last use gives its own (steals), a box made
        for the call is the vector's, anything else gets a new reference. The callee's
        frame takes them, as CPython's CALL moves its arguments into the new frame."""
        out = []
        for v in values:
            if is_obj(v):
                p = self.get(v)
                if self.steals(v):
                    self.given.add(id(v))   # (pj_call_site_owned releases it, failing or not)
                else:
                    self.incref(p)
            else:
                n = len(self.extra)
                p = self.obj(v)
                if len(self.extra) > n and self.extra[-1] is p:
                    self.extra.pop()      # (a box made for the call: the vector's)
                else:
                    self.incref(p)
            out.append(p)
        return out

    def call_adder(self, op: ir.CallObject, adder, func, args):
        """list.append(acc, x) or set.add(acc, x), the step of a comprehension's or a
        consumed generator expression's accumulator (build.py): PyList_Append / PySet_Add
        when acc is of that exact type, as CPython's LIST_APPEND / SET_ADD; anything else
        the generic call (its TypeError). Was pj_call_site -> method_vectorcall_O, ~150
        instructions an item (nqueens: three sets and a list per permutation)."""
        b = self.b
        kind, capi = (list, "PyList_Append") if adder is list.append else (set, "PySet_Add")
        typ = b.load(b.gep(args[0], [I64(1)], source_etype=PTR), typ=PTR)
        exact = b.icmp_unsigned("==", typ, self.const_obj(kind))

        def fast():
            added = b.icmp_signed(">=", self.call(capi, args, ret=I32), I32(0))
            none = self.const_obj(None)
            with b.if_then(added):
                self.incref(none)
            return b.select(added, none, L.Constant(PTR, None))
        return self.check_null(self.select_block(exact, fast,
                                                 lambda: self.call_generic(op, func, args, False), PTR))

    def call_generic(self, op: ir.CallObject, func, args, checked: bool = True, owned: bool = False):
        """`owned`: `args` are references the call takes (vector_refs), else borrowed."""
        b = self.b
        arr = self.args_array(args)
        npos = len(args) - len(op.kwnames)
        # a guest function: the machine code of the spec the site's cache remembers, else
        # its native entry, or tier 0 as a guest caller's call (pjentry.c pj_call_site);
        # anything else PyObject_Vectorcall
        if owned:
            p = self.call("pj_call_site_owned",
                          [func, b.gep(arr, [I64(1)], source_etype=PTR),
                           I64(npos | PY_VECTORCALL_ARGUMENTS_OFFSET), self._kwnames(op.kwnames),
                           self.site_cache(CALL_CACHE)],
                          types=[PTR, PTR, I64, PTR, PTR])
            return self.check_null(p) if checked else p
        if not op.kwnames and directcall.DIRECT_CALLS:
            # (positional: the machine code takes the site's hit itself, directcall.py)
            p = b.call(directcall.direct_call_function(self),
                       [func, b.gep(arr, [I64(1)], source_etype=PTR),
                        I64(npos | PY_VECTORCALL_ARGUMENTS_OFFSET), self.site_cache(CALL_CACHE)])
            return self.check_null(p) if checked else p
        p = self.call("pj_call_site",
                      [func, b.gep(arr, [I64(1)], source_etype=PTR),
                       I64(npos | PY_VECTORCALL_ARGUMENTS_OFFSET), self._kwnames(op.kwnames),
                       self.site_cache(CALL_CACHE)],
                      types=[PTR, PTR, I64, PTR, PTR])
        return self.check_null(p) if checked else p

    def lower_CallMethod(self, op: ir.CallMethod) -> None:
        b = self.b
        values = self.vector_refs([op.obj] + list(op.args))
        arr = self.args_array(values)
        npos = len(values) - len(op.kwnames)
        # PyObject_VectorcallMethod behind a per-site cache of the method, and one of the
        # call (pj_call_method), on a vector the call takes (vector_refs)
        p = self.call("pj_call_method_owned",
                      [self.interned(op.name), b.gep(arr, [I64(1)], source_etype=PTR),
                       I64(npos | PY_VECTORCALL_ARGUMENTS_OFFSET), self._kwnames(op.kwnames),
                       self.site_cache(ATTR_CACHE), self.site_cache(CALL_CACHE)],
                      types=[PTR, PTR, I64, PTR, PTR, PTR])
        self.put(op.result, self.check_null(p))

    def lower_LoadMethod(self, op: ir.LoadMethod) -> None:
        """pj_load_method: the callable (new reference) and, into the hidden slot, the
        object to pass first or NULL."""
        b = self.b
        slot = self.slots[id(op.self_var)]
        out = self.entry_alloca(PTR)
        p = self.call("pj_load_method", [self.obj(op.obj), self.interned(op.name),
                                         self.site_cache(ATTR_CACHE), out])
        self.check_null(p)
        old = b.load(slot, typ=PTR)
        b.store(b.load(out, typ=PTR), slot)
        self.xdecref(old)
        self.put(op.result, p)

    def lower_CallLoaded(self, op: ir.CallLoaded) -> None:
        if op.math is not None:
            # (math.sqrt: a module attribute, so no `self` was loaded for it)
            no_self = self.b.icmp_unsigned("==", self.b.load(self.slots[id(op.self_var)], typ=PTR),
                                           L.Constant(PTR, None))
            # (the call is one path of two: its arguments stay borrowed)
            generic = lambda op: self.call_loaded(op, owned=False)
            self.put(op.result, self.math_call(op, self.get(op.func), no_self, generic))
            return
        self.put(op.result, self.call_loaded(op))

    def call_loaded(self, op: ir.CallLoaded, owned: bool = True):
        """`obj.m(args)` after LoadMethod: the function with `self` (the hidden slot's)
        first, or the attribute's value alone. `owned`: the vector owns its references
        (vector_refs; `self` moves out of its slot), so that the callee's frame releases
        them; else they are borrowed for the call."""
        b = self.b
        slot = self.slots[id(op.self_var)]
        selfp = b.load(slot, typ=PTR)
        if owned:
            args = self.vector_refs(op.args)
            b.store(L.Constant(PTR, None), slot)
        else:
            args = [self.obj(a) for a in op.args]
        arr = self.args_array([selfp] + args)      # [spare, self, args...]
        npos = len(args) - len(op.kwnames)
        has_self = b.icmp_unsigned("!=", selfp, L.Constant(PTR, None))
        # with self: args from arr[1], one more; without: from arr[2] (arr[1] is the spare)
        start = b.select(has_self, b.gep(arr, [I64(1)], source_etype=PTR), b.gep(arr, [I64(2)], source_etype=PTR))
        nargs = b.add(I64(npos | PY_VECTORCALL_ARGUMENTS_OFFSET), b.zext(has_self, I64))
        if owned:
            p = self.call("pj_call_site_owned", [self.get(op.func), start, nargs,
                                                 self._kwnames(op.kwnames), self.site_cache(CALL_CACHE)],
                          types=[PTR, PTR, I64, PTR, PTR])
            return self.check_null(p)
        if not op.kwnames and directcall.DIRECT_CALLS:
            p = b.call(directcall.direct_call_function(self),
                       [self.get(op.func), start, nargs, self.site_cache(CALL_CACHE)])
        else:
            p = self.call("pj_call_site", [self.get(op.func), start, nargs, self._kwnames(op.kwnames),
                                           self.site_cache(CALL_CACHE)],
                          types=[PTR, PTR, I64, PTR, PTR])
        b.store(L.Constant(PTR, None), slot)      # (CPython drops it when the call returns)
        self.xdecref(selfp)
        return self.check_null(p)

    def lower_GetItem(self, op: ir.GetItem) -> None:
        if ir.fast_path(op) != ir.FAST_SEQ:
            self.put(op.result, self.generic_getitem(op))
            return
        b = self.b
        seq = self.get(op.obj)
        tp = b.load(b.gep(seq, [I64(1)], source_etype=PTR), typ=PTR)
        is_list = b.icmp_unsigned("==", tp, self.const_obj(list))
        is_tuple = b.icmp_unsigned("==", tp, self.const_obj(tuple))

        def item(slot):
            p = b.load(slot, typ=PTR)
            self.incref(p)
            return p
        self.put(op.result, self.seq_fast(op, b.or_(is_list, is_tuple), is_list, item,
                                          lambda op: self.array_getitem(op, tp)))

    def array_getitem(self, op, tp):
        """seq[index] for what is not a list or tuple: an exact array.array of doubles
        ('d') or C ints ('i') at a small int index within range gives its item boxed as
        array_subscr does (a new float or int), inline; anything else the generic
        PyObject_GetItem (array subclasses, other typecodes, slices, errors)."""
        b = self.b

        def inline():
            seq, size, i, ok = self.array_index(op)
            descr = b.load(b.gep(seq, [I64(ARRAY_DESCR)], source_etype=PTR), typ=PTR)
            items = b.load(b.gep(seq, [I64(ARRAY_ITEMS)], source_etype=PTR), typ=PTR)
            is_d = b.and_(ok, b.icmp_unsigned("==", descr, self.descr_const("d")))
            is_i = b.and_(ok, b.icmp_unsigned("==", descr, self.descr_const("i")))

            def double():
                x = b.load(b.gep(items, [i], source_etype=F64), typ=F64)
                return self.check_null(self.call("PyFloat_FromDouble", [x], types=[F64]))

            def c_int():
                x = b.sext(b.load(b.gep(items, [i], source_etype=I32), typ=I32), I64)
                return self.check_null(self.call("PyLong_FromLong", [x], types=[I64]))
            return self.select_block(is_d, double, lambda: self.select_block(
                is_i, c_int, lambda: self.generic_here(self.generic_getitem, op), PTR), PTR)
        is_array = b.icmp_unsigned("==", tp, self.const_obj(array.array))
        return self.select_block(is_array, inline, lambda: self.generic_here(self.generic_getitem, op), PTR)

    def array_index(self, op):
        """(array, size, index, ok) of an array subscript: `ok` when the index is a small
        int within range (a negative one counts from the end, as array_subscr's)."""
        b = self.b
        small, ival, _, _, _ = self.number_parts(op.index)
        seq = self.get(op.obj)
        size = b.load(b.gep(seq, [I64(2)], source_etype=I64), typ=I64)
        i = b.select(b.icmp_signed("<", ival, I64(0)), b.add(ival, size), ival)
        return seq, size, i, b.and_(small, b.icmp_unsigned("<", i, size))

    def descr_const(self, typecode: str):
        return L.Constant(I64, array_descr(typecode)).inttoptr(PTR)

    def generic_here(self, generic, op):
        """generic(op) releasing the boxes it made for the op in its own block (it runs on
        one branch of an inline path's test: seq_fast's release after the join would read
        a box that the other branch never made)."""
        saved, self.extra = self.extra, []
        r = generic(op)
        for p in self.extra:
            self.decref(p)
        self.extra = saved
        return r

    def generic_getitem(self, op):
        return self.check_null(self.call("PyObject_GetItem", [self.obj(op.obj), self.obj(op.index)]))

    def lower_SetItem(self, op: ir.SetItem) -> None:
        if ir.fast_path(op) != ir.FAST_SEQ or not (is_obj(op.value) or is_num(op.value)):
            self.generic_setitem(op)
            return
        b = self.b
        seq = self.get(op.obj)
        tp = b.load(b.gep(seq, [I64(1)], source_etype=PTR), typ=PTR)
        is_array = b.icmp_unsigned("==", tp, self.const_obj(array.array))
        self.select_block(is_array, lambda: self.array_setitem(op),
                          lambda: self.generic_here(lambda op: self.list_setitem(op, tp), op), I32)

    def array_setitem(self, op):
        """array[index] = value inline for an exact array.array of doubles given an exact
        float, or of C ints given an exact int within their range, at a small int index
        within range (nothing boxed: a tagged number's double is stored as it is); anything
        else (a conversion, an error, a subclass) through the generic PyObject_SetItem."""
        b = self.b
        seq, size, i, ok = self.array_index(op)
        descr = b.load(b.gep(seq, [I64(ARRAY_DESCR)], source_etype=PTR), typ=PTR)
        items = b.load(b.gep(seq, [I64(ARRAY_ITEMS)], source_etype=PTR), typ=PTR)
        isint, ival, isfloat, dval, _ = self.number_parts(op.value)
        d_ok = b.and_(b.and_(ok, isfloat), b.icmp_unsigned("==", descr, self.descr_const("d")))
        in_c_int = b.icmp_unsigned("<", b.add(ival, I64(1 << 31)), I64(1 << 32))
        i_ok = b.and_(b.and_(ok, b.and_(isint, in_c_int)),
                      b.icmp_unsigned("==", descr, self.descr_const("i")))

        def double():
            b.store(dval, b.gep(items, [i], source_etype=F64))
            return I32(0)

        def c_int():
            b.store(b.trunc(ival, I32), b.gep(items, [i], source_etype=I32))
            return I32(0)

        def generic(op):
            self.generic_setitem(op)
            return I32(0)
        return self.select_block(d_ok, double, lambda: self.select_block(
            i_ok, c_int, lambda: self.generic_here(generic, op), I32), I32)

    def list_setitem(self, op, tp):
        """SetItem's list path (seq_fast), else the generic PyObject_SetItem."""
        b = self.b
        is_list = b.icmp_unsigned("==", tp, self.const_obj(list))
        unboxed = id(op.value) in self.unboxed_stores
        value = None if unboxed else self.obj(op.value)

        def store(slot):   # list_ass_item: the new item in, then the old one released
            old = b.load(slot, typ=PTR)
            if unboxed:
                self.store_number(slot, old, self.get(op.value))
                return I32(0)
            self.incref(value)
            b.store(value, slot)
            self.decref(old)
            return I32(0)

        def generic(op):
            self.generic_setitem(op)
            return I32(0)
        return self.seq_fast(op, is_list, is_list, store, generic, typ=I32)

    def generic_setitem(self, op):
        r = self.call("PyObject_SetItem", [self.obj(op.obj), self.obj(op.index), self.obj(op.value)],
                      ret=I32)
        self.check_neg(r)

    def seq_fast(self, op, is_seq, is_list, at, generic, typ=PTR):
        """seq[index] inline when `is_seq` and the index is a small int within range
        (negative: from the end): `at(slot address)`; else `generic(op)` in place, which
        also raises CPython's errors. Returns the phi of the two."""
        b = self.b
        small, ival, _, _, _ = self.number_parts(op.index)
        seq = self.get(op.obj)
        size = b.load(b.gep(seq, [I64(2)], source_etype=I64), typ=I64)
        i = b.select(b.icmp_signed("<", ival, I64(0)), b.add(ival, size), ival)
        ok = b.and_(b.and_(is_seq, small), b.icmp_unsigned("<", i, size))   # (unsigned: i >= 0 too)
        fast = self.f.append_basic_block("seq.fast")
        slow = self.f.append_basic_block("seq.slow")
        done = self.f.append_basic_block("seq.done")
        b.cbranch(ok, fast, slow)
        b.position_at_end(fast)
        items = b.select(is_list, b.load(b.gep(seq, [I64(LIST_ITEMS)], source_etype=PTR), typ=PTR),
                         b.gep(seq, [I64(TUPLE_ITEMS)], source_etype=PTR))
        r_fast = at(b.gep(items, [i], source_etype=PTR))
        fast_end = b.block
        b.branch(done)
        b.position_at_end(slow)
        saved, self.extra = self.extra, []
        r_slow = generic(op)
        for p in self.extra:
            self.decref(p)
        self.extra = saved
        slow_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(typ)
        phi.add_incoming(r_fast, fast_end)
        phi.add_incoming(r_slow, slow_end)
        return phi

    def lower_BuildSlice(self, op: ir.BuildSlice) -> None:
        p = self.call("PySlice_New", [self.obj(op.start), self.obj(op.stop), self.obj(op.step)])
        self.put(op.result, self.check_null(p))

    def lower_BuildSeq(self, op: ir.BuildSeq) -> None:
        b = self.b
        items = [self.obj(x) for x in op.items]
        n = len(items)
        if op.kind == ir.SEQ_SET:
            s = self.check_null(self.call("PySet_New", [L.Constant(PTR, None)]))
            for p in items:
                self.check_neg(self.call("PySet_Add", [s, p], ret=I32), also=[s])
            self.put(op.result, s)
            return
        new = "PyTuple_New" if op.kind == ir.SEQ_TUPLE else "PyList_New"
        seq = self.check_null(self.call(new, [I64(n)], types=[I64]))
        if op.kind == ir.SEQ_TUPLE:
            base = b.gep(seq, [I64(TUPLE_ITEMS)], source_etype=PTR)
        else:
            base = b.load(b.gep(seq, [I64(LIST_ITEMS)], source_etype=PTR), typ=PTR)
        for i, p in enumerate(items):   # the sequence steals a reference to each item
            self.incref(p)
            b.store(p, b.gep(base, [I64(i)], source_etype=PTR))
        self.put(op.result, seq)

    def lower_BuildDict(self, op: ir.BuildDict) -> None:
        keys = [self.obj(k) for k in op.keys]
        values = [self.obj(v) for v in op.values]
        d = self.check_null(self.call("_PyDict_NewPresized", [I64(len(keys))], types=[I64]))
        for k, v in zip(keys, values):
            self.check_neg(self.call("PyDict_SetItem", [d, k, v], ret=I32), also=[d])
        self.put(op.result, d)

    def lower_UnpackSequence(self, op: ir.UnpackSequence) -> None:
        """An exact tuple of the right length is used as it is; anything else goes
        through slowpaths.unpack (CPython's errors); a starred target through
        slowpaths.unpack_ex."""
        b = self.b
        v = self.obj(op.value)
        if op.starred >= 0:
            before, after = op.starred, op.count - op.starred - 1
            p = self.call_host(slowpaths.unpack_ex, [v, self.const_obj(before),
                                                     self.const_obj(after)])
            self.put(op.result, self.check_null(p))
            return
        targets = self.unpack_targets(op)
        if targets is not None:
            self.unpack_store(op, v, targets)
            return
        typ = b.load(b.gep(v, [I64(1)], source_etype=PTR), typ=PTR)
        size = b.load(b.gep(v, [I64(2)], source_etype=I64), typ=I64)
        right_size = b.icmp_signed("==", size, I64(op.count))
        fast = b.and_(b.icmp_unsigned("==", typ, self.const_obj(tuple)), right_size)
        if self.items_read_at_once(op):
            self.unpack_items(op, v, typ, fast, right_size)
            return
        # an exact list of the right length: a tuple of its items (CPython's
        # UNPACK_SEQUENCE takes them as they are, with no iteration)
        from_list = b.and_(b.icmp_unsigned("==", typ, self.const_obj(list)), right_size)

        def same():
            self.incref(v)
            return v

        def slow():
            count = self.const_obj(op.count)
            return self.call_host(slowpaths.unpack, [v, count])

        def other():
            return self.select_block(from_list, lambda: self.call("PyList_AsTuple", [v]), slow, PTR)
        p = self.select_block(fast, same, other, PTR)
        self.put(op.result, self.check_null(p))

    def unpack_targets(self, op: ir.UnpackSequence) -> list | None:
        """The locals of `a, b, c = seq` when the ops after the unpacking are its item
        reads (items_read_at_once), then exactly the stores of those items into object
        or tagged-number locals, in order, each item read by its store alone; else None."""
        n, i, ops = op.count, self.op_index, self.block_ops
        if op.starred >= 0 or n > UNPACK_STORE_MAX or not is_obj(op.value) \
                or not self.items_read_at_once(op):
            return None
        gets, stores = ops[i + 1:i + 1 + n], ops[i + 1 + n:i + 1 + 2 * n]
        if len(stores) != n:
            return None
        for k, (g, s) in enumerate(zip(gets, stores)):
            if not (isinstance(s, ir.Store) and s.value is g.result and is_obj(g.result)
                    and s.var.type.kind in (K_OBJECT, K_NUM)
                    and self.last_use.get(id(g.result)) == i + 1 + n + k):
                return None
        return [s.var for s in stores]

    def unpack_store(self, op: ir.UnpackSequence, v, targets) -> None:
        """`a, b, c = seq` into object locals (unpack_targets): the unpacking, its item
        reads and its stores as one call of pj_unpack_store (runtime_c/capi/pjseq.c),
        which takes an exact tuple or list of the right length as it is and anything
        else through slowpaths.unpack (CPython's iteration and errors). Code size is the
        point: pyperformance unpack_sequence's loop (400 unpackings of ten names, one
        function) was 360 KB of machine code, ~450 bytes a statement, run from L2."""
        owned = self.steals(op.value)
        # (a tagged-number target takes its item as NUM_OBJ, as num_store does an object)
        num_mask = sum(1 << k for k, var in enumerate(targets) if is_num(var))
        args = [v, I64(op.count), self.slot_addresses(targets), I32(int(owned)),
                self.const_obj(slowpaths.unpack), I64(num_mask)]
        self.check_neg(self.call("pj_unpack_store", args, ret=I32,
                                 types=[PTR, I64, PTR, I32, PTR, I64]))
        for var in targets:
            flag = self.flags.get(id(var))
            if flag is not None:
                self.b.store(I1(1), flag)
        self.put(op.result, L.Constant(PTR, None))   # (no op reads it: they are lowered here)
        self.fused_through = self.op_index + 2 * op.count

    def slot_addresses(self, targets) -> L.Value:
        """An array of the addresses of the locals `targets`, filled once in the entry
        block (one per function for each list of targets)."""
        key = tuple(id(v) for v in targets)
        arrays = self.slot_arrays
        if key in arrays:
            return arrays[key]
        arr = self.entry_alloca(PTR, len(targets))
        eb = self.entry_builder
        entry = self.f.entry_basic_block
        if entry.terminator is not None:
            eb.position_before(entry.terminator)
        else:
            eb.position_at_end(entry)
        for k, var in enumerate(targets):
            eb.store(self.slots[id(var)], eb.gep(arr, [I64(k)], source_etype=PTR))
        arrays[key] = arr
        return arr

    def items_read_at_once(self, op: ir.UnpackSequence) -> bool:
        """Do the next `count` ops take the unpacked items 0, 1, ... in turn, and nothing
        else reads the result? Then no code runs between the unpacking and the last item
        read (a TupleGet only takes a reference), so an exact list can give its items in
        place, as CPython's UNPACK_SEQUENCE does, with no tuple made."""
        i, ops = self.op_index, self.block_ops
        gets = ops[i + 1:i + 1 + op.count]
        return (len(gets) == op.count
                and all(isinstance(g, ir.TupleGet) and g.tup is op.result and g.index == k
                        for k, g in enumerate(gets))
                and self.last_use.get(id(op.result)) == i + op.count)

    def unpack_items(self, op: ir.UnpackSequence, v, typ, fast, right_size) -> None:
        """UnpackSequence whose items are read at once (items_read_at_once): the result
        is the tuple or the list itself (a new reference), or slowpaths.unpack's tuple;
        item_base holds where its items are (a list's ob_item, a tuple's inline items)."""
        b = self.b
        from_list = b.and_(b.icmp_unsigned("==", typ, self.const_obj(list)), right_size)
        direct = b.or_(fast, from_list)

        def same():
            self.incref(v)
            return v

        def slow():
            return self.call_host(slowpaths.unpack, [v, self.const_obj(op.count)])
        p = self.check_null(self.select_block(direct, same, slow, PTR))
        inline = b.gep(p, [I64(TUPLE_ITEMS)], source_etype=PTR)
        list_items = self.select_block(from_list,
                                       lambda: b.load(b.gep(p, [I64(LIST_ITEMS)], source_etype=PTR), typ=PTR),
                                       lambda: inline, PTR)
        self.item_base[id(op.result)] = list_items
        self.put(op.result, p)

    def lower_TupleGet_obj(self, op: ir.TupleGet) -> None:
        b = self.b
        base = self.item_base.get(id(op.tup))
        if base is not None:
            p = b.load(b.gep(base, [I64(op.index)], source_etype=PTR), typ=PTR)
            self.incref(p)
            self.put(op.result, p)
            return
        p = b.load(b.gep(self.get(op.tup), [I64(TUPLE_ITEMS + op.index)], source_etype=PTR), typ=PTR)
        self.incref(p)
        self.put(op.result, p)

    def lower_GetIter(self, op: ir.GetIter) -> None:
        self.put(op.result, self.check_null(self.call("PyObject_GetIter", [self.obj(op.value)])))

    def lower_ForIter(self, op: ir.ForIter) -> None:
        b = self.b
        item = self.next_item(self.get(op.it))
        null = b.icmp_unsigned("==", item, L.Constant(PTR, None))
        got = self.f.append_basic_block("iter.item")
        end = self.f.append_basic_block("iter.end")
        done = self.f.append_basic_block("iter.done")
        b.cbranch(null, end, got)
        b.position_at_end(end)
        self.error_if(b.icmp_unsigned("!=", self.call("PyErr_Occurred", [], types=[]),
                                      L.Constant(PTR, None)))
        end_ok = b.block
        b.branch(done)
        b.position_at_end(got)
        slot = self.slots[id(op.var)]
        if is_num(op.var):
            old = b.load(slot, typ=NUMT)
            b.store(self.num_make(NUM_OBJ, p=item), slot)
            self.num_release(old)
        else:
            old = b.load(slot, typ=PTR)
            b.store(item, slot)
            self.xdecref(old)
        got_end = b.block
        b.branch(done)
        b.position_at_end(done)
        r = b.phi(I1)
        r.add_incoming(I1(0), end_ok)
        r.add_incoming(I1(1), got_end)
        self.put(op.result, r)

    def next_item(self, it):
        """The next item of iterator `it` (a new reference), or NULL at its end or on an
        error (ir.FAST_ITER). An exact list or tuple iterator gives its item inline while
        its index is below the sequence's size, read at each step as listiter_next reads
        it (a list that grows or shrinks in the loop is seen); a range iterator its next
        int (rangeiter_next's arithmetic); anything else, and the end of a list or tuple
        (where CPython drops the sequence from the iterator), takes PyIter_Next (for a
        guest generator with a native body, pjgen.c's step: pj_gen_next)."""
        b = self.b
        tp = b.load(b.gep(it, [I64(1)], source_etype=PTR), typ=PTR)
        is_list_it = b.icmp_unsigned("==", tp, self.const_obj(type(iter([]))))
        is_seq_it = b.or_(is_list_it, b.icmp_unsigned("==", tp, self.const_obj(type(iter(())))))
        blocks = [self.f.append_basic_block(name) for name in
                  ("iter.seq", "iter.seqsize", "iter.seqitem", "iter.range", "iter.rangeitem",
                   "iter.next", "iter.have")]
        seq_blk, size_blk, seq_item_blk, range_blk, range_item_blk, next_blk, have = blocks
        not_seq = self.f.append_basic_block("iter.notseq")
        b.cbranch(is_seq_it, seq_blk, not_seq)
        b.position_at_end(seq_blk)       # {head; it_index; it_seq}: listiterobject, tupleiterobject
        index_at = b.gep(it, [I64(ITER_INDEX)], source_etype=I64)
        seq = b.load(b.gep(it, [I64(ITER_SEQ)], source_etype=PTR), typ=PTR)
        b.cbranch(b.icmp_unsigned("!=", seq, L.Constant(PTR, None)), size_blk, next_blk)
        b.position_at_end(size_blk)
        index = b.load(index_at, typ=I64)
        size = b.load(b.gep(seq, [I64(2)], source_etype=I64), typ=I64)
        b.cbranch(b.icmp_signed("<", index, size), seq_item_blk, next_blk)
        b.position_at_end(seq_item_blk)
        items = b.select(is_list_it, b.load(b.gep(seq, [I64(LIST_ITEMS)], source_etype=PTR), typ=PTR),
                         b.gep(seq, [I64(TUPLE_ITEMS)], source_etype=PTR))
        seq_item = b.load(b.gep(items, [index], source_etype=PTR), typ=PTR)
        self.incref(seq_item)
        b.store(b.add(index, I64(1)), index_at)
        b.branch(have)
        b.position_at_end(not_seq)
        is_range_it = b.icmp_unsigned("==", tp, self.const_obj(type(iter(range(0)))))
        b.cbranch(is_range_it, range_blk, next_blk)
        b.position_at_end(range_blk)     # {head; index; start; step; len}: 3.11's rangeiterobject
        index_at = b.gep(it, [I64(RANGE_INDEX)], source_etype=I64)
        index = b.load(index_at, typ=I64)
        left = b.load(b.gep(it, [I64(RANGE_LEN)], source_etype=I64), typ=I64)
        b.cbranch(b.icmp_signed("<", index, left), range_item_blk, next_blk)
        b.position_at_end(range_item_blk)   # (rangeiter_next: start + index * step, unsigned)
        start = b.load(b.gep(it, [I64(RANGE_START)], source_etype=I64), typ=I64)
        step = b.load(b.gep(it, [I64(RANGE_STEP)], source_etype=I64), typ=I64)
        b.store(b.add(index, I64(1)), index_at)
        start = b.add(start, b.mul(index, step))
        range_item = self.call("PyLong_FromLong", [start], types=[I64])
        range_end = b.block
        b.branch(have)
        b.position_at_end(next_blk)
        next_item = self.call("pj_gen_next", [it])   # (PyIter_Next; a guest generator's step in C)
        next_end = b.block
        b.branch(have)
        b.position_at_end(have)
        item = b.phi(PTR)
        item.add_incoming(seq_item, seq_item_blk)
        item.add_incoming(range_item, range_end)
        item.add_incoming(next_item, next_end)
        return item

    def lower_FormatValue(self, op: ir.FormatValue) -> None:
        v = self.obj(op.value)
        if op.conversion:
            v = self.check_null(self.call(_CONVERT[op.conversion], [v]))
            self.extra.append(v)
        spec = self.obj(op.spec) if op.spec is not None else L.Constant(PTR, None)
        # (on the guest's recursion budget when the value holds a container: pjcaller.c)
        fmt = "PyObject_Format" if op.conversion else "pj_guest_format"
        self.put(op.result, self.check_null(self.call(fmt, [v, spec], types=[PTR, PTR])))

    def lower_BuildString(self, op: ir.BuildString) -> None:
        parts = [self.obj(p) for p in op.parts]
        arr = self.args_array(parts, lead=0)
        p = self.call("_PyUnicode_JoinArray", [self.const_obj(""), arr, I64(len(parts))],
                      types=[PTR, PTR, I64])
        self.put(op.result, self.check_null(p))

    def lower_CellGet(self, op: ir.CellGet) -> None:
        """PyCell_GET (ob_ref, the word after the header); empty: CPython's NameError."""
        b = self.b
        p = b.load(b.gep(self.obj(op.cell), [I64(2)], source_etype=PTR), typ=PTR)
        empty = self.f.append_basic_block("cell.empty")
        full = self.f.append_basic_block("cell.full")
        b.cbranch(b.icmp_unsigned("==", p, L.Constant(PTR, None)), empty, full)
        b.position_at_end(empty)
        self.set_error(NameError, f"cannot access free variable '{op.name}' where it is not "
                                  "associated with a value in enclosing scope")
        self.obj_fail()
        b.position_at_end(full)
        self.incref(p)
        self.put(op.result, p)

    def lower_CellSet(self, op: ir.CellSet) -> None:
        self.check_neg(self.call("PyCell_Set", [self.obj(op.cell), self.obj(op.value)], ret=I32))

    def frame_obj(self):
        """This call's guest frame as an object (borrowed), or None when it has none."""
        return self.b.select(self.frame_has, self.frame_p, self.const_obj(None))

    def lower_Raise(self, op: ir.Raise) -> None:
        # (the frame: `raise e` of an exception that already passed this frame gets a new
        # traceback entry, as CPython's RAISE_VARARGS gives it)
        if op.cause is None:
            self.call_host(slowpaths.raise_, [self.obj(op.exc), self.frame_obj()])
        else:
            self.call_host(slowpaths.raise_from, [self.obj(op.exc), self.obj(op.cause),
                                                  self.frame_obj()])
        self.obj_fail()     # the helper always raises

    # -- exception handling (build.py transform_try / transform_with)
    def lower_Catch(self, op: ir.Catch) -> None:
        """pj_catch: the exception set (normalised, __traceback__ set) into its slot, this
        frame's traceback entry at the line it was raised (slowpaths.caught); pj_exc_push:
        it is the handled exception, the one before it in `saved`."""
        b = self.b
        line = b.load(self.exc_line, typ=I64)
        flags = (slowpaths.CAUGHT_TRACEBACK if op.traceback else 0) | \
            (0 if op.entry else slowpaths.CAUGHT_NO_ENTRY)
        p = self.call("pj_catch", [self.const_obj(slowpaths.caught), self.frame_obj(), line,
                                   I32(flags)], types=[PTR, PTR, I64, I32])
        self.slot_put(op.exc, p)
        if op.saved is not None:
            self.slot_put(op.saved, self.call("pj_exc_push", [p]))

    def slot_put(self, var: ir.Var, p) -> None:
        """An object local takes the owned reference `p`; what it held is released."""
        slot = self.slots[id(var)]
        if is_num(var):
            old = self.b.load(slot, typ=NUMT)
            self.b.store(self.num_make(NUM_OBJ, p=p), slot)
            self.num_release(old)
            return
        old = self.b.load(slot, typ=PTR)
        self.b.store(p, slot)
        self.xdecref(old)

    def lower_PopExcInfo(self, op: ir.PopExcInfo) -> None:
        b = self.b
        slot = self.slots[id(op.saved)]
        self.call("pj_exc_pop", [b.load(slot, typ=PTR)], ret=L.VoidType())   # (steals it)
        b.store(L.Constant(PTR, None), slot)
        for var in op.clear:
            if var.type is not None and var.type.kind in (K_OBJECT, K_NUM):
                self.slot_put(var, L.Constant(PTR, None))
            flag = self.flags.get(id(var))
            if flag is not None:
                b.store(I1(0), flag)

    def lower_ExcMatch(self, op: ir.ExcMatch) -> None:
        r = self.check_neg(self.call("pj_exc_match", [self.obj(op.exc), self.obj(op.typ)], ret=I32))
        self.put(op.result, self.b.icmp_signed("!=", r, I32(0)))

    def lower_Reraise(self, op: ir.Reraise) -> None:
        b = self.b
        if op.exc is None:
            self.call("pj_reraise", [L.Constant(PTR, None)], ret=L.VoidType())
        else:
            slot = self.slots[id(op.exc)]
            exc = b.load(slot, typ=PTR)
            b.store(L.Constant(PTR, None), slot)
            self.call("pj_reraise", [exc], ret=L.VoidType())
            self.decref(exc)
        if op.at_raise:
            # (the frame is left at the line the exception came from: exit_code)
            self.line_value = b.load(self.exc_line, typ=I64)
        try:
            self.obj_fail()     # always raises
        finally:
            self.line_value = None

    # -- numeric ops on objects (typeinfer.py gave them an object operand or result)
    def obj_binop(self, op: ir.BinOp) -> None:
        if ir.fast_path(op) == ir.FAST_INT_FLOAT:
            self.put(op.result, self.fast_numeric(op, self.generic_binop))
            return
        self.put(op.result, self.generic_binop(op))

    def generic_binop(self, op: ir.BinOp):
        """CPython's PyNumber_* call; pj_binop_dunder (pjobj.c) for the operators a class
        defined in Python may implement with a def: it calls that dunder through a call
        cache of the site (a guest method's machine code directly) where CPython's
        binary_op1 would call it first, and PyNumber_* otherwise."""
        args = [self.obj(op.left), self.obj(op.right)]
        if op.op in DUNDER_BINOPS:
            return self.check_null(self.call(
                "pj_binop_dunder", args + [I32(DUNDER_BINOPS.index(op.op)), I32(int(op.inplace)),
                                           self.site_cache(CALL_CACHE)],
                types=[PTR, PTR, I32, I32, PTR]))
        prefix = "PyNumber_InPlace" if op.inplace else "PyNumber_"
        name = prefix + _BINARY[op.op]
        if op.op == ir.POW:
            name = "PyNumber_InPlacePower" if op.inplace else "PyNumber_Power"
            args.append(self.const_obj(None))
        return self.check_null(self.call(name, args))

    # -- inline fast paths of int and float operations (exact; anything else: generic)
    def number_parts(self, v: ir.Value):
        """(isint, ival, isfloat, dval, int53) of an operand: `isint` when it is an exact
        int of value `ival` (int64: a tagged or unboxed int, or a boxed int of one 30-bit
        digit), `isfloat` when it is an exact float of value `dval`, `int53` when the int
        converts to a double exactly (|ival| <= 2**53). A bool, a bool-tagged number, an
        int or float subclass or anything else has neither. The loads read a stand-in
        object (0 or 0.0) when the type does not match, so they never touch memory the
        operand does not have."""
        b = self.b
        k = v.type.kind
        if k == K_INT:
            x = self.get(v)
            return I1(1), x, I1(0), F64(0.0), self.fits53(x)
        if k == K_FLOAT:
            return I1(0), I64(0), I1(1), self.get(v), I1(0)
        if k == K_NUM:
            s = self.get(v)
            tag = b.extract_value(s, 0)
            is_o = b.icmp_unsigned("==", tag, I8(NUM_OBJ))
            p = b.select(is_o, b.extract_value(s, 3), self.const_obj(0))
            os_, oi, of, od, _ = self.object_number_parts(p)
            t_int = b.icmp_unsigned("==", tag, I8(NUM_INT))
            t_float = b.icmp_unsigned("==", tag, I8(NUM_FLOAT))
            ival = b.select(t_int, b.extract_value(s, 1), oi)
            isint = b.or_(t_int, b.and_(is_o, os_))
            return (isint, ival, b.or_(t_float, b.and_(is_o, of)),
                    b.select(t_float, b.extract_value(s, 2), od),
                    b.or_(b.and_(is_o, os_), self.fits53(ival)))
        return self.object_number_parts(self.get(v))

    def fits53(self, x):
        b = self.b
        return b.icmp_unsigned("<=", b.add(x, I64(TWO53)), I64(2 * TWO53))

    def object_number_parts(self, p):
        """number_parts of a PyObject * (a small int has one 30-bit digit: int53)."""
        b = self.b
        tp = b.load(b.gep(p, [I64(1)], source_etype=PTR), typ=PTR)
        is_long = b.icmp_unsigned("==", tp, self.const_obj(int))
        is_float = b.icmp_unsigned("==", tp, self.const_obj(float))
        lp = b.select(is_long, p, self.const_obj(0))
        size = b.load(b.gep(lp, [I64(2)], source_etype=I64), typ=I64)
        digit = b.zext(b.load(b.gep(b.gep(lp, [I64(3)], source_etype=I64), [I64(0)], source_etype=I32),
                              typ=I32), I64)
        small = b.and_(is_long, b.icmp_unsigned("<=", b.add(size, I64(1)), I64(2)))
        fp = b.select(is_float, p, self.const_obj(0.0))
        dval = b.load(b.gep(fp, [I64(2)], source_etype=F64), typ=F64)
        return small, b.mul(size, digit), is_float, dval, small

    def fast_numeric(self, op, generic):
        """`op` (a BinOp or an order Compare giving a tagged number) with inline paths:
        two exact int64 ints (overflow: generic), a float with a float or an int that
        converts exactly, each giving what CPython's int/float methods give, unboxed;
        anything else (big ints, other types, a zero divisor: its exception) `generic(op)`
        in place. Returns the tagged result (owning the generic path's object)."""
        b = self.b
        slow = self.f.append_basic_block("num.slow")
        done = self.f.append_basic_block("num.done")
        incoming = []
        self.quick_numeric(op, slow, done, incoming)
        li, lv, lf, ld, l53 = self.number_parts(op.left)
        ri, rv, rf, rd, r53 = self.number_parts(op.right)
        ints = self.f.append_basic_block("num.int")
        other = self.f.append_basic_block("num.other")
        floats = self.f.append_basic_block("num.float")
        b.cbranch(b.and_(li, ri), ints, other)
        b.position_at_end(other)
        float_ok = b.and_(b.or_(lf, rf), b.and_(b.or_(lf, b.and_(li, l53)),
                                               b.or_(rf, b.and_(ri, r53))))
        b.cbranch(float_ok, floats, slow)
        # ints
        b.position_at_end(ints)
        r = self.int_fast(op, lv, rv, l53, r53, slow)
        if r is not None:
            incoming.append((r, b.block))
            b.branch(done)
        else:
            b.branch(slow)
        # floats
        b.position_at_end(floats)
        x = b.select(lf, ld, b.sitofp(lv, F64))
        y = b.select(rf, rd, b.sitofp(rv, F64))
        r = self.float_fast(op, x, y, slow)
        if r is not None:
            incoming.append((r, b.block))
            b.branch(done)
        else:
            b.branch(slow)
        # anything else: the generic operation, boxing unboxed operands just for it
        b.position_at_end(slow)
        incoming.append((self.num_make(NUM_OBJ, p=self.in_slow_path(generic, op)), b.block))
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(NUMT)
        for v, blk in incoming:
            phi.add_incoming(v, blk)
        return phi

    def quick_numeric(self, op, slow, done, incoming) -> None:
        """The common cases of fast_numeric first, on tags and types alone: two floats
        (unboxed, float-tagged or exact float objects) or two int64s (unboxed or
        int-tagged) go straight to float_fast/int_fast, which give exactly what the full
        dispatch after this gives them (number_parts' loads and selects cost a float loop
        about forty instructions per operation). Anything else falls through to it."""
        b = self.b
        fl, fr = self.quick_float(op.left), self.quick_float(op.right)
        il, ir_ = self.quick_int(op.left), self.quick_int(op.right)
        if fl is not None and fr is not None:
            quick = self.f.append_basic_block("num.qfloat")
            rest = self.f.append_basic_block("num.qrest")
            b.cbranch(b.and_(fl[0], fr[0]), quick, rest)
            b.position_at_end(quick)
            r = self.float_fast(op, fl[1](), fr[1](), slow)
            if r is not None:
                incoming.append((r, b.block))
                b.branch(done)
            else:
                b.branch(slow)
            b.position_at_end(rest)
        if il is not None and ir_ is not None:
            quick = self.f.append_basic_block("num.qint")
            rest = self.f.append_basic_block("num.qrest")
            b.cbranch(b.and_(il[0], ir_[0]), quick, rest)
            b.position_at_end(quick)
            x, y = il[1](), ir_[1]()
            r = self.int_fast(op, x, y, self.fits53(x), self.fits53(y), slow)
            if r is not None:
                incoming.append((r, b.block))
                b.branch(done)
            else:
                b.branch(slow)
            b.position_at_end(rest)

    def quick_float(self, v: ir.Value):
        """(is an exact float now, a function giving its double where it is) for
        quick_numeric, or None: `v` is never one."""
        b = self.b
        k = v.type.kind
        if k == K_FLOAT:
            return I1(1), lambda: self.get(v)
        if k == K_NUM:
            s = self.get(v)
            return (b.icmp_unsigned("==", b.extract_value(s, 0), I8(NUM_FLOAT)),
                    lambda: b.extract_value(s, 2))
        if k == K_OBJECT:
            p = self.get(v)
            tp = b.load(b.gep(p, [I64(1)], source_etype=PTR), typ=PTR)
            return (b.icmp_unsigned("==", tp, self.const_obj(float)),
                    lambda: b.load(b.gep(p, [I64(2)], source_etype=F64), typ=F64))
        return None

    def quick_int(self, v: ir.Value):
        """quick_float's form for an int64 (unboxed or int-tagged: objects take the full
        path, which reads their digit)."""
        b = self.b
        k = v.type.kind
        if k == K_INT:
            return I1(1), lambda: self.get(v)
        if k == K_NUM:
            s = self.get(v)
            return (b.icmp_unsigned("==", b.extract_value(s, 0), I8(NUM_INT)),
                    lambda: b.extract_value(s, 1))
        return None

    def in_slow_path(self, generic, op):
        """generic(op) on a path of its own: boxes it makes are released on that path."""
        saved, self.extra = self.extra, []
        self.line_now()
        r = generic(op)
        for p in self.extra:
            self.decref(p)
        self.extra = saved
        return r

    def bool_obj(self, cond):
        p = self.b.select(cond, self.const_obj(True), self.const_obj(False))
        self.incref(p)
        return p

    def int_fast(self, op, x, y, x53, y53, slow):
        """The tagged result of int64 x <op> y, or None (no inline form). May branch to
        `slow` (overflow, a zero divisor, a quotient a double does not hold exactly)."""
        b = self.b
        o = op.op
        if isinstance(op, ir.Compare):
            return self.num_make(NUM_BOOL, i=b.zext(b.icmp_signed(_ICMP[o], x, y), I64))
        if o in (ir.ADD, ir.SUB, ir.MULT):
            fn = {ir.ADD: b.sadd_with_overflow, ir.SUB: b.ssub_with_overflow,
                  ir.MULT: b.smul_with_overflow}[o]
            r = fn(x, y)
            self.nonzero_or(b.xor(b.extract_value(r, 1), I1(1)), slow)
            return self.num_make(NUM_INT, i=b.extract_value(r, 0))
        if o in (ir.BITAND, ir.BITOR, ir.BITXOR):
            fn = {ir.BITAND: b.and_, ir.BITOR: b.or_, ir.BITXOR: b.xor}[o]
            return self.num_make(NUM_INT, i=fn(x, y))
        if o == ir.POW:
            return None
        nonzero = b.icmp_signed("!=", y, I64(0))
        if o == ir.DIV:   # both within 2**53: the correctly rounded quotient, as CPython's
            self.nonzero_or(b.and_(nonzero, b.and_(x53, y53)), slow)
            return self.num_make(NUM_FLOAT, d=b.fdiv(b.sitofp(x, F64), b.sitofp(y, F64)))
        # (INT64_MIN // -1 overflows int64: generic)
        self.nonzero_or(b.and_(nonzero, b.or_(b.icmp_signed("!=", y, I64(-1)),
                                              b.icmp_signed("!=", x, I64(INT64_MIN)))), slow)
        q, rem = b.sdiv(x, y), b.srem(x, y)
        # Python rounds the quotient down: when the remainder's sign differs from y's
        adjust = b.and_(b.icmp_signed("!=", rem, I64(0)),
                        b.icmp_signed("<", b.xor(rem, y), I64(0)))
        if o == ir.FLOORDIV:
            v = b.select(adjust, b.sub(q, I64(1)), q)
        else:
            v = b.select(adjust, b.add(rem, y), rem)
        return self.num_make(NUM_INT, i=v)

    def float_fast(self, op, x, y, slow):
        b = self.b
        o = op.op
        if isinstance(op, ir.Compare):
            c = b.fcmp_unordered("!=", x, y) if o == ir.NOTEQ else b.fcmp_ordered(_ICMP[o], x, y)
            return self.num_make(NUM_BOOL, i=b.zext(c, I64))
        if o in (ir.ADD, ir.SUB, ir.MULT):
            fn = {ir.ADD: b.fadd, ir.SUB: b.fsub, ir.MULT: b.fmul}[o]
            return self.num_make(NUM_FLOAT, d=fn(x, y))
        if o == ir.DIV:
            self.nonzero_or(b.fcmp_unordered("!=", y, F64(0.0)), slow)
            return self.num_make(NUM_FLOAT, d=b.fdiv(x, y))
        if o == ir.POW:
            return self.inline_float_pow(x, y, slow)
        return None     # float // and %: CPython's own rounding rules (generic)

    def inline_float_pow(self, x, y, slow):
        """x ** y inline where CPython's float_pow gives libm's pow(): x finite and not
        zero, y finite, and x positive or y integral (CPython then computes -pow(-x, y)
        for an odd y, which libm's pow gives for x < 0 too), and a finite result (an
        overflow: the generic path raises CPython's OverflowError; an underflow to 0 is
        no error there either). Zero, inf and NaN operands take the generic path."""
        b = self.b
        inf = F64(float("inf"))
        ax = self.fabs(x)
        integral = b.fcmp_ordered("==", b.call(self.ml.module.declare_intrinsic("llvm.floor", [F64]), [y]), y)
        ok = b.and_(b.and_(b.fcmp_ordered(">", ax, F64(0.0)), b.fcmp_ordered("<", ax, inf)),
                    b.and_(b.fcmp_ordered("<", self.fabs(y), inf),
                           b.or_(b.fcmp_ordered(">", x, F64(0.0)), integral)))
        self.nonzero_or(ok, slow)
        r = b.call(self.capi("pow", F64, [F64, F64]), [x, y])
        self.nonzero_or(b.fcmp_ordered("<", self.fabs(r), inf), slow)
        return self.num_make(NUM_FLOAT, d=r)

    def fabs(self, x):
        fn = self.ml.module.declare_intrinsic("llvm.fabs", [F64])
        return self.b.call(fn, [x])

    def nonzero_or(self, cond, slow):
        ok = self.f.append_basic_block("num.nonzero")
        self.b.cbranch(cond, ok, slow)
        self.b.position_at_end(ok)

    def math_call(self, op, func, ok, generic):
        """A call marked `math` (ir.MATH_INLINE): while `func` is still that math function
        and the argument an exact float or an int within 2**53, libm's function inline
        where CPython's math_1 would return its result (sqrt of x >= 0, sin and cos of a
        finite x); else `generic(op)` (the call: CPython's errors). A tagged number."""
        import math
        b = self.b
        isint, iv, isf, dv, i53 = self.number_parts(op.args[0])
        x = b.select(isf, dv, b.sitofp(iv, F64))
        if op.math == "sqrt":
            domain = b.fcmp_ordered(">=", x, F64(0.0))
        else:
            domain = b.fcmp_ordered("<", self.fabs(x), F64(float("inf")))
        same = b.icmp_unsigned("==", func, self.const_obj(getattr(math, op.math)))
        fast = b.and_(b.and_(same, ok), b.and_(b.or_(isf, b.and_(isint, i53)), domain))

        def inline():
            if op.math == "sqrt":
                fn = self.ml.module.declare_intrinsic("llvm.sqrt", [F64])   # (correctly rounded)
            else:
                fn = self.capi(op.math, F64, [F64])     # libm's, as math_1 calls it
            return self.num_make(NUM_FLOAT, d=b.call(fn, [x]))
        return self.select_block(fast, inline,
                                 lambda: self.num_make(NUM_OBJ, p=self.in_slow_path(generic, op)), NUMT)

    def fast_negate(self, op: ir.UnaryOp):
        """-x inline for an exact int64 (not INT64_MIN) or a float; else generic."""
        b = self.b
        isint, ival, isfloat, dval, _ = self.number_parts(op.operand)
        ok_int = b.and_(isint, b.icmp_signed("!=", ival, I64(INT64_MIN)))
        neg = self.num_make(NUM_FLOAT, d=b.fneg(dval))
        fast = b.select(ok_int, self.num_make(NUM_INT, i=b.sub(I64(0), ival)), neg)

        def generic():
            p = self.in_slow_path(
                lambda op: self.check_null(self.call(_UNARY[op.op], [self.obj(op.operand)])), op)
            return self.num_make(NUM_OBJ, p=p)
        return self.select_block(b.or_(ok_int, isfloat), lambda: fast, generic, NUMT)

    def num_truth(self, s):
        """bool(tagged number s) as an i1; an object: obj_truth's path."""
        b = self.b
        tag = b.extract_value(s, 0)
        unboxed = b.select(b.icmp_unsigned("==", tag, I8(NUM_FLOAT)),
                           b.fcmp_unordered("!=", b.extract_value(s, 2), F64(0.0)),
                           b.icmp_signed("!=", b.extract_value(s, 1), I64(0)))
        is_o = b.icmp_unsigned("==", tag, I8(NUM_OBJ))
        return self.select_block(is_o, lambda: self.object_truth(b.extract_value(s, 3)),
                                 lambda: unboxed, I1)

    def obj_unary(self, op: ir.UnaryOp) -> None:
        if op.op == ir.NOT:
            if is_num(op.operand):
                self.put(op.result, self.b.xor(self.num_truth(self.get(op.operand)), I1(1)))
                return
            r = self.check_neg(self.call("PyObject_Not", [self.obj(op.operand)], ret=I32))
            self.put(op.result, self.b.icmp_signed("!=", r, I32(0)))
            return
        if ir.fast_path(op) == ir.FAST_INT_FLOAT:
            self.put(op.result, self.fast_negate(op))
            return
        self.put(op.result, self.check_null(self.call(_UNARY[op.op], [self.obj(op.operand)])))

    def obj_compare(self, op: ir.Compare) -> None:
        b = self.b
        if op.op in (ir.IS, ir.ISNOT):
            kl, kr = op.left.type.kind, op.right.type.kind
            if K_OBJECT not in (kl, kr) and K_NUM not in (kl, kr):
                # two unboxed values (typeinfer rejects two numbers): None is None, a bool
                # is the other bool if equal, values of different kinds are never the same
                if kl == kr == K_BOOL:
                    same = b.icmp_unsigned("==", self.get(op.left), self.get(op.right))
                else:
                    same = I1(1 if kl == kr == K_NONE else 0)
            else:
                # (a tagged number against None or a bool: typeinfer.py; an unboxed
                # number's box is neither)
                same = b.icmp_unsigned("==", self.obj(op.left), self.obj(op.right))
            self.put(op.result, same if op.op == ir.IS else b.xor(same, I1(1)))
            return
        if op.op in (ir.IN, ir.NOTIN):
            r = self.check_neg(self.call("PySequence_Contains", [self.obj(op.right), self.obj(op.left)],
                                         ret=I32))
            self.put(op.result, b.icmp_signed("==" if op.op == ir.NOTIN else "!=", r, I32(0)))
            return
        if ir.fast_path(op) == ir.FAST_INT_FLOAT:
            self.put(op.result, self.fast_numeric(op, self.generic_compare))
            return
        self.put(op.result, self.generic_compare(op))

    def generic_compare(self, op: ir.Compare):
        # (==/!= on the guest's recursion budget when both hold a container: pjcaller.c)
        p = self.call("pj_guest_richcompare", [self.obj(op.left), self.obj(op.right), I32(_RICH[op.op])],
                      types=[PTR, PTR, I32])
        return self.check_null(p)

    def obj_truth(self, op: ir.Truth) -> None:
        if is_num(op.value):
            self.put(op.result, self.num_truth(self.get(op.value)))
            return
        self.put(op.result, self.object_truth(self.get(op.value)))

    def object_truth(self, p):
        """True/False/None (what comparisons give) inline; anything else PyObject_IsTrue."""
        b = self.b
        is_true = b.icmp_unsigned("==", p, self.const_obj(True))
        known = b.or_(is_true, b.or_(b.icmp_unsigned("==", p, self.const_obj(False)),
                                     b.icmp_unsigned("==", p, self.const_obj(None))))

        def slow():
            r = self.check_neg(self.call("PyObject_IsTrue", [p], ret=I32))
            return b.icmp_signed("!=", r, I32(0))
        return self.select_block(known, lambda: is_true, slow, I1)

    def obj_len(self, op: ir.CallBuiltin):
        return self.check_neg(self.call("PyObject_Size", [self.obj(op.args[0])], ret=I64))
