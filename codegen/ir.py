"""Typed IR of the native tier: the data only (no logic beyond invariants).

build.py fills it from a guest `ast.FunctionDef`; typeinfer.py sets every
`Value.type`; check.py verifies it; pprint.py prints it; lower.py turns it into
LLVM IR. Locals are `Var`s (mutable slots, read with `Load`, written with
`Store`; LLVM's mem2reg makes them SSA). Every other value is a `Temp` defined
by exactly one op. Invariant: a `Block` ends in exactly one terminator
(`Jump`, `Branch`, `Return`) and holds no other terminator.

Op kinds (the operator of a BinOp/UnaryOp/Compare) are the named constants
below; their values are the ast class names, which is also how they print.

Failure and effects are data on the op classes, read by the analyses
(analysis.py) and by the lowering (lower.py) alike:
  * `FAILS`: FAIL_NEVER, FAIL_TYPED (whether it can fail depends on the operand
    types: numeric guards and errors, `analysis.op_may_deopt`), or FAIL_PYERR
    (an object op: it can raise any CPython exception, so the lowering checks
    its result and unwinds; object code never deopts);
  * `EFFECT`: the op can change state another part of the program can see
    (an object op may run arbitrary guest code).
Object values (type `object`, types.OBJECT) are owned references. A Temp of
type object is used only inside the block that defines it (check.py checks
this), which lets the lowering release it after its last use in that block.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .types import Type

# ---- op kinds (values are the ast class names; pprint prints them as they are)
ADD, SUB, MULT, DIV, FLOORDIV, MOD, POW, MATMULT = (
    "Add", "Sub", "Mult", "Div", "FloorDiv", "Mod", "Pow", "MatMult")
LSHIFT, RSHIFT, BITAND, BITOR, BITXOR = "LShift", "RShift", "BitAnd", "BitOr", "BitXor"
ARITH_OPS = (ADD, SUB, MULT, DIV, FLOORDIV, MOD, POW)
BIT_OPS = (LSHIFT, RSHIFT, BITAND, BITOR, BITXOR)
BINARY_OPS = ARITH_OPS + BIT_OPS + (MATMULT,)
USUB, UADD, INVERT, NOT = "USub", "UAdd", "Invert", "Not"
UNARY_OPS = (USUB, UADD, INVERT, NOT)
LT, LTE, GT, GTE, EQ, NOTEQ = "Lt", "LtE", "Gt", "GtE", "Eq", "NotEq"
IS, ISNOT, IN, NOTIN = "Is", "IsNot", "In", "NotIn"
ORDER_OPS = (LT, LTE, GT, GTE, EQ, NOTEQ)
COMPARE_OPS = ORDER_OPS + (IS, ISNOT, IN, NOTIN)

# ---- how an op can fail (Op.FAILS)
FAIL_NEVER = "never"      # cannot fail
FAIL_TYPED = "typed"      # numeric: a guard or a guest error, depending on the types
FAIL_PYERR = "pyerr"      # object op: may raise a CPython exception (NULL / -1 result)


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
    FAILS: ClassVar[str] = FAIL_NEVER
    EFFECT: ClassVar[bool] = False
    # Object code: the inlined comprehension (its GuestCode) this op belongs to, or None;
    # set by build.py per op, read by lowerobj.py (an exception's traceback entry)
    scope: ClassVar[object] = None
    # Object code: the landing block (a Catch) an exception raised by this op goes to, or
    # None (the function's error exit); set by build.py per op from the innermost
    # enclosing try/with, read by the analyses (Block.exc_successors) and lowerobj.py
    handler: ClassVar[object] = None

    def sources(self) -> list[Value]:
        return []

    @property
    def dest(self) -> Temp | None:
        return getattr(self, "result", None)

    def pyerr(self) -> bool:
        """Can this op raise a CPython exception (after type inference)? Object ops
        always can; a numeric op can once one of its values is an object."""
        if self.FAILS == FAIL_PYERR:
            return True
        if self.FAILS != FAIL_TYPED:
            return False
        d = self.dest
        return any(v.type is not None and v.type.kind in ("object", "num")
                   for v in ([d] if d is not None else []) + self.sources())


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
    inplace: bool = False           # `x += y`: on objects, the in-place protocol
    FAILS: ClassVar[str] = FAIL_TYPED

    def sources(self):
        return [self.left, self.right]


@dataclass(eq=False)
class UnaryOp(Op):
    op: str  # USUB, UADD, INVERT, NOT
    operand: Value
    result: Temp
    FAILS: ClassVar[str] = FAIL_TYPED

    def sources(self):
        return [self.operand]


@dataclass(eq=False)
class Compare(Op):
    op: str  # one of COMPARE_OPS
    left: Value
    right: Value
    result: Temp
    FAILS: ClassVar[str] = FAIL_TYPED

    def sources(self):
        return [self.left, self.right]


@dataclass(eq=False)
class Truth(Op):
    """bool(value) for a condition."""
    value: Value
    result: Temp
    FAILS: ClassVar[str] = FAIL_TYPED

    def sources(self):
        return [self.value]


@dataclass(eq=False)
class CallBuiltin(Op):
    """abs, min, max, int, float, bool, len, math.* and range helpers.

    Range helpers: 'range.len'(start, stop, step) raises for step 0;
    'range.item'(start, step, k) is start + k*step, which cannot overflow
    because k < len.
    `generic` (set by typeinfer.py in object code): the arguments are not ones the
    native forms take, so the builtin object itself is called (`builtin_obj`)."""
    func: str
    args: list[Value]
    result: Temp
    generic: bool = False
    builtin_obj: object = None
    node_key: tuple | None = None   # range.len: the `for` statement it belongs to
    FAILS: ClassVar[str] = FAIL_TYPED

    def sources(self):
        return list(self.args)


@dataclass(eq=False)
class Call(Op):
    """A direct call of another compiled guest function (`callee` is its key)."""
    callee: object
    args: list[Value]
    result: Temp
    target: "Function | None" = None  # the callee's specialisation (typeinfer.py)
    target_types: tuple | None = None  # the argument types `target` was made for
    FAILS: ClassVar[str] = FAIL_TYPED

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
    EFFECT: ClassVar[bool] = True   # unless callee.pure (analysis.py)

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
    # on an object (the exact tuple UnpackSequence made): cannot fail

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
    FAILS: ClassVar[str] = FAIL_TYPED

    def sources(self):
        return [self.array, *self.indices]


@dataclass(eq=False)
class ArraySet(Op):
    """array[i] = value (a side effect: see compiler.py on deopt)."""
    array: Value
    indices: list[Value]
    value: Value
    FAILS: ClassVar[str] = FAIL_TYPED
    EFFECT: ClassVar[bool] = True

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


# ---- object ops (object code only: see build.py's object mode). Each can raise a
# CPython exception (FAIL_PYERR); those that may run guest code have EFFECT.

@dataclass(eq=False)
class ObjConst(Op):
    """A constant that is a host object (str, bytes, a big int, a tuple of constants).
    The compiled code holds its address; the NativeSpec keeps it alive."""
    value: object
    result: Temp


@dataclass(eq=False)
class FuncDefaults(Op):
    """The __defaults__ of guest function `record` (a compile-time constant: its
    runtime/function.py Function) as that record's property gives them: its face's
    defaults tuple, None when it has none or the face is gone. Read inline from the face
    (lowerobj.py), not through the property's Python frame (build.transform_defaults
    reads it at every call that leaves a parameter to its default). Never fails."""
    record: object
    result: Temp


@dataclass(eq=False)
class LoadGlobal(Op):
    """The guest global `name`, else the builtin, else NameError."""
    name: str
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR


@dataclass(eq=False)
class StoreGlobal(Op):
    name: str
    value: Value
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.value]


@dataclass(eq=False)
class DelLocal(Op):
    """`del name` of a local: unbound afterwards (UnboundLocalError if it was already)."""
    var: Var
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True


@dataclass(eq=False)
class DelGlobal(Op):
    """`del name` of a global (NameError if it is not bound)."""
    name: str
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True


@dataclass(eq=False)
class DelAttr(Op):
    obj: Value
    attr: str
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.obj]


@dataclass(eq=False)
class DelItem(Op):
    """`del obj[index]` (index may be a slice object)."""
    obj: Value
    index: Value
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.obj, self.index]


@dataclass(eq=False)
class GetAttr(Op):
    obj: Value
    attr: str
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True   # a property or __getattr__ runs guest code

    def sources(self):
        return [self.obj]


@dataclass(eq=False)
class SetAttr(Op):
    obj: Value
    attr: str
    value: Value
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.obj, self.value]


@dataclass(eq=False)
class CallObject(Op):
    """func(*args, **dict(zip(kwnames, args[-len(kwnames):]))) through vectorcall.
    `math` (build.py): the guest called a name bound to that function of MATH_INLINE
    when it was compiled; while `func` is still it, a number argument is computed inline."""
    func: Value
    args: list[Value]
    kwnames: tuple
    result: Temp
    math: str | None = None
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.func, *self.args]


@dataclass(eq=False)
class CallMethod(Op):
    """obj.name(*args, ...) without a bound method object (PyObject_VectorcallMethod)."""
    obj: Value
    name: str
    args: list[Value]
    kwnames: tuple
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.obj, *self.args]


@dataclass(eq=False)
class GetItem(Op):
    obj: Value
    index: Value
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.obj, self.index]


@dataclass(eq=False)
class SetItem(Op):
    obj: Value
    index: Value
    value: Value
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.obj, self.index, self.value]


@dataclass(eq=False)
class BuildSlice(Op):
    start: Value
    stop: Value
    step: Value
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR

    def sources(self):
        return [self.start, self.stop, self.step]


# BuildSeq kinds
SEQ_TUPLE, SEQ_LIST, SEQ_SET = "tuple", "list", "set"


@dataclass(eq=False)
class BuildSeq(Op):
    """A tuple, list or set display of objects."""
    kind: str
    items: list[Value]
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True   # a set display hashes (guest __hash__)

    def sources(self):
        return list(self.items)


@dataclass(eq=False)
class BuildDict(Op):
    keys: list[Value]
    values: list[Value]
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True   # hashing runs guest __hash__/__eq__

    def sources(self):
        return [*self.keys, *self.values]


@dataclass(eq=False)
class UnpackSequence(Op):
    """`a, b = value`: an exact tuple of `count` items, or CPython's ValueError/TypeError.
    With `starred` (the index of `*name` among the targets) the tuple's item there is the
    list of the items left over (`a, *b, c = value`)."""
    value: Value
    count: int
    result: Temp
    starred: int = -1
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.value]


@dataclass(eq=False)
class GetIter(Op):
    value: Value
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.value]


@dataclass(eq=False)
class ForIter(Op):
    """Next item of iterator `it` into the local `var`; `result` (bool) is False when
    the iterator is exhausted (an error raised by the iterator propagates)."""
    it: Value
    var: Var
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.it]


@dataclass(eq=False)
class FormatValue(Op):
    """An f-string field: conversion ('s', 'r', 'a' or '') then format(value, spec)."""
    value: Value
    conversion: str
    spec: Value | None
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.value] + ([self.spec] if self.spec is not None else [])


@dataclass(eq=False)
class BuildString(Op):
    """Concatenation of str parts (an f-string)."""
    parts: list[Value]
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR

    def sources(self):
        return list(self.parts)


@dataclass(eq=False)
class Raise(Op):
    """raise exc [from cause]; `exc` None: re-raise (not compiled yet). Always fails."""
    exc: Value
    cause: Value | None
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.exc] + ([self.cause] if self.cause is not None else [])


@dataclass(eq=False)
class CellGet(Op):
    """The contents of closure cell `cell` (a free variable `name` of the function: the
    cell comes from its __closure__), else CPython's NameError for an empty cell."""
    cell: Value
    name: str
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR

    def sources(self):
        return [self.cell]


