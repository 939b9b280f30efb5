"""Scopes that make new code: def, lambda, class bodies and comprehensions.

Each nested scope is compiled once, when its parent is compiled, into its own
closure tree; at run time `def` only evaluates defaults and decorators and
builds a `Function` over the shared code.
"""
from __future__ import annotations

import ast
import types

from protojit import tiering
from protojit.frames import (F_BACK, F_BUILTINS, F_DEPTH, F_GLOBALS, F_LINENO, F_RETVAL, HEADER, UNBOUND,
                             check_depth, frame_depth, new_frame, tstate)
from protojit.frontend.code import GuestCode, ScopeKind
from protojit.frontend.scope import SCOPE_NODES
from protojit.runtime.iteration import steppable
from protojit.runtime import tracebacks
from protojit.runtime.function import Function, make_invokers

from . import generators
from .builder import Compiler, _closure_maker, class_cell_name, finish_layout
from .expressions import sequence_items
from .signals import RETURN


def make_function(c, node, is_lambda=False):
    """Closure that builds a Function object (evaluating defaults first)."""
    code = c.child_code(node)
    compile_function_body(code, c.env, c.future_annotations)
    args = node.args
    defaults = [c.expr(d) for d in args.defaults]
    kwdefaults = [(a.arg, c.expr(d)) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
    closure = _closure_maker(c, code)
    annotations = _annotation_makers(c, node) if not is_lambda else []
    doc = None
    if not is_lambda and node.body and isinstance(node.body[0], ast.Expr) \
            and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str):
        doc = node.body[0].value.value

    def run_make_function(f):
        d = tuple([ev(f) for ev in defaults]) if defaults else None
        kw = {k: ev(f) for k, ev in kwdefaults} if kwdefaults else None
        ann = {k: ev(f) for k, ev in annotations}
        # the guest function is the record's face: a CPython function (runtime/function.py)
        return Function.new(code, f[F_GLOBALS], f[F_BUILTINS], d, kw, closure(f) if closure else None, doc, ann)
    return run_make_function


def _annotation_makers(c, node):
    out = []
    a = node.args
    params = a.posonlyargs + a.args + ([a.vararg] if a.vararg else []) + a.kwonlyargs + ([a.kwarg] if a.kwarg else [])
    items = [(p.arg, p.annotation) for p in params if p.annotation is not None]
    if node.returns is not None:
        items.append(("return", node.returns))
    for name, ann in items:
        if c.future_annotations:
            text = ast.unparse(ann)
            out.append((name, lambda f, text=text: text))
        else:
            out.append((name, c.expr(ann)))
    return out


def transform_FunctionDef(c, node):
    decorators = [c.expr(d) for d in node.decorator_list]
    make = make_function(c, node)
    store = c.store(ast.Name(getattr(node, "pj_store_name", node.name), ast.Store()))   # mangle.py

    def run_def(f):
        decs = [d(f) for d in decorators]
        fn = make(f)
        for d in reversed(decs):
            fn = d(fn)
        store(f, fn)
    return run_def


transform_AsyncFunctionDef = transform_FunctionDef


def transform_Lambda(c, node):
    return make_function(c, node, is_lambda=True)


# ---- classes -----------------------------------------------------------------------


def transform_ClassDef(c, node):
    code = c.child_code(node)
    decorators = [c.expr(d) for d in node.decorator_list]
    bases = expressions_items(c, node.bases)
    keywords = [(k.arg, c.expr(k.value)) for k in node.keywords]
    closure = _closure_maker(c, code)
    body = compile_class_body(c, code, node)
    store = c.store(ast.Name(getattr(node, "pj_store_name", node.name), ast.Store()))   # mangle.py
    name, qualname = node.name, code.qualname
    doc = None
    if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant) \
            and isinstance(node.body[0].value.value, str):
        doc = node.body[0].value.value

    def run_classdef(f):
        decs = [d(f) for d in decorators]
        base_values = bases(f)
        kw = {}
        for k, ev in keywords:
            if k is None:
                kw.update(ev(f))
            else:
                kw[k] = ev(f)
        cls = build_class(f, body, code, name, qualname, doc, base_values, kw,
                          closure(f) if closure else None)
        for d in reversed(decs):
            cls = d(cls)
        store(f, cls)
    return run_classdef


def expressions_items(c, elts):
    return sequence_items(c, elts)


def compile_class_body(c, code, node):
    code.varnames = list(code.freevars) + ([class_cell_name(code)] if code.needs_class_cell else [])
    code.argcount = 0
    cc = Compiler(code, c.env, future_annotations=c.future_annotations)
    block = cc.block(node.body) if node.body else (lambda f: None)
    finish_layout(code)
    return block


