"""Frameless plans: small guest functions that object code's call sites run without a call.

In: a guest function's AST (its GuestCode node). Out: `plan_for(node)`, a plan
(ops bytes, constants, attribute names) for runtime_c/capi/pjframeless.c, or None.
codegen/compiler.py attaches the plan to the function's object-code spec
(Spec.set_frameless); pjentry.c's direct_hit runs it, after the call cache's checks of
the callee (the same function, code and spec: a method replaced, an override or a
__code__ assigned is another callee or another spec), instead of publishing a frame and
entering the machine code.

A plan covers a body that is, after an optional docstring and `pass`es, either
  - `return EXPR`, where EXPR is made of the parameters, constants, attribute reads
    (`p.x`, `p.x.y`), `not`, `and`/`or`, `is`/`is not` and one comparison of numbers;
  - stores `p.attr = q` / `p.attr = CONST` followed by `return p` / `return CONST` (or
    nothing: None).
No guest code can run in it, and any operand the C runner cannot handle without running
code (a property, a missing attribute, the truth of a list, a dict-backed instance) makes
it give up before any effect, so the ordinary call runs and raises, traces and shows its
frame exactly as it would have. A function with a loop, a call, a try, a local or a
global never gets a plan.
"""
from __future__ import annotations

import ast
import sys

# opcodes (pjframeless.c FL_*)
FL_ARG, FL_CONST, FL_ATTR, FL_NOT = 1, 2, 3, 4
FL_JUMP_IF_FALSE_OR_POP, FL_JUMP_IF_TRUE_OR_POP = 5, 6
FL_IS, FL_COMPARE, FL_SET, FL_RETURN = 7, 8, 9, 10
MAX_OPS = 48          # pjframeless.c FL_MAX_OPS
MAX_DEPTH = 8         # FL_STACK
CONST_REF = 128       # a store's value: an argument below, a constant from here

# Py_LT .. Py_GE
_COMPARE_OPS = {ast.Lt: 0, ast.LtE: 1, ast.Eq: 2, ast.NotEq: 3, ast.Gt: 4, ast.GtE: 5}
# constants a plan may hold (immutable, no code run to compare or test them)
_CONST_TYPES = (bool, int, float, str, type(None))


class _NoPlan(Exception):
    """The body is not one a plan covers."""


class _Plan:
    """Ops as they are built: (opcode, a, b, c) tuples, constants and names."""

    def __init__(self, params: list[str]):
        self.params = params
        self.ops: list[list[int]] = []
        self.consts: list = []
        self.names: list[str] = []
        self.depth = 0
        self.max_depth = 0

    def emit(self, opcode: int, a: int = 0, b: int = 0, c: int = 0, push: int = 0) -> int:
        self.ops.append([opcode, a, b, c])
        self.depth += push
        self.max_depth = max(self.max_depth, self.depth)
        return len(self.ops) - 1

    def const(self, value) -> int:
        if type(value) not in _CONST_TYPES:
            raise _NoPlan
        for i, c in enumerate(self.consts):   # (by type and repr: 1 is not True, 0.0 not -0.0)
            if type(c) is type(value) and repr(c) == repr(value):
                return i
        self.consts.append(value)
        return len(self.consts) - 1

    def name(self, attr: str) -> int:
        if attr not in self.names:
            self.names.append(attr)
        return self.names.index(attr)

    def param(self, node) -> int:
        if not isinstance(node, ast.Name) or node.id not in self.params:
            raise _NoPlan
        return self.params.index(node.id)


