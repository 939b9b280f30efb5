"""Expressions: ast expression node -> closure `ev(frame) -> value`.

One `transform_<Node>` function per node type; the Compiler's dispatcher
(compiler.py) forwards to them. Operators use the host's own operator
implementations, so big ints, floor division, comparisons and every dunder
method behave exactly as in CPython.
"""
from __future__ import annotations

import ast
import operator

from types import MethodType

from protojit.runtime import coroutines
from protojit.runtime.callerrors import function_str, merge_keywords, not_iterable, star_extend
from protojit.runtime.function import record_of

from protojit import _pjentry
from protojit.frames import F_GLOBALS, HEADER, UNBOUND, tstate
from protojit.frontend.code import NameKind

from .names import make_load

# ---- constants and names ---------------------------------------------------


def transform_Constant(c, node):
    value = node.value
    return lambda frame: value


def transform_Name(c, node):
    return make_load(c.code, node.id, always_bound=c.is_always_bound(node.id))


def transform_Temp(c, node):
    """A compiler temporary (see generators.py): a hidden frame slot."""
    i = node.slot
    return lambda frame: frame[i]


# ---- operators ---------------------------------------------------------------

_BINOPS = {
    ast.Add: lambda l, r: lambda f: l(f) + r(f),
    ast.Sub: lambda l, r: lambda f: l(f) - r(f),
    ast.Mult: lambda l, r: lambda f: l(f) * r(f),
    ast.Div: lambda l, r: lambda f: l(f) / r(f),
    ast.FloorDiv: lambda l, r: lambda f: l(f) // r(f),
    ast.Mod: lambda l, r: lambda f: l(f) % r(f),
    ast.Pow: lambda l, r: lambda f: l(f) ** r(f),
    ast.LShift: lambda l, r: lambda f: l(f) << r(f),
    ast.RShift: lambda l, r: lambda f: l(f) >> r(f),
    ast.BitOr: lambda l, r: lambda f: l(f) | r(f),
    ast.BitXor: lambda l, r: lambda f: l(f) ^ r(f),
    ast.BitAnd: lambda l, r: lambda f: l(f) & r(f),
    ast.MatMult: lambda l, r: lambda f: l(f) @ r(f),
}

# In-place operators for augmented assignment (they try __iadd__ first).
INPLACE = {
    ast.Add: operator.iadd, ast.Sub: operator.isub, ast.Mult: operator.imul,
    ast.Div: operator.itruediv, ast.FloorDiv: operator.ifloordiv, ast.Mod: operator.imod,
    ast.Pow: operator.ipow, ast.LShift: operator.ilshift, ast.RShift: operator.irshift,
    ast.BitOr: operator.ior, ast.BitXor: operator.ixor, ast.BitAnd: operator.iand,
    ast.MatMult: operator.imatmul,
}


# Specialised closures for the commonest operand shapes: a local that is certainly
# bound (read straight from its slot) and a constant. Each saves one or two
# closure calls per evaluation; semantics are the host operator's, as always.
_SLOT_CONST = {
    ast.Add: lambda i, k: lambda f: f[i] + k,
    ast.Sub: lambda i, k: lambda f: f[i] - k,
    ast.Mult: lambda i, k: lambda f: f[i] * k,
    ast.Mod: lambda i, k: lambda f: f[i] % k,
    ast.FloorDiv: lambda i, k: lambda f: f[i] // k,
    ast.Lt: lambda i, k: lambda f: f[i] < k,
    ast.LtE: lambda i, k: lambda f: f[i] <= k,
    ast.Gt: lambda i, k: lambda f: f[i] > k,
    ast.GtE: lambda i, k: lambda f: f[i] >= k,
    ast.Eq: lambda i, k: lambda f: f[i] == k,
    ast.NotEq: lambda i, k: lambda f: f[i] != k,
}
_SLOT_SLOT = {
    ast.Add: lambda i, j: lambda f: f[i] + f[j],
    ast.Sub: lambda i, j: lambda f: f[i] - f[j],
    ast.Mult: lambda i, j: lambda f: f[i] * f[j],
    ast.Mod: lambda i, j: lambda f: f[i] % f[j],
    ast.FloorDiv: lambda i, j: lambda f: f[i] // f[j],
    ast.Lt: lambda i, j: lambda f: f[i] < f[j],
    ast.LtE: lambda i, j: lambda f: f[i] <= f[j],
    ast.Gt: lambda i, j: lambda f: f[i] > f[j],
    ast.GtE: lambda i, j: lambda f: f[i] >= f[j],
    ast.Eq: lambda i, j: lambda f: f[i] == f[j],
    ast.NotEq: lambda i, j: lambda f: f[i] != f[j],
}
_CONST_SLOT = {
    ast.Add: lambda k, i: lambda f: k + f[i],
    ast.Sub: lambda k, i: lambda f: k - f[i],
    ast.Mult: lambda k, i: lambda f: k * f[i],
    ast.FloorDiv: lambda k, i: lambda f: k // f[i],
    ast.Mod: lambda k, i: lambda f: k % f[i],
}
_EXPR_CONST = {
    ast.Add: lambda l, k: lambda f: l(f) + k,
    ast.Sub: lambda l, k: lambda f: l(f) - k,
    ast.Mult: lambda l, k: lambda f: l(f) * k,
    ast.Mod: lambda l, k: lambda f: l(f) % k,
    ast.FloorDiv: lambda l, k: lambda f: l(f) // k,
    ast.Lt: lambda l, k: lambda f: l(f) < k,
    ast.LtE: lambda l, k: lambda f: l(f) <= k,
    ast.Gt: lambda l, k: lambda f: l(f) > k,
    ast.GtE: lambda l, k: lambda f: l(f) >= k,
    ast.Eq: lambda l, k: lambda f: l(f) == k,
    ast.NotEq: lambda l, k: lambda f: l(f) != k,
}


