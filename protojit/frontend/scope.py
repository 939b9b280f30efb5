"""Scope analysis: source text -> a tree of GuestCode objects.

We parse with the host `ast` module and let the host compiler validate the
tree (so every SyntaxError is exactly CPython's). Name resolution comes from
the host `symtable` module, which implements CPython's scoping rules
(locals, cells, free variables, globals, nonlocals, class scopes,
comprehension scopes); we map each symbol table onto its AST scope node by
(table name, line) in definition order.
"""
from __future__ import annotations

import ast
import _symtable
import symtable
import threading
import warnings
from collections import defaultdict, deque

from .mangle import mangle_private_names
from .code import GuestCode, NameKind, ScopeKind

_COMP_NAMES = {ast.ListComp: "listcomp", ast.SetComp: "setcomp",
               ast.DictComp: "dictcomp", ast.GeneratorExp: "genexpr"}
SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
               ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def parse(source: str, filename: str, mode: str = "exec") -> ast.AST:
    """Parse and validate: raises CPython's own SyntaxError for bad input."""
    tree = ast.parse(source, filename, mode)
    compile(tree, filename, mode, dont_inherit=True)   # the host compiler's semantic checks
    return tree


def analyze(tree: ast.AST, source: str, filename: str, mode: str = "exec") -> GuestCode:
    """Build the GuestCode tree of a module (mode 'exec'/'single') or expression ('eval')."""
    mangle_private_names(tree)      # the symbol tables hold the mangled names
    table = _symbol_table(source, filename, "eval" if mode == "eval" else "exec")
    by_key: dict[tuple[str, int], deque] = defaultdict(deque)
    _index_tables(table, by_key)
    cells = _find_cells(table)
    module = GuestCode(ScopeKind.MODULE, "<module>", "<module>", filename, tree, 1)
    _fill_names(module, table, cells)
    _ScopeBuilder(by_key, cells, filename).visit_scope_body(module, tree)
    return module


# catch_warnings swaps the process-wide filter list and puts back what it saved: two
# threads compiling at once would each restore the other's 'ignore' and leave every
# warning of the program silenced. One at a time.
_SYMTABLE_LOCK = threading.Lock()


def _symbol_table(source: str, filename: str, mode: str) -> symtable.SymbolTable:
    """symtable parses the source a second time: the parser's warnings (invalid escape
    sequences, `1if`) were given by the first parse (the tree's) and are not given twice."""
    with _SYMTABLE_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return symtable.symtable(source, filename, mode)


def _index_tables(table: symtable.SymbolTable, by_key) -> None:
    for child in table.get_children():
        by_key[(child.get_name(), child.get_lineno())].append(child)
        _index_tables(child, by_key)


def _find_cells(top: symtable.SymbolTable) -> dict[int, set[str]]:
    """id(function table) -> names of its locals that inner scopes capture."""
    cells: dict[int, set[str]] = defaultdict(set)

    def walk(table, ancestors):
        for sym in table.get_symbols():
            if sym.is_free():
                for anc in reversed(ancestors):
                    if anc.get_type() == "class":
                        if sym.get_name() == "__class__":
                            cells[id(anc)].add("__class__")
                            break
                        continue
                    if anc.get_type() == "function":
                        try:
                            asym = anc.lookup(sym.get_name())
                        except KeyError:
                            continue
                        if (asym.is_local() or asym.is_parameter()) and not asym.is_free():
                            cells[id(anc)].add(sym.get_name())
                            break
        for child in table.get_children():
            walk(child, ancestors + [table])

    walk(top, [])
    return cells


def _symbol_flags(sym: symtable.Symbol) -> int:
    # The symtable module shows a symbol's scope but not its DEF_* flags (3.11).
    return sym._Symbol__flags


