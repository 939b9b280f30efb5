"""Generator functions in object code: a resumable body driven by a host generator.

In: a guest generator function (a `def` with `yield`) whose body build.py can build in
object mode. Out: a `GeneratorSpec`, whose `call(args)` makes the guest generator object
as tier 0 does (runtime/coroutines.guest_generator: a real host generator, named after
the guest function), its body running as machine code.

The three stages:
  * build (transform_yield): a `yield value` is an `ir.Yield` terminator: the value goes
    out, and the body goes on at a new block, where the sent value is read from the hidden
    local `$sent`. Temps alive across it are spilled to locals as across any block
    boundary (build._spill_block_crossing_temps), so every value that outlives the
    suspension is a local.
  * lowering (GeneratorLowering): every local of the body (and its "bound" flag) lives in
    a heap state of the generator's own instead of the machine stack:
        struct { i64 index; PyObject *yielded; <the locals' slots>; <flags> }
    `index` is 0 before the first run, k after the k-th yield, -1 once finished and -2
    when a suspended body is dropped. The function enters on a switch on it: 0 runs the
    prologue (slots unbound, arguments taken), k stores the sent value into `$sent` and
    jumps to the yield's resume block, -2 releases the locals and returns. A yield stores
    its (owned) value into `yielded` and returns ST_YIELD without releasing the locals;
    a return or an error leaves as in any object code (locals released).
  * the entry (emit_entry_gen): `PyObject *entry(args, state, sent, err)`: the yielded
    value, or the return value with index -1, or NULL with the exception set (index -1).

Semantics. The driver (`_drive`) is the body host generator that guest_generator
wraps, as tier 0's compiled body is: _run_guest_generator adds the frame's traceback
entry, turns a StopIteration leaving the body into RuntimeError (PEP 479; the driver
hands it over wrapped, as tier 0's closures do) and gives gi_running, "generator already
executing", close() at collection, names and reprs. A yield is compiled only outside
try/except/finally/with (the build rejects the others: tier 0 runs those generators),
so an exception thrown in at a yield (throw(), close()'s GeneratorExit) always leaves
the body there: the driver drops the locals and re-raises it. Each resume publishes the
generator's guest frame (a native frame: compiler.ObjectSpec's) as the thread's current
frame, so callees see it as their caller, and the machine code keeps its line current.
Arguments are bound at the call, defaults included (as CPython binds them), and the
body is compiled for object arguments: the generator keeps the argument tuple.
"""
from __future__ import annotations

import ast
import ctypes

import llvmlite.ir as L

from protojit.frames import F_BACK, F_DEPTH, F_FUNCTION, F_LINENO, tstate

from . import ir
from .errors import ST_PYERR, Unsupported

I1 = L.IntType(1)
I32 = L.IntType(32)
I64 = L.IntType(64)
PTR = L.PointerType()

ST_YIELD = 1001        # the body yielded (state.yielded holds the value); see errors.ST_PYERR
IX_START, IX_DONE, IX_DROP = 0, -1, -2     # state.index besides the yield numbers 1..n

_GEN_ENTRY_TYPE = ctypes.PYFUNCTYPE(ctypes.py_object, ctypes.c_void_p, ctypes.c_void_p,
                                    ctypes.py_object, ctypes.c_void_p)


# ---- build (called by build.py's expression table) -----------------------------------

def is_generator(node) -> bool:
    """Does the function `node` itself (not a nested scope) contain yield/yield from?"""
    todo = list(node.body)
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            todo.extend(n.decorator_list)
            continue
        if isinstance(n, (ast.Lambda, ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)):
            continue
        todo.extend(ast.iter_child_nodes(n))
    return False