# `local.attr` (the local certainly bound) against a constant, a local or another such
# attribute: `self.x < 0`, `self.v * dt`, `p.x - q.x`. `get` is the attribute's getter.
_ATTR_CONST = {
    ast.Add: lambda i, get, k: lambda f: get(f[i]) + k,
    ast.Sub: lambda i, get, k: lambda f: get(f[i]) - k,
    ast.Mult: lambda i, get, k: lambda f: get(f[i]) * k,
    ast.Lt: lambda i, get, k: lambda f: get(f[i]) < k,
    ast.LtE: lambda i, get, k: lambda f: get(f[i]) <= k,
    ast.Gt: lambda i, get, k: lambda f: get(f[i]) > k,
    ast.GtE: lambda i, get, k: lambda f: get(f[i]) >= k,
    ast.Eq: lambda i, get, k: lambda f: get(f[i]) == k,
    ast.NotEq: lambda i, get, k: lambda f: get(f[i]) != k,
    ast.Is: lambda i, get, k: lambda f: get(f[i]) is k,
    ast.IsNot: lambda i, get, k: lambda f: get(f[i]) is not k,
}
_ATTR_SLOT = {
    ast.Add: lambda i, get, j: lambda f: get(f[i]) + f[j],
    ast.Sub: lambda i, get, j: lambda f: get(f[i]) - f[j],
    ast.Mult: lambda i, get, j: lambda f: get(f[i]) * f[j],
    ast.Div: lambda i, get, j: lambda f: get(f[i]) / f[j],
    ast.Lt: lambda i, get, j: lambda f: get(f[i]) < f[j],
    ast.Gt: lambda i, get, j: lambda f: get(f[i]) > f[j],
    ast.Eq: lambda i, get, j: lambda f: get(f[i]) == f[j],
}
_SLOT_ATTR = {
    ast.Add: lambda i, j, get: lambda f: f[i] + get(f[j]),
    ast.Sub: lambda i, j, get: lambda f: f[i] - get(f[j]),
    ast.Mult: lambda i, j, get: lambda f: f[i] * get(f[j]),
    ast.Lt: lambda i, j, get: lambda f: f[i] < get(f[j]),
    ast.Gt: lambda i, j, get: lambda f: f[i] > get(f[j]),
}
_ATTR_ATTR = {
    ast.Add: lambda i, g1, j, g2: lambda f: g1(f[i]) + g2(f[j]),
    ast.Sub: lambda i, g1, j, g2: lambda f: g1(f[i]) - g2(f[j]),
    ast.Mult: lambda i, g1, j, g2: lambda f: g1(f[i]) * g2(f[j]),
    ast.Lt: lambda i, g1, j, g2: lambda f: g1(f[i]) < g2(f[j]),
    ast.Gt: lambda i, g1, j, g2: lambda f: g1(f[i]) > g2(f[j]),
}


def bound_slot(c, node):
    """The slot of a local certainly bound here, or None."""
    if isinstance(node, ast.Name) and c.is_always_bound(node.id):
        return c.code.slot(node.id)
    return None


