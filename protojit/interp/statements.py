"""Statements: ast statement node -> closure `ex(frame) -> signal or None`.

A statement returns None to continue, or a signal (signals.py) to unwind.
Blocks (compiler.py) set `frame[F_LINENO]` before each statement.
"""
from __future__ import annotations

import ast
import sys

from protojit import loophooks
from protojit.frames import F_GLOBALS, F_LINENO, F_LOCALS_DICT, F_RETVAL
from protojit.runtime.callerrors import context_manager_error
from protojit.runtime.coroutines import StopIterationCarrier
from protojit.runtime.tracebacks import (FRAMES_KEY, add_frame, add_frame_again, after_exit, before_exit,
                                        engine_state, engine_state_new, guest_traceback, hidden_frame_entry,
                                        share_traceback)

from .builder import _target_names
from .expressions import INPLACE
from .names import make_delete, make_load
from .signals import BREAK, CONTINUE, RETURN

_OSR_UNWIND = loophooks.OSR_UNWIND


def transform_Expr(c, node):
    ev = c.expr(node.value)

    def run_expr(f):
        ev(f)
    if c.interactive and c.code.kind.value == "module":
        def run_display(f):
            v = ev(f)
            c.env.displayhook(v)
        return run_display
    return run_expr


def transform_Pass(c, node):
    return lambda f: None


def transform_Break(c, node):
    return lambda f: BREAK


def transform_Continue(c, node):
    return lambda f: CONTINUE


def transform_Return(c, node):
    if node.value is None:
        def run_return_none(f):
            f[F_RETVAL] = None
            return RETURN
        return run_return_none
    ev = c.expr(node.value)

    def run_return(f):
        f[F_RETVAL] = ev(f)
        return RETURN
    return run_return


def transform_Global(c, node):
    return lambda f: None


transform_Nonlocal = transform_Global


# ---- assignment --------------------------------------------------------------------


def transform_Assign(c, node):
    value = c.expr(node.value)
    target = node.targets[0]
    if len(node.targets) == 1 and isinstance(target, ast.Attribute) \
            and isinstance(target.value, ast.Name) and c.is_always_bound(target.value.id):
        i = c.fast_slot(target.value)
        if i is not None:
            attr = target.attr

            def run_assign_slot_attr(f):        # `self.x = value`: the value first
                v = value(f)
                setattr(f[i], attr, v)
            return run_assign_slot_attr
    stores = [c.store(t) for t in node.targets]
    if len(stores) == 1:
        store, = stores

        def run_assign(f):
            store(f, value(f))
        return run_assign

    def run_assign_many(f):
        v = value(f)
        for st in stores:
            st(f, v)
    return run_assign_many


def transform_AnnAssign(c, node):
    store = c.store(node.target) if node.value is not None else None
    value = c.expr(node.value) if node.value is not None else None
    annotate = None
    if isinstance(node.target, ast.Name) and node.simple and c.code.kind.value in ("module", "class"):
        name = node.target.id
        if c.future_annotations:
            text = ast.unparse(node.annotation)
            ann = lambda f: text
        else:
            ann = c.expr(node.annotation)

        annotations = make_load(c.code, "__annotations__")   # LOAD_NAME, as CPython's

        def annotate(f):
            annotations(f)[name] = ann(f)
    elif c.code.kind.value in ("module", "class") and not c.future_annotations:
        ann_ev = c.expr(node.annotation)
        annotate = lambda f: (ann_ev(f), None)[1]

    def run_annassign(f):
        if value is not None:
            store(f, value(f))
        if annotate is not None:
            annotate(f)
    return run_annassign


def _iadd(i, value):
    def run_iadd(f):
        x = f[i]
        x += value(f)
        f[i] = x
    return run_iadd


def _isub(i, value):
    def run_isub(f):
        x = f[i]
        x -= value(f)
        f[i] = x
    return run_isub


def _imul(i, value):
    def run_imul(f):
        x = f[i]
        x *= value(f)
        f[i] = x
    return run_imul


_INPLACE_SLOT = {ast.Add: _iadd, ast.Sub: _isub, ast.Mult: _imul}