def transform_yield(b, e: ast.Yield) -> ir.Value:
    from .build import transform_expr
    if not b.objects or not getattr(b, "generator", False):
        raise b.unsupported("yield")
    if b.handler is not None or b.unwind:
        raise b.unsupported("yield inside try/except/finally/with")
    value = transform_expr(b, e.value) if e.value is not None else b.const(None)
    resume = b.new_block()
    sent = b.var("$sent")
    b.emit(ir.Yield(b.line, resume, value=value, sent=sent))
    b.set_block(resume)
    got = b.emit_value(ir.Load, sent)
    # (the slot lets the sent object go at once, as CPython's stack does)
    b.emit(ir.Store(b.line, sent, b.const(None)))
    return got


# ---- lowering ------------------------------------------------------------------------

class GeneratorLowering:
    """The generator parts of one lower.FunctionLowerer (its `gen`): the state layout
    and the slots in it, the entry switch, `yield`."""

    def __init__(self, fl, state, sent):
        self.fl = fl
        self.state = state        # the generator's state (function argument)
        self.sent = sent          # the value sent in (borrowed; a resume's only)
        live = [v for v in fl.fn.locals.values() if v.type is not None]
        from .lower import lltype
        self.fields = [I64, PTR] + [lltype(v.type) for v in live] + \
            [I1 for v in live if id(v) in fl.fn.maybe_unbound]
        self.struct = L.LiteralStructType(self.fields)
        self.slot_index = {id(v): 2 + i for i, v in enumerate(live)}
        self.flag_index = {}
        for v in live:
            if id(v) in fl.fn.maybe_unbound:
                self.flag_index[id(v)] = len(self.flag_index) + 2 + len(live)
        self.switch = None
        self.nyields = 0
        if not hasattr(fl.ml, "gen_layouts"):
            fl.ml.gen_layouts = {}
        fl.ml.gen_layouts[id(fl.fn)] = self.struct

    def field(self, i: int):
        return self.fl.b.gep(self.state, [I32(0), I32(i)], source_etype=self.struct)

    def slot(self, var):
        return self.field(self.slot_index[id(var)])

    def flag(self, var):
        return self.field(self.flag_index[id(var)])

    def dispatch(self, first_block_name="gen.start"):
        """In the entry block: the switch on the state's index. Leaves the builder in the
        block of the first run (index 0), where the caller emits the prologue."""
        fl = self.fl
        b = fl.b
        self.index_p = self.field(0)
        self.yielded_p = self.field(1)
        start = fl.f.append_basic_block(first_block_name)
        drop = fl.f.append_basic_block("gen.drop")
        self.switch = b.switch(b.load(self.index_p, typ=I64), start)
        self.switch.add_case(I64(IX_DROP), drop)
        b.position_at_end(drop)
        fl.release_slots()
        none = fl.const_obj(None)
        fl.incref(none)
        b.store(none, self.yielded_p)
        b.store(I64(IX_DONE), self.index_p)
        self.ret_status(ST_YIELD)
        b.position_at_end(start)
        for i in self.flag_index.values():
            b.store(I1(0), self.field(i))

    def ret_status(self, status: int) -> None:
        rtype = self.fl.rtype
        self.fl.b.ret(L.Constant(rtype, [L.Constant(rtype.elements[0], None), I32(status)]))

    def lower_yield(self, op: ir.Yield) -> None:
        fl = self.fl
        b = fl.b
        fl.frame_line(op.line)
        value = fl.obj_return_value(op)     # (an owned reference; the Temp's is taken over)
        b.store(value, self.yielded_p)
        self.nyields += 1
        k = self.nyields
        b.store(I64(k), self.index_p)
        self.ret_status(ST_YIELD)
        # the resume: the sent value into its local, then on at the yield's target
        resume = fl.f.append_basic_block(f"gen.resume{k}")
        self.switch.add_case(I64(k), resume)
        b.position_at_end(resume)
        slot = fl.slots[id(op.sent)]
        old = b.load(slot, typ=PTR)
        fl.incref(self.sent)
        b.store(self.sent, slot)
        fl.xdecref(old)
        flag = fl.flags.get(id(op.sent))
        if flag is not None:
            b.store(I1(1), flag)
        b.branch(fl.blocks[id(op.target)])