@dataclass(eq=False)
class CellSet(Op):
    """`nonlocal name; name = value`: the cell's new contents."""
    cell: Value
    name: str
    value: Value
    FAILS: ClassVar[str] = FAIL_PYERR   # (boxing an unboxed value for it)
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.cell, self.value]


@dataclass(eq=False)
class LoadMethod(Op):
    """`obj.name` looked up for a call, before its arguments are evaluated (CPython's
    LOAD_METHOD): `result` is what to call, and the hidden local `self_var` gets the
    object to pass first (a method found on the type: no bound method is made) or NULL
    (anything else: `result` is the attribute itself). CallLoaded reads and clears it."""
    obj: Value
    name: str
    self_var: Var
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.obj]


@dataclass(eq=False)
class CallLoaded(Op):
    """The call of a LoadMethod's result with `self_var` (when set) then `args`.
    `math`: as CallObject's (`math.sqrt(x)`)."""
    func: Value
    self_var: Var
    args: list
    kwnames: tuple
    result: Temp
    math: str | None = None
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True

    def sources(self):
        return [self.func] + list(self.args)


# ---- exception handling (object code; build.py transform_try/transform_with). A failing
# op with a `handler` goes to that landing block instead of the error exit; the landing
# starts with Catch. The handled-exception state (sys.exc_info) is CPython's: PushExcInfo
# and PopExcInfo are its PUSH_EXC_INFO and POP_EXCEPT.

