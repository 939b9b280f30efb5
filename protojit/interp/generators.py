"""Generator mode: compiling bodies that can suspend (yield, yield from, await).

The body of a generator/coroutine is compiled into closures that are *host
generators* where they contain a suspension point, and ordinary closures
everywhere else; a guest `yield` becomes a host `yield`, and the caller
delegates with `yield from`. Expressions that suspend are split: every child
evaluated before the last suspending one is computed first into a hidden
frame slot (a Temp), then the ordinary closure of the rewritten node runs.
This keeps CPython's left-to-right evaluation order without writing a
second compiler for every node type.
"""
from __future__ import annotations

import ast
import copy

from protojit import loophooks
from protojit.frontend.scope import _outer_parts
from protojit.runtime.iteration import steppable
from protojit.runtime import coroutines
from protojit.runtime.coroutines import (AsyncGenerator, AsyncYield, Coroutine, StopIterationCarrier,
                                         ABANDONED, ThrowCarrier, carry, delegate, guest_generator,
                                         raise_thrown)

from protojit.frames import (F_BUILTINS, F_DEPTH, F_GLOBALS, F_LINENO, F_RETVAL, HEADER, UNBOUND, new_frame,
                             tstate)
from protojit.runtime.tracebacks import add_frame, after_exit, before_exit

from .builder import Compiler, _closure_maker, finish_layout
from .expressions import COMPARE_FUNCS
from .patterns import compile_case
from .signals import BREAK, CONTINUE, RETURN
from .statements import (context_manager_error, except_star, handler_matcher, match_handler,
                         reads_traceback)


class Temp(ast.expr):
    """A compiler temporary: reads hidden frame slot `slot`."""
    _fields = ()

    def __init__(self, slot, lineno=1):
        super().__init__()
        self.slot = slot
        self.lineno = lineno
        self.col_offset = 0


# The host generators of this module are plumbing, never a guest's gi_yieldfrom.
coroutines._INTERNAL_FILES.add(__file__)


# ---- which nodes suspend --------------------------------------------------------------


def suspends(c, node) -> bool:
    """Does evaluating `node` in this scope reach a yield/await (not inside a nested scope)?"""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)):
            return True
        if isinstance(n, (ast.AsyncFor, ast.AsyncWith)):
            return True
        if isinstance(n, (ast.ListComp, ast.SetComp, ast.DictComp)):
            if c.child_code(n).is_coroutine:
                return True
            stack.append(n.generators[0].iter)
            continue
        if isinstance(n, ast.GeneratorExp):
            stack.append(n.generators[0].iter)
            continue
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(_outer_parts(n))
            continue
        stack.extend(ast.iter_child_nodes(n))
    return False


# ---- the body ---------------------------------------------------------------------------


def compile_generator_body(c, code):
    node = code.node
    is_async_gen = code.is_coroutine and code.is_generator
    c.async_generator = is_async_gen
    if isinstance(node, ast.GeneratorExp):
        raise AssertionError("generator expressions go through generator_expression()")
    if isinstance(node, ast.Lambda):
        # `lambda: (yield x)`: the body's value is the generator's return value.
        value = gexpr(c, node.body)
        line = node.lineno

        def body_gen(f):
            f[F_LINENO] = line
            r = yield from value(f)
            return None if is_async_gen else r
    else:
        body = gblock(c, node.body)

        def body_gen(f):
            r = yield from body(f)
            if r is RETURN:
                if is_async_gen:
                    return None
                return f[F_RETVAL]
            return None

    if is_async_gen:
        wrapper = AsyncGenerator
    elif code.is_coroutine:
        wrapper = Coroutine
    else:
        wrapper = guest_generator

    if wrapper is guest_generator:
        def make_generator(function, frame):
            return wrapper(function, frame, body_gen)   # (it makes the body: see there)
    else:
        def make_generator(function, frame):
            return wrapper(function, frame, body_gen(frame))
    code.run = None
    code.make_generator = make_generator


def _plain_as_gen(fn):
    def gen(f):
        try:
            return fn(f)
        except StopIteration as e:
            raise StopIterationCarrier(e) from None
        yield   # noqa: unreachable: makes this a generator function
    return gen


