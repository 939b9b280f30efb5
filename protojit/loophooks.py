"""Tier 0's hooks for hot loops: on-stack replacement of one loop by a native region.

In: tier 0's loop statements (interp/statements.py) hand their iterable, test or
whole statement to `loop_iterable`, `loop_test` and `loop_statement` when closures
are built. Out: the same closures, wrapped (only for a loop that may become a region)
so that after a few iterations (`--jit-threshold`; 50 at --tier jit) the rest of the
loop runs as native code: codegen/osr.py compiles the region from the loop's locals,
the region runs, and its assigned locals are written back into the frame; a deopt
resumes tier 0 at the same iteration. The policy (thresholds, locks, trace events)
is tiering.py's; this module is only the loop side of it.

Whole-function OSR. A loop at the top of its function (codegen/osr.py `continuation`:
reached through `if`s only) is entered differently: the rest of the whole call, from
the loop's header to the function's return, is compiled and run natively, and its
return value is the frame's (the loop statement hands tier 0 a RETURN). A hot loop
nested inside such a loop arms it (its own region runs this time, as above), so
the enclosing loop goes native at its next header: a kernel called once, whose work
is in nested loops, leaves tier 0 after one inner loop instead of re-entering a
region per outer iteration. A deopt inside leaves the frame untouched (undo log,
codegen/compiler.py) and tier 0 goes on at the same header; after a whole-function
OSR the function's next call compiles it from its entry. A try/with in the rest of
the call keeps the loop to regions only (it would catch an exception of native code
with the frame's locals stale); one before the loop does not matter.

Object code (on by default). When neither numeric whole-function OSR nor a numeric
region compiles (locals hold lists, instances, strings...), the rest of the call is
compiled as object code (codegen/osr.py compile_whole_objects) and run in tier 0's own
frame up to its return or exception: it never deopts, so a try/with in the rest is
its own business. A `for` loop over any iterable counts its items (len() of builtin
containers; islice for the others) and hands its live iterator over. A module-level
loop runs as object code whose names are all the module's (osr.compile_module_loop):
nothing to write back. Each is one `compile` event, region "function from the loop at
line N" or "loop at line N".
"""
from __future__ import annotations

import ast
import itertools
import weakref
from time import sleep as _sleep

from protojit.frames import (F_BUILTINS, F_FUNCTION, F_GLOBALS, F_LOCALS_DICT, F_RETVAL, HEADER,
                             UNBOUND)
from protojit.frontend.code import NameKind, ScopeKind
from protojit.tiering import (UNSUPPORTED, LoopJob, _clock, _not_own as not_own,
                              _self as tiering_self, background_limit, compiler_markers,
                              guarded_compile, heat_loop, ir_texts, may_background_loop, settings,
                              submit_loop, type_name)
from protojit.trace import events, profile
from protojit.runtime.iteration import GuestIterator, steppable

OSR_JIT_THRESHOLD = 50   # loop iterations before a region is tried at --tier jit
MAX_REGION_SPECS = 2
MAX_REGION_DEOPTS = 3


MAX_WHOLE_SPECS = 2
# builtin containers whose len() runs no guest code (loop_iterable counts their items)
_SIZED = frozenset({list, tuple, dict, set, frozenset, str, bytes, bytearray,
                    type({}.keys()), type({}.values()), type({}.items())})


class _OSRDone(BaseException):
    """Unwinds tier 0's loop after its region finished natively (never reaches guest code)."""


class _OSRReturn(BaseException):
    """Unwinds tier 0's loop after the rest of the call ran natively (F_RETVAL is set)."""


class _LoopState:
    __slots__ = ("node", "code", "used", "assigned", "specs", "given_up", "deopts", "has_try",
                 "slots", "failed_types", "region_ok", "whole", "top", "module", "module_objects",
                 "obj_spec", "job", "trip_frame", "trips", "carry", "chain")

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
        self.region_ok = True
        self.whole = None     # a _WholeState when the loop is at the top of its function
        self.top = None       # the _WholeState of the top loop this one is nested in
        self.module = False   # a loop of a module body: its names live in the module dict
        self.module_objects = False   # ... that may run as object code (_run_module_objects)
        self.obj_spec = None          # its object-code spec once compiled
        self.job = None               # its compile on the background thread (_compile_loop)
        self.trip_frame = 0           # id() of the frame whose headers tripped the counter last
        self.trips = 0                # ... and how often (_entry_instead)
        self.carry = 0.0              # heat of its last job, when it compiled nothing (_hot)
        self.chain = None             # a _Chain while _hot goes through its tries


class _OSRRaise(BaseException):
    """Unwinds tier 0 from a loop inside a try after the rest of the call ran natively up
    to an exception `exc` (the try's handlers and finally ran natively): try_statement
    raises `exc` itself."""

    def __init__(self, exc):
        super().__init__()
        self.exc = exc


class _WholeState:
    """Whole-function OSR at one top loop: its specs, keyed by the bound locals too."""
    __slots__ = ("node", "code", "names", "assigned", "specs", "failed", "given_up", "deopts",
                 "armed", "numeric", "in_try", "serves", "__weakref__")

    def __init__(self, code, node, names, assigned):
        self.code = code
        self.node = node
        self.names = names          # FAST locals the rest of the call uses
        self.assigned = assigned    # ... and those it assigns
        self.specs = []             # (param names, NativeSpec)
        self.failed = set()
        self.given_up = False
        self.deopts = 0
        self.armed = False          # a nested loop got hot: go native at the next header
        self.numeric = True         # numeric code may compile it (else object code only)
        self.in_try = False         # the loop is in a try's body (osr.continuation)
        # its spec serves the function's long calls: a call enters it at the loop's second
        # header (the first binds the loop's locals, as the spec takes them), and the
        # function's entry is not compiled for it (_next_call_native)
        self.serves = False


# id(top loop node) -> _WholeState; the loop hooks of the code hold the states (and each
# state its node), so an entry lives exactly as long as its node: ids are not reused
_WHOLE: "weakref.WeakValueDictionary[int, _WholeState]" = weakref.WeakValueDictionary()


