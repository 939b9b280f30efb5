"""AST -> untyped IR (ir.py) for one guest function.

In: an `ast.FunctionDef` plus the names it may call (`Resolver`). Out: an
`ir.Function` whose values have no types yet (typeinfer.py adds them). The
`transform_*` functions each handle one kind of node; `FunctionBuilder` only
holds the state they share (blocks, locals, loop targets, current line).
Anything not handled raises `Unsupported` naming the guest file and line.

Two modes. Numeric mode (the default) builds only what unboxed native code can
run: globals are resolved at compile time (callees, math, constants) and any
other value is Unsupported. Object mode (`objects=True`, tried by compiler.py
when numeric mode says no) builds every value that is not a scalar as an
object op (ir.OBJECT_OPS): global names are read at run time (LoadGlobal),
calls go through vectorcall, attributes, subscripts, displays and iteration
are CPython's generic protocols. `for x in range(...)` stays a counted loop in
both modes unless type inference finds a range argument that is an object
(`generic_fors`: then the loop is rebuilt as a generic iteration).
An object Temp never crosses a block boundary (values that must, go through a
hidden local), which is the invariant the lowering's reference counting uses.
"""
from __future__ import annotations

import ast
import math
import types
from dataclasses import dataclass

from . import ir
from .eligible import FRAME_READERS
from .errors import Unsupported
from .types import INT64_MAX, INT64_MIN

BUILTINS = ("abs", "min", "max", "int", "float", "bool", "len")
# The host's own builtins that native code implements itself, by name: what a guest name
# must still be bound to for that (not `import builtins`: sys.modules' is the guest's).
HOST_BUILTINS = {f.__name__: f for f in (abs, min, max, int, float, bool, len, range, sum, any,
                                         all, list, tuple, set, frozenset, sorted, dict)}
MATH_FUNCS = ("sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "atan", "asin",
              "acos", "atan2", "sinh", "cosh", "tanh", "floor", "ceil", "trunc", "fabs",
              "pow", "isnan", "isinf", "isfinite", "hypot", "copysign", "fmod", "expm1", "log1p")
MATH_CONSTS = {"pi": math.pi, "e": math.e, "tau": math.tau, "inf": math.inf, "nan": math.nan}


def is_math_attr(name: str, obj) -> bool:
    """Is `obj` the math module's own function or constant `name`? (Not whatever math.NAME
    holds now: the program may have replaced it, before the compile or after.)"""
    if name in MATH_CONSTS:
        want = MATH_CONSTS[name]
        return type(obj) is float and (obj == want or (obj != obj and want != want))
    return type(obj) is types.BuiltinFunctionType and obj.__self__ is math and obj.__name__ == name


@dataclass(frozen=True)
class CalleeRef:
    """A guest function called by name: its AST, the globals it sees and the
    function object itself (compiler.py builds the callee's IR from it)."""
    name: str
    node: ast.FunctionDef
    globals_dict: dict
    func: object = None

    def __hash__(self):
        return id(self.node)

    def __eq__(self, other):
        return isinstance(other, CalleeRef) and other.node is self.node


class Resolver:
    """Answers what a global name means inside one guest function."""

    def __init__(self, globals_dict: dict, resolve_global=None, optimize: bool = False):
        self.globals_dict = globals_dict
        self.resolve_global = resolve_global
        self.optimize = optimize    # -O: assert statements compile to nothing

    def callee(self, name: str) -> CalleeRef | None:
        if self.resolve_global is not None:
            found = self.resolve_global(name)
            if found is not None:
                node, g = found
                return CalleeRef(name, node, g)
        fn = self.globals_dict.get(name)
        if fn is None or not hasattr(fn, "__code__"):
            return None
        node = _function_ast(fn)
        return CalleeRef(name, node, getattr(fn, "__globals__", self.globals_dict), fn)

    def math_name(self, name: str) -> str | None:
        """'sqrt' if `name` is bound to math.sqrt in globals (from math import ...)."""
        obj = self.globals_dict.get(name)
        for f in MATH_FUNCS:
            if is_math_attr(f, obj):
                return f
        return None

    def is_math_module(self, name: str) -> bool:
        return self.globals_dict.get(name) is math

    def math_attr(self, attr: str) -> bool:
        """Does math.`attr` still hold the math module's own function or constant?"""
        return is_math_attr(attr, getattr(math, attr, None))

    def builtin(self, name: str) -> bool:
        """Does `name` (not a local) mean the builtin of that name?"""
        return name not in self.globals_dict

    def global_const(self, name: str):
        """The value of a global int/float/bool constant, or None."""
        return None

    def foreign(self, name: str, attr: str | None = None):
        """A codegen.ffi.NativeCallee if global `name` (or, with `attr`, the attribute
        `attr` of the library object bound to `name`) is a guest ctypes function that
        native code may call directly; else None."""
        return None


_AST_CACHE: dict[int, ast.FunctionDef] = {}


def _function_ast(fn) -> ast.FunctionDef:
    code = fn.__code__
    cached = _AST_CACHE.get(id(code))
    if cached is not None:
        return cached
    import inspect
    import textwrap
    try:
        src = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError) as e:
        raise Unsupported(f"no source for {fn.__name__}: {e}", code.co_filename, code.co_firstlineno)
    tree = ast.parse(src)
    node = tree.body[0]
    ast.increment_lineno(tree, code.co_firstlineno - node.lineno)
    _AST_CACHE[id(code)] = node
    return node


_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
                  ast.SetComp, ast.DictComp, ast.GeneratorExp)


_INLINED_COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
# Builtins whose call on a generator expression consumes it whole (or up to a short-circuit)
# in order: object mode inlines `F(x for ...)` as loops doing F's own steps
# (transform_genexpr_call) when the name F is CPython's builtin (a per-call dependency).
GENEXPR_CONSUMERS = ("sum", "any", "all", "max", "min", "list", "tuple", "set", "frozenset", "dict",
                     "sorted")


def _walk_function(node: ast.AST, objects: bool):
    """ast.walk over a function's own scope. Object mode inlines list/set/dict
    comprehensions (transform_comprehension): their parts are walked except the names
    their `for` targets bind, which are the comprehension's own; anything in them that
    would need a scope of its own (a lambda, a generator expression...) is rejected."""
    todo = [node]
    while todo:
        sub = todo.pop()
        if objects and isinstance(sub, _INLINED_COMPS):
            for inner in ast.walk(sub):
                if inner is not sub and isinstance(inner, _NESTED_SCOPES + (ast.NamedExpr,)) \
                        and not isinstance(inner, _INLINED_COMPS):
                    what = "assignment expression" if isinstance(inner, ast.NamedExpr) else \
                        type(inner).__name__
                    raise Unsupported(f"{what} inside a comprehension", "", inner.lineno)
            for gen in sub.generators:
                todo.append(gen.iter)
                todo.extend(gen.ifs)
            todo.extend([sub.key, sub.value] if isinstance(sub, ast.DictComp) else [sub.elt])
            continue
        yield sub
        todo.extend(ast.iter_child_nodes(sub))


def assigned_names(node: ast.FunctionDef, globals_out: set | None = None,
                   nonlocals_out: set | None = None) -> set[str]:
    """Python's rule: a name bound anywhere in the body is local (unless declared
    `global` or `nonlocal`: object mode passes `globals_out`/`nonlocals_out` to collect
    those)."""
    names = {a.arg for a in node.args.args} | {a.arg for a in (node.args.vararg, node.args.kwarg) if a}
    declared = set()
    nonlocal_: set[str] = set()
    for sub in _walk_function(node, globals_out is not None):
        if globals_out is not None and isinstance(sub, _NESTED_SCOPES) and sub is not node:
            what = {ast.ListComp: "list comprehension", ast.SetComp: "set comprehension",
                    ast.DictComp: "dict comprehension", ast.GeneratorExp: "generator expression",
                    ast.Lambda: "lambda", ast.ClassDef: "class definition"}.get(type(sub), "nested function")
            raise Unsupported(what, "", sub.lineno)
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            names.add(sub.id)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            names.add(sub.name)
        elif isinstance(sub, ast.Global) and globals_out is not None:
            declared.update(sub.names)
        elif isinstance(sub, ast.Nonlocal) and nonlocals_out is not None:
            nonlocal_.update(sub.names)
        elif isinstance(sub, (ast.Global, ast.Nonlocal)):
            raise Unsupported(type(sub).__name__.lower() + " statement", "", sub.lineno)
    if globals_out is not None:
        globals_out.update(declared)
    if nonlocals_out is not None:
        nonlocals_out.update(nonlocal_)
    return names - declared - nonlocal_


