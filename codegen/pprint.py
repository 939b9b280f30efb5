"""Printer for the typed IR: one line per op, stable names (r0, L1).

In: an `ir.Function` (typed or not). Out: text; tests compare it with golden
text, so keep the format stable. Unknown types print as `?`.
"""
from __future__ import annotations

from . import ir


def _v(v: ir.Value) -> str:
    return v.name


def _t(v) -> str:
    t = v.type if isinstance(v, ir.Value) else v
    return "?" if t is None else str(t)


def format_op(op: ir.Op) -> str:
    d = op.dest
    lhs = f"{d.name}: {_t(d)} = " if d is not None else ""
    if isinstance(op, ir.Const):
        body = f"const {op.value!r}"
    elif isinstance(op, ir.Load):
        body = f"load {op.var.name}"
    elif isinstance(op, ir.Store):
        body = f"store {op.var.name} <- {_v(op.value)}"
    elif isinstance(op, ir.BinOp):
        body = f"{op.op} {_v(op.left)}, {_v(op.right)}" + ("" if op.checked else " unchecked")
        body += " inplace" if op.inplace else ""
    elif isinstance(op, ir.UnaryOp):
        body = f"{op.op} {_v(op.operand)}"
    elif isinstance(op, ir.Compare):
        body = f"cmp {op.op} {_v(op.left)}, {_v(op.right)}"
    elif isinstance(op, ir.Truth):
        body = f"truth {_v(op.value)}"
    elif isinstance(op, ir.CallBuiltin):
        body = f"builtin {op.func}({', '.join(_v(a) for a in op.args)})"
    elif isinstance(op, ir.Call):
        body = f"call {op.callee.name}({', '.join(_v(a) for a in op.args)})"
    elif isinstance(op, ir.ForeignCall):
        body = f"foreign {op.name}({', '.join(_v(a) for a in op.args)}) {op.callee.describe()}"
    elif isinstance(op, ir.MakeTuple):
        body = f"tuple ({', '.join(_v(a) for a in op.items)})"
    elif isinstance(op, ir.TupleGet):
        body = f"{_v(op.tup)}[{op.index}]"
    elif isinstance(op, ir.ArrayGet):
        idx = ", ".join(_v(a) for a in op.indices)
        body = f"{_v(op.array)}[{idx}]" + ("" if op.checked else " unchecked")
    elif isinstance(op, ir.ArraySet):
        idx = ", ".join(_v(a) for a in op.indices)
        body = f"{_v(op.array)}[{idx}] <- {_v(op.value)}"
    elif isinstance(op, ir.ArrayShape):
        body = f"{_v(op.array)}.shape" + ("" if op.axis is None else f" {op.axis}")
    elif isinstance(op, ir.OBJECT_OPS):
        body = _format_object_op(op)
    elif isinstance(op, ir.EXC_OPS):
        body = _format_exc_op(op)
    elif isinstance(op, ir.Yield):
        body = f"{'yield from' if op.delegate else 'yield'} {_v(op.value)}, resume at " \
               f"L{op.target.label} with {op.sent.name}"
    elif isinstance(op, ir.Jump):
        body = f"goto L{op.target.label}"
    elif isinstance(op, ir.Branch):
        body = f"if {_v(op.cond)} goto L{op.then.label} else goto L{op.orelse.label}"
    elif isinstance(op, ir.Return):
        body = f"return {_v(op.value)}"
    else:
        body = type(op).__name__
    if op.pyerr() and not isinstance(op, ir.OBJECT_OPS + ir.EXC_OPS):
        body += " !pyerr"     # a numeric op on objects: CPython's generic form, may raise
    fast = ir.fast_path(op)
    if fast is not None:
        body += f" [{fast}]"  # an inline fast path in front of the generic form
    if op.handler is not None:
        body += f" ^L{op.handler.label}"   # an exception it raises goes to that landing
    return f"{lhs}{body}"


def _format_exc_op(op: ir.Op) -> str:
    if isinstance(op, ir.Catch):
        saved = f" saving {op.saved.name}" if op.saved is not None else ""
        return f"catch -> {op.exc.name}{saved}" + (" +traceback" if op.traceback else "")
    if isinstance(op, ir.PopExcInfo):
        return f"pop_exc_info {op.saved.name}" + "".join(f", del {v.name}" for v in op.clear)
    if isinstance(op, ir.ExcMatch):
        return f"exc_match {_v(op.exc)}, {_v(op.typ)}"
    return "reraise" + (f" {op.exc.name}" if op.exc is not None else "")


