"""LLVM IR text of an `llvmlite.ir.Module`: the same text as `str(module)`, made faster.

In: a module built with llvmlite's IRBuilder (lower.py and its neighbours).
Out: its LLVM assembly, character for character what llvmlite's own printer writes
(tests/unit/test_irtext.py compares the two on every module the object-code programs
make), for jit.py to hand to `llvm.parse_assembly`.

Why: llvmlite prints each instruction through several layers of Python calls
(`_to_string`, `descr`, `str.format` calling `__str__` on every type and operand, the
metadata stringifier), and printing was a quarter of the compile CPU of object code
(pyperformance hexiom at --tier jit: 1.1 s of ~3.7 s). Here one function per instruction
class writes the line with one f-string. Only the exact classes below take the fast path;
any other (a subclass such as lower.py's volatile load, intrinsics, atomics) and any
global other than a defined function is printed by llvmlite itself, so the text stays
llvmlite's wherever this module does not know a class.
"""
from __future__ import annotations

from llvmlite import ir as L
from llvmlite.ir import instructions as I
from llvmlite.ir import _utils
from llvmlite.ir import types as T


_REF_KEY = "_StringReferenceCaching__cached_refstr"   # (llvmlite's own cache slot)
_CACHING_GET = _utils._StringReferenceCaching.get_reference
_CACHED_REF: dict = {}   # value class -> does it use _StringReferenceCaching.get_reference?


def _ref(v) -> str:
    """v.get_reference(), cached in the slot llvmlite caches it in. llvmlite's getter finds
    an empty cache by catching AttributeError, which a value's first reference always
    raises: that was a fifth of this module's time (pyperformance go at --tier jit)."""
    d = getattr(v, "__dict__", None)
    if d is not None:
        r = d.get(_REF_KEY)
        if r is not None:
            return r
        t = type(v)
        plain = _CACHED_REF.get(t)
        if plain is None:
            plain = _CACHED_REF[t] = t.get_reference is _CACHING_GET
        if plain:
            r = d[_REF_KEY] = v._get_reference()
            return r
    return v.get_reference()


def _meta(instr) -> str:
    """llvmlite's `_stringify_metadata(leading_comma=True)`."""
    md = instr.metadata
    if not md:
        return ""
    return "".join([f", !{k} {_ref(v)}" for k, v in md.items()])


def _generic(i) -> str:
    """Instruction.descr: binary and unary operators (add, and, xor, fadd, ...)."""
    op = i.opname
    if i.flags:
        op = " ".join([op] + i.flags)
    operands = ", ".join([_ref(o) for o in i.operands])
    return f"{op} {i.type} {operands}{_meta(i)}"


def _call(i) -> str:
    """CallInstr._descr with metadata."""
    attrs = i.arg_attributes
    if attrs:
        parts = []
        for n, a in enumerate(i.operands[1:]):
            if n in attrs:
                parts.append(f"{a.type} {' '.join(attrs[n]._to_list(a.type))} {_ref(a)}")
            else:
                parts.append(f"{a.type} {_ref(a)}")
        args = ", ".join(parts)
    else:
        args = ", ".join([f"{a.type} {_ref(a)}" for a in i.operands[1:]])
    callee = i.operands[0]
    fnty = callee.function_type
    ty = fnty if fnty.var_arg else fnty.return_type
    callee_ref = f"{ty} {_ref(callee)}"
    if i.cconv:
        callee_ref = f"{i.cconv} {callee_ref}"
    tail = f"{i.tail} " if i.tail else ""
    fn_attrs = " " + " ".join(i.attributes._to_list(fnty.return_type)) if i.attributes else ""
    fm_attrs = " " + " ".join(i.fastmath._to_list(fnty.return_type)) if i.fastmath else ""
    return f"{tail}{i.opname}{fm_attrs} {callee_ref}({args}){fn_attrs}{_meta(i)}"


def _terminator(i) -> str:
    """Terminator.descr: br, and a conditional br (operands: cond, two labels)."""
    operands = ", ".join([f"{o.type} {_ref(o)}" for o in i.operands])
    return f"{i.opname} {operands}{_meta(i)}"


def _ret(i) -> str:
    if i.operands:
        v = i.operands[0]
        return f"{i.opname} {v.type} {_ref(v)}{_meta(i)}"
    return f"{i.opname}{_meta(i)}"