class FunctionBuilder:
    def __init__(self, node: ast.FunctionDef, filename: str, resolver: Resolver,
                 objects: bool = False, generic_fors: frozenset = frozenset(),
                 cells: dict | None = None, children: dict | None = None):
        self.objects = objects
        self.cells = cells or {}            # free variable -> its cell (object mode)
        self.nonlocal_names: set[str] = set()
        self.children = children or {}      # id(ast node) -> GuestCode of a nested scope
        self.renames: dict[str, str] = {}   # a comprehension's own names -> hidden locals
        self.scope = None                   # the comprehension whose code is being emitted
        self.ncomps = 0
        self.generic_fors = generic_fors
        self.global_names: set[str] = set()
        self.node = node
        self.filename = filename
        self.resolver = resolver
        self.line = node.lineno
        self.blocks: list[ir.Block] = []
        self.block = self.new_block()
        self.locals: dict[str, ir.Var] = {}
        self.local_names = set()
        # (continue target, break target, len(unwind) when the loop started)
        self.loops: list[tuple[ir.Block, ir.Block, int]] = []
        self.ntemps = 0
        # Object mode, exception handling: the landing block of the innermost enclosing
        # try/with (every emitted op gets it: ir.Op.handler), and what a return, break or
        # continue must run on its way out of each enclosing finally, except handler and
        # with (innermost last; transform_return/unwind_to).
        self.handler: ir.Block | None = None
        self.unwind: list[Unwind] = []
        self.ntry = 0
        self.comp_step = None   # the innermost comprehension's (consumer, outer scope/handler, exit)
        self.generator = False  # a generator's body (object mode: generators.transform_yield)

    # -- helpers shared by the transforms
    def unsupported(self, what: str, line: int | None = None):
        return Unsupported(what, self.filename, line if line is not None else self.line)

    def new_block(self) -> ir.Block:
        b = ir.Block(len(self.blocks))
        self.blocks.append(b)
        return b

    def temp(self) -> ir.Temp:
        self.ntemps += 1
        return ir.Temp(f"r{self.ntemps - 1}")

    def var(self, name: str) -> ir.Var:
        if name not in self.locals:
            self.locals[name] = ir.Var(name)
        return self.locals[name]

    def emit(self, op: ir.Op) -> ir.Op:
        if self.scope is not None:
            op.scope = self.scope
        if self.handler is not None:
            op.handler = self.handler
        if self.block.terminator is None:
            self.block.ops.append(op)
        # else: unreachable code after return/break; dropped (never runs)
        return op

    def emit_value(self, cls, *args, **kw) -> ir.Temp:
        t = self.temp()
        self.emit(cls(self.line, *args, result=t, **kw))
        return t

    def const(self, value) -> ir.Temp:
        return self.emit_value(ir.Const, value)

    def goto(self, target: ir.Block) -> None:
        self.emit(ir.Jump(self.line, target))

    def set_block(self, b: ir.Block) -> None:
        self.block = b


def build_function(node: ast.FunctionDef, filename: str, resolver: Resolver,
                   objects: bool = False, generic_fors: frozenset = frozenset(),
                   defaults: tuple | None = None, cells: dict | None = None,
                   children: dict | None = None, nargs: int | None = None) -> ir.Function:
    """Build the untyped IR of `node` (see the module docstring for the modes).
    `defaults` (object mode): (function, number of positional arguments given) when
    the call leaves trailing parameters to their defaults (transform_defaults).
    `cells` (object mode): each free variable's cell, from the function's __closure__.
    `children` (object mode): GuestCode.children, the codes of inlined comprehensions.
    `nargs` (object mode): the positional arguments of the call it is compiled for; those
    beyond the parameters are hidden arguments that make the *args tuple. (Calls with
    keywords run in tier 0, so **kwargs is always an empty dict here.)"""
    a = node.args
    # (Decorators do not matter here: what is compiled is the Function object in hand --
    # the one a @staticmethod/@classmethod wraps, or a callee a global name holds.)
    if ((a.vararg or a.kwarg) and not objects) or a.kwonlyargs or a.posonlyargs:
        what = ("*args" if a.vararg else "**kwargs" if a.kwarg
                else "keyword-only parameters" if a.kwonlyargs else "positional-only parameters")
        raise Unsupported(f"{what} in the signature", filename, node.lineno)
    b = FunctionBuilder(node, filename, resolver, objects, generic_fors, cells, children)
    b.generator = is_generator(node)
    if b.generator and not objects:
        raise Unsupported("generator", filename, node.lineno)
    try:
        b.local_names = assigned_names(node, b.global_names if objects else None,
                                       b.nonlocal_names if objects else None)
    except Unsupported as e:
        raise Unsupported(e.feature, filename, e.line)
    given = len(a.args) if defaults is None else defaults[1]
    args = [b.var(x.arg) for x in a.args[:given]]
    extra = []
    if a.vararg and nargs is not None and nargs > len(a.args):
        extra = [b.var(f"$star{i}") for i in range(nargs - len(a.args))]
        args += extra
    b.param_names = {x.arg for x in a.args[:given]} | {x.arg for x in (a.vararg, a.kwarg) if x}
    if given < len(a.args):
        transform_defaults(b, defaults[0], given)
    if a.vararg:
        b.emit(ir.Store(b.line, b.var(a.vararg.arg), b.emit_value(
            ir.BuildSeq, ir.SEQ_TUPLE, [b.emit_value(ir.Load, v) for v in extra])))
    if a.kwarg:
        b.emit(ir.Store(b.line, b.var(a.kwarg.arg), b.emit_value(ir.BuildDict, [], [])))
    for stmt in node.body:
        transform_stmt(b, stmt)
    if b.block.terminator is None:
        b.line = node.body[-1].end_lineno or b.line
        b.emit(ir.Return(b.line, b.const(None)))
    blocks = _reachable(b.blocks[0])
    if objects:
        _spill_block_crossing_temps(blocks, b.locals)
    fn = ir.Function(node.name, filename, node.lineno, args, blocks, b.locals, objects=objects,
                     generator=b.generator)
    fn.osr_loop = getattr(b, "osr_loop", None)   # whole-function OSR's top loop (osr.py)
    return fn


def transform_defaults(b: FunctionBuilder, func, given: int) -> None:
    """Object mode, a call that gives `given` of the positional parameters: each other
    parameter is its default, read when the call starts as CPython does. The defaults
    tuple seen at compile time is checked by identity (`func.__defaults__` may be
    reassigned; ir.FuncDefaults reads it inline); its items are then constants. Another tuple takes
    slowpaths.default_arg, which gives the item or raises CPython's TypeError."""
    from . import slowpaths
    params = b.node.args.args
    seen = func.__defaults__ or ()
    first = len(params) - len(seen)
    cur = b.emit_value(ir.FuncDefaults, func)
    same = b.emit_value(ir.Compare, ir.IS, cur, b.emit_value(ir.ObjConst, seen))
    fast, slow, done = b.new_block(), b.new_block(), b.new_block()
    b.emit(ir.Branch(b.line, same, fast, slow))
    for blk, is_fast in ((fast, True), (slow, False)):
        b.set_block(blk)
        for i in range(given, len(params)):
            if is_fast and i >= first:
                v = b.emit_value(ir.ObjConst, seen[i - first])
            else:
                v = b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.default_arg),
                                 [b.emit_value(ir.ObjConst, func), b.const(given), b.const(i)], ())
            b.emit(ir.Store(b.line, b.var(params[i].arg), v))
        b.goto(done)
    b.set_block(done)


def _replace_source(op: ir.Op, old: ir.Value, new: ir.Value) -> None:
    for name in op.__dataclass_fields__:
        v = getattr(op, name)
        if v is old:
            setattr(op, name, new)
        elif isinstance(v, list) and any(x is old for x in v):
            setattr(op, name, [new if x is old else x for x in v])


def _spill_block_crossing_temps(blocks: list[ir.Block], locals_: dict) -> None:
    """Object mode: a Temp used in another block than its own (`f(a, x if c else y)`:
    `f` and `a` are pending while the conditional makes blocks) goes through a hidden
    local: stored right after its definition, loaded again in each block using it."""
    home = {}
    for blk in blocks:
        for op in blk.ops:
            if op.dest is not None:
                home[id(op.dest)] = blk
    spills: dict[int, ir.Var] = {}
    for blk in blocks:
        reloaded: dict[int, ir.Temp] = {}
        i = 0
        while i < len(blk.ops):
            op = blk.ops[i]
            for s in op.sources():
                if not isinstance(s, ir.Temp) or home.get(id(s)) is blk:
                    continue
                if id(s) in reloaded:
                    _replace_source(op, s, reloaded[id(s)])
                    continue
                var = spills.get(id(s))
                if var is None:
                    var = spills[id(s)] = ir.Var(f"$spill{len(spills)}")
                    locals_[var.name] = var
                    src_blk = home[id(s)]
                    at = next(j for j, o in enumerate(src_blk.ops) if o.dest is s)
                    store = ir.Store(src_blk.ops[at].line, var, s)
                    store.handler = src_blk.ops[at].handler
                    src_blk.ops.insert(at + 1, store)
                    if src_blk is blk and at < i:
                        i += 1
                t = ir.Temp(f"{s.name}.{blk.label}")
                load = ir.Load(op.line, var, t)
                load.handler = op.handler
                blk.ops.insert(i, load)
                i += 1
                reloaded[id(s)] = t
                _replace_source(op, s, t)
            i += 1


def _reachable(entry: ir.Block) -> list[ir.Block]:
    seen: list[ir.Block] = []
    stack = [entry]
    ids = set()
    while stack:
        blk = stack.pop()
        if id(blk) in ids:
            continue
        ids.add(id(blk))
        seen.append(blk)
        stack.extend(reversed(blk.successors() + blk.exc_successors()))
    seen.sort(key=lambda blk: blk.label)
    for i, blk in enumerate(seen):
        blk.label = i
    return seen


# ---- statements

def transform_stmt(b: FunctionBuilder, s: ast.stmt) -> None:
    b.line = s.lineno
    fn = _STMTS.get(type(s))
    if fn is None:
        raise b.unsupported(f"statement {type(s).__name__}")
    fn(b, s)


def transform_body(b: FunctionBuilder, body: list[ast.stmt]) -> None:
    for s in body:
        transform_stmt(b, s)


def transform_expr_stmt(b, s: ast.Expr) -> None:
    if isinstance(s.value, ast.Constant):
        return  # docstring or bare constant: no effect
    transform_expr(b, s.value)


def transform_assign(b, s: ast.Assign) -> None:
    if b.objects and len(s.targets) == 1 and parallel_assignment(s.targets[0], s.value):
        # `a, b = b, a`: the values, then the targets left to right, as CPython's
        # BUILD_TUPLE + UNPACK_SEQUENCE (its compiler makes the same swap of stack items);
        # the tuple is never seen, so it is never built (issue 16 item 2)
        values = [transform_expr(b, e) for e in s.value.elts]
        for target, value in zip(s.targets[0].elts, values):
            assign_target(b, target, value)
        return
    value = transform_expr(b, s.value)
    for target in s.targets:
        assign_target(b, target, value)