def _whole_state(code, node):
    """The _WholeState of `node` when it may be entered by whole-function OSR."""
    ws = _WHOLE.get(id(node))
    if ws is not None:
        return ws if ws.node is node else None
    from protojit.codegen import eligible, osr
    if eligible.plain_code_reason(code, objects=settings.objects) is not None:
        return None
    if any(isinstance(n, (ast.Global, ast.Nonlocal)) for n in ast.walk(code.node)) \
            and not settings.objects:
        return None   # (object code takes the declarations: osr.whole_function)
    stmts = osr.continuation(code.node, node)
    if stmts is None:
        return None
    rest = ast.Module(body=stmts, type_ignores=[])
    # A try/with in the rest of the call: numeric code cannot compile it, and a region
    # would run with it catching an exception of native code with the frame's locals
    # stale (one before the loop, or beside it in an `if`, has run or never will, and the
    # loop is in none: continuation). Object code compiles the try itself (or rejects).
    has_try = any(isinstance(n, (ast.Try, ast.TryStar, ast.With, ast.AsyncWith))
                  for n in ast.walk(rest))
    if has_try and not settings.objects:
        return None
    # Object code: the function's own cells that only inlined comprehensions capture
    # (eligible.plain_code_reason) are plain locals there, taken from the frame's cells;
    # free variables are read through the function's closure (osr.compile_whole_objects).
    kinds = (NameKind.FAST, NameKind.CELL) if settings.objects else (NameKind.FAST,)
    names, assigned = eligible.loop_names(rest, lambda n: code.kind_of(n) in kinds)
    for h in ast.walk(rest):   # `except E as name`: bound by the rest too
        if isinstance(h, ast.ExceptHandler) and h.name and code.kind_of(h.name) in kinds:
            names += [h.name] if h.name not in names else []
            assigned += [h.name] if h.name not in assigned else []
    ws = _WholeState(code, node, names, assigned)
    ws.in_try = osr.continuation(code.node, node, through_try=False) is None
    ws.numeric = not has_try and not code.cellvars and not code.freevars \
        and eligible.reflective_use(code.node) is None
    _WHOLE[id(node)] = ws
    return ws


def _top_loop(code, node):
    """The top loop (see _whole_state) that `node` is nested in, or None."""
    body = code.node.body if isinstance(code.node.body, list) else []

    def find(stmts):
        for s in stmts:
            if isinstance(s, ast.If):
                r = find(s.body) or find(s.orelse)
                if r is not None:
                    return r
            elif isinstance(s, ast.Try):
                r = find(s.body)   # (osr.continuation: through a try's body only)
                if r is not None:
                    return r
            elif isinstance(s, (ast.For, ast.While)):
                if s is not node and any(n is node for n in ast.walk(s)):
                    return s
        return None
    return find(body)


def _run_whole(ws: _WholeState, f, extra: tuple, iter_kind: str, objects: bool = False,
               st: _LoopState | None = None):
    """Run the rest of the call natively from ws.node's header. On success F_RETVAL holds
    the return value and True is returned; False: tier 0 goes on (nothing happened);
    _WAIT: its compile went to the background thread (st.job). `objects`: a spec that
    does not exist yet compiles as object code if it cannot be numeric (else numeric
    only)."""
    ws.armed = False
    Deopt, NOT_APPLICABLE = compiler_markers()
    code = ws.code
    bound = _bound_locals(ws, f, extra)
    if bound is None:
        return False
    names, args, take = bound
    key = (names, tuple([type(a) for a in args]), objects)
    for spec_names, spec in ws.specs:
        if spec_names != names:
            continue
        if code.freevars and getattr(spec, "objects", False) and spec.function is not f[F_FUNCTION]:
            continue   # object code holds its function's closure cells: another closure's
        if ws.serves:
            _served(f)
        t0 = _clock()
        inner0 = _timed_inner()
        try:
            r = _call(spec, args, f, take)
        except BaseException as e:
            _next_call_native(f, ws, _ran_native(spec, t0, inner0))   # (up to an exception)
            if ws.in_try:
                raise _OSRRaise(e) from None   # (past tier 0's try: try_statement)
            raise
        if r is NOT_APPLICABLE:
            continue
        if type(r) is Deopt:
            snap = r.snapshot   # (this call's own: the spec is shared by threads)
            events.record("deopt", function=code.qualname, guard=r.guard, line=r.line,
                          where=r.where,
                          region=f"function from the loop at line {ws.node.lineno}",
                          resumed=None if snap is None else snap[1] if snap[1] is not None
                          else "header")
            ws.deopts += 1
            if ws.deopts >= MAX_REGION_DEOPTS:
                ws.given_up = True
                events.record("tier-down", function=code.qualname,
                              region=f"function from the loop at line {ws.node.lineno}",
                              deopts=ws.deopts)
            if snap is None:
                return False   # tier 0 goes on from the OSR entry's header (nothing changed)
            # Frame-state handback: the native code passed headers of the loop before the
            # guard failed; tier 0 resumes at the last one, from the locals it had there
            # and that many items into the range (the stores since were undone)
            values, pos = snap
            for name, v in values.items():
                f[HEADER + code.varnames.index(name)] = v
            return pos or 0
        f[F_RETVAL] = r
        _next_call_native(f, ws, _ran_native(spec, t0, inner0))
        return True
    if len(ws.specs) >= MAX_WHOLE_SPECS or key in ws.failed:
        return False
    region = f"function from the loop at line {ws.node.lineno}"
    types = [type_name(a) for a in args]
    events.record("hot", function=code.qualname, region=region, types=types)
    from protojit.codegen import osr
    sig = osr.loop_signature(code, ws.node, args)
    globals_, function, node, tracing = f[F_GLOBALS], f[F_FUNCTION], ws.node, events.tracing()
    # (numeric code was tried first when it may be: _hot; in the same job, _Chain)
    numeric = ws.numeric and (names, key[1], False) not in ws.failed \
        and not (st is not None and st.chain is not None and st.chain.numeric_whole)

    def build():   # (no guest value: it may run on the background thread)
        if objects:
            return osr.compile_whole(code, globals_, node, names, None, iter_kind,
                                     keep_ir=tracing, function=function, numeric=numeric,
                                     quick=settings.tier == "jit", signature=sig)
        return osr.compile_whole(code, globals_, node, names, None, iter_kind,
                                 cache=settings.cache, keep_ir=tracing, signature=sig)

    def install(spec, outcome):
        if spec is None:
            if outcome is UNSUPPORTED:
                ws.failed.add(key)
            else:
                ws.given_up = True
            return
        if profile.enabled():
            profile.time_native(spec, code)
        ws.specs.append((names, spec))
        if code.freevars and getattr(spec, "objects", False):
            _goes_with(function, ws, spec)
        events.record("compile", function=code.qualname, region=region,
                      types=[str(t) for t in spec.arg_types],
                      ms=round(spec.times["total"] * 1000, 3), ir_ops=spec.ir_ops,
                      cached=spec.cached, **ir_texts(spec))
    if _compile_loop(st, build, install, code, region, types):
        if not objects and st.chain is not None:
            st.chain.numeric_whole = True
        return _WAIT
    if key in ws.failed or ws.given_up:
        return False
    del bound, args   # (the values are the frame's again: the new spec takes them)
    return _run_whole(ws, f, extra, iter_kind, objects, st)


