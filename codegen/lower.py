"""Typed IR (ir.py) -> LLVM IR, through llvmlite's IR builder.

In: the typed `ir.Function`s of one compilation unit (typeinfer.py has run,
check.py passes). Out: one `llvmlite.ir.Module` holding
  * per specialisation an internal `fastcc` function
        {T, i32} @name(i64 depth, ptr err, <args>)
    returning the value and a status (errors.py: 0 ok, 1 deopt, >= 2 a guest
    exception); `err` points at the unit's error record (ERR_* slots below);
  * per entry point an external C function
        i32 @name.entry(ptr args, ptr out, ptr err)
    that reads its arguments from 8-byte slots (`flat_kinds` gives the layout),
    calls the specialisation with depth 0 and writes the result's slots to
    `out`. compiler.py calls it through ctypes (which releases the GIL).

Python semantics are reproduced exactly or the code deoptimises: int ops are
checked (llvm.s*.with.overflow), floor division and modulo follow Python's
signs, int/float comparisons deopt when the int is not exactly a double, and
every error CPython raises is raised with CPython's message. A failure site
stores the guest line (ERR_LINE), the specialisation (ERR_FUNC), the payload
and the guard (ERR_GUARD) into `err`, then returns its status.
"""
from __future__ import annotations

import ctypes

import llvmlite.ir as L

from . import genlower, ir
from .errors import _EXCEPTIONS, ST_DEOPT, LoweringError, Unsupported, status_of
from .lowerobj import NUM_OBJ, NUMT, ObjectLowering, is_num, is_obj
from .types import (K_ARRAY, K_BOOL, K_FLOAT, K_FLOATX, K_INT, K_INTX, K_NONE, K_NPFLOAT, K_NPINT,
                    K_NUM, K_OBJECT, K_TUPLE, Type)

I1 = L.IntType(1)
I8 = L.IntType(8)
I32 = L.IntType(32)
I64 = L.IntType(64)
I128 = L.IntType(128)
F64 = L.DoubleType()
PTR = L.PointerType()
ARRAY_T = L.LiteralStructType([PTR, I64, I64, I64, I64])  # data, shape0, shape1, stride0, stride1 (bytes)

# Slots of the error record (an i64[8] owned by the caller of the entry).
ERR_LINE, ERR_P0, ERR_P1, ERR_P2, ERR_GUARD, ERR_FUNC, ERR_LOG, ERR_LOG_LEN, ERR_LOG_CAP = range(9)
# A guest exception leaving a native call records (function, call line) of each native
# caller it passes, innermost first, so the traceback shows every guest frame.
ERR_TB_N = 12
ERR_TB = 13
# Object code: the address of the call's guest frame (a frame list, protojit/frames.py),
# whose F_LINENO the machine code keeps current (lowerobj.py frame_line).
ERR_FRAME = 9
TB_MAX = 16
# A signal handler's exception leaving a loop region (osr.py): ERR_LOCALS_N is 1 and
# ERR_LOCALS + i holds the current value of the region's i-th dumped local (fn.osr_dump:
# int, float bits, bool), which NativeSpec writes back to tier 0's frame so that a `finally`
# or `except` around the loop sees the values CPython's would (issue 18).
ERR_LOCALS_N = ERR_TB + 2 * TB_MAX
ERR_LOCALS = ERR_LOCALS_N + 1
LOCALS_MAX = 18
ERR_SLOTS = ERR_LOCALS + LOCALS_MAX      # 64: pjentry.c's ERR_SLOTS
# Object code's entry (emit_entry_obj): 1 when the argument vector's references are the
# callee's (pjentry.c pj_call_site_owned, t_own_vec; compiler.ObjectSpec.call for OSR),
# which it takes, writing NULL in their place; 0: borrowed.
ERR_OWNED = 11
# In: the depth the numeric entry's specialisation starts its count at (protojit/frames.py
# native_start_depth, runtime_c/capi/pjentry.c start_depth: so that no level it runs is past
# the guest recursion limit).
ERR_DEPTH = 10

# Deopt guards (ERR_GUARD holds the index); names appear in trace events.
GUARDS = ("int64 overflow", "negative int exponent", "shift overflow", "int not exact as float",
          "float to int out of range", "recursion depth", "float power is complex", "range length")
G_OVERFLOW, G_NEGEXP, G_SHIFT, G_INEXACT, G_F2I, G_DEPTH, G_COMPLEX, G_RANGE = range(len(GUARDS))

# Signals (runtime_c/signal.c): each module has a depth limit of its own (poll_limit:
# MAX_DEPTH, or -1 once a signal is pending), which native code compares with at every
# loop back-edge, after every foreign call (emit_signal_poll: limit & POLL_BIT) and at
# recursive calls (depth_check: level > limit, the depth check itself); the rare branch
# calls pj_signal_poll, which runs the Python handlers in the main thread; a handler
# that raised leaves with SIGNAL_STATUS (compiler.py raises the handler's exception).
# False only for perf/ measurements of the poll's cost (the flag is read when a unit is
# lowered).
SIGNAL_POLL = True
# Object code lets the GIL go at every this many loop back-edges (a power of two;
# emit_gil_yield): a waiting thread runs within its switch interval plus that many passes
GIL_YIELD_EVERY = 1024
SIGNAL_STATUS = status_of("signal handler raised")
# Levels past MAX_DEPTH that native code may enter before a check deopts (two: lower_Call
# leaves some calls unchecked); the entries keep this margin below the guest limit
# (frames.DEPTH_STEP, pjentry.c DEPTH_STEP: the same).
DEPTH_MARGIN = 8

# Native recursion deeper than this deoptimises (tier 0 then applies CPython's limit): the
# entry starts the depth count (ERR_DEPTH) so that this comes before the guest limit, and
# MAX_DEPTH machine frames below the entry at most (frames.NATIVE_MAX_DEPTH and the C
# runtime's PJ_NATIVE_MAX_DEPTH, the same).
MAX_DEPTH = 800
# A bit that MAX_DEPTH lacks and -1 has: loops test it (`test $imm, mem` folds the load;
# a compare of a volatile load with a constant does not).
POLL_BIT = 1 << 20
assert not MAX_DEPTH & POLL_BIT
UNROLL_SELF_CALLS = True
TWO53 = 1 << 53


INTX_T = L.LiteralStructType([I64, I1])    # value, "is a numpy scalar"
FLOATX_T = L.LiteralStructType([F64, I1])


def lltype(t: Type) -> L.Type:
    k = t.kind
    if k == K_OBJECT:
        return PTR
    if k == K_NUM:
        return NUMT
    if k == K_INTX:
        return INTX_T
    if k == K_FLOATX:
        return FLOATX_T
    if k in (K_INT, K_NPINT):
        return I64
    if k in (K_FLOAT, K_NPFLOAT):
        return F64
    if k == K_BOOL:
        return I1
    if k == K_NONE:
        return I8
    if k == K_TUPLE:
        return L.LiteralStructType([lltype(x) for x in t.items])
    if k == K_ARRAY:
        return ARRAY_T
    raise Unsupported(f"type {t} in native code")


def flat_kinds(t: Type) -> list[str]:
    """The 8-byte slots one value of type `t` takes at the entry: 'i64', 'f64', 'bool', 'none',
    and for arrays 'ptr' + four 'i64' (shape0, shape1, stride0, stride1); an object is
    one 'obj' slot (a borrowed PyObject *)."""
    k = t.kind
    if k == K_OBJECT:
        return ["obj"]
    if k in (K_INT, K_NPINT):
        return ["i64"]
    if k in (K_FLOAT, K_NPFLOAT):
        return ["f64"]
    if k == K_INTX:
        return ["i64", "bool"]
    if k == K_FLOATX:
        return ["f64", "bool"]
    if k == K_BOOL:
        return ["bool"]
    if k == K_NONE:
        return ["none"]
    if k == K_TUPLE:
        return [s for x in t.items for s in flat_kinds(x)]
    if k == K_ARRAY:
        return ["ptr", "i64", "i64", "i64", "i64"]
    raise Unsupported(f"type {t} at a native entry")


def uses_sret(fn: ir.Function) -> bool:
    """Tuples are returned through a pointer (a third argument): LLVM's JIT mis-handled
    aggregate returns wider than two registers under fastcc."""
    return fn.return_type.kind == K_TUPLE


def ret_type(fn: ir.Function) -> L.Type:
    if uses_sret(fn):
        return L.LiteralStructType([I8, I32])
    return L.LiteralStructType([lltype(fn.return_type), I32])


def _cycle_avoiding(blocks: list[ir.Block], header: int, cut: set[int]) -> bool:
    """Whether a path leads from block `header` (an id) back to it through no block in
    `cut` (ids)."""
    start = next(b for b in blocks if id(b) == header)
    if header in cut:
        return False
    seen = set()
    todo = [start]
    while todo:
        for nxt in todo.pop().successors():
            if id(nxt) == header:
                return True
            if id(nxt) not in seen and id(nxt) not in cut:
                seen.add(id(nxt))
                todo.append(nxt)
    return False


def _set_weights(self, weights) -> None:
    """llvmlite's ConditionalBranch.set_weights with one metadata node per module and list
    of weights: llvmlite builds the node's operands anew at each call (a metadata string,
    a constant per weight) and hashes them to find the node it already has, ~50 us per
    branch (pyperformance go: 1400 cold-path branches, ~6% of lowering). The node is the
    same, so is the text."""
    module = self.module
    cache = module.__dict__.get("_pj_weights")
    if cache is None:
        cache = module._pj_weights = {}   # (jit.release clears the module's __dict__)
    key = tuple(weights)
    md = cache.get(key)
    if md is None:
        if min(key) < 0:
            raise ValueError("branch weight must be a positive integer")
        md = cache[key] = module.add_metadata([L.MetaDataString(module, "branch_weights")]
                                              + [L.Constant(L.IntType(32), w) for w in key])
    self.set_metadata("prof", md)


L.instructions.ConditionalBranch.set_weights = _set_weights


class _VolatileLoad(L.LoadInstr):
    """`load volatile`: read anew every time (a signal handler writes the global), and
    unlike an atomic load the x86 backend folds it into a compare's memory operand."""

    def descr(self, buf):
        super().descr(buf)
        buf[-1] = buf[-1].replace("load ", "load volatile ", 1)


def load_volatile(b: L.IRBuilder, ptr, typ, align: int):
    """Append a volatile load of `typ` from `ptr` at the builder's position."""
    ld = _VolatileLoad(b.block, ptr, typ=typ)
    ld.align = align
    b._insert(ld)
    return ld