def transform_AugAssign(c, node):
    op = INPLACE[type(node.op)]
    value = c.expr(node.value)
    target = node.target
    slot = c.fast_slot(target) if isinstance(target, ast.Name) and c.is_always_bound(target.id) else None
    if slot is not None and type(node.op) in _INPLACE_SLOT:
        return _INPLACE_SLOT[type(node.op)](slot, value)
    if isinstance(target, ast.Name):
        load = c.expr(ast.Name(target.id, ast.Load()))
        store = c.store(target)

        def run_aug_name(f):
            store(f, op(load(f), value(f)))
        return run_aug_name
    if isinstance(target, ast.Attribute):
        attr = target.attr
        i = c.fast_slot(target.value) if isinstance(target.value, ast.Name) \
            and c.is_always_bound(target.value.id) else None
        if i is not None:
            def run_aug_slot_attr(f):       # `self.x += v`
                o = f[i]
                setattr(o, attr, op(getattr(o, attr), value(f)))
            return run_aug_slot_attr
        obj = c.expr(target.value)

        def run_aug_attr(f):
            o = obj(f)
            setattr(o, attr, op(getattr(o, attr), value(f)))
        return run_aug_attr
    obj = c.expr(target.value)
    index = c.expr(target.slice)

    def run_aug_item(f):
        o = obj(f)
        i = index(f)
        o[i] = op(o[i], value(f))
    return run_aug_item


def transform_Delete(c, node):
    deleters = [delete_target(c, t) for t in node.targets]

    def run_delete(f):
        for d in deleters:
            d(f)
    return run_delete


def delete_target(c, t):
    if isinstance(t, ast.Name):
        return make_delete(c.code, t.id)
    if isinstance(t, ast.Attribute):
        obj = c.expr(t.value)
        attr = t.attr
        return lambda f: delattr(obj(f), attr)
    if isinstance(t, ast.Subscript):
        obj = c.expr(t.value)
        index = c.expr(t.slice)

        def run_delitem(f):
            o = obj(f)
            del o[index(f)]
        return run_delitem
    parts = [delete_target(c, e) for e in t.elts]

    def run_delseq(f):
        for d in parts:
            d(f)
    return run_delseq


# ---- control flow ----------------------------------------------------------------


def transform_If(c, node):
    test = c.expr(node.test)
    items = c.block_items(node.body)
    one = c.single_expression(items)
    if one is not None and not node.orelse:
        line, only = one

        def run_if_expression(f):       # `if test: call(...)`
            if test(f):
                f[F_LINENO] = line
                only(f)
        return run_if_expression
    if len(items) == 1 and not node.orelse and not c.env.line_events:
        line, only, _ = items[0]

        def run_if_one(f):              # `if test: statement`
            if test(f):
                f[F_LINENO] = line
                return only(f)
        return run_if_one
    body = c.make_block(items)
    if not node.orelse:
        def run_if(f):
            if test(f):
                return body(f)
        return run_if
    orelse = c.block(node.orelse)

    def run_if_else(f):
        if test(f):
            return body(f)
        return orelse(f)
    return run_if_else


def transform_While(c, node):
    test = loophooks.loop_test(c, node, c.expr(node.test))   # native tier: OSR of hot loops
    body = c.block(node.body)
    orelse = c.block(node.orelse) if node.orelse else None
    line = node.lineno

    def run_while(f):
        while test(f):
            r = body(f)
            if r is not None:
                if r is BREAK:
                    return None
                if r is CONTINUE:
                    f[F_LINENO] = line
                    continue
                return r
            f[F_LINENO] = line
        if orelse is not None:
            return orelse(f)
    return loophooks.loop_statement(c, node, run_while, RETURN)


def transform_For(c, node):
    iterable = loophooks.loop_iterable(c, node, c.expr(node.iter))   # native tier: OSR of hot loops
    items = c.block_items(node.body, bound=_loop_targets(c, node.target))
    orelse = c.block(node.orelse) if node.orelse else None
    slot = c.fast_slot(node.target)
    line = node.lineno
    one = c.single_expression(items)
    # An exception from the iterator (or the target) is reported at the `for` line, as in
    # CPython; `in_body` (a cheap local) tells it apart from one the body raised.
    if slot is not None and one is not None:
        body_line, only = one

        def run_for_expression(f):      # `for x in xs: call(x)`: the call inline
            slots = f
            in_body = False
            try:
                for v in iterable(f):
                    slots[slot] = v
                    in_body = True
                    f[F_LINENO] = body_line
                    only(f)
                    in_body = False
                    f[F_LINENO] = line   # (next() runs at the `for` line, as FOR_ITER)
            except BaseException:
                if not in_body:
                    f[F_LINENO] = line
                raise
            if orelse is not None:
                return orelse(f)
        return loophooks.loop_statement(c, node, run_for_expression, RETURN)
    body = c.make_block(items)
    if slot is not None:
        def run_for_fast(f):
            slots = f
            in_body = False
            try:
                for v in iterable(f):
                    slots[slot] = v
                    in_body = True
                    r = body(f)
                    in_body = False
                    if r is not None:
                        if r is BREAK:
                            return None
                        if r is not CONTINUE:
                            return r
                    f[F_LINENO] = line   # (next() runs at the `for` line, as FOR_ITER)
            except BaseException:
                if not in_body:
                    f[F_LINENO] = line
                raise
            if orelse is not None:
                return orelse(f)
        return loophooks.loop_statement(c, node, run_for_fast, RETURN)
    store = c.store(node.target)

    def run_for(f):
        in_body = False
        try:
            for v in iterable(f):
                store(f, v)
                in_body = True
                r = body(f)
                in_body = False
                if r is not None:
                    if r is BREAK:
                        return None
                    if r is not CONTINUE:
                        return r
                f[F_LINENO] = line   # (next() runs at the `for` line, as FOR_ITER)
        except BaseException:
            if not in_body:
                f[F_LINENO] = line
            raise
        if orelse is not None:
            return orelse(f)
    return loophooks.loop_statement(c, node, run_for, RETURN)