@dataclass(eq=False)
class Catch(Op):
    """First op of a landing block: the exception the failing op left set (normalised, its
    __traceback__ set) into the hidden local `exc`, with this frame's traceback entry
    recorded at the line it was raised (slowpaths.caught); with `saved`, it becomes the
    handled exception (sys.exc_info(), CPython's PUSH_EXC_INFO) and `saved` gets the one
    it replaces (NULL when none), which PopExcInfo puts back. `traceback`: build the guest
    traceback now (a handler may read it: tier 0's reads_traceback). `entry` False: no
    traceback entry for this frame (a generator expression's own landing: the exception
    came from the generator's frame, which has its own)."""
    exc: Var
    saved: Var | None
    traceback: bool = False
    entry: bool = True
    EFFECT: ClassVar[bool] = True


@dataclass(eq=False)
class PopExcInfo(Op):
    """The handled exception saved by a Catch is the handled one again (CPython's
    POP_EXCEPT); `saved` and the locals in `clear` (the caught exception, a handler's
    `as` name) are left unbound."""
    saved: Var
    clear: list = field(default_factory=list)
    EFFECT: ClassVar[bool] = True


@dataclass(eq=False)
class ExcMatch(Op):
    """Does `except typ` take `exc`? CPython's TypeError when `typ` is not an exception
    class or a tuple of them (runtime_c/capi/pjexc.c pj_exc_match; no guest code runs:
    CPython matches by the type's MRO)."""
    exc: Value
    typ: Value
    result: Temp
    FAILS: ClassVar[str] = FAIL_PYERR

    def sources(self):
        return [self.exc, self.typ]