def slot_attribute(c, node):
    """(slot, getter) of `local.attr` with the local certainly bound, or None."""
    if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
        i = bound_slot(c, node.value)
        if i is not None:
            return i, operator.attrgetter(node.attr)
    return None


def specialised_binary(c, op, left, right):
    """A closure for `left op right` on a common operand shape, or None."""
    i = bound_slot(c, left)
    la = slot_attribute(c, left) if i is None else None
    if isinstance(right, ast.Constant):
        if i is not None and op in _SLOT_CONST:
            return _SLOT_CONST[op](i, right.value)
        if la is not None and op in _ATTR_CONST:
            return _ATTR_CONST[op](*la, right.value)
        if op in _EXPR_CONST:
            return _EXPR_CONST[op](c.expr(left), right.value)
        return None
    j = bound_slot(c, right)
    ra = slot_attribute(c, right) if j is None else None
    if i is not None and j is not None and op in _SLOT_SLOT:
        return _SLOT_SLOT[op](i, j)
    if j is not None and isinstance(left, ast.Constant) and op in _CONST_SLOT:
        return _CONST_SLOT[op](left.value, j)
    if la is not None and j is not None and op in _ATTR_SLOT:
        return _ATTR_SLOT[op](*la, j)
    if i is not None and ra is not None and op in _SLOT_ATTR:
        return _SLOT_ATTR[op](i, *ra)
    if la is not None and ra is not None and op in _ATTR_ATTR:
        return _ATTR_ATTR[op](*la, *ra)
    return None


# str(), f-strings and `"..." % args` on the guest's recursion budget (issue 18): a nested
# container's str stops at the guest's limit, as CPython's does, where the host's own
# limit is larger (runtime_c/capi/pjcaller.c pj_guest_str; they look the caller up only
# for an operand that holds a container)
_guest_str = _pjentry.guest_str
_guest_format_value = _pjentry.guest_format_value
_guest_mod = _pjentry.guest_mod
_guest_eq = _pjentry.guest_eq
_guest_ne = _pjentry.guest_ne


def transform_BinOp(c, node):
    if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
            and type(node.left.value) is str:
        fmt = node.left.value
        right = c.expr(node.right)
        return lambda f: _guest_mod(fmt, right(f))
    fast = specialised_binary(c, type(node.op), node.left, node.right)
    if fast is not None:
        return fast
    return _BINOPS[type(node.op)](c.expr(node.left), c.expr(node.right))


def transform_UnaryOp(c, node):
    op = type(node.op)
    attr = slot_attribute(c, node.operand)
    if attr is not None and op is ast.USub:
        i, get = attr
        return lambda f: -get(f[i])             # `-self.v`
    operand = c.expr(node.operand)
    if op is ast.Not:
        return lambda f: not operand(f)
    if op is ast.USub:
        return lambda f: -operand(f)
    if op is ast.UAdd:
        return lambda f: +operand(f)
    return lambda f: ~operand(f)


def transform_BoolOp(c, node):
    values = [c.expr(v) for v in node.values]
    if isinstance(node.op, ast.And):
        if len(values) == 2:
            a, b = values
            return lambda f: a(f) and b(f)

        def run_and(f):
            for ev in values:
                v = ev(f)
                if not v:
                    return v
            return v
        return run_and
    if len(values) == 2:
        a, b = values
        return lambda f: a(f) or b(f)

    def run_or(f):
        for ev in values:
            v = ev(f)
            if v:
                return v
        return v
    return run_or


def _contains(container, item):
    return item in container


def _not_contains(container, item):
    return item not in container


COMPARE_FUNCS = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}

_COMPARE2 = {
    ast.Eq: lambda l, r: lambda f: l(f) == r(f),
    ast.NotEq: lambda l, r: lambda f: l(f) != r(f),
    ast.Lt: lambda l, r: lambda f: l(f) < r(f),
    ast.LtE: lambda l, r: lambda f: l(f) <= r(f),
    ast.Gt: lambda l, r: lambda f: l(f) > r(f),
    ast.GtE: lambda l, r: lambda f: l(f) >= r(f),
    ast.Is: lambda l, r: lambda f: l(f) is r(f),
    ast.IsNot: lambda l, r: lambda f: l(f) is not r(f),
    ast.In: lambda l, r: lambda f: l(f) in r(f),
    ast.NotIn: lambda l, r: lambda f: l(f) not in r(f),
}