def parallel_assignment(target: ast.expr, value: ast.expr) -> bool:
    """Is this `t1, ..., tn = e1, ..., en` (tuples or lists of one length, nothing starred)?"""
    kinds = (ast.Tuple, ast.List)
    return (isinstance(target, kinds) and isinstance(value, kinds)
            and len(target.elts) == len(value.elts)
            and not any(isinstance(e, ast.Starred) for e in target.elts + value.elts))


def transform_ann_assign(b, s: ast.AnnAssign) -> None:
    if s.value is None:
        return
    assign_target(b, s.target, transform_expr(b, s.value))


def assign_target(b, target: ast.expr, value: ir.Value) -> None:
    if b.objects:
        return assign_target_obj(b, target, value)
    if isinstance(target, ast.Name):
        b.emit(ir.Store(b.line, b.var(target.id), value))
    elif isinstance(target, (ast.Tuple, ast.List)):
        if any(isinstance(e, ast.Starred) for e in target.elts):
            raise b.unsupported("starred assignment")
        items = [b.emit_value(ir.TupleGet, value, i) for i in range(len(target.elts))]
        # the length is checked by type inference (TupleGet + unpack count)
        b.block.ops[-1].unpack_len = len(target.elts)
        for elt, item in zip(target.elts, items):
            assign_target(b, elt, item)
    elif isinstance(target, ast.Subscript):
        array = transform_expr(b, target.value)
        b.emit(ir.ArraySet(b.line, array, subscript_indices(b, target.slice), value))
    else:
        raise b.unsupported(f"assignment to {type(target).__name__}")


def subscript_indices(b, sl: ast.expr) -> list[ir.Value]:
    if isinstance(sl, ast.Tuple):
        return [transform_expr(b, e) for e in sl.elts]
    if isinstance(sl, ast.Slice):
        raise b.unsupported("slicing")
    return [transform_expr(b, sl)]


def assign_target_obj(b, target: ast.expr, value: ir.Value) -> None:
    if isinstance(target, ast.Name):
        if target.id in b.renames:
            b.emit(ir.Store(b.line, b.var(b.renames[target.id]), value))
        elif target.id in b.nonlocal_names:
            if target.id not in b.cells:
                raise b.unsupported(f"nonlocal {target.id} without a cell")
            b.emit(ir.CellSet(b.line, b.emit_value(ir.ObjConst, b.cells[target.id]), target.id, value))
        elif target.id in b.global_names:
            b.emit(ir.StoreGlobal(b.line, target.id, value))
        else:
            b.emit(ir.Store(b.line, b.var(target.id), value))
    elif isinstance(target, (ast.Tuple, ast.List)):
        stars = [i for i, e in enumerate(target.elts) if isinstance(e, ast.Starred)]
        if len(stars) > 1:
            raise b.unsupported("two starred targets")
        tup = b.emit_value(ir.UnpackSequence, value, len(target.elts))
        if stars:
            b.block.ops[-1].starred = stars[0]
        items = [b.emit_value(ir.TupleGet, tup, i) for i in range(len(target.elts))]
        for elt, item in zip(target.elts, items):
            assign_target_obj(b, elt.value if isinstance(elt, ast.Starred) else elt, item)
    elif isinstance(target, ast.Subscript):
        obj = transform_expr(b, target.value)
        b.emit(ir.SetItem(b.line, obj, subscript_index(b, target.slice), value))
    elif isinstance(target, ast.Attribute):
        b.emit(ir.SetAttr(b.line, transform_expr(b, target.value), target.attr, value))
    else:
        raise b.unsupported(f"assignment to {type(target).__name__}")


def subscript_index(b, sl: ast.expr) -> ir.Value:
    """The key of an object subscript: a value, a slice object or a tuple of them."""
    if isinstance(sl, ast.Slice):
        parts = [transform_expr(b, x) if x is not None else b.const(None)
                 for x in (sl.lower, sl.upper, sl.step)]
        return b.emit_value(ir.BuildSlice, *parts)
    if isinstance(sl, ast.Tuple) and any(isinstance(e, ast.Slice) for e in sl.elts):
        return b.emit_value(ir.BuildSeq, ir.SEQ_TUPLE, [subscript_index(b, e) for e in sl.elts])
    return transform_expr(b, sl)


def transform_delete(b, s: ast.Delete) -> None:
    if not b.objects:
        raise b.unsupported("statement Delete")
    for target in s.targets:
        delete_target(b, target)


