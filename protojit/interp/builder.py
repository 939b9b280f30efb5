"""The state of one scope being compiled by tier 0, and the dispatcher over its nodes.

`Compiler` holds what the transforms of one scope share (its GuestCode, the
environment, the names certainly bound so far) and dispatches each node to its
`transform_<Node>` function through `_EXPR`/`_STMT`. It holds no transform itself:
those live in the topic modules (expressions.py, statements.py, functions.py,
patterns.py, generators.py), which all import this module at the top; the tables
are filled once by compiler.py, the one module that imports every topic module.
Blocks (a statement list with its line updates) are built here, as every topic
needs them.

Every closure takes the frame (a list: protojit/frames.py). Statements return None or
a signal (signals.py); expressions return their value.
"""
from __future__ import annotations

import ast

from protojit.frames import F_LINENO, F_RETVAL, UNBOUND
from protojit.frontend.code import GuestCode, NameKind, ScopeKind
from protojit.frontend.scope import SCOPE_NODES
from protojit.runtime.iteration import steppable

from .names import make_store
from .signals import RETURN

# node type -> transform_<Node>(compiler, node); filled by compiler.py from the topic modules.
_EXPR: dict = {}
_STMT: dict = {}


class Unsupported(NotImplementedError):
    """A construct tier 0 does not implement; names it and the guest file:line.

    Printed as a plain `NotImplementedError: protojit does not support ...`."""
    __module__ = "builtins"

    def __init__(self, feature: str, filename: str, line: int):
        super().__init__(f"protojit does not support {feature} ({filename}:{line})")
        self.feature = feature
        self.filename = filename
        self.line = line


Unsupported.__qualname__ = "NotImplementedError"