def _guest_equality(c, node):
    """`a == b` / `a != b` of two computed operands on the guest's budget (_guest_str's
    note); against a constant the nesting is the constant's, and stays the host's."""
    cmp = _guest_eq if isinstance(node.ops[0], ast.Eq) else _guest_ne
    i, j = bound_slot(c, node.left), bound_slot(c, node.comparators[0])
    if i is not None and j is not None:
        return lambda f: cmp(f[i], f[j])
    left, right = c.expr(node.left), c.expr(node.comparators[0])
    return lambda f: cmp(left(f), right(f))


def transform_Compare(c, node):
    if len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)) \
            and not isinstance(node.left, ast.Constant) and not isinstance(node.comparators[0], ast.Constant):
        return _guest_equality(c, node)
    if len(node.ops) == 1:
        fast = specialised_binary(c, type(node.ops[0]), node.left, node.comparators[0])
        if fast is not None:
            return fast
    left = c.expr(node.left)
    if len(node.ops) == 1:
        return _COMPARE2[type(node.ops[0])](left, c.expr(node.comparators[0]))
    steps = [(COMPARE_FUNCS[type(op)], c.expr(e)) for op, e in zip(node.ops, node.comparators)]

    def run_chain(f):
        a = left(f)
        for fn, ev in steps:
            b = ev(f)
            result = fn(a, b)
            if not result:
                return result
            a = b
        return result
    return run_chain


# `a if local <op> constant else b` with a the same kind of local: `n if n < 2 else ...`.
_IF_SLOT_CMP_CONST = {
    ast.Lt: lambda i, j, k, other: lambda f: f[i] if f[j] < k else other(f),
    ast.LtE: lambda i, j, k, other: lambda f: f[i] if f[j] <= k else other(f),
    ast.Gt: lambda i, j, k, other: lambda f: f[i] if f[j] > k else other(f),
    ast.GtE: lambda i, j, k, other: lambda f: f[i] if f[j] >= k else other(f),
    ast.Eq: lambda i, j, k, other: lambda f: f[i] if f[j] == k else other(f),
    ast.NotEq: lambda i, j, k, other: lambda f: f[i] if f[j] != k else other(f),
}


def transform_IfExp(c, node):
    orelse = c.expr(node.orelse)
    i = bound_slot(c, node.body)
    t = node.test
    if i is not None and isinstance(t, ast.Compare) and len(t.ops) == 1 \
            and type(t.ops[0]) in _IF_SLOT_CMP_CONST and isinstance(t.comparators[0], ast.Constant):
        j = bound_slot(c, t.left)
        if j is not None:
            return _IF_SLOT_CMP_CONST[type(t.ops[0])](i, j, t.comparators[0].value, orelse)
    test = c.expr(t)
    if i is not None:
        return lambda f: f[i] if test(f) else orelse(f)
    body = c.expr(node.body)
    return lambda f: body(f) if test(f) else orelse(f)


def transform_NamedExpr(c, node):
    value = c.expr(node.value)
    store = c.store(node.target)

    def run_walrus(f):
        v = value(f)
        store(f, v)
        return v
    return run_walrus


# ---- attributes and subscripts -------------------------------------------------


def transform_Attribute(c, node):
    if node.attr in _GENERATOR_ATTRS:    # a guest generator's (runtime/coroutines.py)
        get = coroutines.generator_attribute(node.attr)
    else:
        get = operator.attrgetter(node.attr)
    i = bound_slot(c, node.value)
    if i is not None:
        return lambda f: get(f[i])      # `self.x`: the object straight from its slot
    value = c.expr(node.value)
    return lambda f: get(value(f))


_GENERATOR_ATTRS = frozenset({"gi_code", "gi_frame", "gi_yieldfrom"})


def transform_Subscript(c, node):
    value = c.expr(node.value)
    index = c.expr(node.slice)
    if isinstance(node.slice, ast.Constant):
        k = node.slice.value
        return lambda f: value(f)[k]
    return lambda f: value(f)[index(f)]


def transform_Slice(c, node):
    lo = c.expr(node.lower) if node.lower else None
    hi = c.expr(node.upper) if node.upper else None
    st = c.expr(node.step) if node.step else None
    return lambda f: slice(lo(f) if lo else None, hi(f) if hi else None, st(f) if st else None)


# ---- containers ------------------------------------------------------------------