class ModuleLowerer:
    """Holds the module, the declared specialisations and shared helpers."""

    def __init__(self, name: str, functions: list[ir.Function], recursive: set[int],
                 undo: bool = False, globals_dict=None, builtins_dict=None):
        self.undo = undo   # log array stores so that a DEOPT can undo them (compiler.py)
        # object code: the host objects whose addresses the code holds (the spec keeps
        # this list), C strings, and the guest function's globals and builtins
        self.keep_alive: list = []
        self.globals_dict = globals_dict
        self.builtins_dict = builtins_dict
        self.unbound_names: list[str] = []   # ERR_P0 of an UnboundLocalError indexes this
        self._log_fn = None
        # count_heat: a counter the code adds one to at each entry and loop back-edge
        # (None: no counter)
        self.heat = None
        self.module = L.Module(name=name)
        self.module.triple = ""
        self.functions = functions
        self.recursive = recursive  # ids of functions on a call cycle (they check the depth)
        self.llfuncs: dict[int, L.Function] = {}
        self.index: dict[int, int] = {}
        self.externs: dict[str, L.Function] = {}
        prefix = name
        for i, fn in enumerate(functions):
            args = [I64, PTR] + ([PTR] if uses_sret(fn) else []) + \
                ([PTR, PTR] if fn.generator else []) + [lltype(a.type) for a in fn.args]
            f = L.Function(self.module, L.FunctionType(ret_type(fn), args), f"{prefix}.{fn.name}.{i}")
            f.linkage = "internal"
            f.calling_convention = "fastcc"
            self.llfuncs[id(fn)] = f
            self.index[id(fn)] = i
        # A directly self-recursive function gets a twin: its own calls go to the twin and
        # the twin's back to it, so LLVM inlines one level into the other (two levels of
        # the recursion per machine call, as gcc's recursion inlining does for fib).
        # alwaysinline: the first iteration passes.accumulate_tail_calls peels makes the
        # function too big for LLVM's own threshold, and the twin pays more than that.
        self.twins: dict[int, L.Function] = {}
        if UNROLL_SELF_CALLS:
            for fn in functions:
                if any(isinstance(op, ir.Call) and op.target is fn for b in fn.blocks for op in b.ops):
                    orig = self.llfuncs[id(fn)]
                    t = L.Function(self.module, orig.function_type, orig.name + ".twin")
                    t.linkage = "internal"
                    t.calling_convention = "fastcc"
                    t.attributes.add("alwaysinline")
                    self.twins[id(fn)] = t

    def extern(self, name: str, ret: L.Type, args: list[L.Type]) -> L.Function:
        f = self.externs.get(name)
        if f is None:
            f = self.module.globals.get(name)
            if f is None:
                f = L.Function(self.module, L.FunctionType(ret, args), name)
            self.externs[name] = f
        return f

    def intrinsic(self, name: str, ret: L.Type, args: list[L.Type]) -> L.Function:
        return self.extern(name, ret, args)

    def log_function(self) -> L.Function:
        """i32 log(ptr err, ptr addr): append (addr, old 8 bytes) to the undo log,
        growing it with realloc; 0, or the MemoryError status."""
        if self._log_fn is not None:
            return self._log_fn
        f = L.Function(self.module, L.FunctionType(I32, [PTR, PTR]), f"{self.module.name}.log")
        f.linkage = "internal"
        err, addr = f.args
        b = L.IRBuilder(f.append_basic_block("entry"))
        realloc = self.extern("realloc", PTR, [PTR, I64])

        def slot(i):
            return b.gep(err, [I64(i)], source_etype=I64)
        n = b.load(slot(ERR_LOG_LEN), typ=I64)
        cap = b.load(slot(ERR_LOG_CAP), typ=I64)
        grow, fail, put = (f.append_basic_block(x) for x in ("grow", "fail", "put"))
        b.cbranch(b.icmp_signed(">=", n, cap), grow, put)
        b.position_at_end(grow)
        newcap = b.select(b.icmp_signed("<", cap, I64(256)), I64(512), b.mul(cap, I64(2)))
        p = b.call(realloc, [b.load(slot(ERR_LOG), typ=PTR), b.mul(newcap, I64(16))])
        ok = f.append_basic_block("grown")
        b.cbranch(b.icmp_unsigned("==", b.ptrtoint(p, I64), I64(0)), fail, ok)
        b.position_at_end(ok)
        b.store(p, slot(ERR_LOG))
        b.store(newcap, slot(ERR_LOG_CAP))
        b.branch(put)
        b.position_at_end(fail)
        b.ret(I32(status_of("native undo log")))
        b.position_at_end(put)
        base = b.load(slot(ERR_LOG), typ=PTR)
        entry = b.gep(base, [b.mul(n, I64(2))], source_etype=I64)
        b.store(addr, entry)
        b.store(b.load(addr, typ=I64), b.gep(entry, [I64(1)], source_etype=I64))
        b.store(b.add(n, I64(1)), slot(ERR_LOG_LEN))
        b.ret(I32(0))
        self._log_fn = f
        return f

    def emit_undo(self, b: L.IRBuilder, f: L.Function, err, status) -> None:
        """In an entry: on DEOPT restore the logged stores newest first; always free the log."""
        def slot(i):
            return b.gep(err, [I64(i)], source_etype=I64)
        base = b.load(slot(ERR_LOG), typ=PTR)
        n = b.load(slot(ERR_LOG_LEN), typ=I64)
        head, body, done = (f.append_basic_block(x) for x in ("undo.head", "undo.body", "undo.done"))
        pre = b.block
        start = b.select(b.icmp_signed("==", status, I32(ST_DEOPT)), n, I64(0))
        b.branch(head)
        b.position_at_end(head)
        i = b.phi(I64)
        i.add_incoming(start, pre)
        b.cbranch(b.icmp_signed(">", i, I64(0)), body, done)
        b.position_at_end(body)
        j = b.sub(i, I64(1))
        entry = b.gep(base, [b.mul(j, I64(2))], source_etype=I64)
        addr = b.load(entry, typ=PTR)
        b.store(b.load(b.gep(entry, [I64(1)], source_etype=I64), typ=I64), addr)
        i.add_incoming(j, body)
        b.branch(head)
        b.position_at_end(done)
        free = self.extern("free", L.VoidType(), [PTR])
        b.call(free, [base])   # free(NULL) is a no-op
        b.store(L.Constant(PTR, None), slot(ERR_LOG))
        b.store(I64(0), slot(ERR_LOG_LEN))
        b.store(I64(0), slot(ERR_LOG_CAP))

    def poll_limit(self):
        """This module's own depth limit (runtime_c/pj_runtime.h pj_signal_register_limit):
        MAX_DEPTH, or -1 while a signal is pending. A global of the module, so that the
        code reaches it pc-relative (a compare with memory, no address to load);
        jit.compile_module registers its address (`module.poll_limit` names it)."""
        name = f"{self.module.name}.poll_limit"
        g = self.module.globals.get(name)
        if g is None:
            g = L.GlobalVariable(self.module, I64, name)
            g.storage_class = "dso_local"    # pc-relative, not through the GOT
            g.initializer = I64(MAX_DEPTH)
            g.align = 8
            self.module.poll_limit = name
        return g

    def gil_ticks(self):
        """This module's count of object code's loop back-edges (emit_gil_yield)."""
        name = f"{self.module.name}.gil_ticks"
        g = self.module.globals.get(name)
        if g is None:
            g = L.GlobalVariable(self.module, I64, name)
            g.storage_class = "dso_local"    # pc-relative, not through the GOT
            g.initializer = I64(0)
            g.align = 8
        return g

    def count_heat(self) -> ctypes.c_int64:
        """From here on the code counts its entries (emit_entry_obj) and loop back-edges
        into a counter of its own (the spec keeps it): how much a compile at level 0 runs,
        which decides whether it is worth compiling again at level 1 (tiering.py
        _Upgrades). A plain add, not atomic: object code holds the GIL."""
        self.heat = ctypes.c_int64(0)
        self.keep_alive.append(self.heat)
        return self.heat

    def emit_heat(self, b: L.IRBuilder) -> None:
        """Add one to the heat counter (count_heat), if the module has one."""
        if self.heat is not None:
            p = L.Constant(I64, ctypes.addressof(self.heat)).inttoptr(PTR)
            b.store(b.add(b.load(p, typ=I64), I64(1)), p)

    def signal_poll(self):
        """pj_signal_poll (runtime_c/signal.c), the polls' slow path."""
        return self.extern("pj_signal_poll", I32, [PTR, I64])

    def lower_all(self) -> L.Module:
        for fn in self.functions:
            FunctionLowerer(self, fn).lower()
            if id(fn) in self.twins:
                FunctionLowerer(self, fn, twin=True).lower()
        return self.module

    def emit_entry_obj(self, fn: ir.Function, name: str, arg_types) -> str:
        """Object code's entry `ptr name(ptr args, ptr err)`: `args` is the vector of the
        call's arguments, borrowed references (vectorcall's; compiler.ObjectSpec or the C
        entry checked their types; no per-thread buffer, which a signal handler running
        native code between packing and the call could overwrite). A new reference to the boxed result, or NULL with the CPython
        exception set and ERR_LINE/ERR_FUNC in `err`. `err` is the call's own error
        record (each caller makes one per call: code run while the call unwinds, a
        __del__, may enter native code again, which writes its own); the specialisation
        writes into it directly (no copy on this stack: native recursion through object
        calls takes C stack per level, which bounds its depth).
        `arg_types`: the types the slots hold (the specialisation's); an argument whose
        local was widened to object is boxed here for the call.
        The function's slots own its object arguments (a box made here too): with
        err[ERR_OWNED] set, the vector's references are the callee's, and the entry takes
        each object argument's, writing NULL in its place (object code's calls, pjentry.c
        pj_call_site_owned; whole-function OSR's tuple, made for the call), so that its
        return releases its parameters with its other locals, as CPython clears a frame,
        and a parameter rebound releases the caller's object then; else the vector is
        borrowed and the entry takes a reference of each."""
        f = L.Function(self.module, L.FunctionType(PTR, [PTR, PTR]), name)
        args_p, err_p = f.args
        b = L.IRBuilder(f.append_basic_block("entry"))
        fl = FunctionLowerer(self, fn)
        fl.b = b
        fl.f = f
        values = []
        boxes = []
        taken = []   # (index, item) of the arguments whose object the slots hold
        for i, (a, t) in enumerate(zip(fn.args, arg_types)):
            k = t.kind
            item = b.load(b.gep(args_p, [I64(i)], source_etype=PTR), typ=PTR)   # args[i]
            if k == K_OBJECT or a.type.kind == K_NUM:
                taken.append((i, item))
            if k == K_OBJECT:
                values.append(item)
            elif k == K_INT:   # an exact int within int64 (checked): cannot fail
                values.append(fl.call("PyLong_AsLongLong", [item], ret=I64))
            elif k == K_FLOAT:   # PyFloatObject: ob_refcnt, ob_type, ob_fval
                values.append(b.load(b.gep(item, [I64(2)], source_etype=F64), typ=F64))
            elif k == K_BOOL:
                values.append(b.icmp_unsigned("==", item, fl.const_obj(True)))
            elif k == K_NONE:
                values.append(I8(0))
            else:
                raise Unsupported(f"argument type {a.type} in object code")
            if a.type.kind == K_NUM:
                # a local that became a tagged number holds the argument's own object
                # (taken below): its identity is kept
                values[-1] = fl.num_make(NUM_OBJ, p=item)
                continue
            if a.type != t:
                if a.type.kind != K_OBJECT:
                    raise Unsupported(f"internal: argument {a.name}: {t} widened to {a.type}")
                box = fl.box_new(values[-1], t)
                bad, good = f.append_basic_block("box.fail"), f.append_basic_block("box.ok")
                b.cbranch(b.icmp_unsigned("==", box, L.Constant(PTR, None)), bad, good)
                b.position_at_end(bad)
                for p in boxes:
                    fl.decref(p)
                b.ret(L.Constant(PTR, None))
                b.position_at_end(good)
                values[-1] = box
                boxes.append(box)
        if taken:
            owned = b.load(b.gep(err_p, [I64(ERR_OWNED)], source_etype=I64), typ=I64)
            with b.if_else(b.icmp_unsigned("!=", owned, I64(0))) as (take, borrow):
                with take:
                    for i, _item in taken:
                        b.store(L.Constant(PTR, None), b.gep(args_p, [I64(i)], source_etype=PTR))
                with borrow:
                    for _i, item in taken:
                        fl.incref(item)
        b.store(I64(0), b.gep(err_p, [I64(ERR_TB_N)], source_etype=I64))   # (callers' frames)
        self.emit_heat(b)
        r = b.call(self.llfuncs[id(fn)], [I64(0), err_p] + values, cconv="fastcc")
        status = b.extract_value(r, 1)
        ok, fail = f.append_basic_block("ok"), f.append_basic_block("fail")
        b.cbranch(b.icmp_signed("==", status, I32(0)), ok, fail)
        b.position_at_end(fail)
        b.ret(L.Constant(PTR, None))
        b.position_at_end(ok)
        v = b.extract_value(r, 0)
        k = fn.return_type.kind
        if k == K_OBJECT:
            b.ret(v)
        else:
            b.ret(fl.box_new(v, fn.return_type))   # NULL (MemoryError set) passes through
        return name

    def emit_entry_gen(self, fn: ir.Function, name: str) -> tuple[str, tuple]:
        """A generator body's entry (genlower.emit_entry_gen) and its state's layout."""
        return genlower.emit_entry_gen(self, fn, name, FunctionLowerer(self, fn), ERR_TB_N)

    def emit_entry(self, fn: ir.Function, name: str) -> str:
        """The C entry `i32 name(ptr args, ptr out, ptr err)` for `fn`."""
        ftype = L.FunctionType(I32, [PTR, PTR, PTR])
        f = L.Function(self.module, ftype, name)
        args_p, out_p, err_p = f.args
        b = L.IRBuilder(f.append_basic_block("entry"))
        pos = [0]

        def slot(p):
            addr = b.gep(p, [I64(pos[0])], source_etype=I64)
            pos[0] += 1
            return addr

        def read(t: Type):
            k = t.kind
            if k in (K_INT, K_NPINT):
                return b.load(slot(args_p), typ=I64)
            if k in (K_FLOAT, K_NPFLOAT):
                return b.load(slot(args_p), typ=F64)
            if k == K_BOOL:
                return b.icmp_signed("!=", b.load(slot(args_p), typ=I64), I64(0))
            if k == K_NONE:
                slot(args_p)
                return I8(0)
            if k == K_TUPLE:
                v = L.Constant(lltype(t), None)
                for i, x in enumerate(t.items):
                    v = b.insert_value(v, read(x), i)
                return v
            if k == K_ARRAY:
                v = L.Constant(ARRAY_T, None)
                v = b.insert_value(v, b.load(slot(args_p), typ=PTR), 0)
                for i in range(1, 5):
                    v = b.insert_value(v, b.load(slot(args_p), typ=I64), i)
                return v
            raise Unsupported(f"argument type {t}")

        values = [read(a.type) for a in fn.args]
        b.store(I64(0), b.gep(err_p, [I64(ERR_TB_N)], source_etype=I64))
        b.store(I64(0), b.gep(err_p, [I64(ERR_LOCALS_N)], source_etype=I64))
        if self.undo:
            for i in (ERR_LOG, ERR_LOG_LEN, ERR_LOG_CAP):
                b.store(I64(0), b.gep(err_p, [I64(i)], source_etype=I64))
        depth = b.load(b.gep(err_p, [I64(ERR_DEPTH)], source_etype=I64), typ=I64)
        if uses_sret(fn):
            slot_p = b.alloca(lltype(fn.return_type))
            r = b.call(self.llfuncs[id(fn)], [depth, err_p, slot_p] + values, cconv="fastcc")
        else:
            r = b.call(self.llfuncs[id(fn)], [depth, err_p] + values, cconv="fastcc")
        status = b.extract_value(r, 1)
        if self.undo:
            self.emit_undo(b, f, err_p, status)
        pos[0] = 0

        def write(t: Type, v):
            k = t.kind
            if k in (K_INT, K_NPINT, K_FLOAT, K_NPFLOAT):
                b.store(v, slot(out_p))
            elif k in (K_INTX, K_FLOATX):
                b.store(b.extract_value(v, 0), slot(out_p))
                b.store(b.zext(b.extract_value(v, 1), I64), slot(out_p))
            elif k == K_BOOL:
                b.store(b.zext(v, I64), slot(out_p))
            elif k == K_NONE:
                b.store(I64(0), slot(out_p))
            elif k == K_TUPLE:
                for i, x in enumerate(t.items):
                    write(x, b.extract_value(v, i))
            else:
                raise Unsupported(f"returning a value of type {t}")

        ok, done = f.append_basic_block("ok"), f.append_basic_block("done")
        b.cbranch(b.icmp_signed("==", status, I32(0)), ok, done)
        b.position_at_end(ok)
        if uses_sret(fn):
            value = b.load(slot_p, typ=lltype(fn.return_type))
        else:
            value = b.extract_value(r, 0)
        write(fn.return_type, value)
        b.branch(done)
        b.position_at_end(done)
        b.ret(status)
        return name


