"""Typed-IR -> typed-IR optimisations that LLVM cannot do on checked arithmetic.

`accumulate_tail_calls(fn)`: a self-recursive call whose result is only added
to something and returned (`return x + f(...)`, e.g. fib's second call)
becomes a jump back to the function's entry with an accumulator:

    L0' ... (a copy of the body, the new entry: its first iteration)
    ... return x + f(a, b)   ->   $acc = x; args = a, b; goto L0
    ... return v             ->   return v
    L0 ... (the body: the loop the jumps above enter)
    ... return x + f(a, b)   ->   $acc = $acc + x; args = a, b; goto L0
    ... return v             ->   return $acc + v

The first iteration is peeled this way (`_clone_blocks`) because there `$acc` is
known to be 0: a call that returns at once
(fib's n < 2, most calls of a tree recursion) returns `v` without touching the
accumulator or the loop, and LLVM keeps the register saves of the loop off that
path (shrink-wrapping).

LLVM's own tail-recursion elimination does this for a plain `add`, but not for
an overflow-checked one. Python ints are exact, so the reassociated sum equals
the original whenever it fits in int64; if some partial sum overflows the
code deoptimises, which is always allowed in a function without effects
(analysis.py), and tier 0 then computes the exact big int. Calls happen in the
same order as before, so exceptions are unchanged too.
"""
from __future__ import annotations

import copy
import dataclasses

from . import ir
from .types import INT, K_INT


def _uses(fn: ir.Function, value: ir.Value) -> int:
    return sum(1 for b in fn.blocks for op in b.ops for s in op.sources() if s is value)


def _candidate(fn: ir.Function, block: ir.Block):
    ops = block.ops
    if len(ops) < 3:
        return None
    call, add, ret = ops[-3], ops[-2], ops[-1]
    if not (isinstance(ret, ir.Return) and isinstance(add, ir.BinOp) and isinstance(call, ir.Call)):
        return None
    if add.op != ir.ADD or ret.value is not add.result or add.result.type != INT or not add.checked:
        return None
    if call.target is not fn or add.right is not call.result or add.left is call.result:
        return None
    if _uses(fn, call.result) != 1 or _uses(fn, add.result) != 1:
        return None
    return call, add, ret


def _clone_blocks(blocks: list[ir.Block]) -> tuple[list[ir.Block], dict[int, ir.Block]]:
    """Copies of `blocks` with fresh Temps (Vars are shared: the copies run in the same
    frame); jumps between them go to the copies. Returns (copies, id(block) -> copy)."""
    bmap = {id(b): ir.Block(b.label) for b in blocks}
    tmap: dict[int, ir.Temp] = {}

    def fresh(v):
        if isinstance(v, ir.Temp):
            t = tmap.get(id(v))
            if t is None:
                t = tmap[id(v)] = ir.Temp(v.name + "'", v.type)
            return t
        if isinstance(v, ir.Block):
            return bmap.get(id(v), v)
        if isinstance(v, list):
            return [fresh(x) for x in v]
        if isinstance(v, tuple):
            return tuple(fresh(x) for x in v)
        return v

    for b in blocks:
        new = bmap[id(b)]
        for op in b.ops:
            c = copy.copy(op)
            for f in dataclasses.fields(c):
                setattr(c, f.name, fresh(getattr(c, f.name)))
            new.ops.append(c)
    return [bmap[id(b)] for b in blocks], bmap


def accumulate_tail_calls(fn: ir.Function) -> bool:
    """Apply the transformation in place; True if anything changed."""
    if fn.has_effects or fn.return_type is None or fn.return_type.kind != K_INT:
        return False
    if fn.objects:
        return False   # the loop's depth limit is a guard (lower.py), which object code has not
    if fn.maybe_unbound:
        return False   # its run-time "bound" flags would leak from one iteration to the next
    found = [(b, c) for b in fn.blocks for c in [_candidate(fn, b)] if c is not None]
    if not found:
        return False
    counter = [0]

    def temp():
        counter[0] += 1
        return ir.Temp(f"acc{counter[0]}", INT)

    acc = ir.Var("$acc", INT)
    fn.locals["$acc"] = acc
    header = fn.blocks[0]
    # the peeled first iteration: returns stay as they are ($acc is 0), a tail call
    # starts the accumulator at its addend
    peeled, bmap = _clone_blocks(fn.blocks)
    for block, _ in found:
        copy_block = bmap[id(block)]
        call, add, ret = copy_block.ops[-3:]
        line = ret.line
        del copy_block.ops[-3:]
        copy_block.ops.append(ir.Store(line, acc, add.left))
        for var, value in zip(fn.args, call.args):
            copy_block.ops.append(ir.Store(line, var, value))
        copy_block.ops.append(ir.Jump(line, header, replaces_call=True))
    for block, (call, add, ret) in found:
        line = ret.line
        del block.ops[-3:]
        old = temp()
        new = temp()
        block.ops.append(ir.Load(line, acc, old))
        block.ops.append(ir.BinOp(line, ir.ADD, old, add.left, new))
        block.ops.append(ir.Store(line, acc, new))
        for var, value in zip(fn.args, call.args):
            block.ops.append(ir.Store(line, var, value))
        block.ops.append(ir.Jump(line, header, replaces_call=True))
    for block in fn.blocks:
        ret = block.terminator
        if isinstance(ret, ir.Return):
            old, new = temp(), temp()
            block.ops[-1:] = [ir.Load(ret.line, acc, old),
                              ir.BinOp(ret.line, ir.ADD, old, ret.value, new),
                              ir.Return(ret.line, new)]
    fn.blocks[:0] = peeled
    for i, b in enumerate(fn.blocks):
        b.label = i
    return True