def _args(values, kwnames=()) -> str:
    names = [_v(a) for a in values]
    if kwnames:
        k = len(kwnames)
        names[-k:] = [f"{n}={a}" for n, a in zip(kwnames, names[-k:])]
    return ", ".join(names)


def _format_object_op(op: ir.Op) -> str:
    if isinstance(op, ir.ObjConst):
        return f"objconst {op.value!r}"[:60]
    if isinstance(op, ir.FuncDefaults):
        return f"defaults of {op.record!r}"[:60]
    if isinstance(op, ir.LoadGlobal):
        return f"global {op.name}"
    if isinstance(op, ir.StoreGlobal):
        return f"global {op.name} <- {_v(op.value)}"
    if isinstance(op, ir.DelLocal):
        return f"del {op.var.name}"
    if isinstance(op, ir.DelGlobal):
        return f"del global {op.name}"
    if isinstance(op, ir.DelAttr):
        return f"del {_v(op.obj)}.{op.attr}"
    if isinstance(op, ir.DelItem):
        return f"del {_v(op.obj)}[{_v(op.index)}]"
    if isinstance(op, ir.GetAttr):
        return f"{_v(op.obj)}.{op.attr}"
    if isinstance(op, ir.SetAttr):
        return f"{_v(op.obj)}.{op.attr} <- {_v(op.value)}"
    if isinstance(op, ir.CallObject):
        return f"call {_v(op.func)}({_args(op.args, op.kwnames)})"
    if isinstance(op, ir.CallMethod):
        return f"callmethod {_v(op.obj)}.{op.name}({_args(op.args, op.kwnames)})"
    if isinstance(op, ir.GetItem):
        return f"{_v(op.obj)}[{_v(op.index)}]"
    if isinstance(op, ir.SetItem):
        return f"{_v(op.obj)}[{_v(op.index)}] <- {_v(op.value)}"
    if isinstance(op, ir.BuildSlice):
        return f"slice({_args([op.start, op.stop, op.step])})"
    if isinstance(op, ir.BuildSeq):
        return f"{op.kind}({_args(op.items)})"
    if isinstance(op, ir.BuildDict):
        return "dict(" + ", ".join(f"{_v(k)}: {_v(v)}" for k, v in zip(op.keys, op.values)) + ")"
    if isinstance(op, ir.UnpackSequence):
        star = f" (*{op.starred})" if op.starred >= 0 else ""
        return f"unpack {_v(op.value)} into {op.count}{star}"
    if isinstance(op, ir.GetIter):
        return f"iter {_v(op.value)}"
    if isinstance(op, ir.ForIter):
        return f"next {op.var.name} <- {_v(op.it)}"
    if isinstance(op, ir.FormatValue):
        spec = f", {_v(op.spec)}" if op.spec is not None else ""
        conv = f"!{op.conversion}" if op.conversion else ""
        return f"format {_v(op.value)}{conv}{spec}"
    if isinstance(op, ir.BuildString):
        return f"concat({_args(op.parts)})"
    if isinstance(op, ir.LoadMethod):
        return f"loadmethod {_v(op.obj)}.{op.name} self -> {op.self_var.name}"
    if isinstance(op, ir.CallLoaded):
        return f"call {_v(op.func)}({op.self_var.name}?, {_args(op.args, op.kwnames)})"
    if isinstance(op, ir.CellGet):
        return f"cell {op.name} {_v(op.cell)}"
    if isinstance(op, ir.CellSet):
        return f"cell {op.name} {_v(op.cell)} <- {_v(op.value)}"
    if isinstance(op, ir.Raise):
        return f"raise {_v(op.exc)}" + (f" from {_v(op.cause)}" if op.cause is not None else "")
    return type(op).__name__


def format_function(fn: ir.Function, errors: dict | None = None) -> str:
    """Whole function; `errors` maps op -> message, printed under that op."""
    args = ", ".join(f"{a.name}: {_t(a)}" for a in fn.args)
    out = [f"def {fn.name}({args}) -> {_t(fn.return_type)}:"]
    for block in fn.blocks:
        out.append(f"L{block.label}:")
        for op in block.ops:
            out.append(f"    {format_op(op):<44} # line {op.line}")
            if errors and op in errors:
                out.append(f"    ^^^ ERROR: {errors[op]}")
    return "\n".join(out) + "\n"