def delete_target(b, target: ast.expr) -> None:
    """`del target` in object code, target by target, left to right (as CPython)."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            delete_target(b, elt)
    elif isinstance(target, ast.Name):
        name = target.id
        if name in b.renames or name in b.nonlocal_names or name in b.cells:
            raise b.unsupported(f"del of the free or cell variable {name!r}")
        if name in b.global_names:
            b.emit(ir.DelGlobal(b.line, name))
        else:
            b.emit(ir.DelLocal(b.line, b.var(name)))
    elif isinstance(target, ast.Attribute):
        b.emit(ir.DelAttr(b.line, transform_expr(b, target.value), target.attr))
    elif isinstance(target, ast.Subscript):
        obj = transform_expr(b, target.value)
        b.emit(ir.DelItem(b.line, obj, subscript_index(b, target.slice)))
    else:
        raise b.unsupported(f"del of {type(target).__name__}")


def transform_aug_assign(b, s: ast.AugAssign) -> None:
    op = type(s.op).__name__
    if op not in ir.BINARY_OPS:
        raise b.unsupported(f"operator {op}")
    if b.objects:
        t = s.target
        if isinstance(t, ast.Name):
            old = load_name(b, t.id)
            new = b.emit_value(ir.BinOp, op, old, transform_expr(b, s.value), inplace=True)
            assign_target_obj(b, t, new)
        elif isinstance(t, ast.Attribute):
            obj = transform_expr(b, t.value)
            old = b.emit_value(ir.GetAttr, obj, t.attr)
            new = b.emit_value(ir.BinOp, op, old, transform_expr(b, s.value), inplace=True)
            b.emit(ir.SetAttr(b.line, obj, t.attr, new))
        elif isinstance(t, ast.Subscript):
            obj = transform_expr(b, t.value)
            key = subscript_index(b, t.slice)
            old = b.emit_value(ir.GetItem, obj, key)
            new = b.emit_value(ir.BinOp, op, old, transform_expr(b, s.value), inplace=True)
            b.emit(ir.SetItem(b.line, obj, key, new))
        else:
            raise b.unsupported(f"augmented assignment to {type(t).__name__}")
        return
    if isinstance(s.target, ast.Name):
        old = load_name(b, s.target.id)
        new = b.emit_value(ir.BinOp, op, old, transform_expr(b, s.value))
        b.emit(ir.Store(b.line, b.var(s.target.id), new))
    elif isinstance(s.target, ast.Subscript):
        array = transform_expr(b, s.target.value)
        idx = subscript_indices(b, s.target.slice)
        old = b.emit_value(ir.ArrayGet, array, idx)
        new = b.emit_value(ir.BinOp, op, old, transform_expr(b, s.value))
        b.emit(ir.ArraySet(b.line, array, idx, new))
    else:
        raise b.unsupported(f"augmented assignment to {type(s.target).__name__}")


def transform_return(b, s: ast.Return) -> None:
    value = transform_expr(b, s.value) if s.value is not None else b.const(None)
    if b.unwind:
        # the value first, then every enclosing finally/handler/with on the way out (a
        # return in a finally body replaces this one: the code after it is dropped)
        hold = b.var(f"$ret{b.ntemps}")
        b.emit(ir.Store(b.line, hold, value))
        unwind_to(b, 0)
        b.line = s.lineno
        value = b.emit_value(ir.Load, hold)
    b.emit(ir.Return(b.line, value))


def transform_pass(b, s) -> None:
    pass


def transform_if(b, s: ast.If) -> None:
    then, orelse, done = b.new_block(), b.new_block(), b.new_block()
    transform_cond(b, s.test, then, orelse)
    b.set_block(then)
    transform_body(b, s.body)
    b.goto(done)
    b.set_block(orelse)
    transform_body(b, s.orelse)
    b.goto(done)
    b.set_block(done)


def transform_while(b, s: ast.While) -> None:
    head, body, orelse, done = b.new_block(), b.new_block(), b.new_block(), b.new_block()
    if s is getattr(b.node, "osr_top", None):
        b.osr_loop = (head, None)   # (as in transform_for)
    b.goto(head)
    b.set_block(head)
    transform_cond(b, s.test, body, orelse)
    b.set_block(body)
    b.loops.append((head, done, len(b.unwind)))
    transform_body(b, s.body)
    b.loops.pop()
    b.goto(head)
    b.set_block(orelse)
    transform_body(b, s.orelse)
    b.goto(done)
    b.set_block(done)


def transform_for(b, s: ast.For) -> None:
    """`for x in range(...)` and `for x in array` become a counted loop over a
    hidden counter $k < $n, so the loop itself never needs an overflow guard."""
    it = s.iter
    n = len(b.loops)
    key = (s.lineno, s.col_offset)
    if (isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range"
            and key not in b.generic_fors and not any(isinstance(a, ast.Starred) for a in it.args)
            and "range" not in b.local_names and "range" not in b.global_names
            and b.resolver.builtin("range") and not it.keywords):
        args = [transform_expr(b, a) for a in it.args]
        if not 1 <= len(args) <= 3:
            raise b.unsupported("range() with %d arguments" % len(args))
        if len(args) == 1:
            start, stop, step = b.const(0), args[0], b.const(1)
        elif len(args) == 2:
            start, stop, step = args[0], args[1], b.const(1)
        else:
            start, stop, step = args
        count = b.emit_value(ir.CallBuiltin, "range.len", [start, stop, step], node_key=key)
        vstart, vstep = b.var(f"$start{n}"), b.var(f"$step{n}")
        b.emit(ir.Store(b.line, vstart, start))
        b.emit(ir.Store(b.line, vstep, step))

        def item(k):
            return b.emit_value(ir.CallBuiltin, "range.item",
                                [b.emit_value(ir.Load, vstart), b.emit_value(ir.Load, vstep), k])
    elif b.objects:
        return transform_for_iter(b, s)
    else:
        seq = transform_expr(b, it)
        vseq = b.var(f"$seq{n}")
        b.emit(ir.Store(b.line, vseq, seq))
        count = b.emit_value(ir.CallBuiltin, "len", [seq])

        def item(k):
            return b.emit_value(ir.ArrayGet, b.emit_value(ir.Load, vseq), [k], checked=False)
    vk, vn = b.var(f"$k{n}"), b.var(f"$n{n}")
    b.emit(ir.Store(b.line, vn, count))
    b.emit(ir.Store(b.line, vk, b.const(0)))
    head, body, step_blk, orelse, done = (b.new_block() for _ in range(5))
    if s is getattr(b.node, "osr_top", None):
        b.osr_loop = (head, vk)   # (osr.py: the frame state handed back at each header)
    b.goto(head)
    b.set_block(head)
    cond = b.emit_value(ir.Compare, ir.LT, b.emit_value(ir.Load, vk), b.emit_value(ir.Load, vn))
    b.emit(ir.Branch(b.line, cond, body, orelse))
    b.set_block(body)
    assign_target(b, s.target, item(b.emit_value(ir.Load, vk)))
    b.loops.append((step_blk, done, len(b.unwind)))
    transform_body(b, s.body)
    b.loops.pop()
    b.goto(step_blk)
    b.set_block(step_blk)
    b.line = s.lineno
    k1 = b.emit_value(ir.BinOp, ir.ADD, b.emit_value(ir.Load, vk), b.const(1), checked=False)
    b.emit(ir.Store(b.line, vk, k1))
    b.goto(head)
    b.set_block(orelse)
    transform_body(b, s.orelse)
    b.goto(done)
    b.set_block(done)


def transform_for_iter(b, s: ast.For) -> None:
    """Object mode: `for target in iterable` through the iterator protocol."""
    n = len(b.loops)
    vit, vitem = b.var(f"$iter{n}"), b.var(f"$item{n}")
    b.emit(ir.Store(b.line, vit, b.emit_value(ir.GetIter, transform_expr(b, s.iter))))
    head, body, orelse, done = (b.new_block() for _ in range(4))
    b.goto(head)
    b.set_block(head)
    b.line = s.lineno
    got = b.emit_value(ir.ForIter, b.emit_value(ir.Load, vit), vitem)
    b.emit(ir.Branch(b.line, got, body, orelse))
    b.set_block(body)
    assign_target(b, s.target, b.emit_value(ir.Load, vitem))
    b.loops.append((head, done, len(b.unwind)))
    transform_body(b, s.body)
    b.loops.pop()
    b.goto(head)
    b.set_block(orelse)
    transform_body(b, s.orelse)
    b.goto(done)
    b.set_block(done)
    # (CPython drops the iterator when the loop ends, by exhaustion or break)
    b.emit(ir.Store(b.line, vit, b.const(None)))


def transform_genexpr(b, e) -> ir.Value:
    raise b.unsupported("generator expression (other than the argument of sum, any, all, "
                        "max, min, list, tuple, set, frozenset, sorted, dict or a str's join)")


def transform_comprehension(b, e, consumer: str | None = None) -> ir.Value:
    """Object mode: a list/set/dict comprehension inlined as loops in this function.
    As in CPython, the first iterable is evaluated here and the rest in the
    comprehension; its `for` targets are its own names (hidden locals here, released
    when it ends); an exception raised inside it gets the comprehension's traceback
    entry (`op.scope`, lowerobj.scope_entry) before this function's.
    `consumer`: a generator expression (e) consumed by that builtin (GENEXPR_CONSUMERS):
    its items are made in the generator's scope and frame, and the builtin's own step on
    each (sum's addition, any's truth test, max's comparison, a list append or set add)
    runs in this function's, as the builtin called here does; a StopIteration raised in
    the generator's scope becomes CPython's RuntimeError (PEP 479)."""
    from . import slowpaths
    n = b.ncomps
    b.ncomps += 1
    code = b.children.get(id(e))
    first = b.emit_value(ir.GetIter, transform_expr(b, e.generators[0].iter))
    # its own guest frame, one recursion level down (slowpaths.enter_comprehension, in C)
    back = b.var(f"$comp{n}.back")
    b.emit(ir.Store(b.line, back, b.emit_value(
        ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.ENTER_COMPREHENSION),
        [b.emit_value(ir.ObjConst, code), b.const(b.line)], ())))
    saved = (b.renames, b.scope, b.children)
    b.scope = code if code is not None else ("<comprehension>", b.filename)
    if code is not None:   # (a comprehension nested in this one is its child)
        b.children = {**b.children, **code.children}
    hidden = []
    result = b.var(f"$comp{n}")
    outer = (saved[1], b.handler)
    if isinstance(e, ast.DictComp) or consumer == "dict":
        b.emit(ir.Store(b.line, result, b.emit_value(ir.BuildDict, [], [])))
        if consumer == "dict":   # (the element number, for CPython's messages)
            b.emit(ir.Store(b.line, b.var(f"$comp{n}.has"), b.const(0)))
    elif consumer in ("sum", "any", "all", "max", "min"):
        b.emit(ir.Store(b.line, result, b.const({"sum": 0, "any": False, "all": True}.get(consumer))))
        if consumer in ("max", "min"):    # (a bool: not cleared with the hidden locals)
            b.emit(ir.Store(b.line, b.var(f"$comp{n}.has"), b.const(False)))
    else:
        kind = ir.SEQ_SET if isinstance(e, ast.SetComp) or consumer in ("set", "frozenset") \
            else ir.SEQ_LIST
        b.emit(ir.Store(b.line, result, b.emit_value(ir.BuildSeq, kind, [])))
    stop_landing = None
    if isinstance(e, ast.GeneratorExp):
        stop_landing = b.new_block()
        b.handler = stop_landing
    b.renames = dict(b.renames)
    for gen in e.generators:
        if gen.is_async:
            raise b.unsupported("async comprehension")
        for sub in ast.walk(gen.target):
            if isinstance(sub, ast.Name):
                b.renames[sub.id] = f"$comp{n}.{sub.id}"
                hidden.append(b.renames[sub.id])
    exit_blk = b.new_block()
    if consumer in ("max", "min"):
        hidden.append(f"$comp{n}.has.item")
    step = b.comp_step
    b.comp_step = (consumer, outer, exit_blk)
    _comprehension_loop(b, e, 0, first, result, exit_blk, n, hidden)
    b.comp_step = step
    if stop_landing is not None:
        _stop_iteration_landing(b, stop_landing, n, outer)
    b.set_block(exit_blk)
    b.renames, b.scope, b.children = saved
    b.handler = outer[1]
    b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.LEAVE_COMPREHENSION),
                 [b.emit_value(ir.Load, back)], ())
    hidden.append(back.name)
    if consumer in ("max", "min"):
        full, empty = b.new_block(), b.new_block()
        b.emit(ir.Branch(b.line, b.emit_value(ir.Load, b.var(f"$comp{n}.has")), full, empty))
        b.set_block(empty)
        exc = b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, ValueError),
                           [b.emit_value(ir.ObjConst, f"{consumer}() arg is an empty sequence")], ())
        b.emit(ir.Raise(b.line, exc, None))
        b.set_block(full)
    value = b.emit_value(ir.Load, result)
    for name in hidden + [result.name]:    # CPython frees the comprehension's frame here
        b.emit(ir.Store(b.line, b.var(name), b.const(None)))
    if consumer in ("tuple", "frozenset"):
        # (a tuple or frozenset of the list or set made: no item is hashed or compared again)
        value = b.emit_value(ir.CallObject, b.emit_value(
            ir.ObjConst, tuple if consumer == "tuple" else frozenset), [value], ())
    elif consumer == "sorted":
        b.emit_value(ir.CallMethod, value, "sort", [], ())
    return value


def _stop_iteration_landing(b, block, n, outer) -> None:
    """An exception leaving a generator expression's scope: a StopIteration becomes
    RuntimeError("generator raised StopIteration") from it (its __context__ too), as
    the generator does; anything else goes on as it is. Neither gets this function's
    traceback entry here: the generator's frame had its own (scope_entry)."""
    saved = (b.block, b.scope, b.handler)
    b.set_block(block)
    b.scope, b.handler = outer
    vexc, vsaved = b.var(f"$comp{n}.exc"), b.var(f"$comp{n}.saved")
    b.emit(ir.Catch(b.line, vexc, vsaved, entry=False))
    conv, plain = b.new_block(), b.new_block()
    b.emit(ir.Branch(b.line, b.emit_value(ir.ExcMatch, b.emit_value(ir.Load, vexc),
                                          b.emit_value(ir.ObjConst, StopIteration)), conv, plain))
    b.set_block(plain)
    b.emit(ir.PopExcInfo(b.line, vsaved))
    b.emit(ir.Reraise(b.line, vexc))
    b.set_block(conv)
    cleanup = b.new_block()
    b.handler = cleanup
    err = b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, RuntimeError),
                       [b.emit_value(ir.ObjConst, "generator raised StopIteration")], ())
    b.emit(ir.Raise(b.line, err, b.emit_value(ir.Load, vexc)))
    b.handler = outer[1]
    _cleanup_landing(b, cleanup, f"comp{n}", vsaved, [vexc])
    b.block, b.scope, b.handler = saved


