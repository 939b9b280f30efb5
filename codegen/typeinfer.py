"""Type inference for the native tier: seed, constrain, propagate, unify.

In: untyped `ir.Function`s (build.py) with their argument types. Out: every
Var/Temp typed, every `ir.Call` bound to its callee's specialisation, every
function's return type set. Algorithm (numba's typeinfer.py in four steps):
1. seed: argument Vars get the observed types, constants their own type;
2. constraints: each op is one constraint `result = rule(op, operand types)`
   (`RULES` below), each Store one `var ⊒ value`, each Return one
   `return ⊒ value`;
3. propagate: apply all constraints of all functions of the unit until
   nothing changes (a call constraint creates the callee's specialisation the
   first time its argument types are known, so recursion converges);
4. unify: a Var (or return) that receives two different types is
   `Unsupported` (e.g. int and float: Python keeps them distinct; we do not
   box); anything left untyped afterwards is `Unsupported` too.

Object code (`Unit(objects=True)`, build.py's object mode): two different
types meet as a tagged number (`num`, when one is a number: types.join) or
else as `object`, and every object op gives an object. An arithmetic op or
order comparison on ints, floats, objects or tagged numbers that has an inline
int/float fast path (ir.fast_path) gives a tagged number: unboxed int64/double/
bool when the fast path ran, else what CPython's generic operation gave (an
object). So overflow and int-vs-float exactness never deopt (object code never
does): they take the generic path, exact ints, no repeated effects. Other
numeric ops on objects give objects. A `for ... in range(x)` whose argument is an object
raises `GenericFor`: compiler.py rebuilds that loop as a generic iteration.
"""
from __future__ import annotations

from . import ir
from .errors import Unsupported
from .types import (BOOL, FLOAT, FLOATX, INT, INTX, K_ARRAY, K_BOOL, K_FLOAT, K_INT,
                    K_NONE, K_NPFLOAT, K_NPINT, K_NUM, K_OBJECT, K_TUPLE, NONE, NPFLOAT, NPINT,
                    NUM, OBJECT,
                    Type,
                    array_of, join, tuple_of)


class GenericFor(Unsupported):
    """Object code: a range() loop has an object argument (`key` names the loop)."""

    def __init__(self, key):
        super().__init__("range() of an object")
        self.key = key


class Unit:
    """All specialisations compiled together into one LLVM module."""

    def __init__(self, make_function, objects: bool = False):
        self.make_function = make_function  # (CalleeRef, arg types) -> untyped ir.Function
        self.functions: dict[tuple, ir.Function] = {}
        self.objects = objects
        # object code: id(fn) -> ids of its locals compared with `is` (identity_locals)
        self.identity: dict[int, set] = {}

    def specialise(self, key, arg_types: tuple[Type, ...], build) -> ir.Function:
        full = (key, arg_types)
        fn = self.functions.get(full)
        if fn is None:
            fn = build()
            for var, t in zip(fn.args, arg_types):
                var.type = t
            self.functions[full] = fn
        return fn


def infer_unit(unit: Unit) -> None:
    """Propagate to a fixpoint over every function in `unit` (step 3 and 4)."""
    while True:
        changed = True
        while changed:
            changed = False
            for fn in list(unit.functions.values()):
                changed |= _propagate_function(unit, fn)
        if not unit.objects or not [fn for fn in list(unit.functions.values())
                                    if _widen_observed_floats(unit, fn)]:
            break
    for fn in unit.functions.values():
        if unit.objects and fn.return_type is None and \
                not any(isinstance(op, ir.Return) for b in fn.blocks for op in b.ops):
            fn.return_type = OBJECT   # object code that always raises: it never returns
        _check_complete(fn)


def identity_locals(unit: Unit, fn: ir.Function) -> set:
    """Object code: the ids of the locals whose value an `is`/`is not` compares with
    something other than a constant (None, True, False: a number is never one of them).
    They stay objects rather than tagged numbers (a copy `alias = total` then shares one
    object, as in CPython; two copies of an unboxed number would box to two objects)."""
    found = unit.identity.get(id(fn))
    if found is None:
        loads = {id(op.result): op.var for blk in fn.blocks for op in blk.ops
                 if isinstance(op, ir.Load)}
        consts = {id(op.result) for blk in fn.blocks for op in blk.ops if isinstance(op, ir.Const)}
        found = {id(loads[id(v)]) for blk in fn.blocks for op in blk.ops
                 if isinstance(op, ir.Compare) and op.op in (ir.IS, ir.ISNOT)
                 and id(op.left) not in consts and id(op.right) not in consts
                 for v in (op.left, op.right) if id(v) in loads}
        unit.identity[id(fn)] = found
    return found