def gblock(c, stmts):
    """A generator closure running a statement list; returns a signal or None."""
    parts = []
    for s in stmts:
        if suspends(c, s):
            parts.append((s.lineno, gstmt(c, s), True))
        else:
            parts.append((s.lineno, c.stmt(s), False))

    hook = c.env.line_hook if c.env.line_events else None

    def run_gblock(f):
        for line, s, is_gen in parts:
            f[F_LINENO] = line
            if hook is not None:
                hook(f)
            if is_gen:
                r = yield from s(f)
            else:
                try:
                    r = s(f)
                except StopIteration as e:
                    raise StopIterationCarrier(e) from None
            if r is not None:
                return r
        return None
    return run_gblock


def gstmt(c, node):
    handler = _GSTMT.get(type(node))
    if handler is not None:
        return handler(c, node)
    return _simple_statement(c, node)


def _simple_statement(c, node):
    """A simple statement whose expressions suspend: pre-evaluate them into temps."""
    fields = {ast.Expr: ["value"], ast.Assign: ["value"], ast.AugAssign: ["value"],
              ast.AnnAssign: ["value"], ast.Return: ["value"], ast.Raise: ["exc", "cause"],
              ast.Assert: ["test", "msg"], ast.Delete: []}.get(type(node))
    if fields is None:
        what = {ast.TryStar: "try/except*"}.get(type(node), f"a {type(node).__name__} statement")
        raise c.unsupported(f"'yield'/'await' inside {what}", node)
    new = copy.copy(node)
    pre = []
    for name in fields:
        child = getattr(node, name)
        if child is not None and suspends(c, child):
            slot = c.code.new_temp()
            pre.append((slot, gexpr(c, child)))
            setattr(new, name, Temp(slot, child.lineno))
    for sub in ast.walk(node):
        if sub is not node and isinstance(sub, ast.expr) and sub not in [getattr(node, n) for n in fields]:
            pass
    plain = carry(c.stmt(new))

    def run_simple(f):
        slots = f
        for slot, g in pre:
            slots[slot] = yield from g(f)
        r = plain(f)
        for slot, _ in pre:
            slots[slot] = UNBOUND
        return r
    return run_simple


# ---- suspending expressions ------------------------------------------------------------


def gexpr(c, node):
    """A generator closure evaluating `node` (which may suspend) and returning its value."""
    if not suspends(c, node):
        return _plain_as_gen(c.expr(node))
    handler = _GEXPR.get(type(node))
    if handler is not None:
        return handler(c, node)
    return _split_expression(c, node)


def _gexpr_Yield(c, node):
    value = gexpr(c, node.value) if node.value is not None else None
    wrap = getattr(c, "async_generator", False)

    def run_yield(f):
        v = (yield from value(f)) if value is not None else None
        sent = (yield AsyncYield(v)) if wrap else (yield v)
        if type(sent) is ThrowCarrier:      # thrown in (throw(), close()): raised here
            raise_thrown(sent)
        return sent
    if wrap:
        return run_yield
    return loophooks.generator_yield(c, run_yield)   # native tier: hot generators compile


def _gexpr_YieldFrom(c, node):
    value = gexpr(c, node.value)

    def run_yield_from(f):
        v = yield from value(f)
        if isinstance(v, Coroutine):
            raise TypeError("cannot 'yield from' a coroutine object in a non-coroutine generator")
        return (yield from delegate(iter(v)))
    return run_yield_from


_HOST_GENERATOR = type((lambda: (yield))())
_CO_ITERABLE_COROUTINE = 0x100


def awaitable_iterator(v):
    """CPython's GET_AWAITABLE: the iterator an `await` delegates to."""
    if isinstance(v, Coroutine):
        return v.__await__()
    method = getattr(type(v), "__await__", None)
    if method is None:
        if type(v) is _HOST_GENERATOR and v.gi_code.co_flags & _CO_ITERABLE_COROUTINE:
            return v   # a types.coroutine-decorated host generator
        raise TypeError(f"object {type(v).__name__} can't be used in 'await' expression")
    it = method(v)
    if isinstance(it, Coroutine) or not hasattr(it, "__next__"):
        raise TypeError(f"__await__() returned non-iterator of type '{type(it).__name__}'")
    return it