class Compiler:
    """Compiles one scope. Nested scopes get their own Compiler (see functions.py)."""

    def __init__(self, code: GuestCode, env, *, interactive=False, future_annotations=False):
        self.code = code
        self.env = env
        self.interactive = interactive
        self.future_annotations = future_annotations
        self.deleted = _deleted_names(code)
        # Locals certainly bound at the point being compiled: their loads skip the unbound
        # check. Grows as a block assigns names; each block restores it when it ends.
        self.bound: set[str] = set()

    # -- dispatch --------------------------------------------------------------------

    def expr(self, node: ast.AST):
        try:
            transform = _EXPR[type(node)]
        except KeyError:
            raise self.unsupported(f"the expression {type(node).__name__}", node) from None
        return transform(self, node)

    def stmt(self, node: ast.AST):
        try:
            transform = _STMT[type(node)]
        except KeyError:
            raise self.unsupported(f"the statement {type(node).__name__}", node) from None
        return transform(self, node)

    def block(self, stmts: list[ast.stmt], bound=(), returns_value=False):
        """A statement list: sets the line before each statement, stops at the first signal.

        `bound` names are certainly bound inside the block (a for loop's target). With
        `returns_value` the block is a whole function body and returns its result."""
        return self.make_block(self.block_items(stmts, bound), returns_value)

    def block_items(self, stmts: list[ast.stmt], bound=()) -> list:
        """(line, closure, is_expression) of each statement of a block (see block())."""
        saved = set(self.bound)
        self.bound.update(bound)
        items = []
        for s in stmts:
            if type(s) is ast.Expr and not (self.interactive and self.code.kind is ScopeKind.MODULE):
                # An expression statement runs its expression's own closure (one call less);
                # the block drops the value instead of reading it as a signal.
                items.append((s.lineno, self.expr(s.value), True))
            else:
                items.append((s.lineno, self.stmt(s), False))
            self.bound.update(_names_bound_by(s))
        self.bound = saved
        return items

    def single_expression(self, items):
        """(line, expression closure) when a block is one expression statement and runs
        without line events: loops and ifs run it inline (one call less), else None."""
        if len(items) == 1 and items[0][2] and not self.env.line_events:
            return items[0][:2]
        return None

    def make_block(self, items, returns_value=False):
        """items: (line, closure, is_expression) per statement."""
        if self.env.line_events:
            pairs = [(line, _as_statement(run) if is_expr else run) for line, run, is_expr in items]
            block = _traced_block(pairs, self.env.line_hook, getattr(self.env, "return_hook", None),
                                  getattr(self.env, "debug_active", None))
            return _function_result(block) if returns_value else block
        if returns_value:
            return _body_block(items)
        if len(items) == 1:
            (line, only, is_expr), = items
            if is_expr:
                def run_one_expression(f):
                    f[F_LINENO] = line
                    only(f)
                return run_one_expression

            def run_one(f):
                f[F_LINENO] = line
                return only(f)
            return run_one
        if len(items) == 2:
            (l1, s1, e1), (l2, s2, e2) = items

            def run_two(f):
                f[F_LINENO] = l1
                r = s1(f)
                if r is not None and not e1:
                    return r
                f[F_LINENO] = l2
                r = s2(f)
                return None if e2 else r
            return run_two

        def run_block(f):
            for line, s, is_expr in items:
                f[F_LINENO] = line
                r = s(f)
                if r is not None and not is_expr:
                    return r
        return run_block

    def unsupported(self, feature: str, node: ast.AST) -> Unsupported:
        return Unsupported(feature, self.code.filename, getattr(node, "lineno", self.code.firstlineno))

    # -- names -----------------------------------------------------------------------

    def is_always_bound(self, name: str) -> bool:
        """A parameter or an already-assigned local, never deleted: no unbound check needed."""
        code = self.code
        if not code.is_function_like or name in self.deleted:
            return False
        if name in self.bound and code.kind_of(name) is NameKind.FAST:
            return True
        nparams = code.argcount + code.kwonlyargcount + code.has_varargs + code.has_varkw
        return name in code.varnames[:nparams] and code.kind_of(name) is NameKind.FAST

    def fast_slot(self, target: ast.AST):
        if isinstance(target, ast.Name) and self.code.kind_of(target.id) is NameKind.FAST:
            return self.code.slot(target.id)
        return None

    def store(self, target: ast.AST):
        """A closure `st(frame, value)` that assigns to an assignment target."""
        if isinstance(target, ast.Name):
            return make_store(self.code, target.id)
        if isinstance(target, ast.Attribute):
            attr = target.attr
            if isinstance(target.value, ast.Name) and self.is_always_bound(target.value.id):
                i = self.fast_slot(target.value)
                if i is not None:
                    def store_slot_attr(f, v):      # `self.x = v`
                        setattr(f[i], attr, v)
                    return store_slot_attr
            obj = self.expr(target.value)

            def store_attr(f, v):
                setattr(obj(f), attr, v)
            return store_attr
        if isinstance(target, ast.Subscript):
            obj = self.expr(target.value)
            index = self.expr(target.slice)

            def store_item(f, v):
                obj(f)[index(f)] = v
            return store_item
        if isinstance(target, (ast.Tuple, ast.List)):
            return self._store_unpack(target)
        if isinstance(target, ast.Starred):
            raise self.unsupported("a starred assignment target outside a tuple or list", target)
        raise self.unsupported(f"assignment to {type(target).__name__}", target)

    def _store_unpack(self, target):
        elts = target.elts
        star = [i for i, e in enumerate(elts) if isinstance(e, ast.Starred)]
        stores = [self.store(e.value if isinstance(e, ast.Starred) else e) for e in elts]
        n = len(elts)
        if not star:
            def store_unpack(f, v):
                # as CPython's UNPACK_SEQUENCE: every item taken, the sequence released
                # (a __del__ of a temporary runs now), then the stores, whose releases
                # may run guest code that changes a list being unpacked
                items = _unpack_exact(v, n)
                if items is v and type(v) is list:
                    items = tuple(v)
                del v
                for st, item in zip(stores, items):
                    st(f, item)
            return store_unpack
        k = star[0]
        after = n - k - 1

        def store_unpack_star(f, v):
            # CPython's unpack_iterable: the k items before the star taken one by one, then
            # list(it) for the rest (which calls the iterator's __iter__ once more)
            try:
                it = iter(v)
            except TypeError:
                raise TypeError(f"cannot unpack non-iterable {type(v).__name__} object") from None
            items = []
            if k:
                step = steppable(it)
                for _ in range(k):
                    x = next(step, UNBOUND)
                    if x is UNBOUND:
                        raise ValueError(f"not enough values to unpack (expected at least {n - 1}, "
                                         f"got {len(items)})")
                    items.append(x)
            items += list(it)
            if len(items) < n - 1:
                raise ValueError(f"not enough values to unpack (expected at least {n - 1}, got {len(items)})")
            for i in range(k):
                stores[i](f, items[i])
            stores[k](f, items[k:len(items) - after])
            for j in range(after):
                stores[k + 1 + j](f, items[len(items) - after + j])
        return store_unpack_star

    # -- helpers used by several transforms ------------------------------------------------

    def child_code(self, node: ast.AST) -> GuestCode:
        return self.code.children[id(node)]


def _traced_block(pairs, hook, return_hook=None, active=None):
    """A block that reports a line event before each statement (for the debugger), and a
    return event when a statement returns from the function (each enclosing block reports
    it again; the hook keeps the first). `active` is a one-item list, true while the
    debugger wants events: checked inline, so a program that could stop but is not
    stopping pays an index per statement, not a call."""
    if active is None:
        active = [True]
    if len(pairs) == 1:
        (line, only), = pairs

        def run_traced_one(f):
            f[F_LINENO] = line
            if active[0]:
                hook(f)
            r = only(f)
            if r is RETURN and active[0] and return_hook is not None:
                return_hook(f)
            return r
        return run_traced_one

    def run_traced_block(f):
        for line, s in pairs:
            f[F_LINENO] = line
            if active[0]:
                hook(f)
            r = s(f)
            if r is not None:
                if r is RETURN and active[0] and return_hook is not None:
                    return_hook(f)
                return r
    return run_traced_block