def _widen_observed_floats(unit: Unit, fn: ir.Function) -> bool:
    """Object code: a float local whose value is used as an object (ir.uses_as_object)
    becomes a tagged number, boxed once per assignment rather than at each use, so that
    its uses see one object as in CPython (a NaN is found again in the list it was
    appended to). Types only widen, so propagating again converges."""
    loads = {}
    for block in fn.blocks:
        for op in block.ops:
            if isinstance(op, ir.Load) and op.var.type == FLOAT:
                loads[id(op.result)] = op.var
    widen = {}
    for block in fn.blocks:
        for op in block.ops:
            for v in op.sources():
                var = loads.get(id(v))
                if var is not None and ir.uses_as_object(op, v) \
                        and id(var) not in identity_locals(unit, fn):
                    widen[id(var)] = var
    for var in widen.values():
        var.type = NUM
    return bool(widen)


def _propagate_function(unit: Unit, fn: ir.Function) -> bool:
    changed = False
    for block in fn.blocks:
        for op in block.ops:
            try:
                changed |= _apply_obj(unit, fn, op) if unit.objects else _apply(unit, fn, op)
            except GenericFor:
                raise
            except Unsupported as e:
                if e.line == 0 or e.filename in ("", "<unknown>"):
                    raise Unsupported(e.feature, fn.filename, op.line) from None
                raise
    return changed


def _fail(what: str) -> Unsupported:
    return Unsupported(what)


def _unify(old: Type | None, new: Type, what: str) -> Type:
    if old is None or old == new:
        return new
    joined = join(old, new)
    if joined is not None:
        return joined
    raise _fail(f"{what} has types {old} and {new} (the native tier keeps one type per name)")


def _apply(unit: Unit, fn: ir.Function, op: ir.Op) -> bool:
    if isinstance(op, ir.Store):
        t = op.value.type
        if t is None:
            return False
        new = _unify(op.var.type, t, f"variable {op.var.name!r}")
        changed = new != op.var.type
        op.var.type = new
        return changed
    if isinstance(op, ir.Return):
        t = op.value.type
        if t is None:
            return False
        new = _unify(fn.return_type, t, f"return value of {fn.name}()")
        changed = new != fn.return_type
        fn.return_type = new
        return changed
    if isinstance(op, (ir.Jump, ir.ArraySet, ir.Branch)):
        if isinstance(op, ir.ArraySet) and all(s.type is not None for s in op.sources()):
            _rule_array_set(op)
        if isinstance(op, ir.Branch) and op.cond.type not in (None, BOOL):
            raise _fail(f"branch on {op.cond.type}")
        return False
    if isinstance(op, ir.Call):
        if any(a.type is None for a in op.args):
            return False
        types = tuple(a.type for a in op.args)
        if op.target is not None and op.target_types not in (None, types):
            op.target = None   # an argument was widened to a mixed type: respecialise
        if op.target is None:
            op.target = unit.make_function(op.callee, types)
            op.target_types = types
            if len(op.target.args) != len(types):
                raise _fail(f"{op.callee.name}() takes {len(op.target.args)} arguments, "
                            f"{len(types)} given")
            return _set(op, op.target.return_type) or True
        return _set(op, op.target.return_type)
    if any(s.type is None for s in op.sources()):
        return False
    if isinstance(op, ir.Load):
        return _set(op, op.var.type)
    rule = RULES[type(op)]
    return _set(op, rule(op))


