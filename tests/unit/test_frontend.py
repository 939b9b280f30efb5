"""Front end: scope analysis decisions, checked against the host compiler's own code objects."""
import types

import pytest

from protojit.frontend.code import NameKind, ScopeKind
from protojit.frontend.scope import analyze, parse

SOURCE = '''
import os
g = 1
class C:
    a = 1
    def m(self, x, *args, k=1, **kw):
        y = x
        return [y for _ in args] + [super().m()]
def outer(p):
    q = p
    def inner():
        nonlocal q
        q += g
        return q
    return inner
lam = lambda z: z + g
gen = (i for i in range(3))
'''


def host_codes(source):
    """name -> host code object for every function-like scope (the oracle)."""
    out = {}
    stack = [compile(source, "<t>", "exec")]
    while stack:
        co = stack.pop()
        out[co.co_qualname] = co
        stack.extend(c for c in co.co_consts if isinstance(c, types.CodeType))
    return out


def all_codes(code):
    yield code
    for child in code.children.values():
        yield from all_codes(child)


@pytest.fixture(scope="module")
def module():
    return analyze(parse(SOURCE, "<t>"), SOURCE, "<t>")


def test_every_scope_is_found_with_cpython_qualnames(module):
    ours = {c.qualname for c in all_codes(module) if c.kind is not ScopeKind.MODULE}
    theirs = set(host_codes(SOURCE)) - {"<module>"}
    assert ours == theirs


def test_cells_and_free_variables_match_cpython(module):
    host = host_codes(SOURCE)
    for code in all_codes(module):
        if code.kind in (ScopeKind.FUNCTION, ScopeKind.LAMBDA, ScopeKind.COMPREHENSION):
            co = host[code.qualname]
            assert sorted(code.freevars) == sorted(co.co_freevars), code.qualname
            assert sorted(code.cellvars) == sorted(co.co_cellvars), code.qualname


def test_parameters_come_first_in_cpython_order(module):
    host = host_codes(SOURCE)
    for code in all_codes(module):
        if code.kind is ScopeKind.FUNCTION:
            co = host[code.qualname]
            n = co.co_argcount + co.co_kwonlyargcount + bool(co.co_flags & 4) + bool(co.co_flags & 8)
            assert tuple(code.varnames[:n]) == co.co_varnames[:n], code.qualname


def test_name_kinds(module):
    codes = {c.qualname: c for c in all_codes(module)}
    assert codes["C"].kind_of("a") is NameKind.NAME
    assert codes["outer"].kind_of("q") is NameKind.CELL
    assert codes["outer.<locals>.inner"].kind_of("q") is NameKind.FREE
    assert codes["outer.<locals>.inner"].kind_of("g") is NameKind.GLOBAL
    assert codes["C.m"].kind_of("y") is NameKind.CELL or codes["C.m"].kind_of("y") is NameKind.FAST
    assert codes["C"].needs_class_cell
    assert codes["<genexpr>"].is_generator


def test_syntax_errors_are_cpythons():
    bad = "def f(:\n  pass\n"
    with pytest.raises(SyntaxError) as ours:
        parse(bad, "x.py")
    with pytest.raises(SyntaxError) as host:
        compile(bad, "x.py", "exec")
    assert (ours.value.msg, ours.value.lineno, ours.value.offset) == \
        (host.value.msg, host.value.lineno, host.value.offset)


def test_semantic_errors_are_reported_too():
    with pytest.raises(SyntaxError, match="'return' outside function"):
        parse("return 1\n", "x.py")


def test_symbol_tables_built_at_once_leave_the_warning_filters_as_they_were(monkeypatch):
    # scope._symbol_table silences the parser's repeated warnings with catch_warnings,
    # which saves and restores the process-wide filter list: two threads doing it at once
    # restored each other's 'ignore' and silenced every later warning of the program.
    # The slow symtable (it sleeps, releasing the GIL) makes the calls overlap.
    import threading
    import time
    import warnings
    from protojit.frontend import scope

    real = scope.symtable.symtable

    def slow_symtable(*args):
        time.sleep(0.02)
        return real(*args)

    monkeypatch.setattr(scope.symtable, "symtable", slow_symtable)
    before = list(warnings.filters)
    threads = [threading.Thread(target=scope._symbol_table, args=("x = 1\n", "<t>", "exec"))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert warnings.filters == before