def _loop_targets(c, target):
    return _target_names(target)


def transform_Raise(c, node):
    exc = c.expr(node.exc) if node.exc is not None else None
    cause = c.expr(node.cause) if node.cause is not None else None
    if exc is None:
        def run_reraise(f):
            e = sys.exception()
            if e is not None:
                engine_state_new(e)[BARE_RERAISE] = True   # read by except* (a re-raise, not a new raise)
            e = None   # (see run_raise)
            raise   # the exception being handled by an enclosing except block (host state mirrors guest)
        return run_reraise
    # (an exception instance that already passed through this frame -- `except E as e:
    # raise e` -- gets a second traceback entry for it, as CPython's RAISE_VARARGS adds one)
    if cause is None:
        def run_raise(f):
            e = exc(f)
            if isinstance(e, BaseException):
                add_frame_again(e, f)
            try:
                raise e
            finally:
                # The traceback holds this host frame: with the exception in its local,
                # exception -> traceback -> frame -> exception is a cycle, and the guest
                # frame `f` (its locals) would live until a collection, not until the
                # handler drops the exception (__del__ late, or at exit).
                e = None
        return run_raise

    def run_raise_from(f):
        e = exc(f)
        c = cause(f)
        if isinstance(e, BaseException):
            add_frame_again(e, f)
        try:
            raise e from c
        finally:
            e = c = None   # (see run_raise)
    return run_raise_from


def transform_Assert(c, node):
    if c.env.optimize:
        return lambda f: None
    test = c.expr(node.test)
    msg = c.expr(node.msg) if node.msg is not None else None

    def run_assert(f):
        if not test(f):
            if msg is None:
                raise AssertionError
            raise AssertionError(msg(f))
    return run_assert


def handler_matcher(c, handler, block=None):
    """(type closure or None, store closure or None, name-deleter or None, body)."""
    block = block or c.block
    typ = c.expr(handler.type) if handler.type is not None else None
    store = c.store(ast.Name(handler.name, ast.Store())) if handler.name else None
    unbind = make_delete(c.code, handler.name) if handler.name else None
    return typ, store, unbind, block(handler.body)


def check_exception_type(t):
    """CPython's check_except_type_valid, run before any matching: an exception class or a
    tuple of them (not nested), else TypeError, also when the exception would match an
    earlier item (`except (ValueError, 42)`)."""
    for x in (t if isinstance(t, tuple) else (t,)):
        if not (isinstance(x, type) and issubclass(x, BaseException)):
            raise TypeError("catching classes that do not inherit from BaseException is not allowed")


def reads_traceback(handler: ast.ExceptHandler) -> bool:
    """May this handler look at the traceback (e.__traceback__, sys.exc_info(), logging,
    traceback.print_exc())? Then it gets the one CPython would have (tracebacks.py); a
    handler without a name and without calls cannot, and skips the cost."""
    return handler.name is not None or any(isinstance(n, ast.Call) for n in ast.walk(handler))


def match_handler(f, e, handlers, wants_traceback):
    """The first except clause of `handlers` (handler_matcher tuples) that takes `e`, or None;
    gives `e` the traceback CPython's has when that clause may read it. Shared by tier 0's
    two modes (here and generators.py), which differ only in how they run the clause."""
    for handler, reads in zip(handlers, wants_traceback):
        typ = handler[0]
        if typ is not None:
            t = typ(f)
            check_exception_type(t)
            if not isinstance(e, t):
                continue
        if reads:
            guest_traceback(e, f)
        return handler
    return None