def _apply_obj(unit: Unit, fn: ir.Function, op: ir.Op) -> bool:
    """One constraint of object code (see the module docstring)."""
    if isinstance(op, ir.Store):
        t = op.value.type
        if t is None:
            return False
        new = join(op.var.type, t, True) if op.var.type is not None else t
        if new.kind == K_NUM and id(op.var) in identity_locals(unit, fn):
            new = OBJECT
        changed = new != op.var.type
        op.var.type = new
        return changed
    if isinstance(op, ir.ForIter):
        changed = op.var.type != OBJECT
        op.var.type = OBJECT if op.var.type is None else join(op.var.type, OBJECT, True)
        return _set(op, BOOL) or changed
    if isinstance(op, ir.Return):
        t = op.value.type
        if t is None:
            return False
        new = join(fn.return_type, t, True) if fn.return_type is not None else t
        if new.kind == K_NUM:
            new = OBJECT       # (the entry returns an object: a number is boxed for it)
        changed = new != fn.return_type
        fn.return_type = new
        return changed
    if isinstance(op, ir.DelLocal):
        # (a deleted local is unbound afterwards: an object or tagged-number slot's NULL)
        new = OBJECT if op.var.type is None else join(op.var.type, OBJECT, True)
        changed = new != op.var.type
        op.var.type = new
        return changed
    if isinstance(op, ir.Catch):     # (its hidden locals hold objects only)
        changed = False
        for v in ir.binds(op):
            # (joined: `except E as e` then `e = 1.5` makes e a tagged number)
            new = OBJECT if v.type is None else join(v.type, OBJECT, True)
            changed |= v.type != new
            v.type = new
        return changed
    if isinstance(op, ir.ExcMatch):
        return _set_obj(op, BOOL)
    if isinstance(op, ir.Yield):     # (the sent value: any object)
        changed = op.sent.type != OBJECT
        op.sent.type = OBJECT if op.sent.type is None else join(op.sent.type, OBJECT, True)
        return changed
    if isinstance(op, (ir.Jump, ir.Branch, ir.StoreGlobal, ir.SetAttr, ir.SetItem, ir.Raise,
                       ir.CellSet, ir.Reraise, ir.PopExcInfo, ir.DelGlobal, ir.DelAttr,
                       ir.DelItem)):
        if isinstance(op, ir.Branch) and op.cond.type not in (None, BOOL):
            raise _fail(f"branch on {op.cond.type}")
        return False
    if isinstance(op, ir.LoadMethod):
        op.self_var.type = OBJECT
    if isinstance(op, (ir.CallObject, ir.CallLoaded)) and op.math is not None:
        return _set_obj(op, NUM)      # a double from the inline path, else the call's object
    if isinstance(op, ir.OBJECT_OPS):
        return _set_obj(op, OBJECT)
    if any(s.type is None for s in op.sources()):
        return False
    if isinstance(op, ir.Load):
        # exactly the local's type (a joined one could differ: a float local that became
        # an object because `is` compares it would join to a tagged number)
        changed = op.result.type != op.var.type
        op.result.type = op.var.type
        return changed
    rule = OBJECT_RULES.get(type(op))
    if rule is None:
        raise _fail(f"{type(op).__name__} in object code")
    return _set_obj(op, rule(op))


def _set_obj(op: ir.Op, t: Type) -> bool:
    old = op.result.type
    new = t if old is None else join(old, t, True)
    if new == old:
        return False
    op.result.type = new
    return True


_SCALARS = (K_INT, K_FLOAT, K_BOOL)
# operand kinds the int/float fast paths read (lowerobj.number_parts): a bool takes the
# generic path (True + True is an int, True & True a bool)
_FAST_OPERANDS = (K_INT, K_FLOAT, K_OBJECT, K_NUM)


def _fast_operands(*types: Type) -> bool:
    return all(t.kind in _FAST_OPERANDS for t in types)


def _obj_binop(op: ir.BinOp) -> Type:
    a, b = op.left.type, op.right.type
    fast = op.op in ir.FAST_NUMERIC and _fast_operands(a, b)
    if a.kind not in _SCALARS or b.kind not in _SCALARS or op.op not in ir.ARITH_OPS + ir.BIT_OPS:
        return NUM if fast else OBJECT
    rt = numeric_result(op.op, a, b, op.right_const)
    if rt.kind == K_INT and not op.checked:
        return INT             # the builder proved it cannot overflow (loop counters)
    if rt.kind == K_INT:
        if op.op in (ir.ADD, ir.SUB, ir.MULT, ir.FLOORDIV, ir.LSHIFT, ir.POW):
            # the unboxed form deopts on overflow: int64 with an overflow check, else
            # CPython's exact int (a tagged number)
            return NUM if fast else OBJECT
    elif rt.kind == K_FLOAT:
        if op.op == ir.POW or (op.op == ir.DIV and a.is_intlike and b.is_intlike):
            return NUM if fast else OBJECT   # complex results, ints not exact as doubles
    return rt


