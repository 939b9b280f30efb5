"""Facts about a typed compilation unit that decide whether deopt is safe.

In: the typed `ir.Function`s of one unit. Out: `recursive` (ids of functions on
a call cycle: they check the native depth), per-function summaries
`may_deopt` / `has_effects` (set on each ir.Function), and the searches below
for a guard that could fail after a visible effect (`check_deopt_safety` is the
strict form, which raises `Unsupported`; the unit tests check it).

The deopt design (DESIGN.md decision 4; see compiler.py): a failed guard makes
the *outermost* native call return ST_DEOPT and tier 0 re-runs that call from
its entry with the original arguments. That is exact only when nothing visible
happened before the guard failed. Native code has two kinds of visible effect,
a store into a numpy array (ArraySet; directly or in a callee) and a call of a
foreign function not known to be pure (ForeignCall; `deopt_after_foreign_call`
finds a guard after one, and compiler.py refuses the unit: it cannot be undone).
`deopt_after_effect` finds a guard that can run after such a store within one
call (loops included; callees summarised); for such units compiler.py turns on
the undo log (lower.py), so the stores are rolled back before tier 0 re-runs.
"""
from __future__ import annotations

from . import ir
from .errors import Unsupported
from .types import K_FLOAT, K_FLOATX, K_INT, K_INTX


def recursive_functions(functions: list[ir.Function]) -> set[int]:
    """ids of functions that can reach themselves through calls."""
    edges = {id(f): {id(op.target) for b in f.blocks for op in b.ops if isinstance(op, ir.Call)}
             for f in functions}
    out = set()
    for f in functions:
        seen, stack = set(), list(edges[id(f)])
        while stack:
            g = stack.pop()
            if g == id(f):
                out.add(id(f))
                break
            if g in seen:
                continue
            seen.add(g)
            stack.extend(edges.get(g, ()))
    return out


def op_may_deopt(op: ir.Op, recursive: set[int]) -> bool:
    """Can this op of numeric code fail a guard (ir.FAIL_TYPED ops, by their types)?
    Object code never deopts (summarise skips it; lower.py refuses a guard there)."""
    if op.FAILS == ir.FAIL_NEVER or op.pyerr():
        return False
    if isinstance(op, ir.BinOp):
        rt = op.result.type
        if rt.kind in (K_INT, K_INTX):
            if op.op in (ir.ADD, ir.SUB, ir.MULT):
                return op.checked
            return op.op in (ir.FLOORDIV, ir.LSHIFT, ir.POW)
        if rt.kind in (K_FLOAT, K_FLOATX):
            return op.op == ir.POW or (op.op == ir.DIV and op.left.type.is_intlike
                                      and op.right.type.is_intlike)
        return False
    if isinstance(op, ir.UnaryOp):
        return op.op == ir.USUB and op.result.type.kind == K_INT
    if isinstance(op, ir.Compare):
        a, b = op.left.type, op.right.type
        return a.is_numeric and b.is_numeric and (a.is_intlike != b.is_intlike)
    if isinstance(op, ir.CallBuiltin):
        f = op.func
        if f == "range.len":
            return True
        if f == "abs":
            return op.args[0].type.kind == K_INT
        if f in ("int", "math.floor", "math.ceil", "math.trunc"):
            return bool(op.args) and op.args[0].type.is_floatlike
        return False
    if isinstance(op, ir.Call):
        return op.target.may_deopt or id(op.target) in recursive
    return False


def op_has_effect(op: ir.Op) -> bool:
    """ir.Op.EFFECT, refined: a call has its callee's effects, a pure foreign call none,
    and a numeric op on objects may run guest code (__add__...)."""
    if isinstance(op, ir.Call):
        return op.target.has_effects
    if isinstance(op, ir.ForeignCall):
        return not op.callee.pure
    return op.EFFECT or op.pyerr()


def op_calls_foreign(op: ir.Op) -> bool:
    """An effect the undo log cannot take back: a call of a foreign function that is
    not known to be pure (directly or in a callee)."""
    if isinstance(op, ir.ForeignCall):
        return not op.callee.pure
    if isinstance(op, ir.Call):
        return op.target.calls_foreign
    return False


def summarise(functions: list[ir.Function]) -> set[int]:
    """Set may_deopt / has_effects on every function (a fixpoint over calls)."""
    recursive = recursive_functions(functions)
    for f in functions:
        f.may_deopt = id(f) in recursive
        f.has_effects = False
        f.calls_foreign = False
    changed = True
    while changed:
        changed = False
        for f in functions:
            ops = [op for b in f.blocks for op in b.ops]
            dep = not f.objects and (f.may_deopt or any(op_may_deopt(op, recursive) for op in ops))
            eff = any(op_has_effect(op) for op in ops)
            ffc = any(op_calls_foreign(op) for op in ops)
            if dep != f.may_deopt or eff != f.has_effects or ffc != f.calls_foreign:
                f.may_deopt, f.has_effects, f.calls_foreign = dep, eff, ffc
                changed = True
    return recursive