@dataclass(eq=False)
class Reraise(Op):
    """Raise the exception held in the local `exc` again as it is (`exc` is left unbound):
    its traceback gets no new entry (CPython's RERAISE). `exc` None: a bare `raise`, the
    handled exception (RuntimeError when there is none). Always fails. `at_raise`: the
    frame is left at the line the exception was raised at (a cleanup's RERAISE that
    restores it: an exception leaving a handler, a with block's), not at this op's."""
    exc: Var | None
    at_raise: bool = False
    FAILS: ClassVar[str] = FAIL_PYERR
    EFFECT: ClassVar[bool] = True


EXC_OPS = (Catch, PopExcInfo, ExcMatch, Reraise)


def unbinds(op: Op) -> list:
    """The locals `op` leaves unbound (the analyses' kill set)."""
    if isinstance(op, PopExcInfo):
        return [op.saved, *op.clear]
    if isinstance(op, Reraise) and op.exc is not None:
        return [op.exc]
    if isinstance(op, DelLocal):
        return [op.var]
    return []


def binds(op: Op) -> list:
    """The locals `op` assigns besides a Store's (the analyses' gen set)."""
    if isinstance(op, Catch):
        return [op.exc] + ([op.saved] if op.saved is not None else [])
    if isinstance(op, Yield):
        return [op.sent]
    return []


OBJECT_OPS = (ObjConst, FuncDefaults, LoadGlobal, StoreGlobal, GetAttr, SetAttr, CallObject, CallMethod,
              GetItem, SetItem, BuildSlice, BuildSeq, BuildDict, UnpackSequence, GetIter,
              ForIter, FormatValue, BuildString, Raise, CellGet, CellSet, LoadMethod, CallLoaded,
              DelLocal, DelGlobal, DelAttr, DelItem)


# ---- fast paths of object code (read by lowerobj.py, which emits them, and pprint.py)
FAST_NUMERIC = (ADD, SUB, MULT, DIV, FLOORDIV, MOD, POW, BITAND, BITOR, BITXOR)   # + ORDER_OPS
# inline int64/double paths for exact ints and floats, else generic; the result is a tagged
# number (types.K_NUM): unboxed when a fast path gave it, boxed only where it escapes
FAST_INT_FLOAT = "int/float"
FAST_CACHE = "cache"           # per-site inline cache (runtime_c/capi/pjobj.c), else generic
FAST_SEQ = "list/tuple/array"  # inline item of an exact list/tuple/array.array (d, i) at a small int index, else generic
FAST_MATH = "math"             # math.sqrt/sin/cos of a float or int inline, else the call
FAST_ITER = "list/tuple/range iterator"   # next item of such an iterator inline, else PyIter_Next
# math functions whose CPython form is the libm function and a domain check (math_1):
# a call of one with one number argument gives a tagged number
MATH_INLINE = ("sqrt", "sin", "cos")