def await_(v):
    """The host generator an `await v` delegates to (see coroutines.delegate)."""
    return delegate(awaitable_iterator(v))


def _gexpr_Await(c, node):
    value = gexpr(c, node.value)

    def run_await(f):
        v = yield from value(f)
        return (yield from await_(v))
    return run_await


def _gexpr_BoolOp(c, node):
    values = [gexpr(c, v) for v in node.values]
    is_and = isinstance(node.op, ast.And)

    def run_boolop(f):
        for g in values:
            v = yield from g(f)
            if (not v) if is_and else v:
                return v
        return v
    return run_boolop


def _gexpr_IfExp(c, node):
    test, body, orelse = gexpr(c, node.test), gexpr(c, node.body), gexpr(c, node.orelse)

    def run_ifexp(f):
        if (yield from test(f)):
            return (yield from body(f))
        return (yield from orelse(f))
    return run_ifexp


def _gexpr_Compare(c, node):
    left = gexpr(c, node.left)
    steps = [(COMPARE_FUNCS[type(op)], gexpr(c, e)) for op, e in zip(node.ops, node.comparators)]

    def run_compare(f):
        a = yield from left(f)
        for fn, g in steps:
            b = yield from g(f)
            result = fn(a, b)
            if not result:
                return result
            a = b
        return result
    return run_compare


def _gexpr_NamedExpr(c, node):
    value = gexpr(c, node.value)
    store = c.store(node.target)

    def run_walrus(f):
        v = yield from value(f)
        store(f, v)
        return v
    return run_walrus


_WRAPPERS = (ast.keyword, ast.Starred, ast.Slice, ast.FormattedValue, ast.JoinedStr)


def _ordered_children(node):
    """(holder, field, index) of each direct child expression, in evaluation order."""
    out = []
    if isinstance(node, ast.Dict):
        for i, (k, v) in enumerate(zip(node.keys, node.values)):
            if k is not None:
                out.append((node, "keys", i))
            out.append((node, "values", i))
        return out
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, _WRAPPERS) and not isinstance(item, ast.JoinedStr):
                    out.extend(_ordered_children(item))
                elif isinstance(item, ast.expr):
                    out.append((node, name, i))
        elif isinstance(value, _WRAPPERS) and not isinstance(value, ast.JoinedStr):
            out.extend(_ordered_children(value))
        elif isinstance(value, ast.expr):
            out.append((node, name, None))
    return out


def _split_expression(c, node):
    """Evaluate children up to the last suspending one into temps, then the plain node."""
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)) and c.child_code(node).is_coroutine:
        return _async_comprehension_gen(c, node)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)):
        return _suspending_first_iterable(c, node)
    if isinstance(node, ast.Lambda):
        raise c.unsupported("'yield'/'await' in a lambda's default values", node)
    new = _deep_copy_shallow_wrappers(node)
    children = _ordered_children(new)
    last = max((i for i, (h, n, k) in enumerate(children)
                if suspends(c, _get(h, n, k))), default=-1)
    pre = []
    for holder, name, index in children[:last + 1]:
        child = _get(holder, name, index)
        if isinstance(child, ast.Constant):
            continue
        slot = c.code.new_temp()
        pre.append((slot, gexpr(c, child)))
        _set(holder, name, index, Temp(slot, getattr(child, "lineno", 1)))
    plain = carry(c.expr(new))

    def run_split(f):
        slots = f
        for slot, g in pre:
            slots[slot] = yield from g(f)
        v = plain(f)
        for slot, _ in pre:
            slots[slot] = UNBOUND
        return v
    return run_split


def _suspending_first_iterable(c, node):
    """A comprehension whose first iterable (evaluated in this scope) suspends:
    `[f(x) for x in await source()]`. The iterable goes to a temp first."""
    first = node.generators[0]
    slot = c.code.new_temp()
    source = gexpr(c, first.iter)
    saved = first.iter
    first.iter = Temp(slot, getattr(saved, "lineno", 1))
    try:
        # The scope's code is keyed by this node: compile it in place, then restore the tree.
        plain = carry(c.expr(node))
    finally:
        first.iter = saved

    def run_comprehension_after(f):
        f[slot] = yield from source(f)
        try:
            return plain(f)
        finally:
            f[slot] = UNBOUND
    return run_comprehension_after