def _obj_unary(op: ir.UnaryOp) -> Type:
    t = op.operand.type
    if op.op == ir.NOT:
        return BOOL
    if t.kind == K_FLOAT and op.op != ir.INVERT:
        return FLOAT
    if t.kind == K_BOOL and op.op != ir.USUB:
        return INT
    if t.kind == K_INT and op.op != ir.USUB:
        return INT
    if op.op == ir.USUB and t.kind in _FAST_OPERANDS:
        return NUM             # -x: int64 (overflow: generic) or double inline
    return OBJECT


def _obj_compare(op: ir.Compare) -> Type:
    a, b = op.left.type, op.right.type
    if op.op in (ir.IN, ir.NOTIN):
        return BOOL
    if op.op in (ir.IS, ir.ISNOT):
        # identity of unboxed numbers is not known (CPython may or may not share the object);
        # against None or a bool it is (never the same object: the boxed compare says so)
        nums = (K_INT, K_FLOAT, K_NUM)
        if (a.kind in nums and b.kind in nums + (K_OBJECT,)) \
                or (b.kind in nums and a.kind in nums + (K_OBJECT,)):
            raise _fail(f"'is' with a number ({a} and {b})")
        return BOOL
    if a.kind in _SCALARS and b.kind in _SCALARS and a.is_intlike == b.is_intlike:
        return BOOL
    if K_NONE in (a.kind, b.kind) and op.op in (ir.EQ, ir.NOTEQ) \
            and K_OBJECT not in (a.kind, b.kind) and K_NUM not in (a.kind, b.kind):
        return BOOL
    if op.op in ir.ORDER_OPS and _fast_operands(a, b):
        return NUM             # a bool inline from the fast paths, else the generic result
    return OBJECT


def _obj_builtin(op: ir.CallBuiltin) -> Type:
    if op.func == "len":
        return INT
    if op.func in ("range.len", "range.item"):
        for a in op.args:
            if not a.type.is_intlike:
                raise GenericFor(op.node_key)
        return INT
    raise _fail(f"builtin {op.func}() in object code")


def _obj_tuple_get(op: ir.TupleGet) -> Type:
    if op.tup.type.kind != K_OBJECT:
        raise _fail(f"unpacking a {op.tup.type}")
    return OBJECT


OBJECT_RULES = {
    ir.Const: lambda op: _rule_const(op), ir.BinOp: _obj_binop, ir.UnaryOp: _obj_unary,
    ir.Compare: _obj_compare, ir.Truth: lambda op: BOOL, ir.CallBuiltin: _obj_builtin,
    ir.TupleGet: _obj_tuple_get,
}


def _set(op: ir.Op, t: Type | None) -> bool:
    """Set (or widen, when an input was widened to a mixed type) the result type."""
    if t is None or op.result.type == t:
        return False
    if op.result.type is not None:
        t = join(op.result.type, t)
        if t is None or t == op.result.type:
            return False
    op.result.type = t
    return True


def _check_complete(fn: ir.Function) -> None:
    for block in fn.blocks:
        for op in block.ops:
            d = op.dest
            if d is not None and d.type is None:
                raise Unsupported(f"could not infer a type for {type(op).__name__} "
                                  "(recursion without a base case?)", fn.filename, op.line)
    if fn.return_type is None:
        raise Unsupported(f"could not infer the return type of {fn.name}()", fn.filename, fn.line)


# ---- rules: op -> result type (operands are all typed)

def _rule_const(op: ir.Const) -> Type:
    v = op.value
    if v is None:
        return NONE
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, int):
        return INT
    return FLOAT


_ARITH = (ir.ADD, ir.SUB, ir.MULT, ir.DIV, ir.FLOORDIV, ir.MOD, ir.POW)
_BITS = (ir.LSHIFT, ir.RSHIFT, ir.BITAND, ir.BITOR, ir.BITXOR)