def sequence_items(c, elts, reword=True):
    """A closure producing a list of the elements, expanding *starred ones in order.

    `reword`: a non-iterable starred value gets CPython's "Value after * must be an
    iterable" message (list/tuple displays and calls; set displays keep the plain one)."""
    if not any(isinstance(e, ast.Starred) for e in elts):
        evs = [c.expr(e) for e in elts]
        if len(evs) == 1:
            a, = evs
            return lambda f: [a(f)]
        if len(evs) == 2:
            a, b = evs
            return lambda f: [a(f), b(f)]
        return lambda f: [ev(f) for ev in evs]
    parts = [(isinstance(e, ast.Starred), c.expr(e.value if isinstance(e, ast.Starred) else e)) for e in elts]

    def run_items(f):
        out = []
        for starred, ev in parts:
            if starred:
                if reword:
                    star_extend(out, ev(f))
                else:
                    out.extend(ev(f))
            else:
                out.append(ev(f))
        return out
    return run_items


def transform_Tuple(c, node):
    if all(isinstance(e, ast.Constant) for e in node.elts):
        value = tuple(e.value for e in node.elts)
        return lambda f: value
    items = sequence_items(c, node.elts)
    return lambda f: tuple(items(f))


def transform_List(c, node):
    return sequence_items(c, node.elts)


def transform_Set(c, node):
    items = sequence_items(c, node.elts, reword=False)
    return lambda f: set(items(f))


def transform_Dict(c, node):
    parts = [(c.expr(k) if k is not None else None, c.expr(v)) for k, v in zip(node.keys, node.values)]

    def run_dict(f):
        d = {}
        for k, v in parts:
            if k is None:
                mapping = v(f)
                try:
                    d.update(mapping)
                except (TypeError, AttributeError):
                    if not hasattr(mapping, "keys"):
                        raise TypeError(f"'{type(mapping).__name__}' object is not a mapping") from None
                    raise
            else:
                key = k(f)
                d[key] = v(f)
        return d
    return run_dict


# ---- strings ---------------------------------------------------------------------

_CONVERSIONS = {-1: None, 115: str, 114: repr, 97: ascii}


def transform_JoinedStr(c, node):
    parts = [c.expr(v) for v in node.values]
    if len(parts) == 1:
        p, = parts
        return lambda f: p(f)
    return lambda f: "".join([p(f) for p in parts])


def transform_FormattedValue(c, node):
    value = c.expr(node.value)
    conv = _CONVERSIONS[node.conversion]
    spec = c.expr(node.format_spec) if node.format_spec is not None else None
    if conv is None and spec is None:
        return lambda f: _guest_format_value(value(f))
    if spec is None:
        return lambda f: format(conv(value(f)))
    if conv is None:
        return lambda f: _guest_format_value(value(f), spec(f))
    return lambda f: format(conv(value(f)), spec(f))


# ---- calls ---------------------------------------------------------------------------


# Builtins that look at the caller's frame: their call sites publish it first.
REFLECTIVE = frozenset({"globals", "locals", "vars", "dir", "exec", "eval", "breakpoint", "help",
                        "input", "super", "__import__"})


def transform_Call(c, node):
    if (isinstance(node.func, ast.Name) and node.func.id == "super" and not node.args
            and not node.keywords and c.code.is_function_like):
        return zero_arg_super(c, node)
    call = _call(c, node)
    func = node.func
    if (isinstance(func, ast.Name) and func.id in REFLECTIVE) or \
            (isinstance(func, ast.Attribute) and func.attr in ("_getframe", "exc_info", "breakpointhook",
                                                               "setrecursionlimit")):
        def run_reflective_call(f):
            # Published for the call only, then the previous publication again (as object
            # code's calls push and pop theirs): left published, a returned frame stayed
            # alive with all its locals until the next reflective call anywhere (a local's
            # __del__ ran late).
            back = tstate.frame
            tstate.frame = f
            try:
                return call(f)
            finally:
                tstate.frame = back
        return run_reflective_call
    return call


# Guest callees get their arguments in a new list, which the callee empties (runtime/function.py
# ARGUMENTS_HANDED_OVER): no closure here keeps an argument in a local of its own while the
# callee runs, so the arguments go with the callee's frame, as in CPython. (Made only for a
# guest callee: a host callee's arguments stay in locals, which gc.get_referrers does not
# show, as CPython's value stack.) A bound method's
# `fn` is rebound to its function first: CPython's CALL drops the bound method (and its
# reference to self) before the frame runs. Calls with * or ** keep their argument tuple
# until the call is over, as CPython's CALL_FUNCTION_EX does.