def check_deopt_safety(fn: ir.Function, recursive: set[int]) -> None:
    """Unsupported if some op that may deopt can run after an op with an effect (the
    strict rule; compiler.py instead asks `deopt_after_effect` and logs the stores)."""
    found = deopt_after_effect(fn, recursive)
    if found is not None:
        store, guard = found
        raise Unsupported(
            f"a guard at line {guard.line} could fail after the array store at line "
            f"{store.line} (deopt would repeat a side effect)", fn.filename, guard.line)


def deopt_after_effect(fn: ir.Function, recursive: set[int], effect=op_has_effect):
    """(effect op, guard op) when a guard can fail after an effect, else None."""
    if not fn.has_effects:
        return None
    # blocks reachable from the successors of each block
    for block in fn.blocks:
        for i, op in enumerate(block.ops):
            if not effect(op):
                continue
            later = block.ops[i + 1:]
            seen, stack = set(), list(block.successors())
            while stack:
                b = stack.pop()
                if id(b) in seen:
                    continue
                seen.add(id(b))
                later = later + b.ops
                stack.extend(b.successors())
            for other in later:
                if op_may_deopt(other, recursive):
                    return op, other
    return None


def deopt_after_foreign_call(fn: ir.Function, recursive: set[int]):
    """(foreign call, guard) when a guard can fail after a call of a foreign function
    that is not known to be pure: tier 0 would call it a second time (compiler.py
    refuses such units; pure calls such as abs or sqrt may be repeated)."""
    return deopt_after_effect(fn, recursive, op_calls_foreign)


def maybe_unbound(fn: ir.Function) -> set[int]:
    """ids of locals that some Load may read before any assignment on some path
    (tier 0 raises UnboundLocalError there; lower.py gives them a run-time flag).
    Object code's exception edges count: a landing block (ir.Op.handler) starts with
    what was assigned before each op that may raise into it (ir.binds/ir.unbinds: the
    locals exception handling sets and clears)."""
    ins, flow = _assignment_flow(fn)
    found: set[int] = set()
    for b in fn.blocks:
        flow(b, ins(b), found)
    return found


def assigned_before(fn: ir.Function) -> dict[int, frozenset]:
    """{id(op) or id(block): ids of the locals assigned on every path to it} -- before
    the op runs, at the block's start (lowerobj.py: which unboxed locals the error exit
    may show in a traceback)."""
    ins, flow = _assignment_flow(fn)
    at: dict[int, frozenset] = {}
    for b in fn.blocks:
        start = ins(b)
        at[id(b)] = start
        flow(b, start, None, at)
    return at


def _assignment_flow(fn: ir.Function):
    """The definite-assignment fixpoint of maybe_unbound and assigned_before: (ins(block):
    what is assigned at its start, flow(block, assigned, found, at): what is assigned at its
    end and on its exception edges; adds to `found` the locals read unassigned, and records
    in `at` what is assigned before each op)."""
    preds: dict[int, list[ir.Block]] = {id(b): [] for b in fn.blocks}
    for b in fn.blocks:
        for s in b.successors():
            preds[id(s)].append(b)
    universe = frozenset(id(v) for v in fn.locals.values())
    start = frozenset(id(v) for v in fn.args)
    out = {id(b): universe for b in fn.blocks}
    # (id(block), id(landing)) -> what is assigned before every op of block raising there
    exc_out: dict[tuple[int, int], frozenset] = {}
    landings: dict[int, list[ir.Block]] = {}
    for b in fn.blocks:
        for h in b.exc_successors():
            landings.setdefault(id(h), []).append(b)
    entry = fn.blocks[0]

    def ins(b):
        got = [out[id(p)] for p in preds[id(b)]]
        got += [exc_out.get((id(p), id(b)), universe) for p in landings.get(id(b), ())]
        got = frozenset.intersection(*got) if got else universe
        return start & got if b is entry and (preds[id(b)] or id(b) in landings) else \
            (start if b is entry else got)

    def flow(b, assigned, found, at=None):
        exc: dict[int, frozenset] = {}
        for op in b.ops:
            if at is not None:
                at[id(op)] = assigned
            h = op.handler
            if h is not None:
                exc[id(h)] = exc[id(h)] & assigned if id(h) in exc else assigned
            if isinstance(op, (ir.Load, ir.DelLocal)) and id(op.var) not in assigned \
                    and found is not None:
                found.add(id(op.var))
            if isinstance(op, ir.Store):
                assigned = assigned | {id(op.var)}
            else:
                gone = ir.unbinds(op)
                if gone:
                    assigned = assigned - {id(v) for v in gone}
                new = ir.binds(op)
                if new:
                    assigned = assigned | {id(v) for v in new}
        return assigned, exc

    changed = True
    while changed:
        changed = False
        for b in fn.blocks:
            new, exc = flow(b, ins(b), None)
            if new != out[id(b)]:
                out[id(b)] = new
                changed = True
            for h, got in exc.items():
                if exc_out.get((id(b), h)) != got:
                    exc_out[(id(b), h)] = got
                    changed = True
    return ins, flow


def check_definitely_assigned(fn: ir.Function) -> None:
    """Unsupported when a local may be read before assignment (the strict rule)."""
    found = maybe_unbound(fn)
    for b in fn.blocks:
        for op in b.ops:
            if isinstance(op, ir.Load) and id(op.var) in found:
                raise Unsupported(f"local {op.var.name!r} may be used before assignment",
                                  fn.filename, op.line)
