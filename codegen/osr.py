"""On-stack replacement regions: one guest loop statement compiled on its own.

In: a function's GuestCode and globals, one `ast.While`/`ast.For` node, the
current values of the locals the loop uses, and for a `for` loop what is left
of its iteration (a `range` or a 1-D ndarray). Out: a `NativeSpec` whose entry
takes those values and returns the tuple of the locals the loop assigns.

The region is built as a synthetic guest function (so build.py, typeinfer.py
and the deopt-safety analysis apply unchanged):

    def f(<locals used>, $it0, $it1, $it2):
        for <target> in range($it0, $it1, $it2):   # or `in $it0`, or the while loop
            <body>
        else:
            <orelse>
        return (<locals assigned>)

A loop containing `return`, `yield`, `global` or nested scopes is not a region
(tiering.py keeps it in tier 0).

Whole-function OSR (`compile_whole`): for a loop at the top of its function (reached
from the body through `if` statements only, so no enclosing loop has state outside
the frame), the synthetic function is the rest of the call from that loop's header:

    def f(<locals the rest uses, bound now>, $it0, $it1, $it2):
        for <target> in range($it0, $it1, $it2):   # or the while loop as it is
            <body>
        else:
            <orelse>
        <the statements after the loop, up to the function's end>

It returns what the guest function returns; protojit/loophooks.py makes that tier 0's
return value. Its inner loops, returns inside the loop, and everything after the loop
run natively, so the enclosing work of a kernel called once leaves tier 0 too. tiering.py runs the region from tier 0's loop
after N iterations, writes the returned locals back into the frame and skips
the rest of tier 0's loop; a DEOPT leaves the frame untouched and tier 0
simply continues the loop, which is exact for the same reason as for calls:
no guard can fail after a visible effect.

Object code (compile_whole_objects, compile_module_loop): the same synthetic
functions built in object mode, for loops whose locals hold objects. The arguments
are the frame's values (a whole-function spec takes their references over from the
frame: compile_whole_objects), `$it0` may be the
loop's live iterator (any iterable: `for x in $it0`), and the code runs in tier 0's
frame (compiler.ObjectSpec.call osr_frame). A module-level loop becomes
`def <module>($it...): global <names it binds>; <loop>`: reads and writes go to the
module dict as they happen.
"""
from __future__ import annotations

import ast
import time
from types import SimpleNamespace

from . import build, compiler, jit, lower
from .errors import Unsupported
from .types import K_ARRAY, K_BOOL, K_FLOAT, K_INT, Type


def loop_signature(code, node, args: tuple) -> tuple:
    """What the compile functions below need of a loop's arguments: (their numeric
    types or the Unsupported that taking them raised, their object-code types). Taken
    at the loop's header, so that a compile on the background thread holds no guest
    value (compiler.call_signature says why)."""
    try:
        numeric = compiler.args_types(args, code.filename, node.lineno)
    except Unsupported as e:
        numeric = Unsupported(e.feature, e.filename, e.line)
    objects = tuple(Type.from_value(a, objects=True) for a in args)
    return numeric, objects


def _numeric_types(signature, args, code, node):
    if signature is None:
        return compiler.args_types(args, code.filename, node.lineno)
    numeric = signature[0]
    if isinstance(numeric, Unsupported):
        raise Unsupported(numeric.feature, numeric.filename, numeric.line)   # (a fresh one)
    return numeric


def _object_types(signature, args):
    if signature is None:
        return tuple(Type.from_value(a, objects=True) for a in args)
    return signature[1]


def _name(n, line):
    return ast.Name(id=n, ctx=ast.Load(), lineno=line, col_offset=0)