def _get(holder, name, index):
    v = getattr(holder, name)
    return v if index is None else v[index]


def _set(holder, name, index, value):
    if index is None:
        setattr(holder, name, value)
    else:
        getattr(holder, name)[index] = value


def _deep_copy_shallow_wrappers(node):
    """Copy `node` and the wrapper nodes/lists under it, sharing the real child expressions."""
    new = copy.copy(node)
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            items = [(_deep_copy_shallow_wrappers(x) if isinstance(x, _WRAPPERS) else x) for x in value]
            setattr(new, name, items)
        elif isinstance(value, _WRAPPERS):
            setattr(new, name, _deep_copy_shallow_wrappers(value))
    return new


_GEXPR = {ast.Yield: _gexpr_Yield, ast.YieldFrom: _gexpr_YieldFrom, ast.Await: _gexpr_Await,
          ast.BoolOp: _gexpr_BoolOp, ast.IfExp: _gexpr_IfExp, ast.Compare: _gexpr_Compare,
          ast.NamedExpr: _gexpr_NamedExpr}


# ---- suspending compound statements -------------------------------------------------------


def _gstmt_If(c, node):
    test = gexpr(c, node.test)
    body = gblock(c, node.body)
    orelse = gblock(c, node.orelse) if node.orelse else None

    def run_if(f):
        if (yield from test(f)):
            return (yield from body(f))
        if orelse is not None:
            return (yield from orelse(f))
    return run_if


def _loop_signal(r):
    """0: go on, 1: break out, 2: return r."""
    if r is None or r is CONTINUE:
        return 0
    if r is BREAK:
        return 1
    return 2


def _gstmt_While(c, node):
    test = gexpr(c, node.test)
    body = loophooks.generator_yield(c, gblock(c, node.body))   # (counts as a resume)
    orelse = gblock(c, node.orelse) if node.orelse else None
    line = node.lineno

    def run_while(f):
        while True:
            f[F_LINENO] = line
            if not (yield from test(f)):
                break
            r = yield from body(f)
            k = _loop_signal(r)
            if k == 1:
                return None
            if k == 2:
                return r
        if orelse is not None:
            return (yield from orelse(f))
    return run_while


def _gstmt_For(c, node):
    iterable = gexpr(c, node.iter)
    store = c.store(node.target)
    body = loophooks.generator_yield(c, gblock(c, node.body))   # (counts as a resume)
    orelse = gblock(c, node.orelse) if node.orelse else None

    line = node.lineno

    def run_for(f):
        it = yield from iterable(f)
        for v in it:
            store(f, v)
            r = yield from body(f)
            k = _loop_signal(r)
            if k == 1:
                return None
            if k == 2:
                return r
            f[F_LINENO] = line   # (next() runs at the `for` line, as FOR_ITER)
        if orelse is not None:
            return (yield from orelse(f))
    return run_for


def _gstmt_AsyncFor(c, node):
    iterable = gexpr(c, node.iter)
    store = c.store(node.target)
    body = gblock(c, node.body)
    orelse = gblock(c, node.orelse) if node.orelse else None

    def run_async_for(f):
        obj = yield from iterable(f)
        aiter = getattr(type(obj), "__aiter__", None)
        if aiter is None:
            raise TypeError(f"'async for' requires an object with __aiter__ method, got {type(obj).__name__}")
        it = aiter(obj)
        anext_ = getattr(type(it), "__anext__", None)
        if anext_ is None:
            raise TypeError("'async for' received an object from __aiter__ that does not implement "
                            f"__anext__: {type(it).__name__}")
        while True:
            try:
                v = yield from await_(anext_(it))
            except StopAsyncIteration:
                break
            store(f, v)
            r = yield from body(f)
            k = _loop_signal(r)
            if k == 1:
                return None
            if k == 2:
                return r
        if orelse is not None:
            return (yield from orelse(f))
    return run_async_for


def _gstmt_With(c, node, is_async=False):
    body = gblock(c, node.body)
    for item in reversed(node.items):
        body = _gwith_one(c, item, body, is_async, node.lineno)
    return body