def emit_entry_gen(ml, fn: ir.Function, name: str) -> tuple[str, int]:
    """The generator's entry `ptr name(ptr args, ptr state, ptr sent, ptr err)` (see the
    module docstring) and the size in bytes of its state."""
    from . import jit
    from .lower import ERR_TB_N, FunctionLowerer
    from .lowerobj import NUM_OBJ
    from .types import K_NUM, K_OBJECT
    f = L.Function(ml.module, L.FunctionType(PTR, [PTR, PTR, PTR, PTR]), name)
    args_p, state, sent, err_p = f.args
    b = L.IRBuilder(f.append_basic_block("entry"))
    fl = FunctionLowerer(ml, fn)
    fl.b = b
    fl.f = f
    values = []
    for i, a in enumerate(fn.args):
        item = b.load(b.gep(args_p, [I64(i)], source_etype=PTR), typ=PTR)   # args[i], borrowed
        if a.type.kind == K_NUM:
            # a local that became a tagged number holds the argument's own object
            item = fl.num_make(NUM_OBJ, p=item)
        elif a.type.kind != K_OBJECT:
            raise Unsupported(f"internal: generator argument {a.name} is {a.type}")
        values.append(item)
    b.store(I64(0), b.gep(err_p, [I64(ERR_TB_N)], source_etype=I64))
    r = b.call(ml.llfuncs[id(fn)], [I64(0), err_p, state, sent] + values, cconv="fastcc")
    status = b.extract_value(r, 1)
    layout = ml.gen_layouts[id(fn)]
    index_p = b.gep(state, [I32(0), I32(0)], source_etype=layout)
    yielded_p = b.gep(state, [I32(0), I32(1)], source_etype=layout)
    yielded, other = f.append_basic_block("yielded"), f.append_basic_block("other")
    b.cbranch(b.icmp_signed("==", status, I32(ST_YIELD)), yielded, other)
    b.position_at_end(yielded)
    b.ret(b.load(yielded_p, typ=PTR))
    b.position_at_end(other)
    b.store(I64(IX_DONE), index_p)
    ok, fail = f.append_basic_block("ok"), f.append_basic_block("fail")
    b.cbranch(b.icmp_signed("==", status, I32(0)), ok, fail)
    b.position_at_end(fail)
    b.ret(L.Constant(PTR, None))
    b.position_at_end(ok)
    v = b.extract_value(r, 0)
    if fn.return_type.kind == K_OBJECT:
        b.ret(v)
    else:
        b.ret(fl.box_new(v, fn.return_type))   # NULL (MemoryError set) passes through
    size = layout.get_abi_size(jit.target_machine().target_data)
    return name, size


# ---- the generator object ------------------------------------------------------------