def with_finally(run_guarded, final):
    """try/finally around `run_guarded`: `final` runs on every way out; a return, break or
    continue in it replaces the result and discards an exception, as in CPython. (The
    generator mode's twin is generators._with_finally: the same steps, suspendable.)"""
    def run_try_finally(f):
        try:
            r = run_guarded(f)
        except _OSR_UNWIND:
            raise   # the rest of the call, this finally included, ran natively
        except BaseException as e:
            add_frame(e, f, keep=False)     # the traceback keeps the line the exception came from
            r2 = final(f)
            if r2 is not None:
                return r2   # return/break/continue in finally discards the exception, as in CPython
            raise
        r2 = final(f)
        if r2 is not None:
            return r2
        return r
    return run_try_finally


def transform_Try(c, node):
    body = c.block(node.body)
    handlers = [handler_matcher(c, h) for h in node.handlers]
    wants_traceback = [reads_traceback(h) for h in node.handlers]
    orelse = c.block(node.orelse) if node.orelse else None
    final = c.block(node.finalbody) if node.finalbody else None
    unmatched_line = node.handlers[-1].lineno if node.handlers else node.lineno

    def run_guarded(f):
        try:
            r = body(f)
        except _OSR_UNWIND:
            raise   # the rest of the call, this try included, ran natively (loophooks)
        except BaseException as e:
            add_frame(e, f, keep=False)
            handler = match_handler(f, e, handlers, wants_traceback)
            if handler is None:
                f[F_LINENO] = unmatched_line    # (CPython's RERAISE is there: f_lineno)
                raise
            _typ, store, unbind, hbody = handler
            if store is None:
                return hbody(f)
            store(f, e)
            try:
                return hbody(f)
            finally:
                store(f, None)
                unbind(f)
        if orelse is not None and r is None:    # else runs only if the body fell through
            return orelse(f)
        return r

    if not handlers:
        def run_guarded(f):     # noqa: F811 - try/finally without except
            r = body(f)
            if orelse is not None and r is None:
                return orelse(f)
            return r
    run = run_guarded if final is None else with_finally(run_guarded, final)
    return loophooks.try_statement(c, node, run, RETURN)   # native tier: OSR inside the try


BARE_RERAISE = "_pj_bare_reraise"


def transform_TryStar(c, node):
    """try/except* (PEP 654): each handler takes the matching part of an exception group;
    what the handlers raise and what nothing matched are raised again, combined as
    CPython combines them (re-raised parts keep the original group's shape)."""
    body = c.block(node.body)
    handlers = [handler_matcher(c, h) for h in node.handlers]
    orelse = c.block(node.orelse) if node.orelse else None
    final = c.block(node.finalbody) if node.finalbody else None

    def run_guarded(f):
        try:
            r = body(f)
        except BaseException as e:
            caught = e
        else:
            if orelse is not None and r is None:    # else runs only if the body fell through
                return orelse(f)
            return r
        add_frame(caught, f, keep=False)
        steps = except_star(f, caught, handlers, False)
        try:
            steps.send(None)
        except StopIteration as done:
            result = done.value
        if result is not None:
            raise result
        return None

    if final is None:
        return run_guarded
    return with_finally(run_guarded, final)


def _check_star_type(t):
    check_exception_type(t)     # (first, as CPython's check_except_star_type_valid)
    for x in (t if isinstance(t, tuple) else (t,)):
        if issubclass(x, BaseExceptionGroup):
            raise TypeError("catching ExceptionGroup with except* is not allowed. Use except instead.")


def _guest_frames(exc):
    state = engine_state(exc)
    return list(state.get(FRAMES_KEY, ())) if state is not None else []


