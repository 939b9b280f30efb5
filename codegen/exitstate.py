"""Object code's error exit reads the kept locals from memory, not from SSA values.

In: one lowered object-code function (an `llvmlite.ir.Function` from lower.py and
lowerobj.py), the loads its error exit makes of local slots (lowerobj.kept_value: a
local, a run-time "bound" flag) and the array the exit hands to pj_frame_keep.
Out: the same function, where each such slot that is a plain stack slot (an alloca
read and written only by loads and stores) has a shadow in that array: every store to
the slot also stores to its shadow, and the exit loads the shadow instead.

Why: LLVM's SROA turns the slots into SSA values, and the exit, reached from every
failing op of the function, then takes every local as a phi with one incoming value per
failing op (and again in each block of the release chain that leads to it): pyperformance
nbody's `advance` had 587 phis after optimising, ~300 of them the exit's and its chain's,
and level-1 machine code spent most of its time in register coalescing and greedy
allocation of them. The shadow array is passed to a call (pj_frame_keep), so SROA leaves
it in memory: each store to a local costs one more store, and no failure edge carries
locals. A slot that is in memory already (its address escapes: pj_unpack_store's targets,
a generator's state) needs no shadow: the exit reads it as before.

lowerobj.py imports this module at its first compile, not at start-up: the import's
allocations alone moved the collector's first runs enough to flip
tests/programs/gen_exit_collected.py at --tier auto (a generator finalised in a garbage
cycle skips its finally clause when the collector finalises an inner level of its tier-0
body first, coroutines._torn: the same program loses a finally clause at every tier, on
the code before this module, under gc.set_threshold(10)).
"""
from __future__ import annotations

import llvmlite.ir as L
from llvmlite.ir import instructions as I

I64 = L.IntType(64)
PTR = L.PointerType()


def words_of(ty: L.Type) -> int:
    """8-byte words a value of slot type `ty` takes in the shadow array (a struct's
    fields are each at most 8 bytes wide, each on its own word)."""
    if isinstance(ty, L.LiteralStructType):
        return len(ty.elements)
    return 1


def shadow_exit_reads(fn: L.Function, arr: I.AllocaInstr, first: int, reads) -> int:
    """Give each plain stack slot among `reads` ((slot, load) pairs: the exit's loads) a
    shadow in `arr` from word `first` on: its stores mirrored, the exit's loads moved to
    it. The number of slots shadowed."""
    slots = {id(slot): slot for slot, _ in reads if type(slot) is I.AllocaInstr}
    if not slots:
        return 0
    stores: dict[int, list] = {}      # id(slot) -> [(block, store)]
    escaped: set[int] = set()
    ids = set(slots)
    load, store, phi = I.LoadInstr, I.StoreInstr, I.PhiInstr
    for blk in fn.blocks:
        for ins in blk.instructions:
            t = type(ins)
            if t is load:
                continue          # (a load only reads through its pointer)
            if t is store:
                val, ptr = ins.operands
                if id(ptr) in ids:
                    stores.setdefault(id(ptr), []).append((blk, ins))
                if id(val) in ids:
                    escaped.add(id(val))     # its address stored: memory already
                continue
            ops = [v for v, _ in ins.incomings] if t is phi else ins.operands
            if not ids.isdisjoint(map(id, ops)):
                escaped.update(ids.intersection(map(id, ops)))   # its address goes elsewhere
    shadows = _shadow_addresses(arr, first, [s for k, s in slots.items() if k not in escaped])
    mirrors: dict[int, L.Value] = {}     # id(store) -> the shadow it also writes
    blocks: dict[int, L.Block] = {}
    for key, shadow in shadows.items():
        for blk, st in stores.get(key, ()):
            mirrors[id(st)] = shadow
            blocks[id(blk)] = blk
    for blk in blocks.values():
        out = []
        for ins in blk.instructions:
            out.append(ins)
            shadow = mirrors.get(id(ins))
            if shadow is not None:
                mirror = I.StoreInstr(blk, ins.operands[0], shadow)
                mirror.align = None
                out.append(mirror)
        blk.instructions = out
    for slot, exit_load in reads:
        shadow = shadows.get(id(slot))
        if shadow is not None:
            exit_load.replace_usage(slot, shadow)
    return len(shadows)


def _shadow_addresses(arr: I.AllocaInstr, first: int, slots) -> dict:
    """id(slot) -> the address of its shadow in `arr`, computed right after `arr` (at the
    top of the entry block, before any store to a slot)."""
    b = L.IRBuilder(arr.parent)
    b.position_after(arr)
    out, word = {}, first
    for slot in slots:
        out[id(slot)] = b.gep(arr, [I64(word)], source_etype=PTR)
        b.position_after(out[id(slot)])
        word += words_of(slot.allocated_type)
    return out