def _drive(entry, args, frame, size, err_slots, err_line, err_frame):
    """The body host generator of one guest generator (see the module docstring)."""
    from protojit.runtime.coroutines import StopIterationCarrier
    state = (ctypes.c_int64 * ((size + 7) // 8))()
    st = ctypes.addressof(state)
    err = (ctypes.c_int64 * err_slots)()
    e = ctypes.addressof(err)
    argp = id(args) + tuple.__basicsize__
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
        try:
            sent = yield value
        except BaseException:
            # thrown in at the yield (throw(), close(), the collector's close): no
            # handler encloses a compiled yield, so it leaves the body here
            state[0] = IX_DROP
            entry(argp, st, None, e)
            raise
        finally:
            value = None


class GeneratorSpec:
    """Object code of a generator function's body (see the module docstring): what
    tiering's dispatcher calls (`call` makes the generator), like a NativeSpec."""

    objects = True
    c_spec = None            # (no C entry: every call makes a generator in Python)
    deopts = 0
    last_deopt = None
    osr_entry = None
    cached = False

    def __init__(self, gfn, nparams, return_type, address, size, functions, deps, keep_alive):
        from protojit.frames import native_frame_header
        from .compiler import _NativeCode
        from .types import OBJECT
        self.function = gfn
        self.nparams = nparams
        self.arg_types = (OBJECT,) * nparams
        self.return_type = return_type
        self.address = address
        self.entry = _GEN_ENTRY_TYPE(address)
        self.size = size
        self.codes = [_NativeCode(f.filename, f.guest_name or f.name) for f in functions]
        seen = {}
        for g, name, obj in deps:
            if name is not None:
                seen[(id(g), name)] = (g, name, obj)
        self.deps = tuple(seen.values())
        self.keep_alive = keep_alive
        self.frame_header = native_frame_header(gfn)
        self.has_effects = True
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
        from .compiler import MISSING
        if self.full_args(args) is None:
            return False
        for g, name, obj in self.deps:
            if g.get(name, MISSING) is not obj:
                return False
        return True

    def call(self, args, osr_frame=None, back=None):
        from .compiler import MISSING, NOT_APPLICABLE
        from protojit.runtime.coroutines import guest_generator
        from . import lower
        full = self.full_args(args)
        if full is None or osr_frame is not None:
            return NOT_APPLICABLE
        for g, name, obj in self.deps:
            if g.get(name, MISSING) is not obj:
                return NOT_APPLICABLE
        frame = self.frame_header.copy()
        frame[F_BACK] = caller = tstate.frame if back is None else back
        frame[F_FUNCTION] = self.function
        frame[F_DEPTH] = 1 if caller is None else caller[F_DEPTH] + 1
        body = _drive(self.entry, full, frame, self.size, lower.ERR_SLOTS, lower.ERR_LINE,
                      lower.ERR_FRAME)
        return guest_generator(self.function, frame, body)


def compile_generator(gfn, args: tuple, keep_ir: bool, quick: bool, t0: float) -> GeneratorSpec:
    """compiler.compile_objects for a generator function: the body typed for object
    arguments (every parameter bound, defaults included), lowered and compiled."""
    import time
    from . import compiler, jit, lower
    from .pprint import format_function
    from .types import OBJECT
    nparams = len(gfn.code.node.args.args)
    if gfn.code.node.args.vararg or gfn.code.node.args.kwarg:
        raise Unsupported("generator with *args or **kwargs", gfn.code.filename, gfn.code.firstlineno)
    arg_types = (OBJECT,) * nparams
    deps: list = []
    root = compiler.infer_types_obj(gfn, arg_types, deps)
    if not root.generator:
        raise Unsupported("internal: a generator's body built as a plain function",
                          gfn.code.filename, gfn.code.firstlineno)
    functions = [root]
    recursive = compiler.check_unit(functions)
    t1 = time.perf_counter()
    name = f"pj{next(compiler._unit_ids)}"
    ml = lower.ModuleLowerer(name, functions, recursive, globals_dict=gfn.__globals__,
                             builtins_dict=gfn.builtins)
    ml.lower_all()
    entry, size = emit_entry_gen(ml, root, f"{name}.gen")
    t2 = time.perf_counter()
    compiled = jit.compile_module(ml.module, [entry], keep_ir=keep_ir, use_cache=False,
                                  level=0 if quick else 1)
    t3 = time.perf_counter()
    spec = GeneratorSpec(gfn, nparams, root.return_type, compiled.addresses[entry], size,
                         functions, deps, ml.keep_alive)
    spec.times = {"frontend": t1 - t0, "lower": t2 - t1, **compiled.times, "total": t3 - t0}
    spec.ir_ops = sum(len(b.ops) for b in root.blocks)
    if keep_ir:
        spec.typed_ir = format_function(root)
        spec.llvm_ir = compiled.llvm_ir
        spec.optimised_ir = compiled.optimised_ir
    return spec