def _gstmt_AsyncWith(c, node):
    return _gstmt_With(c, node, True)


def _gwith_one(c, item, body, is_async, line):
    ctx = gexpr(c, item.context_expr)
    store = c.store(item.optional_vars) if item.optional_vars is not None else None
    plain = not c.code.is_coroutine

    def run_with(f):
        mgr = yield from ctx(f)
        cls = type(mgr)
        if is_async:
            enter = getattr(cls, "__aenter__", None)
            exit_ = getattr(cls, "__aexit__", None)
            if enter is None or exit_ is None:
                raise TypeError(context_manager_error(cls, enter, True))
            value = yield from await_(enter(mgr))
        else:
            enter = getattr(cls, "__enter__", None)
            exit_ = getattr(cls, "__exit__", None)
            if enter is None or exit_ is None:
                raise TypeError(context_manager_error(cls, enter, False))
            value = enter(mgr)
        try:
            if store is not None:
                store(f, value)
            r = yield from body(f)
        except BaseException as e:
            if (plain or f[F_RETVAL] is ABANDONED) and _abandoned(e):
                raise
            if type(e) is StopIterationCarrier:
                e = e.exc
            add_frame(e, f, keep=False)
            raised_at = f[F_LINENO]
            f[F_LINENO] = line
            mark = before_exit(e)   # __exit__ sees the traceback CPython's has
            suppress = exit_(mgr, type(e), e, e.__traceback__)
            if is_async:
                suppress = yield from await_(suppress)
            if not suppress:
                after_exit(e, mark)
                f[F_LINENO] = raised_at     # (CPython's RERAISE restores it: f_lineno)
                raise
            return None
        f[F_LINENO] = line
        done = exit_(mgr, None, None, None)
        if is_async:
            yield from await_(done)
        return r
    return run_with


def _abandoned(e) -> bool:
    """Is `e` a GeneratorExit that the host threw in at this very level: one of the body's
    host generators closed by its own finaliser? Tier 0 throws nothing into a body (it
    sends ThrowCarriers), so that happens only when the guest generator is gone and its
    body still suspended: after a close() that the guest ignored (CPython's generator,
    collected then, runs no more of its code), or in a reference cycle collected body
    first. The body's levels then end without running guest code (handlers, finally
    clauses, __exit__). A GeneratorExit from the guest comes up from below, with more
    than this level's traceback entry. (Coroutine and async generator bodies close so
    when their object is dropped, running the guest's code as CPython's close() would;
    not after an async generator went to the finalizer hook: F_RETVAL is ABANDONED then.)"""
    tb = e.__traceback__
    return type(e) is GeneratorExit and tb is not None and tb.tb_next is None


def _with_finally(run_guarded, final, plain=True):
    """statements.with_finally in generator mode: the guarded part and `final` may suspend,
    and a guest StopIteration travels inside a StopIterationCarrier (its traceback entry
    goes on the StopIteration itself). A separate twin because tier 0's ordinary closures
    must stay plain functions: a generator per try statement would slow every call."""
    def run_try_finally(f):
        try:
            r = yield from run_guarded(f)
        except BaseException as e:
            if (plain or f[F_RETVAL] is ABANDONED) and _abandoned(e):
                raise
            add_frame(e.exc if type(e) is StopIterationCarrier else e, f, keep=False)
            r2 = yield from final(f)
            if r2 is not None:
                return r2
            raise
        r2 = yield from final(f)
        if r2 is not None:
            return r2
        return r
    return run_try_finally