def _comprehension_loop(b, e, i, it, result, exit_blk, n, hidden) -> None:
    gen = e.generators[i]
    vit, vitem = b.var(f"$comp{n}.it{i}"), b.var(f"$comp{n}.item{i}")
    hidden.extend([vit.name, vitem.name])
    if it is None:
        it = b.emit_value(ir.GetIter, transform_expr(b, gen.iter))
    b.emit(ir.Store(b.line, vit, it))
    head, body = b.new_block(), b.new_block()
    b.goto(head)
    b.set_block(head)
    got = b.emit_value(ir.ForIter, b.emit_value(ir.Load, vit), vitem)
    b.emit(ir.Branch(b.line, got, body, exit_blk))
    b.set_block(body)
    assign_target(b, gen.target, b.emit_value(ir.Load, vitem))
    for cond in gen.ifs:
        nxt = b.new_block()
        transform_cond(b, cond, nxt, head)
        b.set_block(nxt)
    if i + 1 < len(e.generators):
        inner_exit = b.new_block()
        _comprehension_loop(b, e, i + 1, None, result, inner_exit, n, hidden)
        b.set_block(inner_exit)
        b.goto(head)
        return
    consumer, outer, top_exit = b.comp_step
    if consumer is not None:
        _consume(b, consumer, transform_expr(b, e.elt), result, f"$comp{n}.has", head, top_exit,
                 outer)
        return
    acc = b.emit_value(ir.Load, result)
    if isinstance(e, ast.DictComp):
        key = transform_expr(b, e.key)          # (3.8+: the key first)
        b.emit(ir.SetItem(b.line, acc, key, transform_expr(b, e.value)))
    else:
        add = list.append if isinstance(e, ast.ListComp) else set.add
        b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, add), [acc, transform_expr(b, e.elt)], ())
    b.goto(head)


def _consume(b, consumer, value, result, has, head, exit_blk, outer) -> None:
    """One item `value` of a generator expression taken by builtin `consumer`: its step,
    in the scope and handler around the call (the builtin runs there, not in the
    generator's frame); then the next item, or the end (any/all short-circuit)."""
    saved = (b.scope, b.handler)
    b.scope, b.handler = outer
    res = b.var(result.name) if isinstance(result, ir.Var) else result
    if consumer == "sum":
        b.emit(ir.Store(b.line, res, b.emit_value(ir.BinOp, ir.ADD, b.emit_value(ir.Load, res), value)))
        b.goto(head)
    elif consumer in ("any", "all"):
        decided = b.new_block()
        t = b.emit_value(ir.Truth, value)
        if consumer == "any":
            b.emit(ir.Branch(b.line, t, decided, head))
        else:
            b.emit(ir.Branch(b.line, t, head, decided))
        b.set_block(decided)
        b.emit(ir.Store(b.line, res, b.const(consumer == "any")))
        b.goto(exit_blk)
    elif consumer in ("max", "min"):
        # (CPython's min_max: the first item, then each that compares > (or <) the best)
        vhas = b.var(has)
        hold = b.var(has + ".item")
        b.emit(ir.Store(b.line, hold, value))
        first, later, take = b.new_block(), b.new_block(), b.new_block()
        b.emit(ir.Branch(b.line, b.emit_value(ir.Load, vhas), later, first))
        b.set_block(first)
        b.emit(ir.Store(b.line, vhas, b.const(True)))
        b.goto(take)
        b.set_block(later)
        op = ir.GT if consumer == "max" else ir.LT
        better = b.emit_value(ir.Compare, op, b.emit_value(ir.Load, hold), b.emit_value(ir.Load, res))
        b.emit(ir.Branch(b.line, b.emit_value(ir.Truth, better), take, head))
        b.set_block(take)
        b.emit(ir.Store(b.line, res, b.emit_value(ir.Load, hold)))
        b.emit(ir.Store(b.line, hold, b.const(None)))
        b.goto(head)
    elif consumer == "dict":
        # (CPython's PyDict_MergeFromSeq2: each item a pair, stored as it comes)
        from . import slowpaths
        count = b.var(has)
        b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.dict_update_item),
                     [b.emit_value(ir.Load, res), value, b.emit_value(ir.Load, count)], ())
        b.emit(ir.Store(b.line, count, b.emit_value(ir.BinOp, ir.ADD, b.emit_value(ir.Load, count),
                                                     b.const(1), checked=False)))
        b.goto(head)
    else:
        add = set.add if consumer in ("set", "frozenset") else list.append
        b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, add), [b.emit_value(ir.Load, res), value], ())
        b.goto(head)
    b.scope, b.handler = saved


def transform_global(b, s) -> None:
    """`global`/`nonlocal` (object mode): assigned_names collected the names."""
    if not b.objects:
        raise b.unsupported(f"{type(s).__name__.lower()} statement")


def transform_raise(b, s: ast.Raise) -> None:
    if not b.objects:
        raise b.unsupported("raise statement" if s.exc is not None else "bare raise")
    if s.exc is None:    # the handled exception (sys.exc_info()), raised on as it is
        b.emit(ir.Reraise(b.line, None))
        return
    exc = transform_expr(b, s.exc)
    cause = transform_expr(b, s.cause) if s.cause is not None else None
    b.emit(ir.Raise(b.line, exc, cause))


def transform_assert(b, s: ast.Assert) -> None:
    """Object mode: `if not test: raise AssertionError(msg)` (the builtin class itself, as
    CPython's LOAD_ASSERTION_ERROR); nothing at all under -O (`Resolver.optimize`)."""
    if not b.objects:
        raise b.unsupported("statement Assert")
    if b.resolver.optimize:
        return
    fail, ok = b.new_block(), b.new_block()
    transform_cond(b, s.test, ok, fail)
    b.set_block(fail)
    exc = b.emit_value(ir.ObjConst, AssertionError)
    if s.msg is not None:
        exc = b.emit_value(ir.CallObject, exc, [transform_expr(b, s.msg)], ())
    b.emit(ir.Raise(b.line, exc, None))
    b.set_block(ok)


# ---- exception handling (object mode): try/except/else/finally and with
#
# Shapes (CPython 3.11's compiler emits the same steps as bytecode):
#   try body: its ops have the landing block as their `handler`;
#   landing: Catch (the exception into a hidden local, with this frame's traceback entry,
#     and it is the handled exception now: sys.exc_info(), __context__ of what the
#     handler raises);
#   each `except T as name`: ExcMatch, then the body with `name` bound; at its end
#     PopExcInfo unbinds `name`; nothing matched: PopExcInfo and Reraise;
#   an exception inside a handler (or a finally, or __exit__) goes to a cleanup landing:
#     Catch (its own traceback entry), PopExcInfo, Reraise;
#   finally: its body copied on each way out (fall-through, return/break/continue through
#     it, the exception path between Catch and Reraise), as CPython does;
#   with: __exit__(None, None, None) on the normal ways out, __exit__(type, exc, tb) on
#     the exception path (slowpaths.with_exit), its exception suppressed when true.

UNWIND_FINALLY = "finally"          # data: the finally body
UNWIND_HANDLER = "handler"          # in a handler or finally-on-exception: (saved var, [vars])
UNWIND_WITH = "with"                # in a with body: (manager var, __exit__ var, line)


@dataclass
class Unwind:
    """What leaving one try/handler/with by return, break or continue must run first;
    `outer` is the handler in effect around it (where an exception raised by that code
    goes)."""
    kind: str
    outer: object
    data: object


def unwind_to(b, depth: int) -> None:
    """Emit the way out of every unwind entry above `depth`, innermost first; each runs
    in the context around its statement (its handler, the entries below it)."""
    saved = (b.handler, b.unwind, b.line)
    entries = b.unwind
    for i in range(len(entries) - 1, depth - 1, -1):
        e = entries[i]
        b.handler, b.unwind = e.outer, entries[:i]
        if e.kind == UNWIND_FINALLY:
            transform_body(b, e.data)
        elif e.kind == UNWIND_HANDLER:
            vsaved, clear = e.data
            b.emit(ir.PopExcInfo(b.line, vsaved, list(clear)))
        else:
            vmgr, vexit, line = e.data
            b.line = line
            _with_exit_none(b, vmgr, vexit)
    b.handler, b.unwind, b.line = saved


def _reads_traceback(handler: ast.ExceptHandler) -> bool:
    """Tier 0's rule (interp/statements.py reads_traceback): a handler with a name or a
    call may look at the traceback, so it gets CPython's at once."""
    return handler.name is not None or any(isinstance(n, ast.Call) for n in ast.walk(handler))


def _landing(b, n: int, traceback: bool = False):
    """Catch at the start of the current (landing) block: (exception var, saved var)."""
    vexc, vsaved = b.var(f"$exc{n}"), b.var(f"$saved{n}")
    b.emit(ir.Catch(b.line, vexc, vsaved, traceback))
    return vexc, vsaved


def _cleanup_landing(b, block, n: int, vsaved, clear) -> None:
    """An exception raised while a caught one is handled: its traceback entry, the
    handled exception back, `clear` unbound, the new one raised on (to `b.handler`)."""
    b.set_block(block)
    vnew = b.var(f"$exc{n}.new")
    b.emit(ir.Catch(b.line, vnew, None))
    b.emit(ir.PopExcInfo(b.line, vsaved, list(clear)))
    b.emit(ir.Reraise(b.line, vnew, at_raise=True))