def _str_call(c, node):
    """`str(x)`: the host's str on the guest's budget when `str` is the builtin (else the
    call as any other of one argument)."""
    func = c.expr(node.func)
    a = c.expr(node.args[0])

    def call_str(f):
        fn = func(f)
        x = a(f)
        if fn is str:
            return _guest_str(x)
        g = record_of(fn)
        if g is not None:
            xs = [x]
            del x
            return g.invoke(g, xs, f)
        if type(fn) is MethodType:
            g = record_of(fn.__func__)
            if g is not None:
                xs = [fn.__self__, x]
                del x
                return g.invoke(g, xs, f)
        return fn(x)
    return call_str


def _call(c, node):
    simple = not node.keywords and not any(isinstance(a, ast.Starred) for a in node.args)
    if simple and len(node.args) == 1 and isinstance(node.func, ast.Name) and node.func.id == "str":
        return _str_call(c, node)
    if simple and len(node.args) <= 2:
        fast = _method_call(c, node) or _global_call(c, node)
        if fast is not None:
            return fast
    func = c.expr(node.func)
    if simple:
        args = [c.expr(a) for a in node.args]
        n = len(args)
        if n == 0:
            def call0(f):
                fn = func(f)
                t = type(fn)
                g = record_of(fn)     # a guest function: its record (runtime/function.py)
                if g is not None:
                    return g.invoke(g, (), f)
                if t is MethodType:
                    im_func = fn.__func__
                    g = record_of(im_func)
                    if g is not None:
                        xs = [fn.__self__]
                        fn = im_func
                        return g.invoke(g, xs, f)
                return fn()
            return call0
        if n == 1:
            a, = args

            def call1(f):
                fn = func(f)
                x = a(f)
                t = type(fn)
                g = record_of(fn)     # a guest function: its record (runtime/function.py)
                if g is not None:
                    xs = [x]
                    del x
                    return g.invoke(g, xs, f)
                if t is MethodType:
                    im_func = fn.__func__
                    g = record_of(im_func)
                    if g is not None:
                        xs = [fn.__self__, x]
                        del x
                        fn = im_func
                        return g.invoke(g, xs, f)
                return fn(x)
            return call1
        if n == 2:
            a, b = args

            def call2(f):
                fn = func(f)
                x = a(f)
                y = b(f)
                t = type(fn)
                g = record_of(fn)     # a guest function: its record (runtime/function.py)
                if g is not None:
                    xs = [x, y]
                    del x, y
                    return g.invoke(g, xs, f)
                if t is MethodType:
                    im_func = fn.__func__
                    g = record_of(im_func)
                    if g is not None:
                        xs = [fn.__self__, x, y]
                        del x, y
                        fn = im_func
                        return g.invoke(g, xs, f)
                return fn(x, y)
            return call2

        def calln(f):
            fn = func(f)
            xs = [a(f) for a in args]
            t = type(fn)
            g = record_of(fn)     # a guest function: its record (runtime/function.py)
            if g is not None:
                return g.invoke(g, xs, f)
            if t is MethodType:
                im_func = fn.__func__
                g = record_of(im_func)
                if g is not None:
                    xs.insert(0, fn.__self__)
                    fn = im_func
                    return g.invoke(g, xs, f)
            if fn is type or fn is _TYPE_NEW:
                xs = with_guest_module(f, fn, xs)
            return fn(*xs)
        return calln
    starred = any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords)
    if len(node.args) == 1 and isinstance(node.args[0], ast.Starred):
        only = c.expr(node.args[0].value)

        def positional(f, fn):
            v = only(f)
            if type(v) is tuple:
                return v
            try:
                return list(v)
            except TypeError:
                if not not_iterable(v):
                    raise
            raise TypeError(f"{function_str(fn)} argument after * must be an iterable, "
                            f"not {type(v).__name__}")
    else:
        items = sequence_items(c, node.args)

        def positional(f, fn):
            return items(f)
    keywords = [(k.arg, c.expr(k.value)) for k in node.keywords]

    def run_call(f):
        fn = func(f)
        args = positional(f, fn)
        kwargs = {}
        for name, ev in keywords:
            if name is not None:
                if name in kwargs:
                    raise TypeError(f"{function_str(fn)} got multiple values for keyword argument '{name}'")
                kwargs[name] = ev(f)
            else:
                merge_keywords(fn, kwargs, ev(f))
        if starred:
            args = tuple(args)    # (kept by this call: a list would be handed over)
        g = record_of(fn)
        if g is not None:
            if not kwargs:   # g.invoke: the function's tiering entry (native once hot)
                return g.invoke(g, args, f)
            return g.code.invoke_kw(g, args, kwargs, f)
        if type(fn) is MethodType:
            im_func = fn.__func__
            g = record_of(im_func)
            if g is not None:
                # (not through host code: the guest caller is `f`, and its depth counts)
                if starred:
                    args = (fn.__self__, *args)
                else:
                    args.insert(0, fn.__self__)
                fn = im_func
                if not kwargs:
                    return g.invoke(g, args, f)
                return g.code.invoke_kw(g, args, kwargs, f)
        if fn is type or fn is _TYPE_NEW:
            args = with_guest_module(f, fn, tuple(args))
        return fn(*args, **kwargs)
    return run_call