def _bound_locals(ws: _WholeState, f, extra: tuple):
    """(the names of the locals bound at ws.node's header that the rest of the call uses,
    the arguments of its spec: their values then `extra`, the frame slots of the plain
    locals among them), or None when one it only reads is unbound. Nothing else holds
    the values (an object-code spec takes over the tuple's and the frame's references:
    ObjectSpec.call `take`)."""
    code = ws.code
    names = []
    vals = []
    take = []
    for n in ws.names:
        i = HEADER + code.varnames.index(n)
        v = f[i]
        cell = code.kind_of(n) is NameKind.CELL
        if cell:
            try:
                v = v.cell_contents
            except ValueError:
                v = UNBOUND
        if v is UNBOUND:
            if n not in ws.assigned:
                return None   # read, never assigned, unbound: build.py would take it for a global
            continue
        names.append(n)
        vals.append(v)
        if not cell:
            take.append(i)   # (a cell keeps its value: others may read it)
    return tuple(names), tuple(vals) + extra, take


def _goes_with(function, ws: _WholeState, spec) -> None:
    """A closure's object-code spec holds its function's cells (constants of the machine
    code) and runs for that function only (_run_whole): when the function goes, the spec
    leaves ws.specs and lets its C views go, as tiering._NativeState.release does for
    function specs; CPython frees the cells with the function (not at the code's end, nor
    at a collection). The weak reference lives on the spec, and its callback holds neither
    the spec nor the state strongly, so nothing here keeps either alive."""
    ws_ref, spec_id = weakref.ref(ws), id(spec)

    def release(_ref):
        state = ws_ref()
        if state is None:
            return
        kept = []
        for names, s in state.specs:
            if id(s) != spec_id:
                kept.append((names, s))
                continue
            s.osr_entry = None     # (spec -> entry -> C view -> spec: a cycle)
            s.c_spec = None        # (spec <-> C view: a cycle)
        state.specs = kept
    spec.function_gone = weakref.ref(function, release)


def _ready(job) -> bool:
    """At a header of a loop whose compile is queued: is it done? If not, the GIL goes to
    the compile thread first (sleep(0)): its Python stages run as fast as a compile on the
    program's thread would, and tier 0 goes on with the loop while the compile does not
    need the GIL (LLVM's stages, on the other core). Without this the two took turns
    and a long loop waited twice as long in tier 0 for its native code."""
    if job.done:
        return True
    heat_loop(job)
    if job.done:
        return True
    _sleep(0)
    return job.done


# What a _run_* gives back when its compile went to the background thread: tier 0 goes
# on, and the loop's headers look at st.job until it is done (_hot installs it)
_WAIT = "wait"


def _compile_loop(st, build, install, code, region: str, types: list) -> bool:
    """Compile a loop's spec: at --tier auto on the background thread (True: queued as
    st.job; _hot installs it at a header after it is done), else now (installed). While
    _hot goes through the loop's tries (st.chain), True: the try joins the chain, queued
    as one job when _hot is done with them."""
    if st is not None and st.chain is not None:
        st.chain.tries.append((build, install, region, types))
        return True
    if st is not None and may_background_loop(code):
        job = LoopJob(build, install, code.qualname, region, types)
        job.heat, st.carry = st.carry, 0.0
        if submit_loop(job):
            st.job = job
            return True
    spec, outcome = guarded_compile(build, code.qualname, region, types)
    install(spec, outcome)
    return False


# A whole-function OSR run of at least this many seconds (thread CPU) serves its function's
# calls at --tier auto: they are long, and tier 0's part of each (up to the loop's header)
# is small beside it (_next_call_native)
SERVES_SECONDS = 0.001


def _timed_inner() -> float:
    """The tier-0 seconds of the timed calls inside the innermost open timed call so far
    (tiering's self time), for _ran_native."""
    return getattr(tiering_self, "inner", 0.0)


def _ran_native(spec, t0: float, inner0: float) -> float:
    """After a whole-function OSR run that started at thread time `t0`: its seconds. Object
    code's run is not tier 0's work: while a timed call is open (tiering._run_timed), it is
    taken out of that call's self time (less the tier-0 timed calls made inside it, which
    counted themselves), as the C entry's native_clock does for numeric code's entry;
    else a function whose calls run in its OSR code got hot by time for them."""
    t = _clock() - t0
    if getattr(spec, "objects", False) and getattr(tiering_self, "open", 0):
        not_own(max(t - (_timed_inner() - inner0), 0.0))
    return t


def _served(f) -> None:
    """A call entering the whole-function OSR spec that serves its function's calls: the
    tier-0 seconds its earlier calls counted (tiering._run_timed) went into the loop that
    ran in tier 0 before this code existed. They no longer make the function hot by time:
    compiling its entry would not win them back (nbody's advance was, after the round that
    ran while its OSR code compiled)."""
    ns = getattr(f[F_FUNCTION], "native", None)
    if ns is not None:
        ns.tier0 = 0.0