def except_star(f, orig, handlers, suspendable):
    """Run the except* handlers for `orig`; returns the exception to raise, or None.

    A generator (handler bodies of a suspendable body are generator closures,
    run with `yield from`); for plain bodies it finishes at its first step."""
    naked = not isinstance(orig, BaseExceptionGroup)
    rest = orig
    outcomes = []   # (exception a handler raised, is it a re-raise of its match)
    for typ, store, unbind, hbody in handlers:
        t = typ(f)
        try:
            _check_star_type(t)
        except TypeError as err:
            err.__context__ = orig
            raise
        if rest is None:
            continue
        if naked:
            # A naked exception is matched whole, wrapped in a new group.
            if not isinstance(orig, t):
                continue
            match, rest = BaseExceptionGroup("", (orig,)), None
        else:
            match, rest = rest.split(t)
        if match is None:
            continue
        frames = _guest_frames(orig)
        state = engine_state_new(match)
        state.pop(BARE_RERAISE, None)
        context = match.__context__
        try:
            raise match     # the handler runs with `match` as the exception being handled
        except BaseException:
            match.__context__ = context
            share_traceback(match, orig)    # split gives the parts orig's traceback
            try:
                if store is not None:
                    store(f, match)
                if suspendable:
                    yield from hbody(f)
                else:
                    hbody(f)
            except BaseException as x:
                if type(x) is StopIterationCarrier:
                    x = x.exc
                # CPython: a re-raise keeps the match's traceback (a bare `raise` in this frame).
                again = x is match and engine_state_new(x).get(BARE_RERAISE, False) \
                    and _guest_frames(x) == frames
                add_frame(x, f, keep=False)
                outcomes.append((x, again))
            finally:
                if store is not None:
                    store(f, None)
                    unbind(f)
    if naked:
        if outcomes:
            return outcomes[0][0]
        return orig if rest is not None else None
    reraised = [x for x, again in outcomes if again] + ([rest] if rest is not None else [])
    raised = [x for x, again in outcomes if not again]
    projection = None
    if reraised:
        leaves = set()
        for x in reraised:
            _leaf_ids(x, leaves)
        projection = orig.split(lambda x: id(x) in leaves)[0]
        if projection is not None:
            share_traceback(projection, orig)
    if not raised:
        return projection
    if projection is not None:
        raised.append(projection)
    if len(raised) == 1:
        return raised[0]
    group = BaseExceptionGroup("", raised)
    # CPython re-raises the new group without a traceback entry for this frame.
    engine_state_new(group)[FRAMES_KEY] = [hidden_frame_entry(f)]
    return group


def _leaf_ids(exc, out):
    if isinstance(exc, BaseExceptionGroup):
        for x in exc.exceptions:
            _leaf_ids(x, out)
    else:
        out.add(id(exc))


def transform_With(c, node):
    return _build_with(c, node.items, c.block(node.body), node.lineno)


def _build_with(c, items, body, line):
    for item in reversed(items):
        body = _with_one(c, item, body, line)
    return body


def _with_one(c, item, body, line):
    ctx = c.expr(item.context_expr)
    store = c.store(item.optional_vars) if item.optional_vars is not None else None

    def run_with(f):
        mgr = ctx(f)
        cls = type(mgr)
        enter = getattr(cls, "__enter__", None)
        exit_ = getattr(cls, "__exit__", None)
        if enter is None or exit_ is None:
            raise TypeError(context_manager_error(cls, enter, False))
        value = enter(mgr)
        try:
            if store is not None:
                store(f, value)
            r = body(f)
        except BaseException as e:
            add_frame(e, f, keep=False)         # the body's line; __exit__ runs at the `with` line
            raised_at = f[F_LINENO]
            f[F_LINENO] = line
            mark = before_exit(e)   # __exit__ sees the traceback CPython's has
            if not exit_(mgr, type(e), e, e.__traceback__):
                after_exit(e, mark)
                f[F_LINENO] = raised_at     # (CPython's RERAISE restores it: f_lineno)
                raise
            return None
        f[F_LINENO] = line
        exit_(mgr, None, None, None)
        return r
    return run_with


# ---- imports -------------------------------------------------------------------------


def transform_Import(c, node):
    steps = []
    for alias in node.names:
        if alias.asname:
            store = c.store(ast.Name(alias.asname, ast.Store()))
            steps.append((alias.name, store, True))
        else:
            top = alias.name.split(".")[0]
            steps.append((alias.name, c.store(ast.Name(top, ast.Store())), False))
    env = c.env

    def run_import(f):
        for name, store, as_submodule in steps:
            if as_submodule:
                store(f, env.importer.import_module_as(name, f[F_GLOBALS]))
            else:
                store(f, env.importer.import_top(name, f[F_GLOBALS]))
    return run_import


def transform_ImportFrom(c, node):
    env = c.env
    module = node.module or ""
    level = node.level
    if len(node.names) == 1 and node.names[0].name == "*":
        def run_import_star(f):
            env.importer.import_star(module, level, f[F_GLOBALS], f[F_LOCALS_DICT])
        return run_import_star
    names = [(a.name, c.store(ast.Name(a.asname or a.name, ast.Store()))) for a in node.names]

    def run_import_from(f):
        values = env.importer.import_from(module, [n for n, _ in names], level, f[F_GLOBALS])
        for (_, store), v in zip(names, values):
            store(f, v)
    return run_import_from
