"""Direct calls: object code calling the machine code of a compiled guest function itself.

In: a FunctionLowerer of object code (lowerobj.py) at a positional call site of a guest
function or method (CallObject, CallLoaded). Out: `direct_call_function(fl)`, one LLVM
function per module, `ptr direct(ptr callable, ptr args, i64 nargsf, ptr cache)` with
pj_call_site's contract (runtime_c/capi/pjentry.c): a new reference, or NULL with the
exception set.

The site's cache (pjentry.c PjCallCache) names the guest function the site called last,
its Entry and generation and the spec that took the call; when that spec's machine code
takes any argument vector of its length (object, int and float arguments) and its globals
are checked by one dict version, C sets `fdict` (the function's vectorcall pointer) and
the machine code takes the hit itself: the checks C's hit path (call_hit) makes, each a load and a compare
here, then the guest frame of the call (the spec's free frame: its caller, depth and line
set, published as the thread's current frame, pjentry.c object_frame_push), the callee's
machine code through the spec's `fn` pointer, and the frame unpublished and kept for the
next call (object_frame_pop/done). Anything that does not hold -- another callable, the
function's code replaced by host code, its record or invoke or specs changed, a global rebound, no free frame
(a traceback or a frame object kept the last one), the caller within NATIVE_MARGIN of the
recursion limit, the C stack low, no published frame -- goes to pj_call_site, which
checks everything again and takes its own path. A NULL result goes to pj_direct_fail
(on_failure: the traceback entry, as the C path's). Recursion depth, tracebacks,
sys._getframe and f_back see the same frames as through the C path.
"""
from __future__ import annotations

import ctypes
import os

import llvmlite.ir as L

from protojit import _pjentry
from protojit.frames import F_BACK, F_DEPTH, F_FUNCTION, F_LINENO

I32 = L.IntType(32)
I64 = L.IntType(64)
PTR = L.PointerType()

# PjCallCache fields (pjentry.c asserts these offsets)
C_FN, C_ENTRY, C_GENERATION, C_SPEC, C_FACE, C_FDICT, C_DEPS = 0, 8, 16, 24, 48, 80, 88
C_INT_MASK, C_FLOAT_MASK = 96, 100
# PjTState (pjentry.c pj_tstate)
TS_FRAME, TS_STACK_LOW, TS_STACK_KNOWN = 0, 8, 16
OB_REFCNT, OB_TYPE, OB_SIZE, LIST_ITEM, LONG_DIGIT = 0, 8, 16, 24, 24
ERR_SLOTS = 64
ERR_FRAME = 9
ERR_OWNED = 11
ARGS_OFFSET_MASK = (1 << 63) - 1     # nargsf without PY_VECTORCALL_ARGUMENTS_OFFSET
# Off by default (PJ_DIRECT_CALLS=1 turns it on). Cause found: object code at --tier jit is
# compiled at codegen/jit.py level 0 (FastISel, the fast register allocator), so this
# function's ~100 loads and compares became ~300 instructions per call, as many as C's
# call_hit at -O2 (callgrind, perf/callgrind_calls.py plain). The same steps now run in C
# (pjentry.c direct_hit, taken by pj_call_site whenever the site's fdict is set): ~200
# instructions per call at -O2 with every check of this function plus the code epoch, which
# this function does not check (a callee's __code__ assigned: spec_deps_check). Worth
# turning on again only when emitted at -O2/-O3 once per process (or inlined into a caller
# compiled at -O3) and checking s->code_epoch.
DIRECT_CALLS = bool(os.environ.get("PJ_DIRECT_CALLS"))

_lib = None


def _data_address(name: str) -> int:
    global _lib
    if _lib is None:
        _lib = ctypes.PyDLL(_pjentry.__file__)
    return ctypes.addressof(ctypes.c_char.in_dll(_lib, name))