def _constant(node):
    """`node` as an ast.Constant (a negative number folded, as CPython's compiler does),
    or None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
            and isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float):
        return ast.Constant(value=-node.operand.value)
    return node if isinstance(node, ast.Constant) else None


def _expr(p: _Plan, node) -> None:
    """Ops leaving the value of `node` on the stack."""
    node = _constant(node) or node
    if isinstance(node, ast.Name):
        p.emit(FL_ARG, p.param(node), push=1)
    elif isinstance(node, ast.Constant):
        p.emit(FL_CONST, p.const(node.value), push=1)
    elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
        _expr(p, node.value)
        p.emit(FL_ATTR, p.name(node.attr))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _expr(p, node.operand)
        p.emit(FL_NOT)
    elif isinstance(node, ast.BoolOp):
        jump = FL_JUMP_IF_FALSE_OR_POP if isinstance(node.op, ast.And) else FL_JUMP_IF_TRUE_OR_POP
        jumps = []
        for value in node.values[:-1]:
            _expr(p, value)
            jumps.append(p.emit(jump, push=-1))
        _expr(p, node.values[-1])
        for j in jumps:
            p.ops[j][1] = len(p.ops)
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        _expr(p, node.left)
        _expr(p, node.comparators[0])
        op = type(node.ops[0])
        if op in (ast.Is, ast.IsNot):
            p.emit(FL_IS, c=int(op is ast.IsNot), push=-1)
        elif op in _COMPARE_OPS:
            p.emit(FL_COMPARE, _COMPARE_OPS[op], push=-1)
        else:
            raise _NoPlan
    else:
        raise _NoPlan


def _store(p: _Plan, stmt: ast.Assign) -> None:
    if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Attribute):
        raise _NoPlan
    target = stmt.targets[0]
    value = _constant(stmt.value)
    if value is not None:
        ref = CONST_REF + p.const(value.value)
    else:
        ref = p.param(stmt.value)
    p.emit(FL_SET, p.param(target.value), p.name(target.attr), ref)


def _body(node: ast.FunctionDef) -> list:
    """The statements that do something (no docstring, no `pass`)."""
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return [s for s in body if not isinstance(s, ast.Pass)]


def _build(p: _Plan, body: list) -> None:
    stores = [s for s in body if isinstance(s, ast.Assign)]
    rest = body[len(stores):]
    if body[:len(stores)] != stores or len(rest) > 1:
        raise _NoPlan
    for s in stores:
        _store(p, s)
    ret = rest[0] if rest else ast.Return(value=None)
    if not isinstance(ret, ast.Return):
        raise _NoPlan
    value = ret.value if ret.value is not None else ast.Constant(value=None)
    if stores and not isinstance(value, ast.Name) and _constant(value) is None:
        raise _NoPlan   # (nothing after a store may give up)
    _expr(p, value)
    p.emit(FL_RETURN, push=-1)


def plan_for(node) -> tuple[bytes, tuple, tuple] | None:
    """The plan of function `node` (an ast.FunctionDef), or None."""
    if not isinstance(node, ast.FunctionDef):
        return None
    args = node.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
        return None
    params = [a.arg for a in args.args]
    if len(params) >= CONST_REF:
        return None
    p = _Plan(params)
    try:
        _build(p, _body(node))
    except _NoPlan:
        return None
    if len(p.ops) > MAX_OPS or p.max_depth > MAX_DEPTH or len(p.consts) >= CONST_REF or len(p.names) > 255:
        return None
    ops = bytes(x for op in p.ops for x in op)
    return ops, tuple(p.consts), tuple(_interned(n) for n in p.names)


def _interned(name: str) -> str:
    return sys.intern(name)


def format_plan(plan) -> str:
    """One line per op (tests and PJ_COMPILE_LOG)."""
    names = {FL_ARG: "arg", FL_CONST: "const", FL_ATTR: "attr", FL_NOT: "not",
             FL_JUMP_IF_FALSE_OR_POP: "jump_if_false_or_pop", FL_JUMP_IF_TRUE_OR_POP: "jump_if_true_or_pop",
             FL_IS: "is", FL_COMPARE: "compare", FL_SET: "set", FL_RETURN: "return"}
    ops, consts, attrs = plan
    lines = []
    for i in range(0, len(ops), 4):
        code, a, b, c = ops[i:i + 4]
        lines.append(f"{i // 4}: {names.get(code, code)} {a} {b} {c}")
    return "\n".join(lines) + f"\nconsts {consts!r} names {attrs!r}"