def synthetic_function(code, node, used, assigned, iter_kind) -> ast.FunctionDef:
    line = node.lineno
    params = list(used)
    loop = node
    if iter_kind == "range":
        params += ["$it0", "$it1", "$it2"]
        it = ast.Call(func=_name("range", line), args=[_name(p, line) for p in params[-3:]],
                      keywords=[], lineno=line, col_offset=0)
        loop = ast.For(target=node.target, iter=it, body=node.body, orelse=node.orelse,
                       lineno=line, col_offset=0, end_lineno=node.end_lineno)
    elif iter_kind == "array":
        params += ["$it0"]
        loop = ast.For(target=node.target, iter=_name("$it0", line), body=node.body,
                       orelse=node.orelse, lineno=line, col_offset=0, end_lineno=node.end_lineno)
    ret = ast.Return(value=ast.Tuple(elts=[_name(a, line) for a in assigned], ctx=ast.Load(),
                                     lineno=line, col_offset=0), lineno=line, col_offset=0)
    args = ast.arguments(posonlyargs=[], args=[ast.arg(arg=p) for p in params], vararg=None,
                         kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    return ast.FunctionDef(name=code.name, args=args, body=[loop, ret], decorator_list=[],
                           returns=None, lineno=line, col_offset=0, end_lineno=node.end_lineno)


def continuation(fn_node: ast.AST, loop: ast.AST, through_try: bool = True) -> list | None:
    """The statements of the rest of a call from `loop`'s header, `loop` first: None when
    the loop is not at the top of the function (inside another loop, a with, a try's
    handler, else or finally). A loop in a try's body (`through_try`) continues inside a
    copy of that try whose body is the rest of the body from the loop: its handlers,
    else and finally apply to the rest of the call as they do in tier 0's try, which
    the loop is running inside (protojit/loophooks.py try_statement)."""
    def find(stmts):
        for i, s in enumerate(stmts):
            if s is loop:
                return list(stmts[i:])
            if isinstance(s, ast.If):
                for branch in (s.body, s.orelse):
                    r = find(branch)
                    if r is not None:
                        return r + list(stmts[i + 1:])
            elif through_try and isinstance(s, ast.Try):
                r = find(s.body)
                if r is not None:
                    rest = ast.Try(body=r, handlers=s.handlers, orelse=s.orelse,
                                   finalbody=s.finalbody, lineno=s.lineno,
                                   col_offset=s.col_offset, end_lineno=s.end_lineno,
                                   end_col_offset=s.end_col_offset)
                    return [rest] + list(stmts[i + 1:])
        return None
    body = fn_node.body if isinstance(fn_node.body, list) else None
    return find(body) if body is not None else None


def whole_function(code, node, params, iter_kind) -> ast.FunctionDef:
    """The synthetic function of whole-function OSR at `node` (module docstring)."""
    stmts = continuation(code.node, node)
    line = node.lineno
    params = list(params)
    first = node
    if iter_kind == "range":
        params += ["$it0", "$it1", "$it2"]
        it = ast.Call(func=_name("range", line), args=[_name(p, line) for p in params[-3:]],
                      keywords=[], lineno=line, col_offset=0)
        first = ast.For(target=node.target, iter=it, body=node.body, orelse=node.orelse,
                        lineno=line, col_offset=0, end_lineno=node.end_lineno)
    elif iter_kind == "iter":
        # the live iterator of tier 0's loop: iter() of an iterator is the iterator itself
        params += ["$it0"]
        first = ast.For(target=node.target, iter=_name("$it0", line), body=node.body,
                        orelse=node.orelse, lineno=line, col_offset=0, end_lineno=node.end_lineno)
    args = ast.arguments(posonlyargs=[], args=[ast.arg(arg=p) for p in params], vararg=None,
                         kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    end = stmts[-1].end_lineno or line
    # `global`/`nonlocal` statements before the loop still declare the names it uses
    decls = [n for n in _own_nodes(code.node) if isinstance(n, (ast.Global, ast.Nonlocal))]
    fdef = ast.FunctionDef(name=code.name, args=args, body=decls + _with_head(stmts, first),
                           decorator_list=[], returns=None, lineno=line, col_offset=0,
                           end_lineno=end)
    fdef.osr_top = first   # build.py marks its header: the snapshot of _snapshot_plan
    return fdef


def _with_head(stmts: list, first: ast.AST) -> list:
    """`stmts` (a continuation) with its loop replaced by `first`: the loop comes first,
    or first in the body of the try copy that continuation made around it."""
    head = stmts[0]
    if isinstance(head, ast.Try):
        head.body = _with_head(head.body, first)   # (continuation's own copy)
        return stmts
    return [first] + stmts[1:]


def _own_nodes(fn_node):
    """The nodes of a function's body, not those of the scopes nested in it."""
    stack = list(fn_node.body)
    while stack:
        n = stack.pop()
        yield n
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(n))


def compile_whole(code, globals_, node, params, args: tuple, iter_kind,
                  cache: bool = False, keep_ir: bool = False,
                  function=None, numeric: bool = True, quick: bool = False,
                  signature=None) -> compiler.NativeSpec:
    """Compile the rest of a call of `code` from `node`'s header (whole-function OSR):
    numeric code if it can be (and `numeric`); else, given the guest `function` (object
    code on), object code (compile_whole_objects). `signature` (loop_signature) stands
    for `args`, which is then None (a compile on the background thread)."""
    try:
        if iter_kind == "iter" or not numeric:
            raise Unsupported("not numeric", code.filename, node.lineno)
        fdef = whole_function(code, node, params, iter_kind)
        spec = _compile_synthetic(code, globals_, node, fdef, args, cache, keep_ir, whole=True,
                                  signature=signature)
        if spec.return_type.kind == K_ARRAY:
            raise Unsupported("returning an array", code.filename, node.lineno)
        return spec
    except Unsupported as e:
        if function is None or e.feature.startswith("internal"):
            raise
    return compile_whole_objects(function, node, params, args, iter_kind, keep_ir, quick,
                                 signature=signature)


# Nodes that keep a module-level loop from object code: nested scopes (their names would
# resolve against the synthetic function), and bindings that are not ast.Name targets.
_MODULE_LOOP_REJECTS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
                        ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Yield,
                        ast.YieldFrom, ast.Await, ast.Import, ast.ImportFrom, ast.Match,
                        ast.Global, ast.Nonlocal, ast.AsyncFor, ast.AsyncWith)