def transform_try(b, s: ast.Try) -> None:
    if not b.objects:
        raise b.unsupported("statement Try")
    if not s.finalbody:
        return _try_except(b, s)
    n = b.ntry
    b.ntry += 1
    outer = b.handler
    landing, done = b.new_block(), b.new_block()
    b.handler = landing
    b.unwind.append(Unwind(UNWIND_FINALLY, outer, s.finalbody))
    if s.handlers:
        _try_except(b, s)
    else:
        transform_body(b, s.body)
    b.unwind.pop()
    b.handler = outer
    transform_body(b, s.finalbody)      # the fall-through copy
    b.goto(done)
    # the exception path: the finally body with the exception handled, then raised on
    b.set_block(landing)
    b.line = s.finalbody[0].lineno
    vexc, vsaved = _landing(b, n)
    cleanup = b.new_block()
    b.handler = cleanup
    b.unwind.append(Unwind(UNWIND_HANDLER, outer, (vsaved, [vexc])))
    transform_body(b, s.finalbody)
    b.unwind.pop()
    b.handler = outer
    b.emit(ir.PopExcInfo(b.line, vsaved))
    b.emit(ir.Reraise(b.line, vexc))
    _cleanup_landing(b, cleanup, n, vsaved, [vexc])
    b.set_block(done)


def _try_except(b, s: ast.Try) -> None:
    """try/except/else (the body of a try/finally when it has both)."""
    n = b.ntry
    b.ntry += 1
    outer = b.handler
    landing, done = b.new_block(), b.new_block()
    b.handler = landing
    transform_body(b, s.body)
    b.handler = outer
    transform_body(b, s.orelse)     # (outside the handlers' protection, as in CPython)
    b.goto(done)
    b.set_block(landing)
    b.line = s.handlers[0].lineno
    vexc, vsaved = _landing(b, n, any(_reads_traceback(h) for h in s.handlers))
    cleanup = b.new_block()
    for h in s.handlers:
        b.line = h.lineno
        b.handler = cleanup
        nxt = None
        if h.type is not None:
            typ = transform_expr(b, h.type)
            body, nxt = b.new_block(), b.new_block()
            b.emit(ir.Branch(b.line, b.emit_value(ir.ExcMatch, b.emit_value(ir.Load, vexc), typ),
                             body, nxt))
            b.set_block(body)
        clear = [vexc]
        named_cleanup = None
        if h.name:
            if h.name in b.global_names or h.name in b.nonlocal_names or h.name in b.renames:
                raise b.unsupported(f"except ... as {h.name} (not a plain local)")
            vname = b.var(h.name)
            b.emit(ir.Store(b.line, vname, b.emit_value(ir.Load, vexc)))
            clear.append(vname)
            named_cleanup = b.new_block()
            b.handler = named_cleanup
        b.unwind.append(Unwind(UNWIND_HANDLER, outer, (vsaved, clear)))
        transform_body(b, h.body)
        b.unwind.pop()
        b.handler = outer
        b.emit(ir.PopExcInfo(b.line, vsaved, clear))
        b.goto(done)
        if named_cleanup is not None:
            b.line = h.lineno
            _cleanup_landing(b, named_cleanup, n, vsaved, clear)
        if nxt is None:
            break
        b.set_block(nxt)
    else:
        b.handler = outer     # no clause took it: raised on, as it came (no new entry)
        b.line = s.handlers[-1].lineno      # (CPython's RERAISE there: the frame's f_lineno)
        b.emit(ir.PopExcInfo(b.line, vsaved))
        b.emit(ir.Reraise(b.line, vexc))
    b.handler = outer
    b.line = s.handlers[0].lineno
    _cleanup_landing(b, cleanup, n, vsaved, [vexc])
    b.set_block(done)


def _with_exit_none(b, vmgr, vexit) -> None:
    """__exit__(None, None, None) on a normal way out of a with body; the hidden locals
    released after it."""
    none = b.const(None)
    b.emit_value(ir.CallObject, b.emit_value(ir.Load, vexit),
                 [b.emit_value(ir.Load, vmgr), none, none, none], ())
    b.emit(ir.Store(b.line, vmgr, b.const(None)))
    b.emit(ir.Store(b.line, vexit, b.const(None)))


def transform_with(b, s: ast.With) -> None:
    if not b.objects:
        raise b.unsupported("statement With")
    _with_item(b, s, 0)


def _with_item(b, s: ast.With, i: int) -> None:
    """One item of a with statement (each next item nests inside): __enter__ and __exit__
    looked up on the type as tier 0 does (slowpaths.with_enter, CPython's TypeError)."""
    from . import slowpaths
    item = s.items[i]
    n = b.ntry
    b.ntry += 1
    b.line = s.lineno
    vmgr, vexit = b.var(f"$with{n}.mgr"), b.var(f"$with{n}.exit")
    b.emit(ir.Store(b.line, vmgr, transform_expr(b, item.context_expr)))
    pair = b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.with_enter),
                        [b.emit_value(ir.Load, vmgr)], ())
    tup = b.emit_value(ir.UnpackSequence, pair, 2)
    b.emit(ir.Store(b.line, vexit, b.emit_value(ir.TupleGet, tup, 0)))
    value = b.emit_value(ir.TupleGet, tup, 1)
    outer = b.handler
    landing, done = b.new_block(), b.new_block()
    b.handler = landing
    b.unwind.append(Unwind(UNWIND_WITH, outer, (vmgr, vexit, s.lineno)))
    if item.optional_vars is not None:
        assign_target(b, item.optional_vars, value)
    if i + 1 < len(s.items):
        _with_item(b, s, i + 1)
    else:
        transform_body(b, s.body)
    b.unwind.pop()
    b.handler = outer
    b.line = s.lineno
    _with_exit_none(b, vmgr, vexit)
    b.goto(done)
    # the exception path: __exit__(type, exc, tb) with the exception handled
    b.set_block(landing)
    vexc, vsaved = _landing(b, n)
    cleanup = b.new_block()
    b.handler = cleanup
    r = b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.with_exit),
                     [b.emit_value(ir.Load, vexit), b.emit_value(ir.Load, vmgr),
                      b.emit_value(ir.Load, vexc)], ())
    suppressed, reraise = b.new_block(), b.new_block()
    b.emit(ir.Branch(b.line, b.emit_value(ir.Truth, r), suppressed, reraise))
    b.handler = outer
    b.set_block(suppressed)
    b.emit(ir.PopExcInfo(b.line, vsaved, [vexc, vmgr, vexit]))
    b.goto(done)
    b.set_block(reraise)
    b.emit(ir.PopExcInfo(b.line, vsaved, [vmgr, vexit]))
    b.emit(ir.Reraise(b.line, vexc, at_raise=True))
    _cleanup_landing(b, cleanup, n, vsaved, [vexc, vmgr, vexit])
    b.set_block(done)


def transform_break(b, s) -> None:
    cont, brk, depth = b.loops[-1]
    unwind_to(b, depth)
    b.goto(brk)


def transform_continue(b, s) -> None:
    cont, brk, depth = b.loops[-1]
    unwind_to(b, depth)
    b.goto(cont)


_STMTS = {
    ast.Expr: transform_expr_stmt, ast.Assign: transform_assign, ast.AnnAssign: transform_ann_assign,
    ast.AugAssign: transform_aug_assign, ast.Return: transform_return, ast.Pass: transform_pass,
    ast.If: transform_if, ast.While: transform_while, ast.For: transform_for,
    ast.Break: transform_break, ast.Continue: transform_continue, ast.Global: transform_global,
    ast.Raise: transform_raise, ast.Assert: transform_assert, ast.Nonlocal: transform_global,
    ast.Try: transform_try, ast.With: transform_with,
    ast.Delete: transform_delete,
}


# ---- conditions (short-circuit control flow)

def transform_cond(b, e: ast.expr, then: ir.Block, orelse: ir.Block) -> None:
    if isinstance(e, ast.BoolOp):
        for value in e.values[:-1]:
            nxt = b.new_block()
            if isinstance(e.op, ast.And):
                transform_cond(b, value, nxt, orelse)
            else:
                transform_cond(b, value, then, nxt)
            b.set_block(nxt)
        transform_cond(b, e.values[-1], then, orelse)
    elif isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.Not):
        transform_cond(b, e.operand, orelse, then)
    else:
        v = transform_expr(b, e)
        b.emit(ir.Branch(b.line, b.emit_value(ir.Truth, v), then, orelse))


# ---- expressions

def transform_expr(b, e: ast.expr) -> ir.Value:
    fn = _EXPRS.get(type(e))
    if fn is None:
        raise b.unsupported(f"expression {type(e).__name__}", getattr(e, "lineno", None))
    return fn(b, e)


def transform_constant(b, e: ast.Constant) -> ir.Value:
    v = e.value
    if v is None or isinstance(v, (bool, float)) or (type(v) is int and INT64_MIN <= v <= INT64_MAX):
        return b.const(v)
    if b.objects:
        return b.emit_value(ir.ObjConst, v)
    raise b.unsupported(f"constant {type(v).__name__} {v!r}"[:80])


def load_name(b, name: str) -> ir.Value:
    if name in b.renames:
        return b.emit_value(ir.Load, b.var(b.renames[name]))
    if name in b.local_names:
        return b.emit_value(ir.Load, b.var(name))
    if b.objects and name in b.cells and name not in b.global_names:
        return b.emit_value(ir.CellGet, b.emit_value(ir.ObjConst, b.cells[name]), name)
    if b.objects:
        return b.emit_value(ir.LoadGlobal, name)
    value = b.resolver.global_const(name)
    if value is not None:
        return b.const(value)
    raise b.unsupported(f"global name {name!r} used as a value")


def transform_name(b, e: ast.Name) -> ir.Value:
    return load_name(b, e.id)


def transform_binop(b, e: ast.BinOp) -> ir.Value:
    if type(e.op).__name__ not in ir.BINARY_OPS:
        raise b.unsupported(f"operator {type(e.op).__name__}")
    left = transform_expr(b, e.left)
    right = transform_expr(b, e.right)
    rc = None
    if isinstance(e.op, ast.Pow):
        try:
            rc = ast.literal_eval(e.right)
        except ValueError:
            rc = None
        rc = rc if type(rc) is int else None
    return b.emit_value(ir.BinOp, type(e.op).__name__, left, right, right_const=rc)