def _as_statement(ev):
    """An expression statement as a statement closure (it returns None)."""
    def run_expr(f):
        ev(f)
    return run_expr


def _function_result(block):
    """A function body from a block: the returned value, or None."""
    def run_function(f):
        if block(f) is RETURN:
            return f[F_RETVAL]
        return None
    return run_function


def _body_block(items):
    """A whole function body: the statements, then the result. A signal that leaves a
    function body can only be RETURN (break/continue outside a loop do not compile)."""
    if len(items) == 1:
        (line, only, is_expr), = items

        def run_body_one(f):
            f[F_LINENO] = line
            if only(f) is not None and not is_expr:
                return f[F_RETVAL]
        return run_body_one
    if len(items) == 2:
        (l1, s1, e1), (l2, s2, e2) = items

        def run_body_two(f):
            f[F_LINENO] = l1
            if s1(f) is not None and not e1:
                return f[F_RETVAL]
            f[F_LINENO] = l2
            if s2(f) is not None and not e2:
                return f[F_RETVAL]
        return run_body_two

    def run_body(f):
        for line, s, is_expr in items:
            f[F_LINENO] = line
            if s(f) is not None and not is_expr:
                return f[F_RETVAL]
    return run_body


def _unpack_exact(v, n):
    if type(v) in (tuple, list):
        items = v
    else:
        try:
            it = iter(v)
        except TypeError:
            raise TypeError(f"cannot unpack non-iterable {type(v).__name__} object") from None
        items = []
        for x in steppable(it):
            items.append(x)
            if len(items) > n:
                raise ValueError(f"too many values to unpack (expected {n})")
    if len(items) != n:
        if len(items) > n:
            raise ValueError(f"too many values to unpack (expected {n})")
        raise ValueError(f"not enough values to unpack (expected {n}, got {len(items)})")
    return items


def _target_names(target) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for e in target.elts for n in _target_names(e)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _names_bound_by(stmt) -> list[str]:
    """Names a statement has certainly bound once it completes normally."""
    if isinstance(stmt, ast.Assign):
        return [n for t in stmt.targets for n in _target_names(t)]
    if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) and getattr(stmt, "value", None) is not None:
        return _target_names(stmt.target)
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [getattr(stmt, "pj_store_name", stmt.name)]
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).partition(".")[0] for a in stmt.names if a.name != "*"]
    return []


def _deleted_names(code: GuestCode) -> set[str]:
    """Names this scope's own body may unbind: `del` targets and `except ... as` names."""
    out = set()
    node = code.node
    body = getattr(node, "body", [])
    stack = list(body) if isinstance(body, list) else [body]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Delete):
            for t in n.targets:
                for x in ast.walk(t):
                    if isinstance(x, ast.Name):
                        out.add(x.id)
        if isinstance(n, ast.ExceptHandler) and n.name:
            out.add(n.name)
        if isinstance(n, SCOPE_NODES):
            continue
        stack.extend(ast.iter_child_nodes(n))
    return out


def finish_layout(code: GuestCode):
    """Fix the slot layout after compiling (temps may have been added)."""
    code.slot_padding = (UNBOUND,) * (len(code.varnames) - code.argcount)
    code.needs_general_binding = code.has_varargs or code.has_varkw or code.kwonlyargcount > 0
    nparams = code.argcount + code.kwonlyargcount + code.has_varargs + code.has_varkw
    code.cell_param_slots = [(code.varnames.index(n), code.varnames.index(n) < nparams)
                             for n in code.cellvars]
    code.first_free_slot = code.varnames.index(code.freevars[0]) if code.freevars else 0
    # Free variables are laid out contiguously by the front end.
    if code.freevars:
        base = code.first_free_slot
        assert code.varnames[base:base + len(code.freevars)] == code.freevars, code.varnames


# The slot of a class's own __class__ cell (its methods' __class__) when the class body
# also reads an enclosing function's __class__ (a free variable of that name: CPython keeps
# the two apart, as a cell and a free variable of the class's code).
_CLASS_CELL_BESIDE_FREE = "__class__ (the class's cell)"


def class_cell_name(code) -> str:
    """The varname of a class body's own __class__ cell (code.needs_class_cell)."""
    return _CLASS_CELL_BESIDE_FREE if "__class__" in code.freevars else "__class__"


def _closure_maker(c, child):
    """A closure returning the tuple of cells the child scope captures from this frame."""
    if not child.freevars:
        return None
    parent = c.code
    slots = [parent.slot(class_cell_name(parent) if name == "__class__" and parent.needs_class_cell
                         else name) for name in child.freevars]
    return lambda f: tuple([f[i] for i in slots])
