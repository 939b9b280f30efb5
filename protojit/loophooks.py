"""Tier 0's hooks for hot loops: on-stack replacement of one loop by a native region.

In: tier 0's loop statements (interp/statements.py) hand their iterable, test or
whole statement to `loop_iterable`, `loop_test` and `loop_statement` when closures
are built. Out: the same closures, wrapped (only for a loop that may become a region)
so that after a few iterations (`--jit-threshold`; 50 at --tier jit) the rest of the
loop runs as native code: codegen/osr.py compiles the region from the loop's locals,
the region runs, and its assigned locals are written back into the frame; a deopt
resumes tier 0 at the same iteration. The policy (thresholds, locks, trace events)
is tiering.py's; this module is only the loop side of it.
"""
from __future__ import annotations

import ast
import itertools

from protojit.frames import F_GLOBALS, HEADER, UNBOUND
from protojit.frontend.code import NameKind, ScopeKind
from protojit.tiering import compile_lock, compiler_markers, ir_texts, type_name, settings
from protojit.trace import events, profile

OSR_JIT_THRESHOLD = 50   # loop iterations before a region is tried at --tier jit
MAX_REGION_SPECS = 2
MAX_REGION_DEOPTS = 3


class _OSRDone(BaseException):
    """Unwinds tier 0's loop after its region finished natively (never reaches guest code)."""


class _LoopState:
    __slots__ = ("node", "code", "used", "assigned", "specs", "given_up", "deopts", "has_try",
                 "slots", "failed_types")

    def __init__(self, code, node, used, assigned, has_try):
        self.code = code
        self.node = node
        self.used = used
        self.assigned = assigned
        self.specs = []
        self.given_up = False
        self.deopts = 0
        self.has_try = has_try
        self.slots = None
        self.failed_types = set()


def _osr_threshold() -> int:
    return OSR_JIT_THRESHOLD if settings.tier == "jit" else settings.threshold


def _loop_state(c, node):
    """A _LoopState when `node` (in the scope compiled by `c`) may become a region."""
    if settings.tier == "interp":
        return None
    code = c.code
    if code.kind is not ScopeKind.FUNCTION or code.is_generator or code.is_coroutine \
            or code.cellvars or code.freevars:
        return None
    if getattr(c.env, "line_events", False):
        return None   # the debugger steps through this code: it stays in tier 0
    from protojit.codegen import eligible   # light: no LLVM until a loop is hot
    if eligible.region_reason(node) is not None:
        return None
    if eligible.reflective_use(code.node) is not None:
        return None
    used, assigned = eligible.loop_names(node, lambda n: code.kind_of(n) is NameKind.FAST)
    stored = eligible.loop_names(node, lambda n: True)[1]
    if set(stored) - set(assigned):
        return None   # the loop assigns a global (declared outside it): tier 0 only
    has_try = any(isinstance(n, (ast.Try, ast.With)) for n in ast.walk(code.node))
    return _LoopState(code, node, used, assigned, has_try)


def _run_region(st: _LoopState, f, extra: tuple, iter_kind: str) -> bool:
    """Run the rest of the loop natively; True when it did (locals written back)."""
    DEOPT, NOT_APPLICABLE = compiler_markers()
    if st.slots is None:
        st.slots = [HEADER + st.code.varnames.index(n) for n in st.used]
    vals = []
    for i in st.slots:
        v = f[i]
        if v is UNBOUND:
            return False
        vals.append(v)
    args = tuple(vals) + extra
    key = tuple([type(a) for a in args])
    for spec in st.specs:
        r = spec.call(args, osr_frame=f)
        if r is NOT_APPLICABLE:
            continue
        if r is DEOPT:
            guard, line, where = spec.last_deopt
            events.record("deopt", function=st.code.qualname, guard=guard, line=line, where=where,
                          region=f"loop at line {st.node.lineno}")
            st.deopts += 1
            if st.deopts >= MAX_REGION_DEOPTS:
                st.given_up = True
                events.record("tier-down", function=st.code.qualname,
                              region=f"loop at line {st.node.lineno}", deopts=st.deopts)
            return False
        for name, v in zip(st.assigned, r):
            f[HEADER + st.code.varnames.index(name)] = v
        return True
    if len(st.specs) >= MAX_REGION_SPECS or key in st.failed_types:
        return False
    from protojit.codegen import osr
    from protojit.codegen.errors import Unsupported
    region = f"loop at line {st.node.lineno}"
    events.record("hot", function=st.code.qualname, region=region, types=[type_name(a) for a in args])
    with compile_lock, profile.compiling(f"{st.code.qualname} ({region})"):
        try:
            spec = osr.compile_region(st.code, f[F_GLOBALS], st.node, st.used, st.assigned, args,
                                      iter_kind, cache=settings.cache, keep_ir=events.tracing())
            if spec.has_effects and st.has_try:
                raise Unsupported("a loop with array stores inside a function with try/with "
                                  "(an exception would lose the loop's locals)",
                                  st.code.filename, st.node.lineno)
        except Unsupported as e:
            st.failed_types.add(key)
            events.record("reject", function=st.code.qualname, region=region, reason=e.feature,
                          file=e.filename, line=e.line, types=[type_name(a) for a in args])
            return False
        except RecursionError:
            st.given_up = True
            return False
        except Exception as e:   # noqa: BLE001 - a codegen bug must never break the program
            st.given_up = True
            events.record("reject", function=st.code.qualname, region=region,
                          reason=f"internal error {type(e).__name__}: {e}"[:300])
            return False
    if profile.enabled():
        profile.time_native(spec, st.code)
    st.specs.append(spec)
    events.record("compile", function=st.code.qualname, region=region,
                  types=[str(t) for t in spec.arg_types], ms=round(spec.times["total"] * 1000, 3),
                  ir_ops=spec.ir_ops, cached=spec.cached, **ir_texts(spec))
    return _run_region(st, f, extra, iter_kind)


def loop_iterable(c, node, iterable):
    """For `for` loops: after N items of a range or 1-D ndarray, try the native region."""
    st = _loop_state(c, node)
    if st is None:
        return iterable
    n = _osr_threshold()
    chain = itertools.chain

    def tail(f, it, kind):
        rest = it[n:]
        if not st.given_up:
            extra = (rest.start, rest.stop, rest.step) if kind == "range" else (rest,)
            if _run_region(st, f, extra, kind):
                raise _OSRDone
        yield from rest

    def osr_iterable(f):
        it = iterable(f)
        if st.given_up:
            return it
        t = type(it)
        if t is range:
            if len(it) > n:
                return chain(it[:n], tail(f, it, "range"))
        elif t.__name__ == "ndarray" and t.__module__ == "numpy" and it.ndim == 1 and len(it) > n:
            return chain(it[:n], tail(f, it, "array"))
        return it
    return osr_iterable


def loop_test(c, node, test):
    """For `while` loops: every N evaluations of the test, try the native region."""
    st = _loop_state(c, node)
    if st is None:
        return test
    n = _osr_threshold()
    count = [0]

    def osr_test(f):
        k = count[0] = count[0] + 1
        if k % n == 0 and not st.given_up and _run_region(st, f, (), "while"):
            raise _OSRDone
        return test(f)
    return osr_test


def loop_statement(c, node, run):
    """Wrap a loop statement whose region may finish it natively."""
    if settings.tier == "interp" or _loop_state(c, node) is None:
        return run

    def run_loop_osr(f):
        try:
            return run(f)
        except _OSRDone:
            return None
    return run_loop_osr