def direct_call_function(fl) -> L.Function:
    """The module's `direct` function (see the module docstring); `fl` the lowerer."""
    ml = fl.ml
    f = ml.externs.get("$direct_call")
    if f is not None:
        return f
    lay = _pjentry.direct_layout()
    f = L.Function(ml.module, L.FunctionType(PTR, [PTR, PTR, I64, PTR]), f"{ml.module.name}.direct_call")
    f.linkage = "internal"
    f.attributes.add("noinline")
    ml.externs["$direct_call"] = f
    saved_b, saved_f = fl.b, fl.f
    fl.f = f
    fl.b = b = L.IRBuilder(f.append_basic_block("entry"))
    try:
        _emit(fl, f, b, lay)
    finally:
        fl.b, fl.f = saved_b, saved_f
    return f


def _emit(fl, f, b, lay) -> None:
    callable_, args, nargsf, c = f.args
    null = L.Constant(PTR, None)
    slow = f.append_basic_block("slow")

    def at(p, off):
        return b.gep(p, [I64(off)], source_etype=L.IntType(8))

    def ld(p, off, typ=PTR):
        return b.load(at(p, off), typ=typ)

    def item(items, i):
        return b.gep(items, [I64(i)], source_etype=PTR)

    def check(cond, name):
        """Go on at a new block when `cond` holds, else to the slow path."""
        nxt = f.append_basic_block(name)
        b.cbranch(cond, nxt, slow)
        b.position_at_end(nxt)

    def eq(x, y):
        return b.icmp_unsigned("==", x, y)

    def incref(p):
        n = ld(p, OB_REFCNT, I64)
        b.store(b.add(n, I64(1)), at(p, OB_REFCNT))

    def decref_live(p):
        """A reference released where something else still holds the object."""
        n = ld(p, OB_REFCNT, I64)
        b.store(b.sub(n, I64(1)), at(p, OB_REFCNT))

    def decref(p):
        n = b.sub(ld(p, OB_REFCNT, I64), I64(1))
        b.store(n, at(p, OB_REFCNT))
        with b.if_then(eq(n, I64(0)), likely=False):
            fl.call("_Py_Dealloc", [p], ret=L.VoidType())

    def replace(items, i, new):
        """items[i] = new (a reference taken), the old item released if it differs."""
        slot = item(items, i)
        old = b.load(slot, typ=PTR)
        with b.if_then(b.icmp_unsigned("!=", old, new), likely=False):
            incref(new)
            b.store(new, slot)
            fl.call("Py_DecRef", [old], ret=L.VoidType())

    err = b.alloca(I64, size=ERR_SLOTS, name="err")     # (first: in the entry block)
    # the site's hit: the same function, still a guest function (its vectorcall pjfunc.c's),
    # the same record, Entry and generation
    check(eq(callable_, ld(c, C_FACE)), "face")
    vc = ld(c, C_FDICT)
    check(b.icmp_unsigned("!=", vc, null), "direct_ok")
    check(eq(ld(callable_, lay["func_vectorcall"]), vc), "guest")
    record = ld(c, C_FN)
    check(eq(ld(callable_, lay["record_offset"]), record), "record")
    entry = ld(c, C_ENTRY)
    check(eq(ld(record, lay["fb_invoke"]), entry), "invoke")
    check(eq(ld(entry, lay["entry_generation"], I64), ld(c, C_GENERATION, I64)), "generation")
    spec = ld(c, C_SPEC)
    n = b.and_(nargsf, I64(ARGS_OFFSET_MASK))
    check(eq(b.sext(ld(spec, lay["spec_nargs"], I32), I64), n), "nargs")
    # the arguments the spec unboxes: an exact int of at most one digit, an exact float
    masks = b.or_(ld(c, C_INT_MASK, I32), ld(c, C_FLOAT_MASK, I32))
    kinds, kinds_ok = f.append_basic_block("kinds"), f.append_basic_block("kinds_ok")
    b.cbranch(eq(masks, I32(0)), kinds_ok, kinds)
    b.position_at_end(kinds)
    _emit_kind_checks(b, f, c, args, n, slow, kinds_ok, fl)
    b.position_at_end(kinds_ok)
    # the callee's globals: unchanged since its deps last held (else C checks them)
    deps = ld(c, C_DEPS)
    no_deps = f.append_basic_block("no_deps")
    deps_v = f.append_basic_block("deps")
    b.cbranch(eq(deps, null), no_deps, deps_v)
    b.position_at_end(deps_v)
    sv = ld(spec, lay["spec_deps_version"], I64)
    check(b.and_(b.icmp_unsigned("!=", sv, I64(0)), eq(ld(deps, lay["dict_version"], I64), sv)), "deps_hold")
    b.branch(no_deps)
    b.position_at_end(no_deps)
    # the caller (the published frame), the C stack, the recursion depth
    ts = b.call(fl.capi("pj_tstate", PTR, []), [])
    back = ld(ts, TS_FRAME)
    check(b.icmp_unsigned("!=", back, null), "back")
    check(b.icmp_unsigned("!=", ld(ts, TS_STACK_KNOWN, I64), I64(0)), "stack_known")
    low = ld(ts, TS_STACK_LOW, I64)
    sp = b.ptrtoint(err, I64)
    check(b.or_(eq(low, I64(0)), b.icmp_unsigned(">=", sp, low)), "stack")
    check(eq(ld(back, OB_TYPE), fl.const_obj(list)), "back_list")
    check(b.icmp_signed(">", ld(back, OB_SIZE, I64), I64(F_DEPTH)), "back_size")
    bitems = ld(back, LIST_ITEM)
    dobj = b.load(item(bitems, F_DEPTH), typ=PTR)
    check(eq(ld(dobj, OB_TYPE), fl.const_obj(int)), "depth_int")
    dsize = ld(dobj, OB_SIZE, I64)
    check(b.icmp_unsigned("<=", dsize, I64(1)), "depth_small")
    base = b.mul(dsize, b.zext(ld(dobj, LONG_DIGIT, I32), I64))
    limit = b.load(L.Constant(I64, _data_address("pj_recursion_limit")).inttoptr(PTR), typ=I64)
    room = b.sub(b.sub(limit, base), I64(1))
    check(b.icmp_signed(">=", room, I64(lay["native_margin"])), "room")
    depth = b.add(base, I64(1))
    check(b.icmp_signed("<", depth, I64(lay["depth_ints"])), "depth_table")
    table = L.Constant(I64, _data_address("pj_depth_ints")).inttoptr(PTR)
    dint = b.load(b.gep(table, [depth], source_etype=PTR), typ=PTR)
    check(b.icmp_unsigned("!=", dint, null), "depth_made")
    # the spec's free frame, made for this function
    frame = ld(spec, lay["spec_free_frame"])
    check(b.icmp_unsigned("!=", frame, null), "free_frame")
    fitems = ld(frame, LIST_ITEM)
    check(eq(b.load(item(fitems, F_FUNCTION), typ=PTR), record), "frame_fn")
    # taken: its caller, depth and line (the header's), published for the call
    b.store(null, at(spec, lay["spec_free_frame"]))
    incref(back)
    decref_live(b.load(item(fitems, F_BACK), typ=PTR))     # (None: object_frame_done)
    b.store(back, item(fitems, F_BACK))
    replace(fitems, F_DEPTH, dint)
    header = ld(spec, lay["spec_frame"])
    replace(fitems, F_LINENO, b.load(item(ld(header, LIST_ITEM), F_LINENO), typ=PTR))
    incref(frame)
    b.store(frame, at(ts, TS_FRAME))       # (t_frame's reference to `back` is held until the pop)
    b.store(I64(0), err)
    b.store(b.ptrtoint(frame, I64), b.gep(err, [I64(ERR_FRAME)], source_etype=I64))
    b.store(I64(0), b.gep(err, [I64(ERR_OWNED)], source_etype=I64))   # (borrowed: lower.py)
    incref(entry)     # (the call may recompile or redefine the function: both stay alive)
    incref(spec)
    fn = ld(spec, lay["spec_fn"], L.FunctionType(PTR, [PTR, PTR]).as_pointer())
    r = b.call(fn, [args, err])
    # unpublished: `back` again
    cur = ld(ts, TS_FRAME)
    mine, other, popped = (f.append_basic_block(x) for x in ("pop", "pop_other", "popped"))
    b.cbranch(eq(cur, frame), mine, other)
    b.position_at_end(mine)
    b.store(back, at(ts, TS_FRAME))
    decref_live(frame)
    b.branch(popped)
    b.position_at_end(other)
    fl.call("pj_direct_unpublish", [cur, back], ret=L.VoidType())
    b.branch(popped)
    b.position_at_end(popped)
    ok, failed, out = (f.append_basic_block(x) for x in ("ok", "failed", "out"))
    b.cbranch(eq(r, null), failed, ok)
    b.position_at_end(failed)
    r_fail = fl.call("pj_direct_fail", [entry, spec, record, args, n, back, frame, err],
                     types=[PTR, PTR, PTR, PTR, I64, PTR, PTR, PTR])
    failed_end = b.block
    b.branch(out)
    # the frame kept for the next call when nothing else holds it (object_frame_done)
    b.position_at_end(ok)
    keep = b.and_(eq(ld(frame, OB_REFCNT, I64), I64(1)), eq(ld(spec, lay["spec_free_frame"]), null))
    with b.if_else(keep) as (then, otherwise):
        with then:
            items = ld(frame, LIST_ITEM)
            old_back = b.load(item(items, F_BACK), typ=PTR)
            none = fl.const_obj(None)
            incref(none)
            b.store(none, item(items, F_BACK))
            b.store(frame, at(spec, lay["spec_free_frame"]))
            decref(old_back)     # (the caller's frame, which its own call still holds)
        with otherwise:
            fl.call("Py_DecRef", [frame], ret=L.VoidType())
    ok_end = b.block
    b.branch(out)
    b.position_at_end(out)
    result = b.phi(PTR)
    result.add_incoming(r_fail, failed_end)
    result.add_incoming(r, ok_end)
    decref(spec)
    decref(entry)
    b.ret(result)
    # the C path
    b.position_at_end(slow)
    b.ret(fl.call("pj_call_site", [callable_, args, nargsf, null, c], types=[PTR, PTR, I64, PTR, PTR]))