_FOLDED_UNARY = {ast.USub: lambda x: -x, ast.UAdd: lambda x: +x, ast.Invert: lambda x: ~x}


def transform_unaryop(b, e: ast.UnaryOp) -> ir.Value:
    # -1, +2.5, ~0 are constants, as CPython's compiler folds them (a slice step `k::-1` took
    # a boxed int made at each run of the line)
    operand = e.operand
    if type(e.op) in _FOLDED_UNARY and isinstance(operand, ast.Constant) \
            and type(operand.value) in ((int,) if isinstance(e.op, ast.Invert) else (int, float)):
        return transform_constant(b, ast.Constant(_FOLDED_UNARY[type(e.op)](operand.value)))
    return b.emit_value(ir.UnaryOp, type(e.op).__name__, transform_expr(b, operand))


def _value_via_blocks(b, e, fill) -> ir.Value:
    """Expressions with control flow (and/or, a if c else b, chained compares)
    store into a hidden variable on each path and load it at the join."""
    v = b.var(f"$v{b.ntemps}")
    done = b.new_block()
    fill(v, done)
    b.set_block(done)
    return b.emit_value(ir.Load, v)


def transform_boolop(b, e: ast.BoolOp) -> ir.Value:
    def fill(v, done):
        for value in e.values[:-1]:
            x = transform_expr(b, value)
            b.emit(ir.Store(b.line, v, x))
            nxt = b.new_block()
            t = b.emit_value(ir.Truth, x)
            if isinstance(e.op, ast.And):
                b.emit(ir.Branch(b.line, t, nxt, done))
            else:
                b.emit(ir.Branch(b.line, t, done, nxt))
            b.set_block(nxt)
        b.emit(ir.Store(b.line, v, transform_expr(b, e.values[-1])))
        b.goto(done)
    return _value_via_blocks(b, e, fill)


def transform_ifexp(b, e: ast.IfExp) -> ir.Value:
    def fill(v, done):
        then, orelse = b.new_block(), b.new_block()
        transform_cond(b, e.test, then, orelse)
        for blk, sub in ((then, e.body), (orelse, e.orelse)):
            b.set_block(blk)
            b.emit(ir.Store(b.line, v, transform_expr(b, sub)))
            b.goto(done)
    return _value_via_blocks(b, e, fill)


def transform_compare(b, e: ast.Compare) -> ir.Value:
    for op in e.ops:
        if isinstance(op, (ast.In, ast.NotIn)) and not b.objects:
            raise b.unsupported("'in' comparison")
    if len(e.ops) == 1:
        return b.emit_value(ir.Compare, type(e.ops[0]).__name__,
                            transform_expr(b, e.left), transform_expr(b, e.comparators[0]))

    def fill(v, done):
        left = transform_expr(b, e.left)
        for i, (op, comp) in enumerate(zip(e.ops, e.comparators)):
            right = transform_expr(b, comp)
            r = b.emit_value(ir.Compare, type(op).__name__, left, right)
            b.emit(ir.Store(b.line, v, r))
            if i < len(e.ops) - 1:
                if b.objects:   # `right` is read again in the next block: a hidden local
                    hold = b.var(f"$cmp{b.ntemps}")
                    b.emit(ir.Store(b.line, hold, right))
                nxt = b.new_block()
                b.emit(ir.Branch(b.line, b.emit_value(ir.Truth, r) if b.objects else r, nxt, done))
                b.set_block(nxt)
                if b.objects:
                    right = b.emit_value(ir.Load, hold)
            left = right
        b.goto(done)
    return _value_via_blocks(b, e, fill)


def transform_tuple(b, e: ast.Tuple) -> ir.Value:
    if b.objects:
        return transform_display(b, e)
    return b.emit_value(ir.MakeTuple, [transform_expr(b, x) for x in e.elts])


def transform_display(b, e) -> ir.Value:
    """Object mode: a tuple, list or set display."""
    if any(isinstance(x, ast.Starred) for x in e.elts):
        raise b.unsupported("starred item in a display")
    kind = {ast.Tuple: ir.SEQ_TUPLE, ast.List: ir.SEQ_LIST, ast.Set: ir.SEQ_SET}[type(e)]
    return b.emit_value(ir.BuildSeq, kind, [transform_expr(b, x) for x in e.elts])


def transform_dict(b, e: ast.Dict) -> ir.Value:
    if not b.objects or any(k is None for k in e.keys):
        raise b.unsupported("dict display" if b.objects else "expression Dict")
    keys, values = [], []
    for k, v in zip(e.keys, e.values):   # CPython evaluates key, value, key, value...
        keys.append(transform_expr(b, k))
        values.append(transform_expr(b, v))
    return b.emit_value(ir.BuildDict, keys, values)


def transform_list_or_set(b, e) -> ir.Value:
    if not b.objects:
        raise b.unsupported(f"expression {type(e).__name__}")
    return transform_display(b, e)


def transform_joined_str(b, e: ast.JoinedStr) -> ir.Value:
    if not b.objects:
        raise b.unsupported("f-string")
    parts = []
    for v in e.values:
        if isinstance(v, ast.Constant):
            parts.append(b.emit_value(ir.ObjConst, v.value))
        else:
            parts.append(transform_formatted(b, v))
    if len(parts) == 1 and isinstance(e.values[0], ast.FormattedValue):
        return parts[0]
    return b.emit_value(ir.BuildString, parts)


def transform_formatted(b, v: ast.FormattedValue) -> ir.Value:
    if not b.objects:
        raise b.unsupported("f-string")
    value = transform_expr(b, v.value)
    conv = {-1: "", 115: "s", 114: "r", 97: "a"}[v.conversion]
    spec = transform_expr(b, v.format_spec) if v.format_spec is not None else None
    return b.emit_value(ir.FormatValue, value, conv, spec)


def transform_subscript(b, e: ast.Subscript) -> ir.Value:
    if b.objects:
        base = transform_expr(b, e.value)
        return b.emit_value(ir.GetItem, base, subscript_index(b, e.slice))
    base = transform_expr(b, e.value)
    if isinstance(e.slice, ast.Constant) and type(e.slice.value) is int:
        # tuple[const] or array[const]: typeinfer decides which
        idx = b.const(e.slice.value)
        op = b.emit_value(ir.ArrayGet, base, [idx])
        b.block.ops[-1].const_index = e.slice.value
        return op
    return b.emit_value(ir.ArrayGet, base, subscript_indices(b, e.slice))


def transform_attribute(b, e: ast.Attribute) -> ir.Value:
    if b.objects:
        return b.emit_value(ir.GetAttr, transform_expr(b, e.value), e.attr)
    if isinstance(e.value, ast.Name) and e.value.id not in b.local_names \
            and b.resolver.is_math_module(e.value.id):
        if e.attr in MATH_CONSTS and b.resolver.math_attr(e.attr):
            return b.const(MATH_CONSTS[e.attr])
        raise b.unsupported(f"math.{e.attr} as a value")
    if e.attr == "shape":
        return b.emit_value(ir.ArrayShape, transform_expr(b, e.value), None)
    if e.attr in ("size", "ndim"):
        return b.emit_value(ir.ArrayShape, transform_expr(b, e.value), e.attr)
    raise b.unsupported(f"attribute .{e.attr}")


def _inert(b, e: ast.expr) -> bool:
    """Evaluating `e` can neither fail nor act: a constant or a parameter (never unbound:
    `del` is not compiled)."""
    if isinstance(e, ast.Constant):
        return True
    return isinstance(e, ast.Name) and e.id in b.param_names and e.id not in b.global_names


def transform_call_obj(b, e: ast.Call) -> ir.Value:
    """Object mode: a method call, len(), or a generic vectorcall."""
    f = e.func
    called = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
    on_math = isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in ("math", "cmath")
    if called in FRAME_READERS and not on_math:    # (math.log reads no frame)
        raise b.unsupported(f"call of {called}(), which may read its caller's frame")
    if called == "__new__" or (called == "type" and len(e.args) == 3):
        # type(name, bases, ns) and type.__new__ take the new class's __module__ from the
        # calling *host* frame's globals: tier 0 supplies the guest module's name
        # (interp/expressions.py with_guest_module); native code has no host frame
        raise b.unsupported(f"call of {called}(), which reads its caller's module")
    if any(isinstance(a, ast.Starred) for a in e.args) or any(k.arg is None for k in e.keywords):
        if called == "type":
            raise b.unsupported("call of type() with *args or **kwargs (it may read its caller's module)")
        return transform_call_ex(b, e)
    values = e.args + [k.value for k in e.keywords]
    if isinstance(f, ast.Attribute) and all(_inert(b, v) for v in values):
        # CPython looks the method up before it evaluates the arguments; with arguments
        # that cannot fail or act, looking it up at the call is the same
        obj = transform_expr(b, f.value)
        args = [transform_expr(b, a) for a in values]
        return b.emit_value(ir.CallMethod, obj, f.attr, args, tuple(k.arg for k in e.keywords))
    if isinstance(f, ast.Name) and f.id == "super" and not e.args and not e.keywords \
            and "super" not in b.local_names:
        return transform_super(b)
    if len(e.args) == 1 and isinstance(e.args[0], ast.GeneratorExp) and not e.keywords:
        g = e.args[0]
        if isinstance(f, ast.Name) and f.id in GENEXPR_CONSUMERS and f.id not in b.local_names \
                and f.id not in b.global_names and f.id not in b.cells and f.id not in b.renames \
                and b.resolver.builtin(f.id):
            return transform_comprehension(b, g, f.id)
        if isinstance(f, ast.Attribute) and f.attr == "join" and isinstance(f.value, ast.Constant) \
                and type(f.value.value) is str:
            # str.join makes a list of the whole iterable first: the same as a list display
            return b.emit_value(ir.CallMethod, b.emit_value(ir.ObjConst, f.value.value), "join",
                                [transform_comprehension(b, g, "list")], ())
    if isinstance(f, ast.Name) and f.id == "len" and len(e.args) == 1 and not e.keywords \
            and f.id not in b.local_names and f.id not in b.global_names and b.resolver.builtin("len"):
        return b.emit_value(ir.CallBuiltin, "len", [transform_expr(b, e.args[0])])
    math_fn = _math_inline(b, e)
    if isinstance(f, ast.Attribute):
        # the method is looked up before the arguments are evaluated (they may fail or act)
        self_var = b.var(f"$self{b.ntemps}")
        func = b.emit_value(ir.LoadMethod, transform_expr(b, f.value), f.attr, self_var)
        args = [transform_expr(b, a) for a in values]
        return b.emit_value(ir.CallLoaded, func, self_var, args, tuple(k.arg for k in e.keywords),
                            math=math_fn)
    func = transform_expr(b, f)
    args = [transform_expr(b, a) for a in e.args] + [transform_expr(b, k.value) for k in e.keywords]
    return b.emit_value(ir.CallObject, func, args, tuple(k.arg for k in e.keywords), math=math_fn)