def _next_call_native(f, ws: _WholeState | None = None, seconds: float = 0.0) -> None:
    """After a whole-function OSR: the function's next call compiles it from its entry. At
    --tier auto with background compiles, when this run took SERVES_SECONDS or more, the
    spec also serves the function's calls until that compile is installed: a call enters
    it at the loop's second header (loop_iterable; a `while` loop's test still counts to
    the threshold). The entry's code is what the calls run in the end: the rest of a call
    compiled from a loop's header ran pyperformance chaos's create_image_chaos at 0.100 s
    of CPU a round, its entry's code at 0.065 s (nbody's advance: 0.035 s at level 1
    against 0.025 s at --tier jit), and a spec serving the calls kept them there (8e6b55a)."""
    fn = f[F_FUNCTION]
    if fn is None or settings.tier == "interp":
        return
    if ws is not None:
        ws.serves = seconds >= SERVES_SECONDS and may_background_loop(ws.code)
    from protojit import tiering
    st = fn.native
    if st is None:
        st = fn.native = tiering._NativeState(fn, getattr(fn.code, "interp_invoke", fn.code.invoke))
    if ws is not None and ws.serves:
        st.served = True   # (its entry's compile: level 1 at once, jit.any_size_at_level1)
    limit = tiering.threshold()
    if st.calls < limit - 1:
        st.calls = limit - 1


def generator_yield(c, run_yield):
    """A generator's `yield` or the body of a loop holding one (interp/generators.py):
    every N runs (the loop threshold) the generator function's next call compiles it (codegen/generators.py: its body as
    object code). A generator's work is in its resumes, which a call counter never sees
    (nqueens' permutations is called once per run); the running generator itself stays
    in tier 0."""
    code = c.code
    if settings.tier == "interp" or not settings.objects or code.kind is not ScopeKind.FUNCTION \
            or code.is_coroutine or getattr(c.env, "line_events", False):
        return run_yield
    from protojit.codegen import eligible   # light: no LLVM until hot
    if eligible.plain_code_reason(code, objects=True, generators=True) is not None \
            or eligible.reflective_use(code.node, objects=True) is not None:
        return run_yield
    n = _osr_threshold()
    count = [0]

    def counted_yield(f):
        k = count[0] = count[0] + 1
        if k % n == 0:
            _arm_generator(f)
        return run_yield(f)
    return counted_yield


def _arm_generator(f) -> None:
    """The generator function of frame `f` compiles at its next call (tiering.call_limit:
    at --tier jit a generator's is not the first call)."""
    fn = f[F_FUNCTION]
    if fn is None:
        return
    from protojit import tiering
    st = fn.native
    if st is None:
        st = fn.native = tiering._NativeState(fn, getattr(fn.code, "interp_invoke", fn.code.invoke))
    limit = tiering.call_limit(fn.code)
    if st.calls < limit - 1:
        st.calls = limit - 1
        # resumed this often in fewer calls: its calls run long, and the call that compiles
        # it waits for the compile (a generator is never entered natively mid-call)
        st.long_calls = True


def _osr_threshold(code=None) -> int:
    """Iterations before a loop is hot; `code`: the loop's scope (a loop whose compile may
    run in the background is queued sooner: tiering.background_limit)."""
    if settings.tier == "jit":
        return OSR_JIT_THRESHOLD
    if code is not None and may_background_loop(code):
        return background_limit(settings.threshold)
    return settings.threshold


def _loop_state(c, node):
    """A _LoopState when `node` (in the scope compiled by `c`) may become a region."""
    if settings.tier == "interp":
        return None
    code = c.code
    if getattr(c.env, "line_events", False):
        return None   # the debugger steps through this code: it stays in tier 0
    if code.kind is ScopeKind.MODULE and not getattr(c, "interactive", False):
        return _module_loop_state(code, node)
    if code.kind is not ScopeKind.FUNCTION or code.is_generator or code.is_coroutine:
        return None
    from protojit.codegen import eligible   # light: no LLVM until a loop is hot
    cells = bool(code.cellvars or code.freevars)
    if cells and (not settings.objects or eligible.plain_code_reason(code, objects=True)):
        return None   # (object code takes some cells: _whole_state)
    if eligible.reflective_use(code.node, objects=settings.objects) is not None:
        return None
    used, assigned = eligible.loop_names(node, lambda n: code.kind_of(n) is NameKind.FAST)
    stored = eligible.loop_names(node, lambda n: True)[1]
    # (a region is numeric code, which reads a free variable as a global: none with cells)
    region_ok = eligible.region_reason(node) is None and not set(stored) - set(assigned) \
        and not cells and eligible.reflective_use(code.node) is None
    # (a loop that assigns a global declared outside it stays in tier 0)
    whole = _whole_state(code, node)
    top = None
    if whole is None:
        t = _top_loop(code, node)
        top = _whole_state(code, t) if t is not None else None
    if not region_ok and whole is None and top is None:
        return None
    has_try = any(isinstance(n, (ast.Try, ast.With)) for n in ast.walk(code.node))
    st = _LoopState(code, node, used, assigned, has_try)
    st.region_ok = region_ok
    st.whole = whole
    st.top = top
    return st


def _call(spec, args, f, take=None):
    """Run a region or whole-function spec from tier 0's frame `f`: through a C entry
    (protojit._pjentry, as function calls go) when its arguments allow, else through
    NativeSpec.call; the result, NOT_APPLICABLE or a Deopt (or the guest exception).
    `take`: the frame slots whose references a whole-function object spec takes over
    with those of `args` (ObjectSpec.call)."""
    if getattr(spec, "objects", False):
        # object code: entered once per OSR, running in tier 0's frame (ObjectSpec.call)
        return spec.call(args, osr_frame=f, take=take)
    e = spec.osr_entry
    if e is None:
        if spec.c_spec is None or profile.enabled():
            spec.osr_entry = False
            return spec.call(args, osr_frame=f)
        from protojit import _pjentry
        e = spec.osr_entry = _pjentry.Entry(_not_applicable, _osr_failure, _osr_unpack)
        e.specs = [spec.c_spec]
    elif e is False:
        return spec.call(args, osr_frame=f)
    return e(f, args, f)