class FunctionLowerer(ObjectLowering):
    """Lowers one specialisation; `lower_<Op>` methods are looked up by op class name
    (object code: lowerobj.py's mixin handles objects, see `_dispatch`)."""

    ERR_LINE, ERR_FUNC, ERR_FRAME = ERR_LINE, ERR_FUNC, ERR_FRAME   # for lowerobj.py

    def __init__(self, ml: ModuleLowerer, fn: ir.Function, twin: bool = False):
        self.ml = ml
        self.fn = fn
        self.twin = twin
        self.f = ml.twins[id(fn)] if twin else ml.llfuncs[id(fn)]
        self.values: dict[int, L.Value] = {}
        self.slots: dict[int, L.Value] = {}
        self.blocks: dict[int, L.Block] = {}
        self.b: L.IRBuilder | None = None
        self.line = fn.line
        self.rtype = ret_type(fn)
        self.block_checked = False   # this IR block made its recursion check (lower_Call)

    # -- driver
    def lower(self) -> None:
        f = self.f
        entry = f.append_basic_block("entry")
        self.b = b = L.IRBuilder(entry)
        self.depth, self.err = f.args[0], f.args[1]
        self.flags: dict[int, L.Value] = {}
        maybe = self.fn.maybe_unbound
        nfixed = 3 if uses_sret(self.fn) else 2
        self.gen = None
        if self.fn.generator:
            # a generator's body: its locals live in the generator's state (generators.py)
            self.gen = genlower.GeneratorLowering(self, f.args[nfixed], f.args[nfixed + 1], lltype)
            nfixed += 2
        for var in self.fn.locals.values():
            if var.type is None:
                continue  # never stored (unreachable code only)
            if self.gen is not None:
                self.slots[id(var)] = self.gen.slot(var)
                if id(var) in maybe:
                    self.flags[id(var)] = self.gen.flag(var)   # (cleared at its start)
                continue
            self.slots[id(var)] = b.alloca(lltype(var.type), name=var.name.replace("$", "_"))
            if id(var) in maybe:   # read before assignment on some path: a run-time flag
                flag = b.alloca(I1, name=var.name.replace("$", "_") + ".bound")
                b.store(I1(0), flag)
                self.flags[id(var)] = flag
        self.sret = f.args[2] if uses_sret(self.fn) else None
        objects = self.fn.objects
        if objects:
            self.obj_prologue(init_slots=self.gen is None)
        if self.gen is not None:
            self.gen.dispatch()     # (the builder is then in the first run's block)
            self.obj_init_slots()
        if objects:
            self.obj_args(zip(self.fn.args, f.args[nfixed:]))
        for var, arg in zip(self.fn.args, f.args[nfixed:]):
            b.store(arg, self.slots[id(var)])
        self.entry_builder = L.IRBuilder(entry)
        self.depth_slot = None
        if any(isinstance(op, ir.Jump) and op.replaces_call for blk in self.fn.blocks for op in blk.ops):
            # a loop made from a tail call (passes.accumulate_tail_calls) goes one level
            # deeper per iteration, as the recursion it replaces did (lower_Jump)
            self.depth_slot = b.alloca(I64, name="depth")
            b.store(self.depth, self.depth_slot)
        self.tail_headers = {id(op.target) for blk in self.fn.blocks for op in blk.ops
                             if isinstance(op, ir.Jump) and op.replaces_call}
        # The header needs no depth check when every way round the loop passes a
        # recursive call that lower_Call checks (one level deeper): LLVM cannot merge
        # the two checks once they read the module's limit (depth_check).
        checked = set() if self.twin else {
            id(blk) for blk in self.fn.blocks
            if any(isinstance(op, ir.Call) and id(op.target) in self.ml.recursive
                   and not op.target.objects for op in blk.ops)}
        self.tail_headers = {h for h in self.tail_headers
                             if _cycle_avoiding(self.fn.blocks, h, checked)}
        for block in self.fn.blocks:
            self.blocks[id(block)] = f.append_basic_block(f"L{block.label}")
        if id(self.fn) in self.ml.recursive and objects:
            # object code checks at its entry (numeric code checks at its call sites,
            # lower_Call): depth 0 from the C entry needs no check
            self.depth_check(self.depth)
        b.branch(self.blocks[id(self.fn.blocks[0])])
        self.order = {id(block): i for i, block in enumerate(self.fn.blocks)}
        self.entered_from: dict[int, int] = {}   # block -> line of the last jump into it
        for i, block in enumerate(self.fn.blocks):
            self.block_index = i
            self.block_checked = False   # (lower_Call)
            b.position_at_end(self.blocks[id(block)])
            self.assign_key = id(block)   # (lowerobj.exit_code: what is assigned here)
            if id(block) in self.tail_headers:
                # the depth limit of the loop lower_Jump makes from tail calls (and so
                # its signal poll), checked at its header rather than at the jump: a
                # latch that exits keeps LLVM from rotating the loop, and then the
                # loop's setup runs before a call can return at once
                self.line = block.ops[0].line if block.ops else self.fn.line
                self.depth_check(self.cur_depth())
            if objects:
                self.obj_block_start(block)
            elif getattr(self.fn, "osr_loop", None) is not None and block is self.fn.osr_loop[0]:
                self.emit_osr_snapshot()
            for i, op in enumerate(block.ops):
                if objects and i <= self.fused_through:
                    continue    # (lowered with an op before it: lowerobj.unpack_store)
                self.line = op.line
                self.cur_op = op
                self.assign_key = id(op)
                try:
                    if objects:
                        self.obj_before_op(i, op)
                        self.obj_line_before(op)
                        self._dispatch(op)
                        self.obj_after_op(i, op)
                    else:
                        getattr(self, "lower_" + type(op).__name__)(op)
                except Unsupported as e:
                    if e.line == 0:
                        raise Unsupported(e.feature, self.fn.filename, op.line) from None
                    raise
                except Exception as e:   # a lowering bug: name the op and the guest line
                    from protojit.runtime import tracebacks
                    if tracebacks.guest_frames(e):
                        raise   # a guest signal handler's exception, raised while we ran
                    from .pprint import format_op
                    raise LoweringError(format_op(op), self.fn.filename, op.line, e) from e
        if objects:
            self.shadow_exit_reads()

    def depth_check(self, depth) -> None:
        """Recursion level `depth` (the one being entered) past MAX_DEPTH deopts (tier 0
        then raises CPython's RecursionError). With signal polls on, the level is compared
        with the module's poll_limit instead of the constant: MAX_DEPTH while no signal is
        pending, -1 once one is (runtime_c/signal.c), so the check's rare branch is also
        the recursion's signal poll, at no cost of its own (`cmp limit(%rip), reg`: a call
        tree without loops runs long only by recursing, and its checks poll; other
        functions poll in their loops)."""
        b = self.b
        if not SIGNAL_POLL:
            self.guard_fail_if(b.icmp_signed(">", depth, I64(MAX_DEPTH)), G_DEPTH)
            return
        # Each check reads the limit, an atomic "unordered" read: x86 folds it into the
        # compare (`cmp limit(%rip), reg`: no register held for it, nothing spilled), and
        # LLVM may sink it past a function's early returns. A volatile read is neither
        # folded nor sunk (a read at every check cost fib(32) +8-15%), and a copy read once
        # per call and kept in a register (fib's checks in its loop, its inlined twin's
        # own) held registers that the recursion spilled: fib(32) 93.06M instructions
        # against 90.88M with SIGNAL_POLL off, 89.42M this way (callgrind, inside
        # entry_run; tak(22, 16, 8) 18.80M either way, 18.24M off). LLVM cannot reuse a
        # read across a call (the callee may poll and write the limit), so every call
        # that checks reads anew; a loop made from tail calls, whose reads LLVM may hoist,
        # runs at most MAX_DEPTH iterations before its depth check deopts, so a signal
        # waits at most that long.
        limit = b.load_atomic(self.ml.poll_limit(), "unordered", 8, typ=I64)
        slow = self.f.append_basic_block("depth.slow")
        cont = self.f.append_basic_block("depth.ok")
        b.cbranch(b.icmp_signed(">", depth, limit), slow, cont)
        b.block.instructions[-1].set_weights([1, 100000])
        b.position_at_end(slow)
        self.guard_fail_if(b.icmp_signed(">", depth, I64(MAX_DEPTH)), G_DEPTH)
        self.call_signal_poll()   # the limit was cut: a signal is (or was just) pending
        b.branch(cont)
        b.position_at_end(cont)

    def _dispatch(self, op: ir.Op) -> None:
        """Object code: ops on objects take lowerobj.py's forms, the rest lower.py's."""
        def boxed(v):   # an object, or a tagged number
            return is_obj(v) or is_num(v)
        if isinstance(op, ir.BinOp) and boxed(op.result):
            return self.obj_binop(op)
        if isinstance(op, ir.UnaryOp) and (boxed(op.result) or (op.op == ir.NOT and boxed(op.operand))):
            return self.obj_unary(op)
        if isinstance(op, ir.Compare) and (boxed(op.result) or boxed(op.left) or boxed(op.right)
                                           or op.op in (ir.IS, ir.ISNOT, ir.IN, ir.NOTIN)):
            return self.obj_compare(op)
        if isinstance(op, ir.Truth) and boxed(op.value):
            return self.obj_truth(op)
        if isinstance(op, ir.TupleGet) and is_obj(op.tup):
            return self.lower_TupleGet_obj(op)
        if isinstance(op, ir.CallBuiltin) and op.func == "len":
            return self.put(op.result, self.obj_len(op))
        getattr(self, "lower_" + type(op).__name__)(op)

    # -- failure paths
    def _fail_block(self, status: int, guard: int = -1, payload=()) -> L.Block:
        b = self.b
        blk = self.f.append_basic_block("fail")
        saved = b.block
        b.position_at_end(blk)
        if self.fn.objects:
            # object code never deopts; its numeric errors become CPython exceptions
            if guard >= 0:
                raise Unsupported(f"internal: guard {GUARDS[guard]!r} in object code")
            if status == SIGNAL_STATUS:
                # a Python signal handler raised (emit_signal_poll): its exception waits in
                # runtime_c/signal.c; set it as this thread's, as PyErr_CheckSignals would
                if self.leaves_function() and not self.failure_refs():
                    # nothing to release (a loop's back-edge, mostly): one block of the
                    # function does it for all such polls (lowerobj.signal_raise_block)
                    raise_blk, line = self.signal_raise_block()
                    line.add_incoming(self.exit_code(), blk)
                    b.branch(raise_blk)
                    b.position_at_end(saved)
                    return blk
                parts = [self.entry_alloca(PTR) for _ in range(3)]
                take = self.ml.extern("pj_signal_take", I32, [PTR, PTR, PTR])
                b.call(take, parts)
                self.call("PyErr_Restore", [b.load(p, typ=PTR) for p in parts], ret=L.VoidType())
                self.obj_fail()
                b.position_at_end(saved)
                return blk
            cls, msg = _EXCEPTIONS[status - 2]
            if msg is None or msg == "unbound local":
                raise Unsupported(f"internal: status {status} in object code")
            self.set_error(cls, msg)
            self.obj_fail()
            b.position_at_end(saved)
            return blk
        self.store_err(ERR_LINE, I64(self.line))
        self.store_err(ERR_FUNC, I64(self.ml.index[id(self.fn)]))
        if guard >= 0:
            self.store_err(ERR_GUARD, I64(guard))
        for i, v in enumerate(payload):
            self.store_err(ERR_P0 + i, v)
        if status == SIGNAL_STATUS:
            self.dump_region_locals()
        b.ret(L.Constant(self.rtype, [L.Constant(self.rtype.elements[0], None), I32(status)]))
        b.position_at_end(saved)
        return blk

    def store_err(self, slot: int, v) -> None:
        self.b.store(v, self.b.gep(self.err, [I64(slot)], source_etype=I64))

    def emit_osr_snapshot(self) -> None:
        """At the header of whole-function OSR's top loop (osr.py _snapshot_plan): the
        locals the loop assigns and its position into ERR_LOCALS, and the undo log emptied:
        a DEOPT from here on hands tier 0 this state, which it resumes the loop from
        (loophooks.py), so only the stores made since need undoing."""
        plan = getattr(self.fn, "osr_snapshot", None)
        if not plan:
            return
        dump, counter = plan
        self.store_locals(dump)
        if counter is not None:
            self.store_err(ERR_LOCALS + len(dump), self.b.load(self.slots[id(counter)], typ=I64))
        self.store_err(ERR_LOCALS_N, I64(1))
        if self.ml.undo:
            self.store_err(ERR_LOG_LEN, I64(0))

    def dump_region_locals(self) -> None:
        """A loop region left by a signal handler's exception: its locals' current values
        into ERR_LOCALS (see there); nothing for other functions."""
        dump = getattr(self.fn, "osr_dump", None)
        if not dump:
            return
        self.store_locals(dump)
        self.store_err(ERR_LOCALS_N, I64(1))

    def store_locals(self, dump) -> None:
        """The current values of the locals `dump` names ((name, kind) pairs) into
        ERR_LOCALS, in its order, each as 64 bits (floats by their bits, bools widened)."""
        b = self.b
        for i, (name, kind) in enumerate(dump):
            var = self.fn.locals[name]
            v = b.load(self.slots[id(var)], typ=lltype(var.type))
            if kind == K_FLOAT:
                v = b.bitcast(v, I64)
            elif kind == K_BOOL:
                v = b.zext(v, I64)
            self.store_err(ERR_LOCALS + i, v)

    def fail_if(self, cond, status: int, guard: int = -1, payload=()) -> None:
        """Continue when `cond` is false; otherwise fail with `status`."""
        fail = self._fail_block(status, guard, payload)
        cont = self.f.append_basic_block("cont")
        self.b.cbranch(cond, fail, cont)
        self.b.block.instructions[-1].set_weights([1, 1000])
        self.b.position_at_end(cont)

    def fail_status_if_nonzero(self, status) -> None:
        fail = self.f.append_basic_block("log.fail")
        cont = self.f.append_basic_block("log.ok")
        self.b.cbranch(self.b.icmp_signed("!=", status, I32(0)), fail, cont)
        self.b.position_at_end(fail)
        self.store_err(ERR_LINE, I64(self.line))
        self.store_err(ERR_FUNC, I64(self.ml.index[id(self.fn)]))
        self.b.ret(self.b.insert_value(L.Constant(self.rtype, None), status, 1))
        self.b.position_at_end(cont)

    def guard_fail_if(self, cond, guard: int) -> None:
        self.fail_if(cond, ST_DEOPT, guard)

    def raise_if(self, cond, message: str, payload=()) -> None:
        self.fail_if(cond, status_of(message), -1, payload)

    # -- values
    def get(self, v: ir.Value):
        return self.values[id(v)]

    def put(self, t: ir.Temp, v) -> None:
        self.values[id(t)] = v

    def to_f64(self, v, t: Type):
        if t.kind == K_FLOATX:
            return self.b.extract_value(v, 0)
        if t.kind == K_INTX:
            return self.b.sitofp(self.b.extract_value(v, 0), F64)
        if t.kind in (K_FLOAT, K_NPFLOAT):
            return v
        if t.kind == K_BOOL:
            return self.b.uitofp(v, F64)
        if t.kind in (K_INT, K_NPINT):
            return self.b.sitofp(v, F64)
        raise Unsupported(f"{t} as a float")

    def to_i64(self, v, t: Type):
        if t.kind == K_INTX:
            return self.b.extract_value(v, 0)
        if t.kind == K_BOOL:
            return self.b.zext(v, I64)
        if t.kind in (K_INT, K_NPINT):
            return v
        raise Unsupported(f"{t} as an int")

    def tag_of(self, v, t: Type):
        """i1: is this scalar a numpy one (mixed types carry it at run time)."""
        if t.is_mixed:
            return self.b.extract_value(v, 1)
        return I1(1 if t.kind in (K_NPINT, K_NPFLOAT) else 0)

    def coerce(self, v, src: Type, dst: Type):
        """Widen a value to a joined type (types.join): scalars gain a tag, tuples per item."""
        if src == dst:
            return v
        b = self.b
        if dst.kind == K_TUPLE:
            out = L.Constant(lltype(dst), None)
            for i, (s, d) in enumerate(zip(src.items, dst.items)):
                out = b.insert_value(out, self.coerce(b.extract_value(v, i), s, d), i)
            return out
        if dst.kind == K_INTX:
            val = self.to_i64(v, src)
        elif dst.kind == K_FLOATX:
            val = self.to_f64(v, src)
        else:
            raise Unsupported(f"internal: cannot convert {src} to {dst}")
        out = b.insert_value(L.Constant(lltype(dst), None), val, 0)
        return b.insert_value(out, self.tag_of(v, src), 1)

    def truth(self, v, t: Type):
        b = self.b
        k = t.kind
        if k == K_INTX:
            return b.icmp_signed("!=", b.extract_value(v, 0), I64(0))
        if k == K_FLOATX:
            return b.fcmp_unordered("!=", b.extract_value(v, 0), F64(0.0))
        if k == K_BOOL:
            return v
        if k in (K_INT, K_NPINT):
            return b.icmp_signed("!=", v, I64(0))
        if k in (K_FLOAT, K_NPFLOAT):
            return b.fcmp_unordered("!=", v, F64(0.0))
        if k == K_NONE:
            return I1(0)
        if k == K_TUPLE:
            return I1(1 if t.items else 0)
        raise Unsupported(f"truth value of {t}")

    def checked(self, name: str, a, bb):
        """a <op> b on i64, deoptimising on overflow (name: sadd, ssub, smul)."""
        ov_t = L.LiteralStructType([I64, I1])
        fn = self.ml.intrinsic(f"llvm.{name}.with.overflow.i64", ov_t, [I64, I64])
        r = self.b.call(fn, [a, bb])
        self.guard_fail_if(self.b.extract_value(r, 1), G_OVERFLOW)
        return self.b.extract_value(r, 0)

    def exact_double(self, i):
        """Deopt unless the i64 `i` converts to a double exactly (|i| <= 2**53)."""
        b = self.b
        biased = b.add(i, I64(TWO53))
        self.guard_fail_if(b.icmp_unsigned(">", biased, I64(2 * TWO53)), G_INEXACT)
        return b.sitofp(i, F64)

    def math1(self, name: str, x):
        if name in ("sqrt", "exp", "log", "log2", "log10", "sin", "cos", "floor", "ceil", "trunc",
                    "fabs"):
            fn = self.ml.intrinsic(f"llvm.{name}.f64", F64, [F64])
        else:
            fn = self.ml.extern(name, F64, [F64])
        return self.b.call(fn, [x])

    def math2(self, name: str, x, y):
        if name in ("pow", "copysign"):
            fn = self.ml.intrinsic(f"llvm.{name}.f64", F64, [F64, F64])
        else:
            fn = self.ml.extern(name, F64, [F64, F64])
        return self.b.call(fn, [x, y])

    def is_inf(self, x):
        return self.b.fcmp_ordered("==", self.math1("fabs", x), F64(float("inf")))

    def is_finite(self, x):
        return self.b.fcmp_ordered("<", self.math1("fabs", x), F64(float("inf")))

    def is_nan(self, x):
        return self.b.fcmp_unordered("uno", x, x)

    def select_block(self, cond, then_fn, else_fn, typ):
        """if cond: then_fn() else: else_fn(), as a value (each fn may emit code)."""
        b = self.b
        t_blk, e_blk = self.f.append_basic_block("then"), self.f.append_basic_block("else")
        done = self.f.append_basic_block("join")
        b.cbranch(cond, t_blk, e_blk)
        b.position_at_end(t_blk)
        tv = then_fn()
        t_end = b.block
        b.branch(done)
        b.position_at_end(e_blk)
        ev = else_fn()
        e_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(typ)
        phi.add_incoming(tv, t_end)
        phi.add_incoming(ev, e_end)
        return phi

    # -- ops
    def lower_Const(self, op: ir.Const) -> None:
        t = op.result.type
        v = op.value
        if self.fn.objects:
            self.const_values[id(op.result)] = v
        if t.kind == K_NONE:
            c = I8(0)
        elif t.kind == K_BOOL:
            c = I1(1 if v else 0)
        elif t.kind == K_INT:
            c = I64(v)
        else:
            c = F64(float(v))
        self.put(op.result, c)

    def lower_Load(self, op: ir.Load) -> None:
        if op.var.type is None:
            raise Unsupported(f"local {op.var.name!r} is never assigned")
        if op.var.type.kind == K_OBJECT:
            return self.obj_load(op)
        if op.var.type.kind == K_NUM:
            return self.num_load(op)
        flag = self.flags.get(id(op.var))
        if flag is not None and self.fn.objects:
            unbound = self.b.xor(self.b.load(flag, typ=I1), I1(1))
            fail = self.f.append_basic_block("unbound")
            cont = self.f.append_basic_block("bound")
            self.b.cbranch(unbound, fail, cont)
            self.b.position_at_end(fail)
            self.set_error(UnboundLocalError, f"cannot access local variable '{op.var.name}' "
                                              "where it is not associated with a value")
            self.obj_fail()
            self.b.position_at_end(cont)
        elif flag is not None:
            names = self.ml.unbound_names
            if op.var.name not in names:
                names.append(op.var.name)
            unbound = self.b.xor(self.b.load(flag, typ=I1), I1(1))
            self.raise_if(unbound, "unbound local", (I64(names.index(op.var.name)),))
        slot = self.slots[id(op.var)]
        self.put(op.result, self.b.load(slot, typ=lltype(op.var.type)))

    def lower_Store(self, op: ir.Store) -> None:
        if op.var.type.kind in (K_OBJECT, K_NUM):
            if op.var.type.kind == K_OBJECT:
                self.obj_store(op)
            else:
                self.num_store(op)
            flag = self.flags.get(id(op.var))
            if flag is not None:
                self.b.store(I1(1), flag)
            return
        v = self.coerce(self.get(op.value), op.value.type, op.var.type)
        self.b.store(v, self.slots[id(op.var)])
        flag = self.flags.get(id(op.var))
        if flag is not None:
            self.b.store(I1(1), flag)

    def emit_signal_poll(self) -> None:
        """At a loop back-edge or after a foreign call: one load of the module's limit
        (poll_limit) and a branch that is almost never taken to call_signal_poll."""
        if not SIGNAL_POLL:
            return
        b = self.b
        limit = load_volatile(b, self.ml.poll_limit(), I64, 8)
        slow = self.f.append_basic_block("signal.slow")
        cont = self.f.append_basic_block("signal.cont")
        b.cbranch(b.icmp_signed("!=", b.and_(limit, I64(POLL_BIT)), I64(0)), slow, cont)
        b.block.instructions[-1].set_weights([1, 100000])
        b.position_at_end(slow)
        self.call_signal_poll()
        b.branch(cont)
        b.position_at_end(cont)

    def call_signal_poll(self) -> None:
        """pj_signal_poll: runs the Python handlers (main thread); one that raised leaves
        with SIGNAL_STATUS, like a guest exception raised at this line."""
        b = self.b
        raised = b.call(self.ml.signal_poll(), [self.err, I64(ERR_SLOTS)])
        self.fail_if(b.icmp_signed("!=", raised, I32(0)), SIGNAL_STATUS)

    def _is_back_edge(self, target: ir.Block) -> bool:
        return self.order.get(id(target), len(self.order)) <= self.block_index

    def _back_edge_poll(self, target: ir.Block) -> None:
        """The poll of a loop back-edge, at CPython 3.11's line for it: a `while` loop
        checks at its test (the line of the header), a `for` loop at the last line of
        its body (this block only advances the loop counter, on the `for` line)."""
        saved = self.line
        header = target.ops[0].line if target.ops else saved
        here = self.fn.blocks[self.block_index]
        if all(o.line == header for o in here.ops):
            self.line = self.entered_from.get(id(here), header)
        else:
            self.line = header
        self.emit_signal_poll()
        if self.fn.objects:
            self.emit_gil_yield()
        self.ml.emit_heat(self.b)
        self.line = saved

    def emit_gil_yield(self) -> None:
        """Object code (which holds the GIL) at a loop back-edge: every GIL_YIELD_EVERY-th
        passage lets the GIL go and takes it back (pjentry.c pj_gil_yield), so other
        threads run while a long loop of object code does (DESIGN decision 6). The count
        is a global of the module, a plain add: object code holds the GIL."""
        b = self.b
        ticks = self.ml.gil_ticks()
        n = b.add(b.load(ticks, typ=I64), I64(1))
        b.store(n, ticks)
        slow = self.f.append_basic_block("gil.yield")
        cont = self.f.append_basic_block("gil.cont")
        b.cbranch(b.icmp_signed("==", b.and_(n, I64(GIL_YIELD_EVERY - 1)), I64(0)), slow, cont)
        b.block.instructions[-1].set_weights([1, GIL_YIELD_EVERY])
        b.position_at_end(slow)
        b.call(self.ml.extern("pj_gil_yield", L.VoidType(), []), [])
        b.branch(cont)
        b.position_at_end(cont)

    def cur_depth(self):
        """The recursion level this code runs at (f.args[0], or the counter of a loop made
        from tail calls)."""
        if self.depth_slot is None:
            return self.depth
        return self.b.load(self.depth_slot, typ=I64)

    def lower_Jump(self, op: ir.Jump) -> None:
        if op.replaces_call:
            # A tail call made a jump: the recursion it replaces would be one level deeper
            # here, and CPython raises RecursionError past its limit, so the level counts
            # on and is checked at the loop's header (tail_headers), which is also the
            # loop's signal poll (depth_check).
            self.b.store(self.b.add(self.cur_depth(), I64(1)), self.depth_slot)
        elif self._is_back_edge(op.target):
            self._back_edge_poll(op.target)
        else:
            self.entered_from[id(op.target)] = op.line
        self.b.branch(self.blocks[id(op.target)])

    def lower_Branch(self, op: ir.Branch) -> None:
        for target in (op.then, op.orelse):
            if self._is_back_edge(target):
                self._back_edge_poll(target)
                break
        self.b.cbranch(self.get(op.cond), self.blocks[id(op.then)], self.blocks[id(op.orelse)])

    def lower_Yield(self, op: ir.Yield) -> None:
        self.gen.lower_yield(op)

    def lower_Return(self, op: ir.Return) -> None:
        if self.fn.objects:
            if self.fn.return_type.kind == K_OBJECT:
                value = self.obj_return_value(op)
            else:
                value = self.coerce(self.get(op.value), op.value.type, self.fn.return_type)
            self.exit_release()
            v = self.b.insert_value(L.Constant(self.rtype, None), value, 0)
            self.b.ret(self.b.insert_value(v, I32(0), 1))
            return
        value = self.coerce(self.get(op.value), op.value.type, self.fn.return_type)
        if self.sret is not None:
            self.b.store(value, self.sret)
            self.b.ret(L.Constant(self.rtype, [I8(0), I32(0)]))
            return
        v = self.b.insert_value(L.Constant(self.rtype, None), value, 0)
        v = self.b.insert_value(v, I32(0), 1)
        self.b.ret(v)

    def lower_Truth(self, op: ir.Truth) -> None:
        self.put(op.result, self.truth(self.get(op.value), op.value.type))

    def lower_MakeTuple(self, op: ir.MakeTuple) -> None:
        v = L.Constant(lltype(op.result.type), None)
        for i, item in enumerate(op.items):
            v = self.b.insert_value(v, self.get(item), i)
        self.put(op.result, v)

    def lower_TupleGet(self, op: ir.TupleGet) -> None:
        n = len(op.tup.type.items)
        self.put(op.result, self.b.extract_value(self.get(op.tup), op.index % n))

    def lower_UnaryOp(self, op: ir.UnaryOp) -> None:
        b = self.b
        t = op.operand.type
        v = self.get(op.operand)
        rk = op.result.type.kind
        if op.op == ir.NOT:
            r = b.xor(self.truth(v, t), I1(1))
        elif op.op == ir.UADD:
            r = self.to_i64(v, t) if t.kind == K_BOOL else v
        elif op.op == ir.USUB:
            if rk in (K_FLOAT, K_NPFLOAT):
                r = b.fneg(v)
            elif rk == K_NPINT:
                r = b.sub(I64(0), v)
            else:
                r = self.checked("ssub", I64(0), self.to_i64(v, t))
        elif op.op == ir.INVERT:
            r = b.xor(self.to_i64(v, t), I64(-1))
        else:
            raise Unsupported(f"unary {op.op}")
        self.put(op.result, r)

    def lower_BinOp(self, op: ir.BinOp) -> None:
        self.put(op.result, self.binop(op.op, op.left, op.right, op.result.type, op.checked))

    def binop(self, name, left: ir.Value, right: ir.Value, rt: Type, checked=True):
        b = self.b
        lt, rtp = left.type, right.type
        a, c = self.get(left), self.get(right)
        if rt.is_mixed:
            return self.mixed_binop(name, a, lt, c, rtp, rt)
        if rt.kind == K_BOOL:  # bool & | ^ bool
            return {ir.BITAND: b.and_, ir.BITOR: b.or_, ir.BITXOR: b.xor}[name](a, c)
        if rt.kind == K_NPINT:  # numpy int64 scalars wrap around
            a, c = self.to_i64(a, lt), self.to_i64(c, rtp)
            return {ir.ADD: b.add, ir.SUB: b.sub, ir.MULT: b.mul}[name](a, c)
        if rt.kind == K_NPFLOAT:  # numpy float64: IEEE results, no exceptions
            a, c = self.to_f64(a, lt), self.to_f64(c, rtp)
            return {ir.ADD: b.fadd, ir.SUB: b.fsub, ir.MULT: b.fmul, ir.DIV: b.fdiv}[name](a, c)
        if rt.kind == K_INT:
            return self.int_binop(name, self.to_i64(a, lt), self.to_i64(c, rtp), checked)
        # a float result
        if name == ir.DIV and lt.is_intlike and rtp.is_intlike:
            x, y = self.to_i64(a, lt), self.to_i64(c, rtp)
            self.raise_if(b.icmp_signed("==", y, I64(0)), "division by zero")
            return b.fdiv(self.exact_double(x), self.exact_double(y))
        x, y = self.to_f64(a, lt), self.to_f64(c, rtp)
        return self.float_binop(name, x, y)

    def mixed_binop(self, name, a, lt, c, rtp, rt):
        """Python-or-numpy scalars: Python's checks apply only when both are Python's."""
        b = self.b
        tag = b.or_(self.tag_of(a, lt), self.tag_of(c, rtp))
        python = b.xor(tag, I1(1))
        if rt.kind == K_INTX:
            x, y = self.to_i64(a, lt), self.to_i64(c, rtp)
            ov_t = L.LiteralStructType([I64, I1])
            fn = self.ml.intrinsic(f"llvm.{ {'Add': 'sadd', 'Sub': 'ssub', 'Mult': 'smul'}[name]}"
                                   ".with.overflow.i64", ov_t, [I64, I64])
            r = b.call(fn, [x, y])
            self.guard_fail_if(b.and_(b.extract_value(r, 1), python), G_OVERFLOW)
            val = b.extract_value(r, 0)
        elif name == ir.DIV and lt.is_intlike and rtp.is_intlike:
            x, y = self.to_i64(a, lt), self.to_i64(c, rtp)
            self.raise_if(b.and_(b.icmp_signed("==", y, I64(0)), python), "division by zero")
            val = b.fdiv(self.exact_double(x), self.exact_double(y))
        else:
            x, y = self.to_f64(a, lt), self.to_f64(c, rtp)
            if name == ir.DIV:
                self.raise_if(b.and_(b.fcmp_ordered("==", y, F64(0.0)), python),
                              "float division by zero")
            val = {ir.ADD: b.fadd, ir.SUB: b.fsub, ir.MULT: b.fmul, ir.DIV: b.fdiv}[name](x, y)
        out = b.insert_value(L.Constant(lltype(rt), None), val, 0)
        return b.insert_value(out, tag, 1)

    def int_binop(self, name, a, c, checked):
        b = self.b
        if name in (ir.ADD, ir.SUB, ir.MULT):
            if not checked:
                return {ir.ADD: b.add, ir.SUB: b.sub, ir.MULT: b.mul}[name](a, c)
            return self.checked({ir.ADD: "sadd", ir.SUB: "ssub", ir.MULT: "smul"}[name], a, c)
        if name in (ir.BITAND, ir.BITOR, ir.BITXOR):
            return {ir.BITAND: b.and_, ir.BITOR: b.or_, ir.BITXOR: b.xor}[name](a, c)
        if name == ir.FLOORDIV:
            self.raise_if(b.icmp_signed("==", c, I64(0)), "integer division or modulo by zero")
            min_neg = b.and_(b.icmp_signed("==", a, I64(-(1 << 63))), b.icmp_signed("==", c, I64(-1)))
            self.guard_fail_if(min_neg, G_OVERFLOW)
            q = b.sdiv(a, c)
            r = b.srem(a, c)
            adjust = b.and_(b.icmp_signed("!=", r, I64(0)),
                            b.icmp_signed("<", b.xor(r, c), I64(0)))
            return b.sub(q, b.zext(adjust, I64))
        if name == ir.MOD:
            self.raise_if(b.icmp_signed("==", c, I64(0)), "integer modulo by zero")
            safe_c = b.select(b.icmp_signed("==", c, I64(-1)), I64(1), c)  # x % -1 == 0; avoids srem UB
            r = b.srem(a, safe_c)
            adjust = b.and_(b.icmp_signed("!=", r, I64(0)),
                            b.icmp_signed("<", b.xor(r, safe_c), I64(0)))
            return b.select(adjust, b.add(r, safe_c), r)
        if name == ir.LSHIFT:
            self.raise_if(b.icmp_signed("<", c, I64(0)), "negative shift count")
            nonzero = b.icmp_signed("!=", a, I64(0))
            self.guard_fail_if(b.and_(nonzero, b.icmp_signed(">=", c, I64(64))), G_SHIFT)
            cnt = b.and_(c, I64(63))
            r = b.shl(a, cnt)
            self.guard_fail_if(b.icmp_signed("!=", b.ashr(r, cnt), a), G_SHIFT)
            return r
        if name == ir.RSHIFT:
            self.raise_if(b.icmp_signed("<", c, I64(0)), "negative shift count")
            big = b.icmp_signed(">=", c, I64(64))
            cnt = b.select(big, I64(63), c)
            return b.ashr(a, cnt)
        if name == ir.POW:
            self.guard_fail_if(b.icmp_signed("<", c, I64(0)), G_NEGEXP)
            return self.int_pow(a, c)
        raise Unsupported(f"int operator {name}")

    def int_pow(self, base, exp):
        """Square and multiply with overflow guards (a square that overflows while bits
        remain means the result overflows too, since |base| >= 2 then)."""
        b = self.b
        pre = b.block
        head = self.f.append_basic_block("pow.head")
        body = self.f.append_basic_block("pow.body")
        done = self.f.append_basic_block("pow.done")
        b.branch(head)
        b.position_at_end(head)
        res = b.phi(I64)
        bas = b.phi(I64)
        e = b.phi(I64)
        res.add_incoming(I64(1), pre)
        bas.add_incoming(base, pre)
        e.add_incoming(exp, pre)
        b.cbranch(b.icmp_signed("==", e, I64(0)), done, body)
        b.position_at_end(body)
        odd = b.icmp_signed("!=", b.and_(e, I64(1)), I64(0))
        prod = b.select(odd, bas, I64(1))
        new_res = self.checked("smul", res, prod)
        e2 = b.ashr(e, I64(1))
        more = b.icmp_signed("!=", e2, I64(0))
        sq_in = b.select(more, bas, I64(1))
        new_bas = self.checked("smul", sq_in, sq_in)
        end = b.block
        b.branch(head)
        res.add_incoming(new_res, end)
        bas.add_incoming(new_bas, end)
        e.add_incoming(e2, end)
        b.position_at_end(done)
        return res

    def float_binop(self, name, x, y):
        b = self.b
        if name == ir.ADD:
            return b.fadd(x, y)
        if name == ir.SUB:
            return b.fsub(x, y)
        if name == ir.MULT:
            return b.fmul(x, y)
        if name == ir.DIV:
            self.raise_if(b.fcmp_ordered("==", y, F64(0.0)), "float division by zero")
            return b.fdiv(x, y)
        if name == ir.MOD:
            self.raise_if(b.fcmp_ordered("==", y, F64(0.0)), "float modulo")
            return self.float_mod(x, y)
        if name == ir.FLOORDIV:
            self.raise_if(b.fcmp_ordered("==", y, F64(0.0)), "float floor division by zero")
            return self.float_floordiv(x, y)
        if name == ir.POW:
            return self.float_pow(x, y)
        raise Unsupported(f"float operator {name}")

    def float_mod(self, x, y):
        """CPython's float_rem: fmod, then move the result to the sign of y."""
        b = self.b
        mod = b.frem(x, y)
        nonzero = b.fcmp_unordered("!=", mod, F64(0.0))
        ylt = b.fcmp_ordered("<", y, F64(0.0))
        mlt = b.fcmp_ordered("<", mod, F64(0.0))
        fix = b.and_(nonzero, b.xor(ylt, mlt))
        fixed = b.select(fix, b.fadd(mod, y), mod)
        return b.select(nonzero, fixed, self.math2("copysign", F64(0.0), y))

    def float_floordiv(self, x, y):
        """CPython's float_floor_div (via _float_div_mod)."""
        b = self.b
        mod = b.frem(x, y)
        div = b.fdiv(b.fsub(x, mod), y)
        nonzero = b.fcmp_unordered("!=", mod, F64(0.0))
        fix = b.and_(nonzero, b.xor(b.fcmp_ordered("<", y, F64(0.0)), b.fcmp_ordered("<", mod, F64(0.0))))
        div = b.select(fix, b.fsub(div, F64(1.0)), div)
        fl = self.math1("floor", div)
        fl = b.select(b.fcmp_ordered(">", b.fsub(div, fl), F64(0.5)), b.fadd(fl, F64(1.0)), fl)
        zero = self.math2("copysign", F64(0.0), b.fdiv(x, y))
        return b.select(b.fcmp_unordered("!=", div, F64(0.0)), fl, zero)

    def float_pow(self, x, y):
        """CPython's float_pow: the special cases it handles itself, then C pow."""
        b = self.b
        self.raise_if(b.and_(b.fcmp_ordered("==", x, F64(0.0)), b.fcmp_ordered("<", y, F64(0.0))),
                      "0.0 cannot be raised to a negative power")
        # negative finite base, finite non-integer exponent: the result is complex
        neg = b.and_(b.fcmp_ordered("<", x, F64(0.0)), self.is_finite(x))
        nonint = b.and_(self.is_finite(y), b.fcmp_unordered("!=", self.math1("floor", y), y))
        self.guard_fail_if(b.and_(neg, nonint), G_COMPLEX)
        r = self.math2("pow", x, y)
        overflow = b.and_(self.is_inf(r), b.and_(self.is_finite(x), self.is_finite(y)))
        self.raise_if(overflow, "(34, 'Numerical result out of range')")
        y0 = b.fcmp_ordered("==", y, F64(0.0))
        x1 = b.fcmp_ordered("==", x, F64(1.0))
        return b.select(b.or_(y0, x1), F64(1.0), r)

    def lower_Compare(self, op: ir.Compare) -> None:
        b = self.b
        lt, rtp = op.left.type, op.right.type
        a, c = self.get(op.left), self.get(op.right)
        name = op.op
        if name in (ir.IS, ir.ISNOT) or K_NONE in (lt.kind, rtp.kind):
            same = lt.kind == K_NONE and rtp.kind == K_NONE
            positive = name in (ir.IS, ir.EQ)
            self.put(op.result, I1(1 if same == positive else 0))
            return
        sym = {ir.LT: "<", ir.LTE: "<=", ir.GT: ">", ir.GTE: ">=", ir.EQ: "==", ir.NOTEQ: "!="}[name]
        if lt.is_intlike and rtp.is_intlike:
            r = b.icmp_signed(sym, self.to_i64(a, lt), self.to_i64(c, rtp))
        else:
            x = self.exact_double(self.to_i64(a, lt)) if lt.is_intlike else a
            y = self.exact_double(self.to_i64(c, rtp)) if rtp.is_intlike else c
            r = b.fcmp_unordered(sym, x, y) if name == ir.NOTEQ else b.fcmp_ordered(sym, x, y)
        self.put(op.result, r)

    # -- calls
    def lower_Call(self, op: ir.Call) -> None:
        b = self.b
        target = op.target
        args = [self.get(a) for a in op.args]
        extra = []
        if uses_sret(target):
            eb = self.entry_builder
            eb.position_at_start(self.f.entry_basic_block)
            slot_p = eb.alloca(lltype(target.return_type))
            extra = [slot_p]
        callee = self.ml.llfuncs[id(target)]
        if target is self.fn and id(target) in self.ml.twins and not self.twin:
            callee = self.ml.twins[id(target)]
        depth = b.add(self.cur_depth(), I64(1))
        if id(target) in self.ml.recursive and not target.objects and not self.twin:
            # The check of a recursive callee's level (and the recursion's signal
            # poll) is made here, before the call, rather than at the callee's entry:
            # a call from the C entry (depth 0) has none. Nor has a call from a twin:
            # it runs inlined in its function, one level below a checked call, and
            # calls that function, so every cycle of calls still passes a check (the
            # twin's loops check at their headers), and native code runs at most two
            # levels past MAX_DEPTH (DEPTH_MARGIN).
            # One check per block: its calls all enter the same level (the level
            # changes only at a block's end, lower_Jump), which the first one checked;
            # and a signal that comes meanwhile is seen by the callees' own checks (tak,
            # four calls a level: callgrind, tak(18, 12, 6), 1.46M -> 1.34M instructions,
            # 1.31M with SIGNAL_POLL off).
            if not self.block_checked:
                self.depth_check(depth)
                self.block_checked = True
        r = b.call(callee, [depth, self.err] + extra + args, cconv="fastcc")
        status = b.extract_value(r, 1)
        fail = self.f.append_basic_block("call.fail")
        cont = self.f.append_basic_block("call.ok")
        b.cbranch(b.icmp_signed("!=", status, I32(0)), fail, cont)
        b.block.instructions[-1].set_weights([1, 1000])
        b.position_at_end(fail)
        self.record_call_site(status)
        if getattr(self.fn, "osr_dump", None):
            # a signal handler raised in the callee: the region's locals as they are now
            dump = self.f.append_basic_block("signal.dump")
            leave = self.f.append_basic_block("call.leave")
            b.cbranch(b.icmp_signed("==", status, I32(SIGNAL_STATUS)), dump, leave)
            b.position_at_end(dump)
            self.dump_region_locals()
            b.branch(leave)
            b.position_at_end(leave)
        b.ret(b.insert_value(L.Constant(self.rtype, None), status, 1))
        b.position_at_end(cont)
        if extra:
            self.put(op.result, b.load(extra[0], typ=lltype(target.return_type)))
        else:
            self.put(op.result, b.extract_value(r, 0))

    def lower_ForeignCall(self, op: ir.ForeignCall) -> None:
        """A direct call of a ctypes function by address (codegen/ffi.py: the C widths,
        sign/zero extension and the result back as i64/double; void gives None)."""
        from . import ffi
        args = [self.get(a) if a.type.kind == K_FLOAT else self.to_i64(self.get(a), a.type)
                for a in op.args]
        r = ffi.emit_native_call(self.b, op.callee, args)
        self.put(op.result, I8(0) if r is None else r)
        # CPython checks for signals after every call: a foreign function may be the
        # one that raised it (kill, raise) or was interrupted by it
        self.emit_signal_poll()

    def record_call_site(self, status) -> None:
        """On a guest exception from a callee: append (this function, line) to ERR_TB."""
        b = self.b
        rec = self.f.append_basic_block("tb.record")
        done = self.f.append_basic_block("tb.done")
        n_p = b.gep(self.err, [I64(ERR_TB_N)], source_etype=I64)
        n = b.load(n_p, typ=I64)
        room = b.and_(b.icmp_signed(">", status, I32(ST_DEOPT)), b.icmp_signed("<", n, I64(TB_MAX)))
        b.cbranch(room, rec, done)
        b.position_at_end(rec)
        slot = b.add(I64(ERR_TB), b.mul(n, I64(2)))
        b.store(I64(self.ml.index[id(self.fn)]), b.gep(self.err, [slot], source_etype=I64))
        b.store(I64(self.line), b.gep(self.err, [b.add(slot, I64(1))], source_etype=I64))
        b.store(b.add(n, I64(1)), n_p)
        b.branch(done)
        b.position_at_end(done)

    def lower_CallBuiltin(self, op: ir.CallBuiltin) -> None:
        f = op.func
        if f.startswith("math."):
            r = self.call_math(f[5:], op)
        else:
            r = getattr(self, "builtin_" + f.replace(".", "_"))(op)
        self.put(op.result, r)

    def builtin_range_len(self, op):
        """len(range(start, stop, step)) in unsigned 64-bit arithmetic (no i128 division:
        that would call a compiler-rt helper the JIT cannot resolve)."""
        b = self.b
        start, stop, step = (self.to_i64(self.get(a), a.type) for a in op.args)
        self.raise_if(b.icmp_signed("==", step, I64(0)), "range() arg 3 must not be zero")
        pos = b.icmp_signed(">", step, I64(0))
        lo = b.select(pos, start, stop)
        hi = b.select(pos, stop, start)
        nonempty = b.icmp_signed("<", lo, hi)
        diff = b.sub(hi, lo)                       # as unsigned: exact
        astep = b.select(pos, step, b.sub(I64(0), step))  # as unsigned: exact, even for MIN
        safe = b.select(nonempty, diff, I64(1))
        n = b.add(b.udiv(b.sub(safe, I64(1)), astep), I64(1))
        n = b.select(nonempty, n, I64(0))
        if self.fn.objects:   # no deopt in object code (a known limit: see errors.py)
            self.raise_if(b.icmp_signed("<", n, I64(0)), "Python int too large to convert to C ssize_t")
        else:
            self.guard_fail_if(b.icmp_signed("<", n, I64(0)), G_RANGE)  # > INT64_MAX items
        return n

    def builtin_range_item(self, op):
        b = self.b
        start, step, k = (self.to_i64(self.get(a), a.type) for a in op.args)
        return b.add(start, b.mul(k, step))  # between start and stop: cannot overflow

    def builtin_len(self, op):
        t = op.args[0].type
        if t.kind == K_TUPLE:
            return I64(len(t.items))
        return self.b.extract_value(self.get(op.args[0]), 1)

    def builtin_abs(self, op):
        a = op.args[0]
        v, t = self.get(a), a.type
        b = self.b
        if t.kind in (K_FLOAT, K_NPFLOAT):
            return self.math1("fabs", v)
        v = self.to_i64(v, t)
        neg = b.icmp_signed("<", v, I64(0))
        if t.kind == K_NPINT:
            return b.select(neg, b.sub(I64(0), v), v)
        self.guard_fail_if(b.icmp_signed("==", v, I64(-(1 << 63))), G_OVERFLOW)
        return b.select(neg, b.sub(I64(0), v), v)

    def _minmax(self, op, sym):
        b = self.b
        if len(op.args) == 1:
            t = op.args[0].type
            tup = self.get(op.args[0])
            vals = [(b.extract_value(tup, i), x) for i, x in enumerate(t.items)]
        else:
            vals = [(self.get(a), a.type) for a in op.args]
        res, t = vals[0]
        for v, _ in vals[1:]:
            if t.kind == K_BOOL:
                better = b.icmp_unsigned(sym, v, res)
            elif t.is_intlike:
                better = b.icmp_signed(sym, v, res)
            else:
                better = b.fcmp_ordered(sym, v, res)
            res = b.select(better, v, res)
        return res

    def builtin_min(self, op):
        return self._minmax(op, "<")

    def builtin_max(self, op):
        return self._minmax(op, ">")

    def float_to_int(self, x):
        b = self.b
        self.raise_if(self.is_nan(x), "cannot convert float NaN to integer")
        self.raise_if(self.is_inf(x), "cannot convert float infinity to integer")
        t = self.math1("trunc", x)
        out = b.or_(b.fcmp_ordered("<", t, F64(-9223372036854775808.0)),
                    b.fcmp_ordered(">=", t, F64(9223372036854775808.0)))
        self.guard_fail_if(out, G_F2I)
        return b.fptosi(t, I64)

    def builtin_int(self, op):
        if not op.args:
            return I64(0)
        a = op.args[0]
        if a.type.is_floatlike:
            return self.float_to_int(self.to_f64(self.get(a), a.type))
        return self.to_i64(self.get(a), a.type)

    def builtin_float(self, op):
        if not op.args:
            return F64(0.0)
        return self.to_f64(self.get(op.args[0]), op.args[0].type)

    def builtin_bool(self, op):
        if not op.args:
            return I1(0)
        return self.truth(self.get(op.args[0]), op.args[0].type)

    def call_math(self, name, op):
        b = self.b
        args = op.args
        if name in ("floor", "ceil", "trunc"):
            a = args[0]
            if a.type.is_intlike:
                return self.to_i64(self.get(a), a.type)
            return self.float_to_int(self.math1(name, self.to_f64(self.get(a), a.type)))
        xs = [self.to_f64(self.get(a), a.type) for a in args]
        x = xs[0]
        if name == "isnan":
            return self.is_nan(x)
        if name == "isinf":
            return self.is_inf(x)
        if name == "isfinite":
            return self.is_finite(x)
        domain = "math domain error"
        rng = "math range error"
        if len(xs) == 2:
            y = xs[1]
            if name == "pow":
                return self.math_pow(x, y)
            if name == "fmod":
                bad = b.or_(b.and_(b.fcmp_ordered("==", y, F64(0.0)), b.fcmp_ordered("==", x, x)),
                            b.and_(self.is_inf(x), b.fcmp_ordered("==", y, y)))
                self.raise_if(bad, domain)
                r = b.frem(x, y)
                return r
            r = self.math2(name, x, y)
            if name == "hypot":
                self.raise_if(b.and_(self.is_inf(r), b.and_(self.is_finite(x), self.is_finite(y))), rng)
            return r
        if name == "sqrt":
            self.raise_if(b.fcmp_ordered("<", x, F64(0.0)), domain)
        elif name in ("log", "log2", "log10"):
            self.raise_if(b.fcmp_ordered("<=", x, F64(0.0)), domain)
        elif name == "log1p":
            self.raise_if(b.fcmp_ordered("<=", x, F64(-1.0)), domain)
        elif name in ("sin", "cos", "tan"):
            self.raise_if(self.is_inf(x), domain)
        elif name in ("asin", "acos"):
            self.raise_if(b.fcmp_ordered(">", self.math1("fabs", x), F64(1.0)), domain)
        r = self.math1(name, x)
        if name in ("exp", "expm1", "sinh", "cosh"):
            self.raise_if(b.and_(self.is_inf(r), self.is_finite(x)), rng)
        return r

    def math_pow(self, x, y):
        """math.pow: C99 pow with CPython's error checks (no complex results)."""
        b = self.b
        zero_neg = b.and_(b.fcmp_ordered("==", x, F64(0.0)), b.fcmp_ordered("<", y, F64(0.0)))
        neg = b.and_(b.fcmp_ordered("<", x, F64(0.0)), self.is_finite(x))
        nonint = b.and_(self.is_finite(y), b.fcmp_unordered("!=", self.math1("floor", y), y))
        self.raise_if(b.or_(zero_neg, b.and_(neg, nonint)), "math domain error")
        r = self.math2("pow", x, y)
        self.raise_if(b.and_(self.is_inf(r), b.and_(self.is_finite(x), self.is_finite(y))),
                      "math range error")
        return r

    # -- arrays
    def _index(self, arr, idx: ir.Value, axis: int, checked: bool):
        """Normalise a (possibly negative) index; IndexError as numpy words it."""
        b = self.b
        if idx.type.kind == K_BOOL:
            raise Unsupported("bool used as an array index")
        i = self.to_i64(self.get(idx), idx.type)
        size = b.extract_value(arr, 1 + axis)
        if not checked:
            return i
        j = b.select(b.icmp_signed("<", i, I64(0)), b.add(i, size), i)
        bad = b.or_(b.icmp_signed("<", j, I64(0)), b.icmp_signed(">=", j, size))
        self.raise_if(bad, "np index", (i, I64(axis), size))
        return j

    def _address(self, arr, indices, checked):
        b = self.b
        offset = I64(0)
        for axis, idx in enumerate(indices):
            j = self._index(arr, idx, axis, checked)
            offset = b.add(offset, b.mul(j, b.extract_value(arr, 3 + axis)))
        return b.gep(b.extract_value(arr, 0), [offset], source_etype=I8), offset

    def lower_ArrayGet(self, op: ir.ArrayGet) -> None:
        t = op.array.type
        arr = self.get(op.array)
        if t.kind == K_TUPLE:
            n = len(t.items)
            self.put(op.result, self.b.extract_value(arr, op.const_index % n))
            return
        addr, _ = self._address(arr, op.indices, op.checked)
        rt = op.result.type
        if rt.kind == K_ARRAY:  # a row of a 2-D array
            v = L.Constant(ARRAY_T, None)
            v = self.b.insert_value(v, addr, 0)
            v = self.b.insert_value(v, self.b.extract_value(arr, 2), 1)
            v = self.b.insert_value(v, I64(1), 2)
            v = self.b.insert_value(v, self.b.extract_value(arr, 4), 3)
            v = self.b.insert_value(v, I64(0), 4)
            self.put(op.result, v)
            return
        self.put(op.result, self.b.load(addr, typ=lltype(rt)))

    def lower_ArraySet(self, op: ir.ArraySet) -> None:
        t = op.array.type
        arr = self.get(op.array)
        addr, _ = self._address(arr, op.indices, True)
        if self.ml.undo:
            st = self.b.call(self.ml.log_function(), [self.err, addr])
            self.fail_status_if_nonzero(st)
        v = self.get(op.value)
        if t.dtype == "float64":
            v = self.to_f64(v, op.value.type)
        else:
            v = self.to_i64(v, op.value.type)
        self.b.store(v, addr)

    def lower_ArrayShape(self, op: ir.ArrayShape) -> None:
        b = self.b
        t = op.array.type
        arr = self.get(op.array)
        if op.axis is None:
            v = L.Constant(lltype(op.result.type), None)
            for i in range(t.ndim):
                v = b.insert_value(v, b.extract_value(arr, 1 + i), i)
        elif op.axis == "ndim":
            v = I64(t.ndim)
        else:  # size
            v = b.extract_value(arr, 1)
            if t.ndim == 2:
                v = b.mul(v, b.extract_value(arr, 2))
        self.put(op.result, v)