def _math_inline(b, e: ast.Call) -> str | None:
    """'sqrt' when `e` calls, with one positional argument, a global name or an attribute
    of the global math module bound to math.sqrt (a function of ir.MATH_INLINE) now; the
    lowering checks at each call that it still is."""
    f = e.func
    if len(e.args) != 1 or e.keywords or isinstance(e.args[0], ast.Starred):
        return None
    if isinstance(f, ast.Name) and f.id not in b.local_names:
        name = b.resolver.math_name(f.id)
    elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) \
            and f.value.id not in b.local_names and b.resolver.is_math_module(f.value.id):
        name = f.attr
    else:
        return None
    return name if name in ir.MATH_INLINE else None


def transform_call_ex(b, e: ast.Call) -> ir.Value:
    """Object mode: a call with *args or **kwargs, step by step as tier 0 makes it
    (interp/expressions.py _call: the callee, the positional arguments in order with each
    starred one extended in, the keywords in order with each ** mapping merged in, every
    step with CPython's TypeError), then slowpaths.call_ex. The callee is an attribute
    read, not a method load (CPython's CALL_FUNCTION_EX takes a bound method too)."""
    from . import slowpaths
    func = b.var(f"$callee{b.ntemps}")
    b.emit(ir.Store(b.line, func, transform_expr(b, e.func)))
    args = b.var(f"$args{b.ntemps}")
    if len(e.args) == 1 and isinstance(e.args[0], ast.Starred):
        only = transform_expr(b, e.args[0].value)
        b.emit(ir.Store(b.line, args, b.emit_value(
            ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.star_only),
            [b.emit_value(ir.Load, func), only], ())))
    else:
        b.emit(ir.Store(b.line, args, b.emit_value(ir.BuildSeq, ir.SEQ_LIST, [])))
        for a in e.args:
            if isinstance(a, ast.Starred):
                v = transform_expr(b, a.value)
                b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.star_extend),
                             [b.emit_value(ir.Load, args), v], ())
            else:
                v = transform_expr(b, a)
                b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, list.append),
                             [b.emit_value(ir.Load, args), v], ())
    kwargs = b.var(f"$kwargs{b.ntemps}")
    b.emit(ir.Store(b.line, kwargs, b.emit_value(ir.BuildDict, [], [])))
    for k in e.keywords:
        v = transform_expr(b, k.value)
        name = b.emit_value(ir.ObjConst, k.arg) if k.arg is not None else b.const(None)
        b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.add_keyword),
                     [b.emit_value(ir.Load, func), b.emit_value(ir.Load, kwargs), name, v], ())
    r = b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.call_ex),
                     [b.emit_value(ir.Load, func), b.emit_value(ir.Load, args),
                      b.emit_value(ir.Load, kwargs)], ())
    for var in (func, args, kwargs):     # (CPython drops them once the call is made)
        b.emit(ir.Store(b.line, var, b.const(None)))
    return r


def transform_super(b) -> ir.Value:
    """Zero-argument super() (object mode): CPython reads the function's __class__ cell
    and its first argument from the frame; here they are passed. The name `super` is
    still looked up at the call: anything but the builtin is called with no arguments."""
    params = b.node.args.args
    if "__class__" not in b.cells or not params:
        raise b.unsupported("super() without a __class__ cell or a first argument")
    first = params[0].arg
    for sub in ast.walk(b.node):
        if isinstance(sub, ast.Name) and sub.id == first and isinstance(sub.ctx, (ast.Store, ast.Del)):
            raise b.unsupported(f"super() in a function that assigns its first argument {first!r}")

    def fill(v, done):
        sup = load_name(b, "super")
        same = b.emit_value(ir.Compare, ir.IS, sup, b.emit_value(ir.ObjConst, super))
        builtin, other = b.new_block(), b.new_block()
        b.emit(ir.Branch(b.line, same, builtin, other))
        b.set_block(builtin)
        cls = b.emit_value(ir.CellGet, b.emit_value(ir.ObjConst, b.cells["__class__"]), "__class__")
        b.emit(ir.Store(b.line, v, b.emit_value(ir.CallObject, sup, [cls, load_name(b, first)], ())))
        b.goto(done)
        b.set_block(other)
        b.emit(ir.Store(b.line, v, b.emit_value(ir.CallObject, sup, [], ())))
        b.goto(done)
    return _value_via_blocks(b, None, fill)


def transform_call(b, e: ast.Call) -> ir.Value:
    if b.objects:
        return transform_call_obj(b, e)
    if e.keywords or any(isinstance(a, ast.Starred) for a in e.args):
        raise b.unsupported("keyword or starred arguments")
    f = e.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) \
            and f.value.id not in b.local_names and b.resolver.is_math_module(f.value.id):
        if f.attr not in MATH_FUNCS or not b.resolver.math_attr(f.attr):
            raise b.unsupported(f"math.{f.attr}")
        return b.emit_value(ir.CallBuiltin, "math." + f.attr, [transform_expr(b, a) for a in e.args])
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) \
            and f.value.id not in b.local_names:
        callee = b.resolver.foreign(f.value.id, f.attr)
        if callee is not None:     # libc.abs(x): a global library object's function
            args = [transform_expr(b, a) for a in e.args]
            return b.emit_value(ir.ForeignCall, callee, f"{f.value.id}.{f.attr}", args)
    if not isinstance(f, ast.Name) or f.id in b.local_names:
        raise b.unsupported("call of something other than a global name")
    args = [transform_expr(b, a) for a in e.args]
    name = f.id
    if name in b.resolver.globals_dict or b.resolver.resolve_global is not None:
        mname = b.resolver.math_name(name)
        if mname is not None:
            return b.emit_value(ir.CallBuiltin, "math." + mname, args)
        callee = b.resolver.callee(name)
        if callee is not None:
            return b.emit_value(ir.Call, callee, args)
        foreign = b.resolver.foreign(name)
        if foreign is not None:
            return b.emit_value(ir.ForeignCall, foreign, name, args)
    if name in BUILTINS and b.resolver.builtin(name):
        return b.emit_value(ir.CallBuiltin, name, args)
    raise b.unsupported(f"call of {name!r}")


def is_generator(node) -> bool:
    """Does the function `node` itself (not a nested scope) contain yield/yield from?"""
    todo = list(node.body)
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            todo.extend(n.decorator_list)
            continue
        if isinstance(n, (ast.Lambda, ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)):
            continue
        todo.extend(ast.iter_child_nodes(n))
    return False


def transform_yield(b, e: ast.Yield) -> ir.Value:
    """Object mode, a generator's body: `yield value` (and `yield from it`, with the
    iterator of `it`: its `delegate`) is an ir.Yield terminator; the body
    goes on at a new block with the sent value in the hidden local `$sent` (codegen/
    generators.py). Temps alive across it are spilled to locals as across any block
    boundary (_spill_block_crossing_temps), so what outlives the suspension is a local.
    An exception thrown in at the yield is raised by the Yield op (its `handler`: the
    enclosing try/with's landing block, as for any op)."""
    if not b.objects or not b.generator:
        raise b.unsupported("yield")
    value = transform_expr(b, e.value) if e.value is not None else b.const(None)
    delegate = isinstance(e, ast.YieldFrom)
    if delegate:     # (CPython's GET_YIELD_FROM_ITER)
        from . import slowpaths
        value = b.emit_value(ir.CallObject, b.emit_value(ir.ObjConst, slowpaths.yield_from_iter),
                             [value], ())
    resume = b.new_block()
    sent = b.var("$sent")
    b.emit(ir.Yield(b.line, resume, value=value, sent=sent, delegate=delegate))
    b.set_block(resume)
    got = b.emit_value(ir.Load, sent)
    # (the slot lets the sent object go at once, as CPython's stack does)
    b.emit(ir.Store(b.line, sent, b.const(None)))
    return got


_EXPRS = {
    ast.Constant: transform_constant, ast.Name: transform_name, ast.BinOp: transform_binop,
    ast.UnaryOp: transform_unaryop, ast.BoolOp: transform_boolop, ast.IfExp: transform_ifexp,
    ast.Compare: transform_compare, ast.Tuple: transform_tuple, ast.Subscript: transform_subscript,
    ast.Attribute: transform_attribute, ast.Call: transform_call, ast.List: transform_list_or_set,
    ast.Set: transform_list_or_set, ast.Dict: transform_dict, ast.JoinedStr: transform_joined_str,
    ast.FormattedValue: transform_formatted, ast.ListComp: transform_comprehension,
    ast.SetComp: transform_comprehension, ast.DictComp: transform_comprehension,
    ast.GeneratorExp: transform_genexpr, ast.Yield: transform_yield, ast.YieldFrom: transform_yield,
}