def numeric_result(op: str, a: Type, b: Type, right_const=None) -> Type:
    """The type of `a <op> b` for numeric scalars (Python and numpy rules)."""
    if not (a.is_numeric and b.is_numeric):
        raise _fail(f"operator {op} on {a} and {b}")
    np_float = K_NPFLOAT in (a.kind, b.kind)
    np_int = K_NPINT in (a.kind, b.kind)
    mixed = a.is_mixed or b.is_mixed
    if mixed and not (np_float or np_int):
        # Python or numpy scalar at run time: only ops whose two semantics lower.py keeps apart
        if op not in (ir.ADD, ir.SUB, ir.MULT, ir.DIV):
            raise _fail(f"operator {op} on {a} and {b}")
        if op == ir.DIV or a.is_floatlike or b.is_floatlike:
            return FLOATX
        return INTX
    if np_float or np_int:
        # numpy scalars: only the operations whose numpy semantics we reproduce
        if op not in (ir.ADD, ir.SUB, ir.MULT) and not (op == ir.DIV and np_float):
            raise _fail(f"operator {op} on numpy scalars {a} and {b}")
        if np_float or a.is_floatlike or b.is_floatlike:
            return NPFLOAT
        return NPINT
    if op in _BITS:
        if a.kind == K_BOOL and b.kind == K_BOOL and op in (ir.BITAND, ir.BITOR, ir.BITXOR):
            return BOOL
        if a.is_intlike and b.is_intlike:
            return INT
        raise _fail(f"operator {op} on {a} and {b}")
    if op == ir.DIV:
        return FLOAT
    if a.is_intlike and b.is_intlike:
        if op == ir.POW and right_const is not None and right_const < 0:
            return FLOAT
        return INT
    return FLOAT


def _rule_binop(op: ir.BinOp) -> Type:
    if op.op not in _ARITH + _BITS:
        raise _fail(f"operator {op.op}")
    return numeric_result(op.op, op.left.type, op.right.type, op.right_const)


def _rule_unary(op: ir.UnaryOp) -> Type:
    t = op.operand.type
    if op.op == ir.NOT:
        _truth_ok(t)
        return BOOL
    if not t.is_numeric or (op.op == ir.INVERT and not t.is_intlike) or t.is_mixed:
        raise _fail(f"unary {op.op} on {t}")
    if t.kind == K_BOOL:
        return INT
    if t.kind in (K_NPINT, K_NPFLOAT) and op.op == ir.INVERT:
        raise _fail(f"unary {op.op} on {t}")
    return t


def _truth_ok(t: Type) -> None:
    if t.kind == K_ARRAY:
        raise _fail("truth value of an array")


def _rule_truth(op: ir.Truth) -> Type:
    _truth_ok(op.value.type)
    return BOOL


def _rule_compare(op: ir.Compare) -> Type:
    a, b = op.left.type, op.right.type
    if op.op in (ir.IS, ir.ISNOT):
        if not (a.kind == K_NONE or b.kind == K_NONE):
            raise _fail("'is' between values other than None")
        return BOOL
    if a.is_numeric and b.is_numeric:
        return BOOL
    if op.op in (ir.EQ, ir.NOTEQ) and (a.kind == K_NONE or b.kind == K_NONE):
        return BOOL
    raise _fail(f"comparison {op.op} of {a} and {b}")


def _rule_tuple(op: ir.MakeTuple) -> Type:
    for item in op.items:
        if item.type.kind == K_ARRAY:
            raise _fail("tuple holding an array")
    return tuple_of(*(x.type for x in op.items))


def _tuple_item(t: Type, index: int) -> Type:
    n = len(t.items)
    if not -n <= index < n:
        raise _fail(f"tuple index {index} out of range for {t}")
    return t.items[index]


def _rule_tuple_get(op: ir.TupleGet) -> Type:
    t = op.tup.type
    if t.kind != K_TUPLE:
        raise _fail(f"unpacking a {t}")
    if op.unpack_len and op.unpack_len != len(t.items):
        raise _fail(f"unpacking {len(t.items)} values into {op.unpack_len} names")
    return _tuple_item(t, op.index)


def _rule_array_get(op: ir.ArrayGet) -> Type:
    t = op.array.type
    if t.kind == K_TUPLE and op.const_index is not None:
        return _tuple_item(t, op.const_index)
    if t.kind != K_ARRAY:
        raise _fail(f"subscript of {t}")
    for i in op.indices:
        if not i.type.is_intlike:
            raise _fail(f"array index of type {i.type}")
    if len(op.indices) > t.ndim:
        raise _fail(f"{len(op.indices)} indices into {t}")
    if len(op.indices) == t.ndim:
        return t.element
    return array_of(t.dtype, t.ndim - len(op.indices))