def _not_applicable(fn, args, back):
    return compiler_markers()[1]


def _osr_failure(spec, status, err, fn, args, back, host):
    return spec.failure(status, err, osr_frame=back)


def _osr_unpack(spec, raw):
    return spec.unpack_slots(raw)


def _module_loop_state(code, node):
    """A module-level loop as a region: the names it assigns are the region's locals, read
    from the module dict and written back to it; the names it only reads are globals of
    the region (compiled against their objects, re-checked per run like any callee)."""
    from protojit.codegen import eligible, osr
    region_ok = eligible.region_reason(node) is None and eligible.reflective_use(node) is None
    objects = settings.objects and osr.module_loop_reason(node) is None \
        and eligible.reflective_use(node, objects=True) is None
    if not region_ok and not objects:
        return None
    used, assigned = eligible.loop_names(node, lambda n: True)
    has_try = any(isinstance(n, (ast.Try, ast.With)) for n in ast.walk(code.node))
    st = _LoopState(code, node, list(assigned), list(assigned), has_try)
    st.module = True
    st.region_ok = region_ok
    st.module_objects = objects
    return st


def _run_module_objects(st: _LoopState, f, extra: tuple, iter_kind: str) -> bool:
    """Run the rest of a module-level loop as object code (osr.compile_module_loop), in the
    module's frame; True when it did (it read and wrote the module's names itself)."""
    NOT_APPLICABLE = compiler_markers()[1]
    ns = f[F_GLOBALS]
    if f[F_LOCALS_DICT] is not None and f[F_LOCALS_DICT] is not ns:
        return False   # exec() with separate locals: names resolve in two dicts
    spec = st.obj_spec
    if spec is None:
        region = f"loop at line {st.node.lineno}"
        types = [type_name(a) for a in extra]
        events.record("hot", function=st.code.qualname, region=region, types=types)
        from protojit.codegen import osr
        sig = osr.loop_signature(st.code, st.node, extra)
        code, node, builtins, tracing = st.code, st.node, f[F_BUILTINS], events.tracing()

        def build():   # (no guest value: it may run on the background thread)
            return osr.compile_module_loop(code, ns, builtins, node, None, iter_kind,
                                           keep_ir=tracing, quick=settings.tier == "jit",
                                           signature=sig)

        def install(spec, outcome):
            if spec is None:
                st.module_objects = False
                return
            if profile.enabled():
                profile.time_native(spec, code)
            st.obj_spec = spec
            events.record("compile", function=code.qualname, region=region,
                          types=[str(t) for t in spec.arg_types],
                          ms=round(spec.times["total"] * 1000, 3), ir_ops=spec.ir_ops,
                          cached=spec.cached, **ir_texts(spec))
        if _compile_loop(st, build, install, code, region, types):
            return _WAIT
        spec = st.obj_spec
        if spec is None:
            return False
    return spec.call(extra, osr_frame=f) is not NOT_APPLICABLE


def _hot(st: _LoopState, f, extra: tuple, kind: str):
    """The loop's counter tripped at its header: whole-function OSR in numeric code
    (raises _OSRReturn), else arm the top loop around it and run this loop as a numeric
    region (raises _OSRDone), else whole-function OSR in object code (_OSRReturn);
    returns when tier 0 goes on: None, or after a DEOPT that handed back a later header's
    state (written into the frame), how many items of the range tier 0 skips."""
    job = st.job
    if job is not None:
        if not job.done:
            return   # (compiling on the background thread: tier 0 goes on)
        st.job = None
        from protojit import tiering
        tiering._log("install-loop", job.function, job.region, job.outcome)
        if job.spec is None:
            # the next try below (a region, object code) queues with this job's heat: the
            # loop waited for this one already, or would have soon (at each try's 50 ms of
            # heat anew, chain_test of pyperformance deltablue went through three tries --
            # numeric rest of the call, numeric region, object code -- over three rounds)
            st.carry = job.heat
        job.install(job.spec, job.outcome)
    elif (st.whole is None or not st.whole.serves) and _entry_instead(st, f):
        if st.whole is not None:
            st.whole.armed = False
        return
    chain = _Chain() if may_background_loop(st.code) else None
    st.chain = chain
    try:
        return _try_all(st, f, extra, kind, chain)
    finally:
        st.chain = None
        if chain is not None and chain.tries:
            if _entry_queued(f) and not (st.trip_frame == id(f) and st.trips >= LONG_TRIPS):
                # its entry's compile is queued: the function's next call goes native from
                # there, and a compile of the rest of this call (not a long one:
                # _entry_instead) would be the same function again (hexiom's
                # constraint_pass: queued from its entry, and from its loops' headers for
                # new types as each loop job was installed, 0.2-0.7 s of compile CPU
                # each); a later trip of the counter looks again
                from protojit import tiering
                tiering._log("entry-queued", st.code.qualname, chain.tries[0][2])
            else:
                chain.submit(st)


def _entry_queued(f) -> bool:
    """Is the compile of the frame's function from its entry queued (or running) on the
    compile worker?"""
    ns = getattr(f[F_FUNCTION], "native", None)
    return ns is not None and ns.pending is not None


