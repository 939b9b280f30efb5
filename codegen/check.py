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
from .types import BOOL, INT, K_NUM, K_OBJECT, K_TUPLE, join


@dataclass
class FnError:
    op: ir.Op | None
    description: str


def check_function(fn: ir.Function, typed: bool = False) -> list[FnError]:
    errors = _check_structure(fn, typed)
    if typed:
        errors += check_op_types(fn)
    return errors


def _check_structure(fn: ir.Function, typed: bool) -> list[FnError]:
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


# ---- per-op type rules of typed IR: op class -> function(op, fn) -> error text or None

def _is(v, *kinds) -> bool:
    return v.type is not None and v.type.kind in kinds


def _rule_object_result(op, fn):
    if ir.fast_path(op) == ir.FAST_MATH:
        return None if _is(op.dest, K_NUM) else f"{type(op).__name__} [math] gives {op.dest.type}"
    if op.dest is not None and not _is(op.dest, K_OBJECT):
        return f"{type(op).__name__} gives {op.dest.type}, not object"
    return None


def _rule_bool_result(op, fn):
    if op.result.type != BOOL:
        return f"{type(op).__name__} gives {op.result.type}, not bool"
    return None


def _rule_forinter(op, fn):
    return _rule_bool_result(op, fn) or (None if _is(op.var, K_OBJECT, K_NUM)
                                        else "ForIter into a non-object local")


def _rule_tuple_get(op, fn):
    if _is(op.tup, K_OBJECT):
        return None if _is(op.result, K_OBJECT) else "item of an object tuple is not an object"
    return None if _is(op.tup, K_TUPLE) else f"TupleGet of {op.tup.type}"


def _rule_binop(op, fn):
    if _is(op.result, K_OBJECT, K_NUM):
        return None if fn.objects else "object arithmetic in numeric code"
    if not (op.left.type.is_numeric and op.right.type.is_numeric):
        return f"unboxed {op.op} of {op.left.type} and {op.right.type}"
    return None


def _rule_store(op, fn):
    if op.var.type is None or op.value.type is None:
        return None
    if op.var.type != op.value.type and not _is(op.var, K_OBJECT, K_NUM) \
            and join(op.var.type, op.value.type) != op.var.type:
        return f"storing {op.value.type} into {op.var.name}: {op.var.type}"
    return None


def _rule_object_code_only(op, fn):
    return None if fn.objects else f"{type(op).__name__} in numeric code"


def _both(*rules):
    def rule(op, fn):
        for r in rules:
            text = r(op, fn)
            if text:
                return text
        return None
    return rule


OP_RULES = {
    ir.Truth: _rule_bool_result, ir.ForIter: _both(_rule_object_code_only, _rule_forinter),
    ir.TupleGet: _rule_tuple_get, ir.BinOp: _rule_binop, ir.Store: _rule_store,
    ir.Compare: lambda op, fn: (None if fn.objects or not _is(op.result, K_NUM)
                                else "tagged number in numeric code"),
    ir.CallBuiltin: lambda op, fn: (None if op.func != "len" or op.result.type == INT
                                    else "len() is not an int"),
}
for _cls in ir.EXC_OPS:
    OP_RULES[_cls] = _rule_object_code_only
OP_RULES[ir.ExcMatch] = _both(_rule_object_code_only, _rule_bool_result)
for _cls in ir.OBJECT_OPS:
    if _cls is not ir.ForIter:
        OP_RULES[_cls] = _both(_rule_object_code_only, _rule_object_result)


def check_op_types(fn: ir.Function) -> list[FnError]:
    """The per-op type rules, and object code's invariant: an object (or tagged number)
    Temp is used only in the block that defines it (lowerobj.py's reference counting
    relies on it)."""
    errors = []
    home = {}
    for block in fn.blocks:
        for op in block.ops:
            if op.dest is not None:
                home[id(op.dest)] = block
    for block in fn.blocks:
        for op in block.ops:
            rule = OP_RULES.get(type(op))
            text = rule(op, fn) if rule is not None else None
            if text:
                errors.append(FnError(op, text))
            if fn.objects:
                for s in op.sources():
                    if isinstance(s, ir.Temp) and _is(s, K_OBJECT, K_NUM) \
                            and home.get(id(s)) is not block:
                        errors.append(FnError(op, f"object {s.name} used outside its block"))
    return errors