def _rule_array_set(op: ir.ArraySet) -> None:
    t = op.array.type
    if t.kind != K_ARRAY or len(op.indices) != t.ndim:
        raise _fail(f"item assignment into {t} with {len(op.indices)} indices")
    for i in op.indices:
        if not i.type.is_intlike:
            raise _fail(f"array index of type {i.type}")
    v = op.value.type
    ok = v.is_numeric if t.dtype == "float64" else v.is_intlike
    if not ok:
        raise _fail(f"storing {v} into {t}")


def _rule_shape(op: ir.ArrayShape) -> Type:
    t = op.array.type
    if t.kind != K_ARRAY:
        raise _fail(f".shape of {t}")
    if op.axis is None:
        return tuple_of(*([INT] * t.ndim))
    return INT


_MATH_TO_INT = ("math.floor", "math.ceil", "math.trunc")
_MATH_TO_BOOL = ("math.isnan", "math.isinf", "math.isfinite")
_MATH_ARITY2 = ("math.atan2", "math.pow", "math.hypot", "math.copysign", "math.fmod")


def _rule_builtin(op: ir.CallBuiltin) -> Type:
    f, args = op.func, [a.type for a in op.args]
    n = len(args)
    if f.startswith("math."):
        want = 2 if f in _MATH_ARITY2 else 1
        if n != want:
            raise _fail(f"{f}() with {n} arguments")
        for t in args:
            if not t.is_numeric:
                raise _fail(f"{f}() of {t}")
        if f in _MATH_TO_INT:
            return INT
        if f in _MATH_TO_BOOL:
            return BOOL
        return FLOAT
    if f in ("range.len", "range.item"):
        for t in args:
            if not t.is_intlike:
                raise _fail(f"range() argument of type {t}")
        return INT
    if f == "len":
        if n != 1 or args[0].kind not in (K_TUPLE, K_ARRAY):
            raise _fail(f"len() of {args}")
        return INT
    if f in ("abs", "min", "max") and any(t.is_mixed for t in args):
        raise _fail(f"{f}() of a Python-or-numpy scalar")
    if f == "abs":
        if n != 1 or not args[0].is_numeric:
            raise _fail(f"abs() of {args}")
        return INT if args[0].kind == K_BOOL else args[0]
    if f in ("min", "max"):
        if n == 1 and args[0].kind == K_TUPLE and args[0].items:
            args = list(args[0].items)
        elif n < 2:
            raise _fail(f"{f}() of {args}")
        first = args[0]
        if not first.is_numeric or first.is_mixed or any(t != first for t in args):
            raise _fail(f"{f}() of mixed or non-numeric types {[str(t) for t in args]}")
        return first
    if f in ("int", "float", "bool"):
        if n > 1 or (n == 1 and not (args[0].is_numeric or (f == "bool" and args[0].kind in (K_NONE, K_TUPLE)))):
            raise _fail(f"{f}() of {[str(t) for t in args]}")
        return {"int": INT, "float": FLOAT, "bool": BOOL}[f]
    raise _fail(f"builtin {f}()")


def _rule_foreign(op: ir.ForeignCall) -> Type:
    """A direct call of a ctypes function: each argument must be a value the guest's
    ctypes passes without a conversion error (int or bool for a C integer, int or float
    for a C float/double); anything else stays in tier 0, which raises ctypes' error."""
    sig = op.callee.sig
    if len(op.args) != len(sig.argtypes):
        raise _fail(f"{op.name}() takes {len(sig.argtypes)} arguments, {len(op.args)} given")
    for a, code in zip(op.args, sig.argtypes):
        k = a.type.kind
        ok = k in (K_INT, K_FLOAT) if code in "fd" else k in (K_INT, K_BOOL)
        if not ok:
            raise _fail(f"{op.name}() argument of type {a.type} for C type {code!r}")
    if sig.restype == "v":
        return NONE
    return FLOAT if sig.restype in "fd" else INT


RULES = {
    ir.ForeignCall: _rule_foreign,
    ir.Const: _rule_const, ir.BinOp: _rule_binop, ir.UnaryOp: _rule_unary,
    ir.Compare: _rule_compare, ir.Truth: _rule_truth, ir.CallBuiltin: _rule_builtin,
    ir.MakeTuple: _rule_tuple, ir.TupleGet: _rule_tuple_get, ir.ArrayGet: _rule_array_get,
    ir.ArrayShape: _rule_shape,
}

__all__ = ["Unit", "infer_unit", "numeric_result", "INT", "FLOAT", "K_INT", "K_FLOAT"]