def _gstmt_Try(c, node):
    body = gblock(c, node.body)
    handlers = []
    for h in node.handlers:
        handlers.append(handler_matcher(c, h, lambda body: gblock(c, body)))
    orelse = gblock(c, node.orelse) if node.orelse else None
    final = gblock(c, node.finalbody) if node.finalbody else None

    wants_traceback = [reads_traceback(h) for h in node.handlers]
    plain = not c.code.is_coroutine

    unmatched_line = node.handlers[-1].lineno if node.handlers else node.lineno

    def handle(f, e, carried):
        add_frame(e, f, keep=False)
        handler = match_handler(f, e, handlers, wants_traceback)
        if handler is None:
            f[F_LINENO] = unmatched_line    # (CPython's RERAISE is there: f_lineno)
            if carried:
                raise StopIterationCarrier(e) from None
            raise e
        _typ, store, unbind, hbody = handler
        if store is None:
            return (yield from hbody(f))
        store(f, e)
        try:
            return (yield from hbody(f))
        finally:
            store(f, None)
            unbind(f)

    def run_guarded(f):
        try:
            r = yield from body(f)
        except StopIterationCarrier as c:
            stop = c.exc
        except BaseException as e:
            if (plain or f[F_RETVAL] is ABANDONED) and _abandoned(e):
                raise
            return (yield from handle(f, e, False))
        else:
            if orelse is not None and r is None:    # else runs only if the body fell through
                return (yield from orelse(f))
            return r
        # The guest StopIteration is handled as itself (it is the "current exception"
        # for bare raise, sys.exc_info() and implicit chaining in the handler).
        context = stop.__context__
        try:
            raise stop
        except StopIteration as e:
            e.__context__ = context
            return (yield from handle(f, e, True))

    if final is None:
        return run_guarded
    return _with_finally(run_guarded, final, plain)


def _gstmt_TryStar(c, node):
    body = gblock(c, node.body)
    handlers = [handler_matcher(c, h, lambda body: gblock(c, body)) for h in node.handlers]
    orelse = gblock(c, node.orelse) if node.orelse else None
    final = gblock(c, node.finalbody) if node.finalbody else None
    plain = not c.code.is_coroutine

    def run_guarded(f):
        try:
            r = yield from body(f)
        except StopIterationCarrier as carrier:
            caught = carrier.exc
        except BaseException as e:
            if (plain or f[F_RETVAL] is ABANDONED) and _abandoned(e):
                raise
            caught = e
        else:
            if orelse is not None and r is None:    # else runs only if the body fell through
                return (yield from orelse(f))
            return r
        add_frame(caught, f, keep=False)
        result = yield from except_star(f, caught, handlers, True)
        if isinstance(result, StopIteration):
            raise StopIterationCarrier(result)
        if result is not None:
            raise result
        return None

    if final is None:
        return run_guarded
    return _with_finally(run_guarded, final, plain)


def _gstmt_Match(c, node):
    subject = gexpr(c, node.subject)
    cases = []
    for case in node.cases:
        match, guard = compile_case(c, case)
        cases.append((match, guard, gblock(c, case.body)))

    def run_match(f):
        s = yield from subject(f)
        for match, guard, body in cases:
            if match(f, s) and (guard is None or guard(f)):
                return (yield from body(f))
    return run_match


_GSTMT = {ast.If: _gstmt_If, ast.While: _gstmt_While, ast.For: _gstmt_For, ast.AsyncFor: _gstmt_AsyncFor,
          ast.With: _gstmt_With, ast.AsyncWith: _gstmt_AsyncWith, ast.Try: _gstmt_Try,
          ast.TryStar: _gstmt_TryStar,
          ast.Match: _gstmt_Match}


# ---- generator expressions and async comprehensions ---------------------------------------------


def _comprehension_levels(cc, node, emit_gen):
    """Nested loops of a comprehension as generator closures; emit_gen(f) yields/collects."""
    gens = node.generators

    def level(i):
        gen = gens[i]
        store = cc.store(gen.target)
        conds = [gexpr(cc, x) for x in gen.ifs]
        it = (lambda f: f[HEADER]) if i == 0 else None
        it_gen = gexpr(cc, gen.iter) if i else None
        inner = level(i + 1) if i + 1 < len(gens) else emit_gen
        is_async = gen.is_async

        def run_level(f):
            source = it(f) if i == 0 else (yield from it_gen(f))
            if is_async:
                if i:
                    source = source.__aiter__()
                while True:
                    try:
                        v = yield from await_(type(source).__anext__(source))
                    except StopAsyncIteration:
                        break
                    store(f, v)
                    ok = True
                    for cond in conds:
                        if not (yield from cond(f)):
                            ok = False
                            break
                    if ok:
                        yield from inner(f)
                return
            if i:
                source = steppable(iter(source))
            for v in source:
                store(f, v)
                ok = True
                for cond in conds:
                    if not (yield from cond(f)):
                        ok = False
                        break
                if ok:
                    yield from inner(f)
        return run_level
    return level(0)


