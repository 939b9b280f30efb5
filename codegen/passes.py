"""Typed-IR -> typed-IR optimisations that LLVM cannot do on checked arithmetic.

`accumulate_tail_calls(fn)`: a self-recursive call whose result is only added
to something and returned (`return x + f(...)`, e.g. fib's second call)
becomes a jump back to the function's entry with an accumulator:

    entry': $acc = 0; goto L0          (old entry L0 becomes the loop header)
    ... return x + f(a, b)   ->   $acc = $acc + x; args = a, b; goto L0
    ... return v             ->   return $acc + v

LLVM's own tail-recursion elimination does this for a plain `add`, but not for
an overflow-checked one. Python ints are exact, so the reassociated sum equals
the original whenever it fits in int64; if some partial sum overflows the
code deoptimises, which is always allowed in a function without effects
(analysis.py), and tier 0 then computes the exact big int. Calls happen in the
same order as before, so exceptions are unchanged too.
"""
from __future__ import annotations

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


def accumulate_tail_calls(fn: ir.Function) -> bool:
    """Apply the transformation in place; True if anything changed."""
    if fn.has_effects or fn.return_type is None or fn.return_type.kind != K_INT:
        return False
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
    zero = temp()
    entry = ir.Block(0, [ir.Const(fn.line, 0, zero), ir.Store(fn.line, acc, zero),
                         ir.Jump(fn.line, header)])
    fn.blocks.insert(0, entry)
    for i, b in enumerate(fn.blocks):
        b.label = i
    return True