def _select(i) -> str:
    c, a, b = i.operands
    return (f"select {' '.join(i.flags)} {c.type} {_ref(c)}, {a.type} "
            f"{_ref(a)}, {b.type} {_ref(b)} {_meta(i)}")


def _compare(i) -> str:
    a, b = i.operands
    flags = "".join([" " + f for f in i.flags])
    return f"{i.opname}{flags} {i.op} {a.type} {_ref(a)}, {_ref(b)} {_meta(i)}"


def _cast(i) -> str:
    v = i.operands[0]
    return f"{i.opname} {v.type} {_ref(v)} to {i.type} {_meta(i)}"


def _load(i) -> str:
    v = i.operands[0]
    align = f", align {i.align:d}" if i.align is not None else ""
    return f"load {i.type}, {v.type} {_ref(v)}{align}{_meta(i)}"


def _store(i) -> str:
    v, p = i.operands
    align = f", align {i.align:d}" if i.align is not None else ""
    return f"store {v.type} {_ref(v)}, {p.type} {_ref(p)}{align}{_meta(i)}"


def _alloca(i) -> str:
    out = f"{i.opname} {i.allocated_type}"
    if i.operands:
        n = i.operands[0]
        out += f", {n.type} {_ref(n)}"
    if i.align is not None:
        out += f", align {i.align}"
    return out + _meta(i)


def _gep(i) -> str:
    p = i.pointer
    indices = ", ".join([f"{x.type} {_ref(x)}" for x in i.indices])
    op = "getelementptr inbounds" if i.inbounds else "getelementptr"
    return f"{op} {i.source_etype}, {p.type} {_ref(p)}, {indices} {_meta(i)}"


def _phi(i) -> str:
    incs = ", ".join([f"[{_ref(v)}, {_ref(b)}]" for v, b in i.incomings])
    return f"phi {' '.join(i.flags)} {i.type} {incs} {_meta(i)}"


def _extract(i) -> str:
    a = i.aggregate
    return f"extractvalue {a.type} {_ref(a)}, {', '.join(map(str, i.indices))} {_meta(i)}"


def _insert(i) -> str:
    a, v = i.aggregate, i.value
    return (f"insertvalue {a.type} {_ref(a)}, {v.type} {_ref(v)}, "
            f"{', '.join(map(str, i.indices))} {_meta(i)}")


def _unreachable(i) -> str:
    return i.opname


# exact class -> its printer (a subclass is printed by llvmlite: it may override descr)
_PRINTERS = {
    I.Instruction: _generic,
    I.CallInstr: _call,
    I.Branch: _terminator,
    I.ConditionalBranch: _terminator,
    I.Ret: _ret,
    I.SelectInstr: _select,
    I.ICMPInstr: _compare,
    I.FCMPInstr: _compare,
    I.CastInstr: _cast,
    I.LoadInstr: _load,
    I.StoreInstr: _store,
    I.AllocaInstr: _alloca,
    I.GEPInstr: _gep,
    I.PhiInstr: _phi,
    I.ExtractValue: _extract,
    I.InsertValue: _insert,
    I.Unreachable: _unreachable,
}
_VOID = T.VoidType


def _instruction_line(i) -> str:
    """NamedValue._to_string: `%"name" = ` unless void, the instruction, right-stripped."""
    printer = _PRINTERS.get(type(i))
    if printer is None:
        return str(i)
    if isinstance(i.type, _VOID):
        return printer(i).rstrip()
    return f"{_ref(i)} = {printer(i)}".rstrip()


def function_text(fn: L.Function) -> str:
    """str(fn) for a defined function."""
    buf: list[str] = []
    fn.descr_prototype(buf)
    buf.append("{\n")
    line = _instruction_line
    for blk in fn.blocks:
        buf.append(f"{blk._format_name()}:\n")
        buf.extend([f"  {line(i)}\n" for i in blk.instructions])
    buf.append("}\n")
    return "".join(buf)


def module_text(module: L.Module) -> str:
    """str(module) (llvmlite's Module.__repr__), defined functions printed here."""
    lines = [f'; ModuleID = "{module.name}"',
             f'target triple = "{module.triple}"',
             f'target datalayout = "{module.data_layout}"',
             ""]
    lines += [t.get_declaration() for t in module.get_identified_types().values()]
    for v in module.globals.values():
        if type(v) is L.Function and v.blocks:
            lines.append(function_text(v))
        else:
            lines.append(str(v))
    lines += module._get_metadata_lines()
    return "\n".join(lines)
