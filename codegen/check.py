"""Checker for the typed IR (mypyc's ircheck): a list of errors, never an exception.

Checks: each block ends in exactly one terminator and holds no other; jumps
stay inside the function; every Temp is defined once, before its use in the
same block or in a block listed earlier... (we only require it to be defined
somewhere: blocks may be laid out in any order); after type inference
(`typed=True`) every value has a type and branch conditions are bool.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import ir
from .pprint import format_function
from .types import BOOL


@dataclass
class FnError:
    op: ir.Op | None
    description: str


def check_function(fn: ir.Function, typed: bool = False) -> list[FnError]:
    errors: list[FnError] = []
    blocks = {id(b) for b in fn.blocks}
    defined: dict[int, ir.Op] = {}
    for block in fn.blocks:
        if not block.ops or not isinstance(block.ops[-1], ir.TERMINATORS):
            errors.append(FnError(block.ops[-1] if block.ops else None,
                                  f"block L{block.label} does not end in a terminator"))
        for op in block.ops[:-1]:
            if isinstance(op, ir.TERMINATORS):
                errors.append(FnError(op, "terminator in the middle of a block"))
        for succ in block.successors():
            if id(succ) not in blocks:
                errors.append(FnError(block.ops[-1], f"jump to a block outside the function"))
        for op in block.ops:
            d = op.dest
            if d is not None:
                if id(d) in defined:
                    errors.append(FnError(op, f"{d.name} defined twice"))
                defined[id(d)] = op
                if typed and d.type is None:
                    errors.append(FnError(op, f"{d.name} has no type"))
            if typed and isinstance(op, ir.Branch) and op.cond.type != BOOL:
                errors.append(FnError(op, "branch condition is not bool"))
    for block in fn.blocks:
        for op in block.ops:
            for s in op.sources():
                if isinstance(s, ir.Temp) and id(s) not in defined:
                    errors.append(FnError(op, f"{s.name} used but never defined"))
    if typed and fn.return_type is None:
        errors.append(FnError(None, "no return type"))
    return errors


def assert_function_valid(fn: ir.Function, typed: bool = False) -> None:
    errors = check_function(fn, typed)
    if errors:
        text = format_function(fn, {e.op: e.description for e in errors if e.op is not None})
        loose = [e.description for e in errors if e.op is None]
        raise AssertionError("invalid IR:\n" + text + "\n".join(loose))