_TYPE_NEW = type.__new__


def with_guest_module(f, fn, args):
    """`type(name, bases, ns)` and `type.__new__(meta, name, bases, ns)` called from guest
    code: CPython sets the new class's __module__ from the calling frame's globals when
    `ns` has none; the calling host frame here is the interpreter's own, so give the guest
    module's name explicitly (in a copy of ns, which type() copies anyway)."""
    if len(args) != (3 if fn is type else 4):
        return args
    ns = args[-1]
    name = f[F_GLOBALS].get("__name__")
    if type(ns) is not dict or "__module__" in ns or name is None:
        return args
    return (*args[:-1], {**ns, "__module__": name})


def _method_call(c, node):
    """`obj.name(...)` with obj a certainly-bound local and 0-2 plain arguments: the
    attribute is fetched (before the arguments, as CPython's LOAD_METHOD) and a guest
    method is entered directly, one closure call instead of three.

    (Skipping the bound method as LOAD_METHOD does would need to know that the instance
    does not shadow the name; reading obj.__dict__ for that makes CPython 3.11 turn the
    object's inline attribute values into a dict: slower, not faster.)"""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return None
    i = bound_slot(c, func.value)
    if i is None:
        return None
    get = operator.attrgetter(func.attr)
    args = [c.expr(a) for a in node.args]
    if not args:
        def call_method0(f):
            fn = get(f[i])
            t = type(fn)
            if t is MethodType:
                im_func = fn.__func__
                g = record_of(im_func)
                if g is not None:
                    xs = [fn.__self__]     # (handed over: see _call)
                    fn = im_func
                    return g.invoke(g, xs, f)
            else:
                g = record_of(fn)
                if g is not None:
                    return g.invoke(g, (), f)
            return fn()
        return call_method0
    if len(args) == 1 and isinstance(node.args[0], ast.Constant):
        k = node.args[0].value

        def call_method_const(f):      # `p.step(0.5)`
            fn = get(f[i])
            t = type(fn)
            if t is MethodType:
                im_func = fn.__func__
                g = record_of(im_func)
                if g is not None:
                    xs = [fn.__self__, k]
                    fn = im_func
                    return g.invoke(g, xs, f)
            else:
                g = record_of(fn)
                if g is not None:
                    return g.invoke(g, (k,), f)
            return fn(k)
        return call_method_const
    if len(args) == 1:
        a, = args

        def call_method1(f):
            fn = get(f[i])
            x = a(f)
            t = type(fn)
            if t is MethodType:
                im_func = fn.__func__
                g = record_of(im_func)
                if g is not None:
                    xs = [fn.__self__, x]
                    del x
                    fn = im_func
                    return g.invoke(g, xs, f)
            else:
                g = record_of(fn)
                if g is not None:
                    xs = [x]
                    del x
                    return g.invoke(g, xs, f)
            return fn(x)
        return call_method1
    a, b = args

    def call_method2(f):
        fn = get(f[i])
        x = a(f)
        y = b(f)
        t = type(fn)
        if t is MethodType:
            im_func = fn.__func__
            g = record_of(im_func)
            if g is not None:
                xs = [fn.__self__, x, y]
                del x, y
                fn = im_func
                return g.invoke(g, xs, f)
        else:
            g = record_of(fn)
            if g is not None:
                xs = [x, y]
                del x, y
                return g.invoke(g, xs, f)
        return fn(x, y)
    return call_method2


