"""Typed IR of the native tier: the data only (no logic beyond invariants).

build.py fills it from a guest `ast.FunctionDef`; typeinfer.py sets every
`Value.type`; check.py verifies it; pprint.py prints it; lower.py turns it into
LLVM IR. Locals are `Var`s (mutable slots, read with `Load`, written with
`Store`; LLVM's mem2reg makes them SSA). Every other value is a `Temp` defined
by exactly one op. Invariant: a `Block` ends in exactly one terminator
(`Jump`, `Branch`, `Return`) and holds no other terminator.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .types import Type


@dataclass(eq=False)
class Value:
    """Something an op reads; `type` is None until type inference runs."""
    name: str
    type: Type | None = None


@dataclass(eq=False)
class Var(Value):
    """A guest local variable (or a hidden loop counter named with a '$')."""


@dataclass(eq=False)
class Temp(Value):
    """The single result of one op."""


@dataclass(eq=False)
class Op:
    line: int

    def sources(self) -> list[Value]:
        return []

    @property
    def dest(self) -> Temp | None:
        return getattr(self, "result", None)


@dataclass(eq=False)
class Const(Op):
    value: object
    result: Temp


@dataclass(eq=False)
class Load(Op):
    var: Var
    result: Temp


@dataclass(eq=False)
class Store(Op):
    var: Var
    value: Value

    def sources(self):
        return [self.value]


@dataclass(eq=False)
class BinOp(Op):
    """Arithmetic; `op` is the ast operator class name ('Add', 'FloorDiv', ...).

    `checked` False marks an int op the builder proved cannot overflow
    (loop counters), so it needs no guard."""
    op: str
    left: Value
    right: Value
    result: Temp
    checked: bool = True
    right_const: int | None = None  # `x ** -2`: a constant exponent fixes the type

    def sources(self):
        return [self.left, self.right]


@dataclass(eq=False)
class UnaryOp(Op):
    op: str  # 'USub', 'UAdd', 'Invert', 'Not'
    operand: Value
    result: Temp

    def sources(self):
        return [self.operand]


@dataclass(eq=False)
class Compare(Op):
    op: str  # 'Lt', 'LtE', 'Gt', 'GtE', 'Eq', 'NotEq', 'Is', 'IsNot'
    left: Value
    right: Value
    result: Temp

    def sources(self):
        return [self.left, self.right]


@dataclass(eq=False)
class Truth(Op):
    """bool(value) for a condition."""
    value: Value
    result: Temp

    def sources(self):
        return [self.value]


@dataclass(eq=False)
class CallBuiltin(Op):
    """abs, min, max, int, float, bool, len, math.* and range helpers.

    Range helpers: 'range.len'(start, stop, step) raises for step 0;
    'range.item'(start, step, k) is start + k*step, which cannot overflow
    because k < len."""
    func: str
    args: list[Value]
    result: Temp

    def sources(self):
        return list(self.args)


@dataclass(eq=False)
class Call(Op):
    """A direct call of another compiled guest function (`callee` is its key)."""
    callee: object
    args: list[Value]
    result: Temp
    target: "Function | None" = None  # the callee's specialisation (typeinfer.py)

    def sources(self):
        return list(self.args)


@dataclass(eq=False)
class ForeignCall(Op):
    """A direct call of a guest ctypes function (`callee`: a codegen.ffi.NativeCallee,
    `name`: how the guest wrote it). The result is an int, a float or None (void)."""
    callee: object
    name: str
    args: list[Value]
    result: Temp

    def sources(self):
        return list(self.args)


@dataclass(eq=False)
class MakeTuple(Op):
    items: list[Value]
    result: Temp

    def sources(self):
        return list(self.items)


@dataclass(eq=False)
class TupleGet(Op):
    tup: Value
    index: int
    result: Temp
    unpack_len: int = 0  # > 0: part of `a, b = t`, so len(t) must equal it

    def sources(self):
        return [self.tup]


@dataclass(eq=False)
class ArrayGet(Op):
    """array[i] or array[i, j]; a row view when fewer indices than dims.
    `checked` False: the builder proved 0 <= index < len (for-over-array)."""
    array: Value
    indices: list[Value]
    result: Temp
    checked: bool = True
    const_index: int | None = None  # x[3]: also valid on a tuple (typeinfer.py)

    def sources(self):
        return [self.array, *self.indices]


@dataclass(eq=False)
class ArraySet(Op):
    """array[i] = value (a side effect: see compiler.py on deopt)."""
    array: Value
    indices: list[Value]
    value: Value

    def sources(self):
        return [self.array, *self.indices, self.value]


@dataclass(eq=False)
class ArrayShape(Op):
    """array.shape[axis] (axis None: the whole shape as a tuple)."""
    array: Value
    axis: int | None
    result: Temp

    def sources(self):
        return [self.array]


# ---- terminators

@dataclass(eq=False)
class Jump(Op):
    target: "Block"


@dataclass(eq=False)
class Branch(Op):
    cond: Value
    then: "Block"
    orelse: "Block"

    def sources(self):
        return [self.cond]


@dataclass(eq=False)
class Return(Op):
    value: Value

    def sources(self):
        return [self.value]


TERMINATORS = (Jump, Branch, Return)


@dataclass(eq=False)
class Block:
    label: int
    ops: list[Op] = field(default_factory=list)

    @property
    def terminator(self) -> Op | None:
        return self.ops[-1] if self.ops and isinstance(self.ops[-1], TERMINATORS) else None

    def successors(self) -> list["Block"]:
        t = self.terminator
        if isinstance(t, Jump):
            return [t.target]
        if isinstance(t, Branch):
            return [t.then, t.orelse]
        return []


@dataclass(eq=False)
class Function:
    """One specialisation: a guest function for one tuple of argument types."""
    name: str
    filename: str
    line: int
    args: list[Var]
    blocks: list[Block]
    locals: dict[str, Var]
    return_type: Type | None = None
    # Filled by compiler.py: does any op write memory / possibly deopt?
    has_effects: bool = False
    may_deopt: bool = False