def _emit_kind_checks(b, f, c, args, n, slow, done, fl) -> None:
    """for i < n: args[i] of the kind the masks give it (else `slow`), then `done`."""
    head, body, is_int, not_int, is_float, nxt = (
        f.append_basic_block(x) for x in ("k.head", "k.body", "k.int", "k.notint", "k.float", "k.next"))
    int_mask = b.load(b.gep(c, [I64(C_INT_MASK)], source_etype=L.IntType(8)), typ=I32)
    float_mask = b.load(b.gep(c, [I64(C_FLOAT_MASK)], source_etype=L.IntType(8)), typ=I32)
    pre = b.block
    b.branch(head)
    b.position_at_end(head)
    i = b.phi(I64)
    i.add_incoming(I64(0), pre)
    b.cbranch(b.icmp_signed("<", i, n), body, done)
    b.position_at_end(body)
    bit = b.shl(I32(1), b.trunc(i, I32))
    v = b.load(b.gep(args, [i], source_etype=PTR), typ=PTR)
    tp = b.load(b.gep(v, [I64(1)], source_etype=PTR), typ=PTR)
    b.cbranch(b.icmp_unsigned("!=", b.and_(int_mask, bit), I32(0)), is_int, not_int)
    b.position_at_end(is_int)
    size = b.load(b.gep(v, [I64(2)], source_etype=I64), typ=I64)
    small = b.icmp_unsigned("<=", b.add(size, I64(1)), I64(2))     # -1, 0 or 1 digit
    b.cbranch(b.and_(b.icmp_unsigned("==", tp, fl.const_obj(int)), small), nxt, slow)
    b.position_at_end(not_int)
    b.cbranch(b.icmp_unsigned("!=", b.and_(float_mask, bit), I32(0)), is_float, nxt)
    b.position_at_end(is_float)
    b.cbranch(b.icmp_unsigned("==", tp, fl.const_obj(float)), nxt, slow)
    b.position_at_end(nxt)
    i.add_incoming(b.add(i, I64(1)), nxt)
    b.branch(head)