def _global_call(c, node):
    """`name(...)` with name a global (or builtin) and 1-2 plain arguments: the global
    lookup is inlined into the call closure (recursion and helper calls)."""
    func = node.func
    if not (isinstance(func, ast.Name) and c.code.kind_of(func.id) is NameKind.GLOBAL) or not node.args:
        return None
    name = func.id
    load = c.expr(func)      # the full lookup (builtins, NameError) when the global is missing
    if len(node.args) == 1:
        shape = _slot_step(c, node.args[0])
        if shape is not None:
            return _global_call_slot_step(name, load, *shape)
    args = [c.expr(a) for a in node.args]
    if len(args) == 1:
        a, = args

        def call_global1(f):
            fn = f[F_GLOBALS].get(name, load)
            if fn is load:
                fn = load(f)
            x = a(f)
            g = record_of(fn)     # a guest function: its record (runtime/function.py)
            if g is not None:
                xs = [x]     # (handed over: see _call)
                del x
                return g.invoke(g, xs, f)
            return fn(x)
        return call_global1
    a, b = args

    def call_global2(f):
        fn = f[F_GLOBALS].get(name, load)
        if fn is load:
            fn = load(f)
        x = a(f)
        y = b(f)
        g = record_of(fn)     # a guest function: its record (runtime/function.py)
        if g is not None:
            xs = [x, y]
            del x, y
            return g.invoke(g, xs, f)
        return fn(x, y)
    return call_global2


def _slot_step(c, node):
    """(slot, step) of an argument `local - k` / `local + k` (k an int constant, the local
    certainly bound; step is -k / k), else None."""
    if isinstance(node, ast.BinOp) and type(node.op) in (ast.Sub, ast.Add) \
            and isinstance(node.right, ast.Constant) and type(node.right.value) is int:
        i = bound_slot(c, node.left)
        if i is not None:
            return i, node.right.value, type(node.op) is ast.Sub
    return None


def _global_call_slot_step(name, load, i, k, minus):
    """`name(local - k)` / `name(local + k)`: recursion's usual call, one closure."""
    if minus:
        def call_global_minus(f):
            fn = f[F_GLOBALS].get(name, load)
            if fn is load:
                fn = load(f)
            x = f[i] - k
            g = record_of(fn)     # a guest function: its record (runtime/function.py)
            if g is not None:
                xs = [x]     # (handed over: see _call)
                del x
                return g.invoke(g, xs, f)
            return fn(x)
        return call_global_minus

    def call_global_plus(f):
        fn = f[F_GLOBALS].get(name, load)
        if fn is load:
            fn = load(f)
        x = f[i] + k
        g = record_of(fn)     # a guest function: its record (runtime/function.py)
        if g is not None:
            xs = [x]     # (handed over: see _call)
            del x
            return g.invoke(g, xs, f)
        return fn(x)
    return call_global_plus


def transform_Starred(c, node):
    raise c.unsupported("starred expression outside a call or display", node)


def transform_Await(c, node):
    raise c.unsupported("'await' in this position", node)


def transform_Yield(c, node):
    raise c.unsupported("'yield' in this position", node)


transform_YieldFrom = transform_Yield


def load_slot_checked(i, name):
    def load(f):
        v = f[i]
        if v is UNBOUND:
            raise UnboundLocalError(name)
        return v
    return load


# ---- zero-argument super() ---------------------------------------------------------


def zero_arg_super(c, node):
    code = c.code
    load_super = c.expr(node.func)
    if "__class__" not in code.freevars or code.argcount + code.has_varargs == 0:
        def run_bad_super(f):
            sup = load_super(f)
            if sup is not super:
                return sup()
            if code.argcount + code.has_varargs == 0:
                raise RuntimeError("super(): no arguments")
            raise RuntimeError("super(): __class__ cell not found")
        return run_bad_super
    cls_slot = code.slot("__class__")
    first = code.varnames[0]
    first_kind = code.kind_of(first)

    def run_super(f):
        sup = load_super(f)
        if sup is not super:
            return sup()
        try:
            cls = f[cls_slot].cell_contents
        except ValueError:
            raise RuntimeError("super(): empty __class__ cell") from None
        obj = f[HEADER]
        if first_kind is NameKind.CELL:
            obj = obj.cell_contents
        if obj is UNBOUND:
            raise RuntimeError("super(): arg[0] deleted")
        if code.has_varargs and code.argcount == 0:
            if not obj:
                raise RuntimeError("super(): no arguments")
            obj = obj[0]
        return super(cls, obj)
    return run_super