def _calculate_metaclass(meta, bases):
    winner = meta
    for base in bases:
        base_meta = type(base)
        if issubclass(winner, base_meta):
            continue
        if issubclass(base_meta, winner):
            winner = base_meta
            continue
        raise TypeError("metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                        "subclass of the metaclasses of all its bases")
    return winner


def build_class(f, body, code, name, qualname, doc, bases, kw, closure):
    """CPython's __build_class__, over a guest class body."""
    orig_bases = tuple(bases)
    bases = types.resolve_bases(orig_bases)
    meta = kw.pop("metaclass", None)
    if meta is None:
        meta = type(bases[0]) if bases else type
        is_class = True
    else:
        is_class = isinstance(meta, type)
    if is_class:
        meta = _calculate_metaclass(meta, bases)
    prepare = getattr(meta, "__prepare__", None)
    ns = prepare(name, bases, **kw) if prepare is not None else {}
    if not hasattr(ns, "__getitem__"):
        raise TypeError(f"{meta.__name__ if isinstance(meta, type) else '<metaclass>'}.__prepare__() "
                        f"must return a mapping, not {type(ns).__name__}")
    ns["__module__"] = f[F_GLOBALS].get("__name__")
    ns["__qualname__"] = qualname
    if doc is not None:
        ns["__doc__"] = doc
    if has_annotations(code.node.body):
        setup_annotations(ns)
    slots = [UNBOUND] * len(code.varnames)
    if closure:
        slots[:len(closure)] = closure
    class_cell = None
    if code.needs_class_cell:
        class_cell = types.CellType()
        slots[code.varnames.index(class_cell_name(code))] = class_cell
    frame = new_frame(code, f[F_GLOBALS], f[F_BUILTINS], slots, ns, f)
    slots = None   # (gc.get_objects would show its empty slots: UNBOUND)
    check_depth(frame)
    ts = tstate
    frame[F_BACK] = back = ts.frame
    ts.frame = frame
    try:
        body(frame)
    except BaseException as e:
        tracebacks.add_frame(e, frame)
        raise
    finally:
        ts.frame = back
    if class_cell is not None:
        ns["__classcell__"] = class_cell
    if orig_bases != bases:
        ns["__orig_bases__"] = orig_bases
    cls = meta(name, bases, ns, **kw)
    if class_cell is not None and isinstance(cls, type):
        try:
            contents = class_cell.cell_contents
        except ValueError:
            # type.__new__ fills the cell from __classcell__: a metaclass dropped it
            raise RuntimeError(f"__class__ not set defining {name!r} as {cls!r}. Was "
                               "__classcell__ propagated to type.__new__?") from None
        if contents is not cls:
            raise TypeError(f"__class__ set to {contents!r} defining {name!r} as {cls!r}")
    return cls


def has_annotations(stmts) -> bool:
    """Whether a module or class body needs `__annotations__` set up before it runs: any
    annotated assignment in it, also inside if/for/while/with/try/match blocks but not in
    nested scopes (CPython 3.11's compiler, find_ann, then emits SETUP_ANNOTATIONS)."""
    for s in stmts:
        if isinstance(s, ast.AnnAssign):
            return True
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        blocks = [getattr(s, name, None) or [] for name in ("body", "orelse", "finalbody")]
        blocks += [h.body for h in getattr(s, "handlers", ())]
        blocks += [case.body for case in getattr(s, "cases", ())]
        if any(has_annotations(b) for b in blocks if isinstance(b, list)):
            return True
    return False


def setup_annotations(ns) -> None:
    """SETUP_ANNOTATIONS: an existing `__annotations__` in the namespace is kept."""
    if type(ns) is dict:
        ns.setdefault("__annotations__", {})
        return
    try:
        ns["__annotations__"]
    except KeyError:
        ns["__annotations__"] = {}


# ---- comprehensions ---------------------------------------------------------------------


def _comprehension_runner(c, node, kind):
    """Compile a list/set/dict comprehension scope; returns run(frame_of_comp) -> result."""
    code = c.child_code(node)
    cc = Compiler(code, c.env, future_annotations=c.future_annotations)
    gens = node.generators
    if kind == "dict":
        key, value = cc.expr(node.key), cc.expr(node.value)
    else:
        elt = cc.expr(node.elt)

    def level(i):
        gen = gens[i]
        store = cc.store(gen.target)
        slot = cc.fast_slot(gen.target)
        conds = [cc.expr(x) for x in gen.ifs]
        it = (lambda f: f[HEADER]) if i == 0 else cc.expr(gen.iter)
        inner = level(i + 1) if i + 1 < len(gens) else None
        if kind == "list":
            emit = lambda f, out: out.append(elt(f))
        elif kind == "set":
            emit = lambda f, out: out.add(elt(f))
        else:
            def emit(f, out):
                k = key(f)
                out[k] = value(f)
        step = inner if inner is not None else emit

        if slot is not None and not conds:
            def run_level_fast(f, out):
                slots = f
                for v in it(f):
                    slots[slot] = v
                    step(f, out)
            return run_level_fast

        def run_level(f, out):
            for v in it(f):
                store(f, v)
                for cond in conds:
                    if not cond(f):
                        break
                else:
                    step(f, out)
        return run_level

    top = level(0)
    finish_layout(code)
    factory = {"list": list, "set": set, "dict": dict}[kind]

    def run_comp(f):
        out = factory()
        top(f, out)
        return out
    return code, run_comp


def _comprehension(c, node, kind):
    code, run = _comprehension_runner(c, node, kind)
    first_iter = c.expr(node.generators[0].iter)
    closure = _closure_maker(c, code)
    nslots = len(code.varnames)
    first_free = code.first_free_slot
    nfree = len(code.freevars)
    cells = code.cell_param_slots

    def run_comprehension(f):
        it = steppable(iter(first_iter(f)))   # (the loop inside must not call __iter__ again)
        slots = [UNBOUND] * nslots
        slots[0] = it
        if closure is not None:
            slots[first_free:first_free + nfree] = closure(f)
        for i, _ in cells:
            slots[i] = types.CellType()
        frame = new_frame(code, f[F_GLOBALS], f[F_BUILTINS], slots, None, f)
        slots = None   # (gc.get_objects would show its empty slots: UNBOUND)
        frame[F_LINENO] = f[F_LINENO]
        check_depth(frame)     # (CPython 3.11: a comprehension is a function call)
        try:
            return run(frame)
        except BaseException as e:
            tracebacks.add_frame(e, frame)    # CPython 3.11 shows the <listcomp> frame
            raise
    return run_comprehension


def transform_ListComp(c, node):
    if c.child_code(node).is_coroutine:
        return generators.async_comprehension(c, node, "list")
    return _comprehension(c, node, "list")


def transform_SetComp(c, node):
    if c.child_code(node).is_coroutine:
        return generators.async_comprehension(c, node, "set")
    return _comprehension(c, node, "set")


def transform_DictComp(c, node):
    if c.child_code(node).is_coroutine:
        return generators.async_comprehension(c, node, "dict")
    return _comprehension(c, node, "dict")


def transform_GeneratorExp(c, node):
    return generators.generator_expression(c, node)


def run_in_frame(code, run, frame, depth_below=0):
    """Run a compiled body in `frame` as the thread's current frame (module and exec bodies).
    `depth_below`: frames CPython has between the caller and this one (the import system's,
    runpy's), for the recursion depth."""
    ts = tstate
    frame[F_BACK] = back = ts.frame
    frame[F_DEPTH] = frame_depth(back) + depth_below
    check_depth(frame)
    ts.frame = frame
    try:
        r = run(frame)
    except BaseException as e:
        tracebacks.add_frame(e, frame)
        raise
    finally:
        ts.frame = back
    return frame[F_RETVAL] if r is RETURN else None


ScopeKind = ScopeKind


# ---- compiling a function-like scope ---------------------------------------------------


def compile_function_body(code: GuestCode, env, future_annotations=False):
    """Compile a function-like scope; sets code.run (or the generator factory)."""
    c = Compiler(code, env, future_annotations=future_annotations)
    code.line_events = env.line_events    # stepping needs tier 0: never native (codegen)
    node = code.node
    if code.is_generator or code.is_coroutine:
        generators.compile_generator_body(c, code)
    elif isinstance(node, ast.Lambda):
        body = c.expr(node.body)
        code.run = body
        code.make_generator = None
    else:
        code.run = _function_runner(c, node.body)
        code.make_generator = None
    finish_layout(code)
    make_invokers(code)
    if not code.line_events:    # with line events the debugger steps through it: tier 0 only
        tiering.install(code)   # native tier: may wrap code.invoke with a counting entry


def _function_runner(c, body):
    """run(frame) -> return value. A body ending in its only `return expr` skips the signal."""
    last = body[-1]
    if isinstance(last, ast.Return) and not c.env.line_events and last.value is not None and not _has_return(body[:-1]):
        value = c.expr(last.value)
        line = last.lineno
        if len(body) == 1:
            # `def f(...): return expr`: the frame starts at the return's line and the
            # expression closure is the whole body (one host call less per guest call).
            c.code.entry_lineno = line
            return value
        prefix = c.block(body[:-1])

        def run_then_return(f):
            if prefix(f) is not None:
                # RETURN: a loop ran the rest of the call natively (protojit/loophooks.py,
                # whole-function OSR) and left its result in F_RETVAL
                return f[F_RETVAL]
            f[F_LINENO] = line
            return value(f)
        return run_then_return
    return c.block(body, returns_value=True)


def _has_return(stmts) -> bool:
    stack = list(stmts)
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Return):
            return True
        if isinstance(n, SCOPE_NODES):
            continue
        stack.extend(ast.iter_child_nodes(n))
    return False