def _try_all(st: _LoopState, f, extra: tuple, kind: str, chain):
    """_hot's tries, in order of preference. A try with no spec for the header's types
    queues its compile: with a `chain` (background compiles) the tries after it go on,
    those with no spec for the types joining the same job (_Chain), and one whose spec
    takes them running the loop meanwhile (native code of a later try beats tier 0)."""
    ws = st.whole
    if ws is not None and not ws.given_up and ws.numeric and kind not in ("array", "iter"):
        r = _run_whole(ws, f, extra, kind, st=st)
        if r is True:
            raise _OSRReturn
        if r is _WAIT and chain is None:
            return
        if type(r) is int:
            return r   # a DEOPT handed back the state at a later header: resume there
    if st.top is not None and not st.top.given_up:
        st.top.armed = True
    if st.region_ok and not st.given_up and kind != "iter":
        r = _run_region(st, f, extra, kind)
        if r is True:
            raise _OSRDone
        if r is _WAIT and chain is None:
            return
    if ws is not None and not ws.given_up and settings.objects and kind != "array" \
            and f[F_FUNCTION] is not None:
        r = _run_whole(ws, f, extra, kind, objects=True, st=st)
        if r is True:
            raise _OSRReturn
        if r is _WAIT and chain is None:
            return
        if type(r) is int:
            # a numeric spec ran and deopted after a header (the specs are shared: another
            # thread installed it since the numeric try above): resume there, as above.
            # Dropped, tier 0 redid the items the native code had done from the locals it
            # handed back (thr_fib.py at jit: 3 ** 80 for power(3, 49) now and then)
            return r
    if st.module_objects and kind != "array" and _run_module_objects(st, f, extra, kind) is True:
        raise _OSRDone


class _Chain:
    """A hot loop's compile tries, made by one job on the compile worker: the first of
    them that compiles (in _try_all's order of preference: numeric rest of the call,
    numeric region, object-code rest of the call, the module loop as object code), the
    tries before it recorded as unsupported when it is installed. Queued one job each, at
    the header after the one before failed, a loop went through its tries one round of
    the program per try, each behind the queue (pyperformance deltablue's chain_test and
    projection_test: three tries each, their object code compiled in the measured
    rounds). The builds hold no guest value (each try's own, _compile_loop)."""
    __slots__ = ("tries", "chosen", "numeric_whole")

    def __init__(self):
        self.tries: list = []       # (build, install, region, types) per try
        self.chosen = 0             # the try whose build ran last (the worker's)
        self.numeric_whole = False  # the numeric rest of the call is a try (_run_whole)

    def build(self):
        """The first try that compiles: its spec (the last one's Unsupported if none)."""
        from protojit.codegen.errors import Unsupported
        last = len(self.tries) - 1
        for i, (build, _install, _region, _types) in enumerate(self.tries):
            self.chosen = i
            try:
                return build()
            except Unsupported:
                if i == last:
                    raise
        raise AssertionError("a chain of no tries")

    def install(self, spec, outcome) -> None:
        """The job's outcome is the chosen try's; those before it were unsupported, and
        those after it were not made (a later header tries them, if still needed)."""
        for i, (_build, install, _region, _types) in enumerate(self.tries[:self.chosen + 1]):
            if i < self.chosen:
                install(None, UNSUPPORTED)
            else:
                install(spec, outcome)
        self.tries = []

    def submit(self, st: _LoopState) -> None:
        """Queue the tries as st.job (or compile them now: the worker is closed)."""
        if len(self.tries) == 1:
            build, install, region, types = self.tries[0]
        else:
            build, install = self.build, self.install
            region = " or ".join(t[2] for t in self.tries)
            types = self.tries[0][3]
        _compile_loop(st, build, install, st.code, region, types)


# A loop whose counter trips in a function called this often already runs few iterations
# per call: its function compiles from its entry instead (_entry_instead)
ENTRY_CALLS = 4
# ... unless the counter tripped this often in one call (a long loop after all)
LONG_TRIPS = 3


def _entry_instead(st: _LoopState, f) -> bool:
    """At --tier auto with background compiles, one compile per function: a hot loop of a
    function that is called often (its counter tripped across several calls) makes the
    function's next call compile it from its entry (the counting entry, tiering.install),
    instead of compiling the rest of this call from the loop's header. Each loop of such a
    function compiled its own OSR entry, each compile waited its turn on the compile
    thread, and then the entry compiled anyway (pyperformance hexiom's constraint_pass:
    four loops, up to nine compiles of one function, 28 compiles in all where 22 do).
    True: tier 0 goes on with this call."""
    if st.module or settings.tier != "auto" or not may_background_loop(st.code):
        return False
    fn = f[F_FUNCTION]
    ns = getattr(fn, "native", None)
    if ns is None or ns.rejected or ns.specs:
        return False   # (compiled already: not for this call's types, OSR as ever)
    key = id(f)
    if st.trip_frame != key:
        st.trip_frame, st.trips = key, 0
    st.trips += 1
    if st.trips >= LONG_TRIPS:
        return False   # a long loop in this call: its rest compiles from here
    if ns.pending is not None:
        return True    # (its counting entry installs it at a later call; it times this one)
    if ns.calls < ENTRY_CALLS:
        return False
    from protojit import tiering
    limit = tiering.call_limit(fn.code)
    if ns.calls >= limit:
        return False   # (past its compile: its types failed, or it was not compiled)
    ns.calls = limit - 1
    return True