def _comp_frame(c, code, first_iter, is_async_first):
    closure = _closure_maker(c, code)

    def make_frame(f):
        source = first_iter(f)
        if is_async_first:
            aiter = getattr(type(source), "__aiter__", None)
            if aiter is None:
                raise TypeError(f"'async for' requires an object with __aiter__ method, got "
                                f"{type(source).__name__}")
            it = aiter(source)
        else:
            it = steppable(iter(source))
        slots = [UNBOUND] * len(code.varnames)
        slots[0] = it
        if closure is not None:
            cells = closure(f)
            slots[code.first_free_slot:code.first_free_slot + len(cells)] = cells
        for i, _ in code.cell_param_slots:
            import types
            slots[i] = types.CellType()
        frame = new_frame(code, f[F_GLOBALS], f[F_BUILTINS], slots)
        frame[F_LINENO] = f[F_LINENO]
        frame[F_DEPTH] = f[F_DEPTH] + 1    # (checked when it runs: coroutines.py)
        return frame
    return make_frame


class _GenexpFunction:
    """Stands in for the function object of a generator expression (names only)."""
    __slots__ = ("__name__", "__qualname__")
    assigned_code = None     # (runtime/coroutines.guest_generator reads it)

    def __init__(self, code):
        self.__name__ = code.name
        self.__qualname__ = code.qualname


def generator_expression(c, node):
    code = c.child_code(node)
    cc = Compiler(code, c.env, future_annotations=c.future_annotations)
    is_async = code.is_coroutine
    cc.async_generator = is_async
    elt = gexpr(cc, node.elt)

    def emit(f):
        v = yield from elt(f)
        sent = (yield AsyncYield(v)) if is_async else (yield v)
        if type(sent) is ThrowCarrier:      # thrown in (throw(), close()): raised here
            raise_thrown(sent)

    body = _comprehension_levels(cc, node, emit)
    finish_layout(code)
    first_iter = c.expr(node.generators[0].iter)
    make_frame = _comp_frame(c, code, first_iter, node.generators[0].is_async)
    names = _GenexpFunction(code)
    wrapper = AsyncGenerator if is_async else guest_generator

    def run_genexp(f):
        frame = make_frame(f)
        return wrapper(names, frame, body if wrapper is guest_generator else body(frame))
    return run_genexp


def _async_comprehension_body(c, node, kind):
    code = c.child_code(node)
    cc = Compiler(code, c.env, future_annotations=c.future_annotations)
    out_slot = code.new_temp()
    if kind == "dict":
        key, value = gexpr(cc, node.key), gexpr(cc, node.value)

        def emit(f):
            k = yield from key(f)
            f[out_slot][k] = yield from value(f)
    else:
        elt = gexpr(cc, node.elt)
        add = "append" if kind == "list" else "add"

        def emit(f):
            v = yield from elt(f)
            getattr(f[out_slot], add)(v)
    body = _comprehension_levels(cc, node, emit)
    finish_layout(code)
    factory = {"list": list, "set": set, "dict": dict}[kind]

    def run(frame):
        frame[out_slot] = factory()
        yield from body(frame)
        return frame[out_slot]
    return code, run


def _async_comprehension_gen(c, node):
    kind = {ast.ListComp: "list", ast.SetComp: "set", ast.DictComp: "dict"}[type(node)]
    code, run = _async_comprehension_body(c, node, kind)
    first_iter = gexpr(c, node.generators[0].iter)
    make_frame = _comp_frame(c, code, lambda f: f[tmp], node.generators[0].is_async)
    tmp = c.code.new_temp()

    def run_async_comp(f):
        f[tmp] = yield from first_iter(f)
        frame = make_frame(f)
        ts = tstate
        back = ts.frame
        ts.frame = frame
        try:
            return (yield from run(frame))
        finally:
            ts.frame = back
            f[tmp] = UNBOUND
    return run_async_comp


def async_comprehension(c, node, kind):
    raise c.unsupported("an asynchronous comprehension outside an async function", node)
