"""Private name mangling: `__spam` inside a class body means `_Class__spam`.

CPython's compiler rewrites such identifiers in the whole body of a class
(its methods, lambdas and comprehensions included; a nested class uses its
own name) before anything runs, and the symbol tables protojit reads
(`symtable`) already list the mangled names. This pass makes the AST agree:
names, attribute names, parameters, global/nonlocal declarations and the
names bound by except/match clauses are rewritten in place. A def or class
statement keeps its own `__name__` but binds the mangled name (its
`pj_store_name`). Keyword argument names in calls are not mangled, as in
CPython.
"""
from __future__ import annotations

import ast


def mangle(private: str | None, name: str) -> str:
    """CPython's _Py_Mangle: `__name` (no trailing `__`, no dot) -> `_Class__name`."""
    if private is None or not name.startswith("__") or name.endswith("__") or "." in name:
        return name
    stripped = private.lstrip("_")
    if not stripped:
        return name         # a class named only with underscores mangles nothing
    return f"_{stripped}{name}"


def mangle_private_names(tree: ast.AST) -> None:
    """Rewrite every private name under a class body of `tree` in place."""
    _Mangler().visit(tree)


class _Mangler(ast.NodeVisitor):
    def __init__(self):
        self.private: str | None = None      # the innermost enclosing class's name

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        # Decorators, bases and keywords run in the enclosing scope.
        for part in node.decorator_list + node.bases + node.keywords:
            self.visit(part)
        node.pj_store_name = mangle(self.private, node.name)
        saved, self.private = self.private, node.name
        for stmt in node.body:
            self.visit(stmt)
        self.private = saved

    def visit_FunctionDef(self, node) -> None:
        if self.private is not None:
            node.pj_store_name = mangle(self.private, node.name)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Name(self, node: ast.Name) -> None:
        node.id = mangle(self.private, node.id)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        node.attr = mangle(self.private, node.attr)
        self.visit(node.value)

    def visit_arg(self, node: ast.arg) -> None:
        node.arg = mangle(self.private, node.arg)
        if node.annotation is not None:
            self.visit(node.annotation)

    def visit_Global(self, node) -> None:
        node.names = [mangle(self.private, n) for n in node.names]

    visit_Nonlocal = visit_Global

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name is not None:
            node.name = mangle(self.private, node.name)
        self.generic_visit(node)

    def visit_MatchAs(self, node) -> None:
        if node.name is not None:
            node.name = mangle(self.private, node.name)
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        if node.rest is not None:
            node.rest = mangle(self.private, node.rest)
        self.generic_visit(node)
