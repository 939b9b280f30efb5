"""Lowering of a generator's body (object code): its locals in the generator's state.

In: a typed `ir.Function` with `generator` set (build.py: each `yield` an ir.Yield
terminator). Out, in lower.FunctionLowerer's function: the body as a resumable function
`{ret, status} f(depth, err, state, sent, args...)`, and (emit_entry_gen) the entry
`PyObject *entry(args, state, sent, err)` that codegen/generators.py's driver calls.

Every local of the body (and its "bound" flag) lives in the generator's heap state
instead of the machine stack:
    struct { i64 index; PyObject *yielded; <the locals' slots>; <flags> }
`index` is 0 before the first run, k after the k-th yield, -1 once finished. The
function enters on a switch on it: 0 runs the prologue (slots unbound, arguments
taken), k stores the sent value (borrowed from the caller) into `$sent` and jumps to
the yield's resume block, k | THROW_FLAG raises the sent exception at that yield (it
goes to the yield's handler, as any op's exception: ir.Op.handler, so the body's
try/except/finally/with see it, or leaves the body, its locals released). A `yield
from` yields its sub-iterator with index k | DELEGATE_FLAG: runtime_c/capi/pjgen.c
delegates to it and resumes yield k with its return value (or its exception raised).
A yield stores its value (owned) into `yielded` and returns ST_YIELD without releasing
the locals; a return or an error leaves as from any object code (locals released). The
entry returns the yielded value, or the return value with index -1, or NULL with the
exception set (index -1).
"""
from __future__ import annotations

import llvmlite.ir as L

from . import ir, jit
from .errors import Unsupported
from .lowerobj import NUM_OBJ
from .types import K_NUM, K_OBJECT

I1 = L.IntType(1)
I32 = L.IntType(32)
I64 = L.IntType(64)
PTR = L.PointerType()

ST_YIELD = 1001        # the body yielded (state.yielded holds the value); beside errors.ST_PYERR
IX_START, IX_DONE = 0, -1     # state.index besides the yield numbers 1..n
THROW_FLAG = 1 << 32           # index k | THROW_FLAG: resume yield k raising the sent exception
DELEGATE_FLAG = 1 << 33        # index k | DELEGATE_FLAG: yield k is a `yield from` (pjgen.c)


class GeneratorLowering:
    """The generator parts of one lower.FunctionLowerer (its `gen`): the state layout
    and the slots in it, the entry switch, `yield`."""

    def __init__(self, fl, state, sent, lltype):
        self.fl = fl
        self.state = state        # the generator's state (function argument)
        self.sent = sent          # the value sent in (borrowed; a resume's only)
        live = [v for v in fl.fn.locals.values() if v.type is not None]
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
        self.kinds = {id(v): v.type.kind for v in live}
        if not hasattr(fl.ml, "gen_layouts"):
            fl.ml.gen_layouts = {}
            fl.ml.gen_lowerings = {}
        fl.ml.gen_layouts[id(fl.fn)] = self.struct
        fl.ml.gen_lowerings[id(fl.fn)] = self

    def field(self, i: int):
        return self.fl.b.gep(self.state, [I32(0), I32(i)], source_etype=self.struct)

    def slot(self, var):
        return self.field(self.slot_index[id(var)])

    def flag(self, var):
        return self.field(self.flag_index[id(var)])

    def dispatch(self):
        """In the entry block: the switch on the state's index. Leaves the builder in the
        block of the first run (index 0), where the caller emits the prologue."""
        fl = self.fl
        b = fl.b
        self.index_p = self.field(0)
        self.yielded_p = self.field(1)
        start = fl.f.append_basic_block("gen.start")
        self.switch = b.switch(b.load(self.index_p, typ=I64), start)
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
        b.store(I64(k | (DELEGATE_FLAG if op.delegate else 0)), self.index_p)
        self.ret_status(ST_YIELD)
        fl.defined = []     # (nothing of this block is alive at its resumes: all taken over)
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
        # an exception thrown in (throw(), close()): `sent` is the exception instance, raised
        # by the yield: its handler (a Catch of the enclosing try/with) or the error exit
        thrown = fl.f.append_basic_block(f"gen.throw{k}")
        self.switch.add_case(I64(k | THROW_FLAG), thrown)
        b.position_at_end(thrown)
        exc = self.sent
        typ = b.load(b.gep(exc, [I64(1)], source_etype=PTR), typ=PTR)    # Py_TYPE(exc)
        fl.incref(typ)
        fl.incref(exc)
        tb = fl.call("PyException_GetTraceback", [exc])     # (new reference or NULL)
        fl.call("PyErr_Restore", [typ, exc, tb], ret=L.VoidType(), types=[PTR, PTR, PTR])
        fl.obj_fail()


def emit_entry_gen(ml, fn: ir.Function, name: str, fl, err_tb_n: int) -> tuple[str, tuple]:
    """The generator's entry `ptr name(ptr args, ptr state, ptr sent, ptr err)` (see the
    module docstring) and its state's layout: (size in bytes, offsets of its references). `fl`: a FunctionLowerer of `fn`
    for its helpers (boxing)."""
    f = L.Function(ml.module, L.FunctionType(PTR, [PTR, PTR, PTR, PTR]), name)
    args_p, state, sent, err_p = f.args
    b = L.IRBuilder(f.append_basic_block("entry"))
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
    b.store(I64(0), b.gep(err_p, [I64(err_tb_n)], source_etype=I64))
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
    td = jit.target_machine().target_data
    # the byte offsets of the owned references in the state (an object local's slot, a
    # tagged number's object), which pjgen.c shows the cycle collector while suspended
    gl = ml.gen_lowerings[id(fn)]
    refs = []
    for var_id, i in gl.slot_index.items():
        kind = gl.kinds[var_id]
        if kind == K_OBJECT:
            refs.append(layout.get_element_offset(td, i))
        elif kind == K_NUM:
            refs.append(layout.get_element_offset(td, i) + layout.elements[i].get_element_offset(td, 3))
    return name, (layout.get_abi_size(td), tuple(refs))