def module_loop_reason(node) -> str | None:
    """Why a module-level loop cannot run as object code (None: it may). (A `for` loop's
    iterable is evaluated by tier 0 before: it does not count.)"""
    parts = [node.target, *node.body, *node.orelse] if isinstance(node, ast.For) else [node]
    for sub in (s for part in parts for s in ast.walk(part)):
        if isinstance(sub, _MODULE_LOOP_REJECTS):
            return f"{type(sub).__name__} inside the loop"
    return None


def module_loop_function(code, node, iter_kind) -> ast.FunctionDef:
    """A module-level loop as a function whose every name is the module's (object code):

        def <module>($it0, ...):
            global <every name the loop binds or deletes>
            for <target> in $it0:      # or range($it0, $it1, $it2), or the while loop
                <body>
            else:
                <orelse>

    Reads and writes go to the module dict as they happen, so nothing is written back
    and an exception leaves the module's names as CPython's would."""
    line = node.lineno
    bound = []
    parts = [node.target, *node.body, *node.orelse] if isinstance(node, ast.For) else [node]
    for sub in (s for part in parts for s in ast.walk(part)):
        name = sub.id if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)) \
            else sub.name if isinstance(sub, ast.ExceptHandler) and sub.name else None
        if name is not None and name not in bound:
            bound.append(name)
    params = []
    first = node
    if iter_kind == "range":
        params = ["$it0", "$it1", "$it2"]
        it = ast.Call(func=_name("range", line), args=[_name(p, line) for p in params],
                      keywords=[], lineno=line, col_offset=0)
        first = ast.For(target=node.target, iter=it, body=node.body, orelse=node.orelse,
                        lineno=line, col_offset=0, end_lineno=node.end_lineno)
    elif iter_kind == "iter":
        params = ["$it0"]
        first = ast.For(target=node.target, iter=_name("$it0", line), body=node.body,
                        orelse=node.orelse, lineno=line, col_offset=0, end_lineno=node.end_lineno)
    body = [first]
    if bound:
        body.insert(0, ast.Global(names=bound, lineno=line, col_offset=0))
    args = ast.arguments(posonlyargs=[], args=[ast.arg(arg=p) for p in params], vararg=None,
                         kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    return ast.FunctionDef(name=code.name, args=args, body=body, decorator_list=[],
                           returns=None, lineno=line, col_offset=0, end_lineno=node.end_lineno)


def compile_module_loop(code, globals_, builtins, node, args: tuple, iter_kind,
                        keep_ir: bool = False, quick: bool = False,
                        signature=None) -> compiler.ObjectSpec:
    """A module-level loop (module_loop_function) as object code, run in the module's
    frame; `args`: what is left of the loop's iteration."""
    t0 = time.perf_counter()
    reason = module_loop_reason(node)
    if reason:
        raise Unsupported(reason, code.filename, node.lineno)
    found = compiler.reflective_use(node, objects=True)
    if found:
        raise Unsupported(f"reflective access {found[0]} reads the frame", code.filename, found[1])
    fdef = module_loop_function(code, node, iter_kind)
    # what object code needs of a guest function: the module's code, globals and builtins
    holder = SimpleNamespace(code=code, __globals__=globals_, builtins=builtins, __closure__=None,
                             __defaults__=None, __name__=code.name, __qualname__=code.qualname)
    arg_types = _object_types(signature, args)
    deps: list = []

    def build_ir(generic_fors):
        fn = build.build_function(fdef, code.filename, compiler.GuestResolver(holder, deps),
                                  objects=True, generic_fors=generic_fors,
                                  children=code.children)
        fn.guest_name = code.qualname
        return fn
    root = compiler.infer_types_obj(holder, arg_types, deps, build_ir)
    return compiler.object_spec(holder, arg_types, root, deps, keep_ir, t0, quick)


def compile_whole_objects(function, node, params, args: tuple, iter_kind,
                          keep_ir: bool = False, quick: bool = False,
                          signature=None) -> compiler.ObjectSpec:
    """The rest of a call of guest `function` from `node`'s header as object code: the
    synthetic function of whole_function, built in object mode (build.py) and entered
    with the frame's locals and the loop's live iterator as its arguments, whose
    references it takes over (ObjectSpec.call `take`: tier 0's frame lets them go, as
    the rest of the call owns them). Object code never deopts, so the call runs natively
    up to its return or an exception."""
    t0 = time.perf_counter()
    code = function.code
    reason = compiler.plain_code_reason(code, objects=True)
    if reason:
        raise Unsupported(reason, code.filename, node.lineno)
    found = compiler.reflective_use(code.node, objects=True)
    if found:
        raise Unsupported(f"reflective access {found[0]} reads the frame", code.filename, found[1])
    fdef = whole_function(code, node, params, iter_kind)
    cells = dict(zip(code.freevars, function.__closure__ or ()))
    if len(cells) != len(code.freevars):
        raise Unsupported("internal: closure and free variables differ", code.filename, node.lineno)
    arg_types = _object_types(signature, args)
    deps: list = []

    def build_ir(generic_fors):
        fn = build.build_function(fdef, code.filename, compiler.GuestResolver(function, deps),
                                  objects=True, generic_fors=generic_fors, cells=cells,
                                  children=code.children)
        fn.guest_name = code.qualname
        return fn
    root = compiler.infer_types_obj(function, arg_types, deps, build_ir)
    return compiler.object_spec(function, arg_types, root, deps, keep_ir, t0, quick)


def compile_region(code, globals_, node, used, assigned, args: tuple, iter_kind,
                   cache: bool = False, keep_ir: bool = False,
                   signature=None) -> compiler.NativeSpec:
    fdef = synthetic_function(code, node, used, assigned, iter_kind)
    return _compile_synthetic(code, globals_, node, fdef, args, cache, keep_ir,
                              signature=signature)


def _signal_dump(root, fdef) -> list:
    """The (name, kind) of the region's assigned locals that a signal handler's exception
    hands back to tier 0's frame (lower.py ERR_LOCALS): those of int, float or bool type,
    bound whenever the region runs (its parameters)."""
    params = {a.arg for a in fdef.args.args}
    assigned = [e.id for e in fdef.body[-1].value.elts]
    out = []
    for name in assigned:
        var = root.locals.get(name)
        if name not in params or var is None or var.type is None or id(var) in root.maybe_unbound:
            continue
        if var.type.kind in (K_INT, K_FLOAT, K_BOOL):
            out.append((name, var.type.kind))
    return out[:lower.LOCALS_MAX]


def _snapshot_plan(root, fdef):
    """Whole-function OSR: what the top loop's header hands back to tier 0 on a DEOPT
    (lower.py emit_osr_snapshot, ERR_LOCALS): ((name, kind) of every local the loop
    assigns, the loop's position counter or None for a `while`), or None when the
    snapshot cannot be the whole frame state at the header: a local the loop assigns that
    is not an int, float or bool, or not bound when the call went native."""
    loop = getattr(root, "osr_loop", None)
    top = getattr(fdef, "osr_top", None)
    if loop is None or top is None:
        return None
    params = {a.arg for a in fdef.args.args}
    names = [n.id for n in ast.walk(top) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
    dump = []
    for name in dict.fromkeys(names):
        var = root.locals.get(name)
        if name not in params or var is None or var.type is None or id(var) in root.maybe_unbound \
                or var.type.kind not in (K_INT, K_FLOAT, K_BOOL):
            return None
        dump.append((name, var.type.kind))
    if any(isinstance(n, (ast.Delete, ast.ExceptHandler)) for n in ast.walk(top)) \
            or len(dump) + 1 > lower.LOCALS_MAX:
        return None
    return dump, loop[1]


def _compile_synthetic(code, globals_, node, fdef, args, cache, keep_ir, whole=False,
                       signature=None):
    t0 = time.perf_counter()
    deps: list = []
    holder = SimpleNamespace(__globals__=globals_)
    resolver = compiler.GuestResolver(holder, deps)

    from . import typeinfer

    unit = typeinfer.Unit(None)

    def make(ref, types):
        return unit.specialise(ref, types, lambda: compiler._build_ir(ref.func, deps))
    unit.make_function = make
    arg_types = _numeric_types(signature, args, code, node)
    root = unit.specialise(("osr-whole" if whole else "osr", id(node)), arg_types,
                           lambda: build.build_function(fdef, code.filename, resolver))
    root.guest_name = code.qualname
    typeinfer.infer_unit(unit)
    functions = list(unit.functions.values())
    for t in () if whole else root.return_type.items:
        if t.kind == K_ARRAY:
            raise Unsupported("the loop assigns an array to a local", code.filename, node.lineno)
    recursive = compiler.check_unit(functions)
    if not whole:
        root.osr_dump = _signal_dump(root, fdef)
    else:
        root.osr_snapshot = _snapshot_plan(root, fdef)
    t1 = time.perf_counter()
    module, entry = compiler.lower_unit(root, functions, recursive)
    t2 = time.perf_counter()
    compiled = jit.compile_module(module, [entry], keep_ir=keep_ir, use_cache=cache)
    jit.release(module)
    t3 = time.perf_counter()
    spec = compiler.NativeSpec(holder, arg_types, root.return_type, compiled.addresses[entry],
                               functions, deps)
    spec.has_effects = root.has_effects
    spec.osr_dump = getattr(root, "osr_dump", None)
    plan = getattr(root, "osr_snapshot", None)
    # (name, kind) of each local of the snapshot, and whether the range position follows
    spec.osr_snapshot = (plan[0], plan[1] is not None) if plan else None
    spec.cached = compiled.cached
    spec.times = {"frontend": t1 - t0, "lower": t2 - t1, **compiled.times, "total": t3 - t0}
    spec.ir_ops = sum(len(b.ops) for f in functions for b in f.blocks)
    if keep_ir:   # --trace: the IR texts go into the compile event (protojit trace --ir)
        spec.typed_ir = "".join(compiler.format_function(f) for f in functions)
        spec.llvm_ir = compiled.llvm_ir
        spec.optimised_ir = compiled.optimised_ir
    return spec