def fast_path(op: Op) -> str | None:
    """Which inline fast path object code gives `op` (after type inference), or None.
    Every fast path checks its condition at run time and falls back to the generic
    C-API operation in place: it never fails differently from the generic form."""
    if isinstance(op, (LoadGlobal, GetAttr, SetAttr, CallMethod, LoadMethod)):
        return FAST_CACHE
    if isinstance(op, (CallObject, CallLoaded)) and op.math is not None:
        return FAST_MATH
    if isinstance(op, ForIter):
        return FAST_ITER
    if isinstance(op, (GetItem, SetItem)) and op.obj.type is not None and op.obj.type.kind == "object" \
            and op.index.type is not None and op.index.type.kind in ("object", "int", "num"):
        return FAST_SEQ
    if isinstance(op, (BinOp, Compare, UnaryOp)):
        # (typeinfer.py gives a tagged number exactly to the ops that have this path)
        res = op.result.type
        if res is not None and res.kind == "num":
            return FAST_INT_FLOAT
    return None


def uses_as_object(op: Op, v: Value) -> bool:
    """Does `op` need the number `v` as a host object it may keep or compare by identity
    (a call argument, a container item, an attribute or global value, `in`)? Arithmetic,
    order comparisons, truth, stores and returns read it as a number (a generic fallback
    boxes it just for the operation), and so does a fast-path subscript's index.
    typeinfer.py makes a float local with such a use a tagged number, and lowerobj.py
    boxes a tagged number with one once, where it is made: every use then sees the same
    object, as in CPython (`nan in [x]` is True after appending x)."""
    if isinstance(op, Compare):
        return op.op in (IN, NOTIN, IS, ISNOT)
    if isinstance(op, (BinOp, UnaryOp, Truth, Return, Store, Branch)):
        return False
    if isinstance(op, (GetItem, SetItem)) and fast_path(op) == FAST_SEQ:
        return v is not op.index or v is op.obj or v is getattr(op, "value", None)
    if isinstance(op, (CallObject, CallLoaded)) and op.math is not None:
        return v is op.func     # (the argument: boxed for the call only if it is not math's)
    return True


# ---- terminators

@dataclass(eq=False)
class Jump(Op):
    target: "Block"
    # Set by passes.accumulate_tail_calls: this jump stands for a tail call. It counts
    # the recursion level on and checks the depth limit (so the loop ends within
    # lower.MAX_DEPTH iterations, and CPython's RecursionError comes from tier 0), with
    # no signal poll of its own: the poll at such a back-edge cost fib(32) 60-77% (it
    # kept LLVM from folding the loop); the recursive calls in its body poll.
    replaces_call: bool = False


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


@dataclass(eq=False)
class Yield(Jump):
    """A generator's `yield value` (object code, codegen/generators.py): the body stops
    here and hands `value` (boxed) to its consumer; when resumed it goes on at `target`
    with the sent value in the local `sent`. A Jump to `target` for every analysis: the
    locals keep their values across the suspension (they live in the generator's state,
    not on the machine stack)."""
    value: Value = None
    sent: Var = None
    # `yield from`: `value` is the sub-iterator, which the generator delegates to until it
    # returns; `sent` then gets its return value (runtime_c/capi/pjgen.c)
    delegate: bool = False
    EFFECT: ClassVar[bool] = True      # the consumer runs any code before the resume

    def sources(self):
        return [self.value]


TERMINATORS = (Jump, Branch, Return, Raise, Reraise)


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

    def exc_successors(self) -> list["Block"]:
        """The landing blocks an op of this block may raise into (object code). Any op
        counts (a Load of an unbound local raises too; a Store may fail to box)."""
        out = []
        for op in self.ops:
            h = op.handler
            if h is not None and all(h is not x for x in out):
                out.append(h)
        return out


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
    guest_name: str = ""            # the guest's qualified name (tracebacks)
    objects: bool = False           # object code (build.py's object mode): holds the GIL
    # Filled by analysis.py (compiler.check_unit): does any op write memory / possibly
    # deopt / call a foreign function that is not pure?
    has_effects: bool = False
    may_deopt: bool = False
    calls_foreign: bool = False
    maybe_unbound: set = field(default_factory=set)   # ids of Vars read before assignment
    generator: bool = False         # a generator's body (codegen/generators.py): resumable
    undo_log: bool = False          # array stores are logged so that a deopt can undo them
    unbound_names: list = field(default_factory=list)  # lower.py: UnboundLocalError payload
    guest: object = None            # the guest Function it was built from (tracebacks), if one