def _run_region(st: _LoopState, f, extra: tuple, iter_kind: str) -> bool:
    """Run the rest of the loop natively; True when it did (locals written back)."""
    Deopt, NOT_APPLICABLE = compiler_markers()
    if st.module:
        ns = f[F_GLOBALS]
        if f[F_LOCALS_DICT] is not None and f[F_LOCALS_DICT] is not ns:
            return False   # exec() with separate locals: names resolve in two dicts
        vals = []
        for n in st.used:
            v = ns.get(n, UNBOUND)
            if v is UNBOUND:
                return False
            vals.append(v)
    else:
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
        r = _call(spec, args, f)
        if r is NOT_APPLICABLE:
            continue
        if type(r) is Deopt:
            events.record("deopt", function=st.code.qualname, guard=r.guard, line=r.line,
                          where=r.where, region=f"loop at line {st.node.lineno}")
            st.deopts += 1
            if st.deopts >= MAX_REGION_DEOPTS:
                st.given_up = True
                events.record("tier-down", function=st.code.qualname,
                              region=f"loop at line {st.node.lineno}", deopts=st.deopts)
            return False
        if st.module:
            ns = f[F_GLOBALS]
            for name, v in zip(st.assigned, r):
                ns[name] = v
            return True
        for name, v in zip(st.assigned, r):
            f[HEADER + st.code.varnames.index(name)] = v
        return True
    if len(st.specs) >= MAX_REGION_SPECS or key in st.failed_types:
        return False
    region = f"loop at line {st.node.lineno}"
    types = [type_name(a) for a in args]
    events.record("hot", function=st.code.qualname, region=region, types=types)
    from protojit.codegen import osr
    from protojit.codegen.errors import Unsupported
    sig = osr.loop_signature(st.code, st.node, args)
    globals_, tracing = f[F_GLOBALS], events.tracing()

    def build():   # (no guest value: it may run on the background thread)
        spec = osr.compile_region(st.code, globals_, st.node, st.used, st.assigned, None,
                                  iter_kind, cache=settings.cache, keep_ir=tracing,
                                  signature=sig)
        if st.module and any(g is globals_ and name in st.assigned for g, name, _ in spec.deps):
            # a callee reads, as a global, a name the region keeps as a local: it would
            # see the value from before the loop
            raise Unsupported("a function the loop calls reads a global the loop assigns",
                              st.code.filename, st.node.lineno)
        if spec.has_effects and st.has_try:
            raise Unsupported("a loop with array stores inside a function with try/with "
                              "(an exception would lose the loop's locals)",
                              st.code.filename, st.node.lineno)
        return spec

    def install(spec, outcome):
        if spec is None:
            if outcome is UNSUPPORTED:
                st.failed_types.add(key)
            else:
                st.given_up = True
            return
        if profile.enabled():
            profile.time_native(spec, st.code)
        st.specs.append(spec)
        events.record("compile", function=st.code.qualname, region=region,
                      types=[str(t) for t in spec.arg_types],
                      ms=round(spec.times["total"] * 1000, 3), ir_ops=spec.ir_ops,
                      cached=spec.cached, **ir_texts(spec))
    if _compile_loop(st, build, install, st.code, region, types):
        return _WAIT
    if key in st.failed_types or st.given_up:
        return False
    return _run_region(st, f, extra, iter_kind)


def _no_region_reason(c, node) -> str:
    """Why a loop of this scope can never run natively (for its reject event)."""
    code = c.code
    if code.kind is not ScopeKind.FUNCTION:
        return "a loop outside a function (only a function's loops run natively)"
    if code.is_generator or code.is_coroutine:
        return "a loop in a generator or coroutine"
    if code.cellvars or code.freevars:
        return "a loop in a function with closure cells (cell or free variables)"
    if getattr(c.env, "line_events", False):
        return "the debugger may step through this code"
    from protojit.codegen import eligible
    found = eligible.reflective_use(code.node)
    if found is not None:
        return f"reflective access {found[0]} reads the frame"
    return eligible.region_reason(node) or "the loop assigns a global"


def _reject_loop(c, node, reason: str) -> None:
    events.record("reject", function=c.code.qualname, region=f"loop at line {node.lineno}",
                  file=c.code.filename, line=node.lineno, reason=reason)


def _trace_check(c, node, reason):
    """--trace/--stats only: check(it) for a `for` loop that is not a native region: it
    records a reject event (with `reason`, or one naming the iterable's type) the first
    time the loop runs N iterations, and returns the iterable to loop over."""
    n = _osr_threshold()
    done = [False]

    def counted(it, why):
        for i, v in enumerate(it):
            if i == n and not done[0]:
                done[0] = True
                _reject_loop(c, node, why)
            yield v

    def check(it):
        if done[0]:
            return it
        why = reason or (f"the loop iterates over a {type(it).__name__} (native loop regions "
                         "iterate over range() or a 1-D numpy array)")
        try:
            size = len(it)
        except TypeError:
            return counted(it, why)
        if size > n:
            done[0] = True
            _reject_loop(c, node, why)
        return it
    return check