def _fill_names(code: GuestCode, table: symtable.SymbolTable, cells) -> None:
    my_cells = cells.get(id(table), set())
    if code.kind is ScopeKind.CLASS:
        code.needs_class_cell = "__class__" in my_cells
    for sym in table.get_symbols():
        name = sym.get_name()
        if code.kind is ScopeKind.MODULE:
            # `global a` at module level matters when exec() gets separate globals and
            # locals: CPython's compiler then reads and writes the globals (LOAD_GLOBAL).
            code.names[name] = NameKind.GLOBAL if sym.is_declared_global() else NameKind.NAME
        elif code.kind is ScopeKind.CLASS:
            if sym.is_declared_global():
                code.names[name] = NameKind.GLOBAL
            elif sym.is_free():
                # An enclosing function's variable (read, or declared nonlocal): reads look
                # in the class namespace first, stores and deletes go to the cell.
                code.names[name] = NameKind.CLASSDEREF
            else:
                code.names[name] = NameKind.NAME
            if sym.is_free() or _symbol_flags(sym) & _symtable.DEF_FREE_CLASS:
                # DEF_FREE_CLASS: a method's free variable that the class itself binds or
                # declares global. The method captures the enclosing function's cell (class
                # scopes are skipped), so the class body passes the cell through, as
                # CPython's class co_freevars do.
                code.freevars.append(name)
        else:
            if sym.is_free():
                code.names[name] = NameKind.FREE
                code.freevars.append(name)
            elif sym.is_local() or sym.is_parameter():
                cell = name in my_cells
                code.names[name] = NameKind.CELL if cell else NameKind.FAST
                if cell:
                    code.cellvars.append(name)
            else:
                code.names[name] = NameKind.GLOBAL
    # CPython's compiler orders both by name: co_freevars, co_cellvars and so a
    # function's __closure__ (exec(code, closure=...) takes the cells in that order).
    code.freevars.sort()
    code.cellvars.sort()


class _ScopeBuilder:
    """Walks the AST in the symbol table's order, making a GuestCode per scope node."""

    def __init__(self, by_key, cells, filename):
        self.by_key = by_key
        self.cells = cells
        self.filename = filename

    def visit_scope_body(self, code: GuestCode, node: ast.AST) -> None:
        for child in _scope_body_parts(node):
            self.visit(code, child)

    def visit(self, code: GuestCode, node: ast.AST) -> None:
        if isinstance(node, SCOPE_NODES):
            # Parts evaluated in the enclosing scope come first (decorators, defaults, bases,
            # the first iterable of a comprehension), as in the symbol table pass.
            for part in _outer_parts(node):
                self.visit(code, part)
            child = self.make_code(code, node)
            code.children[id(node)] = child
            self.visit_scope_body(child, node)
            return
        for sub in ast.iter_child_nodes(node):
            self.visit(code, sub)

    def make_code(self, parent: GuestCode, node: ast.AST) -> GuestCode:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            kind, name = ScopeKind.FUNCTION, node.name
        elif isinstance(node, ast.ClassDef):
            kind, name = ScopeKind.CLASS, node.name
        elif isinstance(node, ast.Lambda):
            kind, name = ScopeKind.LAMBDA, "<lambda>"
        else:
            kind, name = ScopeKind.COMPREHENSION, "<" + _COMP_NAMES[type(node)] + ">"
        table_name = name.strip("<>") if kind in (ScopeKind.LAMBDA, ScopeKind.COMPREHENSION) else name
        queue = self.by_key.get((table_name, node.lineno))
        if not queue:
            raise AssertionError(f"scope analysis: no symbol table for {name} at line {node.lineno}")
        table = queue.popleft()
        if parent.kind is ScopeKind.MODULE:
            qualname = name
        elif parent.kind is ScopeKind.CLASS:
            qualname = f"{parent.qualname}.{name}"
        else:
            qualname = f"{parent.qualname}.<locals>.{name}"
        first = node.lineno
        if getattr(node, "decorator_list", None):
            first = node.decorator_list[0].lineno
        code = GuestCode(kind, name, qualname, self.filename, node, first, parent=parent)
        _fill_names(code, table, self.cells)
        if kind is not ScopeKind.CLASS:
            _layout_slots(code, node)
        return code


