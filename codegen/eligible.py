"""Cheap eligibility checks for the native tier (no llvmlite, no numpy imported).

protojit/tiering.py calls these when tier 0 builds closures, so a program that
never gets hot never loads LLVM: `plain_code_reason` (can a GuestCode ever be
native), `reflective_use` (does it read its frame), `region_reason` and
`loop_names` (can a loop statement become an OSR region, which locals it uses).
"""
from __future__ import annotations

import ast

# Names whose call makes a function unfit for native code (they read the frame).
REFLECTIVE = frozenset({"locals", "globals", "vars", "dir", "breakpoint", "eval", "exec", "help",
                        "input", "super", "__import__", "compile"})
# Calls of these host functions keep a function in tier 0: they walk the *host* stack
# (the traceback module's print/extract/format_stack), where native object code has no
# frame. (warnings' stacklevel, inspect.stack/currentframe and logging's caller walk the
# guest frames, which object code has: codegen/compiler.py ObjectSpec.)
FRAME_READERS = frozenset({"print_stack", "extract_stack", "format_stack"})
REFLECTIVE_ATTRS = frozenset({"_getframe", "f_locals", "f_globals", "f_back",
                              "breakpointhook", "settrace", "setprofile",
                              # a guest generator's, as tier 0 shows them (runtime/coroutines.py)
                              "gi_code", "gi_frame", "gi_yieldfrom"})


def plain_code_reason(code, objects: bool = False, generators: bool = False) -> str | None:
    """Why a GuestCode can never be native (None: it may be). `objects` (object code):
    free variables are fine (their cells come from the function's __closure__).
    `generators` (with `objects`: a call's compile, codegen/generators.py): a generator
    function may be (not a coroutine or an async generator)."""
    from protojit.frontend.code import ScopeKind
    if code.kind is not ScopeKind.FUNCTION:
        return f"{code.kind.value} scopes are not compiled"
    if code.is_coroutine or (code.is_generator and not (objects and generators)):
        return "generator or coroutine"
    if code.kwonlyargcount or code.posonlyargcount:
        return "keyword-only or positional-only parameters"
    if (code.has_varargs or code.has_varkw) and not objects:
        return "*args or **kwargs parameters"
    if (code.cellvars and not (objects and _cells_for_comprehensions_only(code))) \
            or (code.freevars and not objects):
        return "closure variables (cells)"
    return None


def _cells_for_comprehensions_only(code) -> bool:
    """Object code inlines list/set/dict comprehensions: cells that only they capture
    are plain locals there. Any other nested scope that captures keeps them cells."""
    from protojit.frontend.code import ScopeKind
    for child in code.children.values():
        if child.kind is not ScopeKind.COMPREHENSION or not _cells_for_comprehensions_only(child):
            return False
    return True


def reflective_use(node: ast.AST, objects: bool = False) -> tuple[str, int] | None:
    """The first reflective call or frame access in `node`, as (name, line). `objects`
    (object code): super() is not one (build.py passes it the class cell and the first
    argument, or calls it with its arguments)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id in REFLECTIVE \
                and not (objects and sub.func.id == "super"):
            return sub.func.id + "()", sub.lineno
        if isinstance(sub, ast.Attribute) and sub.attr in REFLECTIVE_ATTRS:
            return "." + sub.attr, sub.lineno
    return None


def loop_names(node: ast.AST, is_local) -> tuple[list[str], list[str]]:
    """(locals used, locals assigned) by a loop statement, in first-seen order."""
    used, assigned = [], []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and is_local(sub.id):
            if sub.id not in used:
                used.append(sub.id)
            if isinstance(sub.ctx, ast.Store) and sub.id not in assigned:
                assigned.append(sub.id)
    return used, assigned


def region_reason(node: ast.AST) -> str | None:
    """Why a loop can never be a region (None: it may be)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Return):
            return "return inside the loop"
        if isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await, ast.Global, ast.Nonlocal,
                            ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
                            ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Try,
                            ast.With, ast.Delete)):
            return f"{type(sub).__name__} inside the loop"
    if isinstance(node, ast.For) and not isinstance(node.target, (ast.Name, ast.Tuple)):
        return "loop target is not a name"
    return None