def loop_iterable(c, node, iterable):
    """For `for` loops: after N items of a range or 1-D ndarray, try the native region."""
    st = _loop_state(c, node)
    if st is None:
        if settings.tier != "interp" and events.enabled():
            check = _trace_check(c, node, _no_region_reason(c, node))
            return lambda f: check(iterable(f))
        return iterable
    if events.enabled() and not (settings.objects and (st.whole is not None or st.top is not None
                                                       or st.module_objects)):
        # (a loop that object code may take over records its compile or reject when hot)
        check = _trace_check(c, node, None)
        plain = iterable

        def iterable(f):   # range and ndarray go on to osr_iterable; others are traced
            it = plain(f)
            t = type(it)
            if t is range or (t.__name__ == "ndarray" and t.__module__ == "numpy"):
                return it
            return check(it)
    n = _osr_threshold(c.code)
    chain = itertools.chain
    # Iterations count across the loop's entries (as a `while` loop's tests do): an inner
    # loop of fewer than n iterations entered once per outer iteration (a stencil's row,
    # a pixel's escape loop) is hot after n of them in all; it trips inside the entry
    # that reaches n, and the count starts again after a trip that tier 0 goes on from.
    seen = [0]

    def tail(f, it, k, kind):
        seen[0] = 0
        rest = it[k:]
        extra = (rest.start, rest.stop, rest.step) if kind == "range" else (rest,)
        i = _hot(st, f, extra, kind) or 0
        while st.job is not None and i < len(rest):
            # compiling on the background thread: each header looks whether it is done
            if _ready(st.job):
                more = rest[i:]
                i += _hot(st, f, (more.start, more.stop, more.step) if kind == "range"
                          else (more,), kind) or 0
                continue
            yield rest[i]
            i += 1
        yield from rest[i:]

    ws = st.whole
    armable = ws is not None and any(isinstance(x, (ast.For, ast.While)) and x is not node
                                     for x in ast.walk(node))

    def watched(f, it, k):
        # a top loop with loops inside: each header checks whether an inner loop armed it
        i, size = 0, len(it)
        while i < size:
            if ws.armed or i == k or (st.job is not None and _ready(st.job)):
                seen[0] = 0
                rest = it[i:]
                i += _hot(st, f, (rest.start, rest.stop, rest.step), "range") or 0
                if i >= size:
                    return
            yield it[i]
            i += 1

    # Object code (whole-function OSR only): a loop over any other iterable counts too, and
    # hands the live iterator over. The length is taken only of builtin containers (a
    # guest __len__ would be a call CPython's loop does not make); an iterable of unknown
    # length counts once its first n items are taken (islice: in C, per item).
    objects = settings.objects and (ws is not None or st.top is not None or st.module_objects)
    islice = itertools.islice

    def tail_iter(f, iterator):
        seen[0] = 0
        _hot(st, f, (iterator,), "iter")
        while st.job is not None:   # (as tail)
            if _ready(st.job):
                _hot(st, f, (iterator,), "iter")
                continue
            for v in iterator:
                break
            else:
                return
            yield v
        yield from iterator

    def head_iter(f, iterator, k):
        # (chain(islice, tail_iter) for a guest iterator: one that ran out inside the first
        # k items is not asked for another, as CPython's loop stops at the first StopIteration)
        if k:
            i = 0
            for v in iterator:
                yield v
                i += 1
                if i >= k:
                    break
            else:
                return
        yield from tail_iter(f, iterator)

    def watched_iter(f, iterator, k):
        # (watched for any iterable: the check comes before the next item is taken)
        i = 0
        while True:
            if ws.armed or i == k or (st.job is not None and _ready(st.job)):
                seen[0] = 0
                _hot(st, f, (iterator,), "iter")
            for v in iterator:
                break
            else:
                return
            yield v
            i += 1

    def osr_iterable(f):
        it = iterable(f)
        if st.given_up and (ws is None or ws.given_up):
            return it
        t = type(it)
        if objects and t is not range and not (t.__name__ == "ndarray" and t.__module__ == "numpy"):
            if ws is not None and ws.given_up:
                if st.top is None or st.top.given_up:
                    return it
            if st.module and not st.module_objects:
                return it   # (object code rejected this module-level loop)
            k = 1 if ws is not None and ws.serves else max(n - seen[0], 0)
            if armable and not ws.given_up:
                return watched_iter(f, steppable(iter(it)), k)
            if t in _SIZED:
                size = len(it)
                if size <= k:
                    seen[0] += size
                    return it
            iterator = steppable(iter(it))   # (chain, islice and the loops below call iter() on it)
            if type(iterator) is GuestIterator:
                return head_iter(f, iterator, k)
            return chain(islice(iterator, k), tail_iter(f, iterator))
        if t is range:
            k = 1 if ws is not None and ws.serves else max(n - seen[0], 0)
            if armable and not ws.given_up:
                if len(it) <= k:
                    seen[0] += len(it)
                return watched(f, it, k)
            if len(it) > k:
                return chain(it[:k], tail(f, it, k, "range"))
            seen[0] += len(it)
        elif t.__name__ == "ndarray" and t.__module__ == "numpy" and it.ndim == 1:
            k = max(n - seen[0], 0)
            if len(it) > k:
                return chain(it[:k], tail(f, it, k, "array"))
            seen[0] += len(it)
        return it
    return osr_iterable


def loop_test(c, node, test):
    """For `while` loops: every N evaluations of the test, try the native region."""
    st = _loop_state(c, node)
    if st is None:
        if settings.tier != "interp" and events.enabled():
            # --trace/--stats only: its reject event once the test ran N times
            reason = _no_region_reason(c, node)
            n = _osr_threshold()
            seen = [0]

            def traced_test(f):
                k = seen[0] = seen[0] + 1
                if k == n:
                    _reject_loop(c, node, reason)
                return test(f)
            return traced_test
        return test
    n = _osr_threshold(c.code)
    count = [0]

    ws = st.whole

    def osr_test(f):
        k = count[0] = count[0] + 1
        if k % n == 0 or (ws is not None and ws.armed) or (st.job is not None and _ready(st.job)):
            _hot(st, f, (), "while")
        return test(f)
    return osr_test


# tier 0's try statements let these through untouched (interp/statements.py transform_Try):
# the native rest of the call ran the try's handlers and finally itself
OSR_UNWIND = (_OSRReturn, _OSRRaise)


def try_statement(c, node, run, returned):
    """Wrap a try statement at the top of a function (reached through `if`s only) that has
    loops in its body: a loop there may run the rest of the call natively, the rest of
    the try included (osr.continuation), and unwinds with _OSRReturn, which tier 0's tries
    pass on (their handlers and finally ran natively); here it becomes `returned`, tier
    0's RETURN signal, with F_RETVAL holding the result."""
    code = c.code
    if settings.tier == "interp" or code.kind is not ScopeKind.FUNCTION \
            or code.is_generator or code.is_coroutine:
        return run
    if not any(isinstance(n, (ast.For, ast.While)) for s in node.body for n in ast.walk(s)):
        return run
    from protojit.codegen import osr
    if osr.continuation(code.node, node, through_try=False) is None:
        return run   # (a try inside another: the outermost one turns it into RETURN)

    def run_try_osr(f):
        try:
            return run(f)
        except _OSRReturn:
            return returned
        except _OSRRaise as w:
            exc = w.exc
        raise exc   # (outside the handler: exc's context stays what native code made it)
    return run_try_osr


def loop_statement(c, node, run, returned=None):
    """Wrap a loop statement whose region may finish it natively. `returned`: tier 0's
    RETURN signal (interp/signals.py), what the statement gives back when the rest of the
    call ran natively (whole-function OSR)."""
    if settings.tier == "interp" or _loop_state(c, node) is None:
        return run
    code = c.code
    if code.kind is ScopeKind.FUNCTION:
        from protojit.codegen import osr
        if osr.continuation(code.node, node, through_try=False) is None \
                and osr.continuation(code.node, node) is not None:
            # inside a try: _OSRReturn unwinds through it to try_statement
            def run_loop_osr_in_try(f):
                try:
                    return run(f)
                except _OSRDone:
                    return None
            return run_loop_osr_in_try

    def run_loop_osr(f):
        try:
            return run(f)
        except _OSRDone:
            return None
        except _OSRReturn:
            return returned    # the rest of the call ran natively; F_RETVAL holds its result
    return run_loop_osr