def _scope_body_parts(node: ast.AST) -> list[ast.AST]:
    """The sub-nodes evaluated inside the scope that `node` opens."""
    if isinstance(node, (ast.Module, ast.Interactive)):
        return list(node.body)
    if isinstance(node, ast.Expression):
        return [node.body]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return list(node.body)
    if isinstance(node, ast.ClassDef):
        return list(node.body)
    if isinstance(node, ast.Lambda):
        return [node.body]
    # Comprehension: everything but the first iterable.
    parts: list[ast.AST] = []
    for i, gen in enumerate(node.generators):
        parts.append(gen.target)
        if i:
            parts.append(gen.iter)
        parts.extend(gen.ifs)
    if isinstance(node, ast.DictComp):
        parts += [node.key, node.value]
    else:
        parts.append(node.elt)
    return parts


def _outer_parts(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = node.args
        parts = list(getattr(node, "decorator_list", [])) + list(args.defaults)
        parts += [d for d in args.kw_defaults if d is not None]
        if not isinstance(node, ast.Lambda):
            for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
                if a is not None and a.annotation is not None:
                    parts.append(a.annotation)
            if node.returns is not None:
                parts.append(node.returns)
        return parts
    if isinstance(node, ast.ClassDef):
        return list(node.decorator_list) + list(node.bases) + [k.value for k in node.keywords]
    return [node.generators[0].iter]


def _layout_slots(code: GuestCode, node: ast.AST) -> None:
    """Parameters first, in CPython's order, then every other local, then free variables."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        a = node.args
        params = [x.arg for x in a.posonlyargs + a.args]
        code.argcount = len(params)
        code.posonlyargcount = len(a.posonlyargs)
        if a.vararg:
            params.append(a.vararg.arg)
            code.has_varargs = True
        params += [x.arg for x in a.kwonlyargs]
        code.kwonlyargcount = len(a.kwonlyargs)
        if a.kwarg:
            params.append(a.kwarg.arg)
            code.has_varkw = True
        # Keyword-only come before *args in the slot order we use for binding: keep CPython's
        # co_varnames order (positional, kw-only, *args, **kwargs).
        ordered = [x.arg for x in a.posonlyargs + a.args] + [x.arg for x in a.kwonlyargs]
        if a.vararg:
            ordered.append(a.vararg.arg)
        if a.kwarg:
            ordered.append(a.kwarg.arg)
        code.varnames = ordered
        code.is_generator = _contains_yield(node)
        code.is_coroutine = isinstance(node, ast.AsyncFunctionDef)
    else:   # comprehension: one hidden parameter, the iterator of the first iterable
        code.varnames = [".0"]
        code.argcount = 1
        code.is_generator = isinstance(node, ast.GeneratorExp)
        code.is_coroutine = _is_async_comprehension(node)
    for name, kind in code.names.items():
        if kind in (NameKind.FAST, NameKind.CELL) and name not in code.varnames:
            code.varnames.append(name)
    for name in code.freevars:
        if name not in code.varnames:
            code.varnames.append(name)


def _contains_yield(func: ast.AST) -> bool:
    """Does this function's own body (not nested scopes) contain yield / yield from?"""
    stack = list(func.body) if isinstance(func.body, list) else [func.body]
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(n, SCOPE_NODES) and not isinstance(n, ast.GeneratorExp):
            # A nested scope: only its outer parts (defaults, decorators) belong to us.
            stack.extend(_outer_parts(n))
            continue
        if isinstance(n, ast.GeneratorExp):
            stack.append(n.generators[0].iter)
            continue
        stack.extend(ast.iter_child_nodes(n))
    return False


def _is_async_comprehension(node: ast.AST) -> bool:
    """CPython's rule: `async for` or `await` in the comprehension's own scope, or a nested
    list/set/dict comprehension that is itself asynchronous (an asynchronous generator
    expression inside does not make the outer one asynchronous)."""
    if any(g.is_async for g in node.generators):
        return True
    stack = list(_scope_body_parts(node))
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Await):
            return True
        if isinstance(n, (ast.ListComp, ast.SetComp, ast.DictComp)):
            if _is_async_comprehension(n):
                return True
            stack.append(n.generators[0].iter)
            continue
        if isinstance(n, (ast.GeneratorExp, ast.Lambda)):
            if isinstance(n, ast.GeneratorExp):
                stack.append(n.generators[0].iter)
            continue
        stack.extend(ast.iter_child_nodes(n))
    return False
