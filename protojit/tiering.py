"""Tiering policy: when a guest function leaves tier 0 for native code.

`--tier interp` never compiles (and installs nothing: tier 0's call path is
untouched); `--tier jit` compiles every function it can at its first call;
`--tier auto` compiles a function once it is hot: `--jit-threshold` calls
(default 1000), or that many iterations of one of its loops (protojit/loophooks.py
and codegen/osr.py).

Mechanism. `install(code)` runs when tier 0 builds a function's invokers; for
a code that may be native it wraps `code.invoke` with a counting entry. Each
`Function` copies its invoke at creation, and every guest call goes through
`fn.invoke(fn, args, caller_frame)`, so a function goes native by replacing
its own `fn.invoke` with its native entry: a C object (protojit._pjentry.Entry,
runtime_c/capi/pjentry.c) that picks the specialisation for the argument types
(a few per function), checks the guards (argument types, int64 range, globals it
was compiled against), unboxes, calls the machine code (GIL released when it may
run long) and boxes the result; host code reaches the same entry through the
Function's C base (tp_call/vectorcall), so a call costs about what a CPython call
does. Behind the entry, `_NativeState.invoke` (the Python dispatcher) handles
what the C entry does not: specs over tuples or arrays (through ctypes), type
profiling and compiling new specs. Anything else, and every deopt, runs tier 0's
invoke: the same call from its entry, which is exact because native code never
deopts after a visible effect (codegen/compiler.py). Every hot compilable
function goes native, leaves included.

At --tier auto the first compile of a hot function runs on a background thread
while the program goes on in tier 0 (_Background, below); the counting entry installs
the spec at the function's first call after it finished. The queue's policy: code whose
compile may run there is queued at 1/8 of the threshold (background_limit), the worker
takes the job whose code the program spent most time in tier 0 since it was queued
(heat), and the program waits for a job once that time reaches WAIT_HEAT, for the whole
queue once its time in all queued code (each call counted once) reaches WAIT_QUEUE_HEAT, and
for a generator's compile at once when its calls are known to run long (long_calls); a hot
loop of a function called often compiles the function from its entry, not the loop
(loophooks._entry_instead). Object code made at level 0 (for its size, codegen/jit.py
codegen_level; at --tier jit, all of it) is watched once it runs: when hot, the worker
makes it again at level 1 and swaps it into the spec (_UpgradeJob). PJ_COMPILE_LOG=1 prints each job's events.

Per function state lives in `fn.native` (a `_NativeState`): call counter,
argument-type profile, specialisations, rejects, the pending background compile. Trace events: `hot`, `compile`,
`recompile`, `reject`, `deopt`, `tier-down` (protojit/trace/events.py); with
--trace/--stats, trace/profile.py also times each function per tier.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import weakref

from protojit.frames import native_start_depth
from protojit.trace import events, profile

MAX_SPECS = 4          # specialisations kept per function
MAX_DEOPTS = 8         # a specialisation that deopts this often is dropped
_MAX_COMPILE_HOST_DEPTH = 64   # nested host-entered guest calls above which nothing compiles
MAX_CODE_COMPILES = 8  # Function objects of one code that compile (see compile_now)
_code_compiles: dict = {}   # GuestCode -> Function objects of it compiled


class TierSettings:
    def __init__(self, tier: str = "auto", threshold: int = 1000, cache: bool = True):
        self.tier = tier
        self.threshold = threshold
        self.cache = cache
        # native object code (codegen/lowerobj.py); protojit --no-object-code turns it off
        self.objects = True
        self.compile_report = None   # protojit --compile-report=FILE: compile_report() at exit
        # --tier auto: a hot function compiles on a background thread (_Background);
        # protojit --no-background-compile turns it off
        self.background = True


settings = TierSettings()
_LIB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib") + os.sep


@contextlib.contextmanager
def tier_as(tier: str):
    """Run a block with `settings.tier` set to `tier` (restored after): code that embeds the
    engine, such as unit tests running guest code at tier 0, without the CLI's configure."""
    saved = settings.tier
    settings.tier = tier
    try:
        yield settings
    finally:
        settings.tier = saved
compile_lock = threading.RLock()
_compiling = threading.local()      # .active: this thread is inside compile_function


def configure(env, opts) -> None:
    settings.tier = opts.tier
    settings.compile_report = getattr(opts, "compile_report", None)
    settings.threshold = max(1, opts.jit_threshold)
    settings.cache = opts.jit_cache
    settings.objects = getattr(opts, "object_code", True)
    settings.background = getattr(opts, "background_compile", True)
    if settings.tier != "interp":
        from protojit import sigchain
        sigchain.install()   # signals reach native code (runtime_c/signal.c)
    events.configure(opts.trace, getattr(opts, "stats", False))
    profile.configure(events.enabled())   # --trace/--stats: calls and time per tier (trace/profile.py)


def shutdown(env) -> None:
    if profile.enabled():
        profile.finish()
    events.flush()
    if settings.compile_report:
        import json
        try:
            with open(settings.compile_report, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(compile_report()) + "\n")
        except OSError as e:
            sys.stderr.write(f"protojit: cannot write the compile report "
                             f"{settings.compile_report}: {e.strerror}\n")


JIT_GENERATOR_CALLS = 8    # --tier jit: calls before a generator function compiles (install)


def threshold() -> int:
    return 1 if settings.tier == "jit" else settings.threshold


def type_name(v) -> str:
    t = type(v)
    if t.__name__ == "ndarray":
        return f"ndarray[{v.dtype}, {v.ndim}d]"
    return t.__name__


class _NativeState:
    """Per-Function tiering state; `invoke` is the native dispatcher."""

    __slots__ = ("_fn", "interp", "calls", "specs", "failed", "profile", "rejected",
                 "pending", "long_calls", "tier0", "served", "__weakref__")

    def __init__(self, fn, interp):
        # Weakly: fn.native is this state, and a strong link back made every function called
        # once a reference cycle: a closure's cells (and what they hold) outlived the
        # function until a collection, where CPython releases them when it goes.
        self._fn = weakref.ref(fn, _releaser(self))
        self.interp = interp            # tier 0's invoke for this function
        self.calls = 0
        self.specs: dict[tuple, list] = {}   # tuple of host types -> [NativeSpec]
        self.failed: set = set()        # host-type keys that did not compile
        self.profile: dict[tuple, int] = {}  # argument-type profile (host type names)
        self.rejected = False
        self.pending = None             # its _CompileJob while a background compile runs
        # a call of it is known to run long (a generator resumed often: loophooks
        # _arm_generator): the call that queues its compile waits for it (counting_invoke)
        self.long_calls = False
        # seconds its calls spent in tier 0 before the call count reached the limit
        # (counting_invoke at --tier auto: _run_timed)
        self.tier0 = 0.0   # (their self time: _start_timed)
        # a whole-function OSR spec serves its calls until its entry's compile is installed
        # (loophooks._next_call_native): that compile gets level 1 whatever its size
        self.served = False

    @property
    def fn(self):
        """The Function (None once it is gone)."""
        return self._fn()

    def release(self) -> None:
        """The function went: each spec lets its C view go. A spec and its C view hold each
        other (c_spec; the view's owner, for on_failure), a cycle that kept the spec's
        constants, a closure's cells among them, until a collection (where CPython frees
        them with the function: closure_cells_release.py at jit)."""
        for specs in self.specs.values():
            for spec in specs:
                if getattr(spec, "c_spec", None) is not None:
                    spec.c_spec = None
        self.specs = {}

    @property
    def entry(self):
        """The C entry (protojit._pjentry.Entry) once native: the function's invoke. Only
        the function holds it: the entry holds this state (its callbacks are bound
        methods), and a reference back made the two a cycle that kept the specs, and a
        closure's cells among their constants, until a collection after the function died
        (closure_cells_release.py at jit)."""
        fn = self.fn
        invoke = fn.invoke if fn is not None else None
        from protojit import _pjentry
        return invoke if type(invoke) is _pjentry.Entry else None

    def install_entry(self) -> None:
        """Point fn.invoke at the C entry over every spec it can call (int/float/bool/None
        arguments), with this dispatcher behind it for everything else; at the dispatcher
        alone when no spec has a C view (or --trace/--stats time each call in Python)."""
        c_specs = [s.c_spec for ss in self.specs.values() for s in ss
                   if getattr(s, "c_spec", None) is not None]
        if not c_specs or profile.enabled():
            self.fn.invoke = self.invoke
            return
        entry = self.entry
        if entry is None:
            from protojit import _pjentry
            entry = _pjentry.Entry(self.invoke, self.native_failure, _unpack_slots)
            _pjentry.set_kw_binder(keyword_binding)
            _pjentry.set_kw_positions(keyword_positions)
        entry.specs = c_specs
        self.fn.invoke = entry

    def native_failure(self, spec, status, err, fn, args, back, host):
        """The C entry's call of `spec` ended with a non-zero status: raise the guest
        exception, or (a deopt) re-run the call in tier 0. `host`: called from host code
        (the Function's tp_call), whose guest caller is the thread's published frame."""
        try:
            deopt = spec.failure(status, err)   # raises the guest exception, or a Deopt
        except BaseException as e:
            # (object code's status is the exception: left in this frame, which its traceback
            # holds, it would make a cycle, and the locals the exception keeps for its guest
            # frames -- pjexc.c pj_frame_keep -- would wait for a collection)
            status = None
            if host:
                from protojit.runtime import tracebacks
                tracebacks.hand_to_host(e)
            raise
        self._deopt(spec, tuple(map(type, args)), deopt)
        if host:
            from protojit.runtime.function import host_call
            return host_call(fn, args, None, self.interp)
        return self.interp(fn, args, back)

    def invoke(self, fn, args, back):
        if back is not None and native_start_depth(back) is None:
            # near the recursion limit: tier 0 counts the last levels (no compile either)
            return self.interp(fn, args, back)
        key = tuple(map(type, args))
        specs = self.specs.get(key)
        if specs is not None:
            # (specs exist, so protojit.codegen.compiler is loaded: no import statement per call)
            Deopt, NOT_APPLICABLE = compiler_markers()
            for spec in specs:
                r = spec.call(args, None, back)
                if r is NOT_APPLICABLE:
                    continue
                if type(r) is Deopt:
                    self._deopt(spec, key, r)
                    break
                return r
            else:
                if self.pending is not None:
                    return self._run_pending(fn, args, back)
                self._maybe_compile(args, key)
        elif key not in self.failed:
            shared = self._shared_specs(args)
            if shared is not None:
                # an object-code spec takes these types too (as the C entry would): the new
                # key shares it instead of compiling the same code again
                self.specs[key] = shared
                return self.invoke(fn, args, back)
            if self.pending is not None:
                return self._run_pending(fn, args, back)
            self._maybe_compile(args, key)
        return self.interp(fn, args, back)

    def _run_pending(self, fn, args, back):
        """A call no spec took while a recompile for new argument types is queued
        (_maybe_compile): install it once done and dispatch again; until then tier 0 runs
        the call, its time into the job's heat (waiting for it as a first compile's
        counting entry would)."""
        job = self.pending
        if not job.done and not job.waited:
            if job.heat >= WAIT_HEAT:
                _background.wait_for(job)
            elif _background.queue_hot():
                _background.wait_all()
        if job.done:
            finish_background(self)
            return self.invoke(fn, args, back)
        return run_heating(job, self.interp, fn, args, back)

    def _shared_specs(self, args):
        """The spec list of another key whose object-code spec accepts `args` (an argument
        typed object takes any type); None if there is none."""
        for specs in self.specs.values():
            for spec in specs:
                if getattr(spec, "objects", False) and spec.accepts(args):
                    return specs
        return None

    def _maybe_compile(self, args, key) -> None:
        """A new argument signature: profile it, compile once it is hot too (at --tier auto
        on the worker, as a first compile: the calls go on in the code they ran in so far,
        _run_pending, not waiting for the compile at this one)."""
        n = self.profile.get(key, 0) + 1
        self.profile[key] = n
        if n >= threshold() and sum(map(len, self.specs.values())) < MAX_SPECS:
            compile_now(self.fn, args, key, background=True)

    def _deopt(self, spec, key, deopt) -> None:
        events.record("deopt", function=self.fn.__qualname__, guard=deopt.guard, line=deopt.line,
                      where=deopt.where,
                      types=[str(t) for t in spec.arg_types])
        if spec.deopts >= MAX_DEOPTS:
            lst = self.specs.get(key, [])
            if spec in lst:
                lst.remove(spec)
            if not lst:
                self.specs.pop(key, None)
                self.failed.add(key)
            events.record("tier-down", function=self.fn.__qualname__,
                          types=[str(t) for t in spec.arg_types], deopts=spec.deopts)
            if self.entry is not None:
                self.install_entry()


def _releaser(state):
    """The callback of a _NativeState's weak reference to its function: state.release()
    when the function goes. (It holds the state weakly: the state holds the reference.
    A function freed by a collection does not call it: its state and specs are garbage
    with it, and the collection frees them.)"""
    ref = weakref.ref(state)

    def released(_):
        st = ref()
        if st is not None:
            st.release()
    return released


def _unpack_slots(spec, raw):
    return spec.unpack_slots(raw)


_MARKERS = None


def compiler_markers():
    """(Deopt, NOT_APPLICABLE) of codegen.compiler, imported once: a spec's call returns
    a Deopt instance when a guard failed, NOT_APPLICABLE itself when it did not run."""
    global _MARKERS
    if _MARKERS is None:
        from protojit.codegen.compiler import NOT_APPLICABLE, Deopt
        _MARKERS = Deopt, NOT_APPLICABLE
    return _MARKERS


def _state(fn):
    st = fn.native
    if st is None:
        st = fn.native = _NativeState(fn, getattr(fn.code, "interp_invoke", fn.code.invoke))
    return st


def compile_now(fn, args, key=None, background: bool = False) -> bool:
    """Compile `fn` for the types of `args` and install the dispatcher; False if rejected.
    `background` (a function's first compile, from its counting entry): at --tier auto the
    compile may be queued for the background thread instead (False now; the counting
    entry installs the spec at a later call, finish_background)."""
    from protojit.runtime.function import record_of
    fn = record_of(fn) or fn     # (the guest function itself, or its record)
    if sys.is_finalizing():
        # A call at interpreter exit (a __del__, a generator's finally): the import system
        # is gone (the imports below would fail), and native code would not pay off now.
        return False
    from protojit.frames import tstate
    if tstate.host_depth > _MAX_COMPILE_HOST_DEPTH:
        # Deep in a recursion through host code (sorted's key calling itself...): the C stack
        # is mostly used up, and LLVM needs a lot of it. Not now; a later call compiles.
        return False
    st = _state(fn)
    if key is None:
        key = tuple([type(a) for a in args])
    # (several threads making the same call at once wait here while the first compiles:
    # the others then take its spec instead of compiling the function again each)
    had = len(st.specs.get(key, ()))
    with compile_lock:
        if key in st.failed:
            return False
        if len(st.specs.get(key, ())) > had:
            return True   # another thread compiled it for these types meanwhile
        if getattr(_compiling, "active", False):
            # Called back while this thread compiles (a guest __del__ run by a collection
            # inside the compiler): codegen/jit.py's engine lock is not re-entrant (this
            # deadlocked). Not now; a later call compiles.
            return False
        if not st.specs and _code_compiles.get(fn.code, 0) >= MAX_CODE_COMPILES:
            # Specs belong to one Function object: a nested function made anew at every
            # call of its parent (a closure in a recursion or a loop) would compile again
            # for each one -- at --tier jit, at every call
            st.failed.add(key)
            st.rejected = True
            events.record("reject", function=fn.__qualname__, file=fn.code.filename,
                          line=fn.code.firstlineno,
                          reason=f"compiled for {MAX_CODE_COMPILES} function objects of this code"
                                 " already (a function made anew at each call)")
            return False
        if st.pending is not None:
            return False   # (queued or compiling in the background already)
        profile.first_call(fn.code)
        events.record("hot", function=fn.__qualname__, calls=st.profile.get(key) or st.calls,
                      types=[type_name(a) for a in args])
        if background and _may_background(fn):
            from protojit.codegen.compiler import call_signature
            job = _CompileJob(fn, key, call_signature(fn, args), [type_name(a) for a in args])
            job.any_size = st.served
            if _background.submit(job):
                st.pending = job
                return False

        def build():
            # (the first compile loads LLVM: --stats counts that as compiling too)
            from protojit.codegen.compiler import compile_function
            return compile_function(fn, args, cache=settings.cache, keep_ir=events.tracing(),
                                    objects=settings.objects, quick=settings.tier == "jit")
        try:
            _compiling.active = True
            spec, outcome = guarded_compile(build, fn.__qualname__, None,
                                            [type_name(a) for a in args])
        finally:
            _compiling.active = False
        with _install_lock:
            return _install(st, key, spec, outcome)


def _install(st, key, spec, outcome) -> bool:
    """Record a compile's outcome in the function's state: a rejected key, or the spec
    installed behind the function's entry (the caller holds _install_lock)."""
    fn = st.fn
    if spec is None:
        st.failed.add(key)
        if outcome is UNSUPPORTED and not st.specs:
            st.rejected = True
        return False
    if not st.specs:
        _code_compiles[fn.code] = _code_compiles.get(fn.code, 0) + 1
    if st.specs:
        events.record("recompile", function=fn.__qualname__,
                      types=[str(t) for t in spec.arg_types],
                      previous=[[str(t) for t in s.arg_types] for ss in st.specs.values() for s in ss])
    st.specs.setdefault(key, []).append(spec)
    events.record("compile", function=fn.__qualname__, types=[str(t) for t in spec.arg_types],
                  returns=str(spec.return_type), ms=round(spec.times["total"] * 1000, 3),
                  cached=spec.cached,
                  ir_ops=spec.ir_ops, times={k: round(v * 1000, 3) for k, v in spec.times.items()},
                  **ir_texts(spec))
    if profile.enabled():
        profile.time_native(spec, fn.code)
    st.install_entry()
    return True



# ---- background compiles (--tier auto) ------------------------------------------------
#
# A function that gets hot at --tier auto is compiled on one background thread while
# the program goes on in tier 0; its counting entry installs the spec at its first call
# after the compile finished (finish_background), on the program's own thread. LLVM's
# own work (parsing, optimising, machine code) runs without the GIL, so on a machine
# with a free core the program loses little time to compiling; the IR building in
# Python takes turns with the program for the GIL. A hot loop's compiles (a region, the
# rest of the call, a module-level loop: protojit/loophooks.py) go there too (LoopJob):
# the loop goes on in tier 0 and its headers look at the job until it is done. What
# stays synchronous: --tier jit (every function at its first call), --trace/--stats
# (their events say exactly when each compile happened), and functions with closure
# cells other than a method's __class__ (below).
#
# Shared state: the job is handed over through the _Background's lock; the worker
# compiles under compile_lock as every compile does (one at a time: the compiler's
# stages are not written for concurrent use), and only the program's threads touch a
# function's _NativeState (installing under _install_lock). A job holds no guest value:
# the argument types are taken at the call (compiler.call_signature) and the function
# by a weak reference, so nothing the program drops lives on (and runs its __del__
# later than under CPython) because a compile is queued.

_install_lock = threading.Lock()   # a function's specs and entry change under it


class _CompileJob:
    __slots__ = ("fn", "key", "signature", "types", "spec", "outcome", "done", "heat", "seen",
                 "waited", "any_size")

    def __init__(self, fn, key, signature, types):
        import weakref
        self.fn = weakref.ref(fn)
        self.key = key
        self.signature = signature   # compiler.call_signature of the hot call
        self.types = types           # type names, for the reject event
        self.spec = None
        self.outcome = None
        self.done = False            # set last: spec and outcome are final
        self.heat = 0.0              # seconds in tier 0 since queued (_Background: hottest first)
        self.seen = 0.0              # (LoopJob's)
        self.waited = False          # the program waited for it once (wait_for)
        self.any_size = False        # level 1 whatever its size (_NativeState.served)


def _may_background(fn) -> bool:
    """May this compile run in the background (see above)? A function with free
    variables is compiled against its closure cells, which the job would keep alive --
    except a method's only `__class__` cell (super(), __class__): it holds the class,
    which holds the method anyway. (pyperformance deltablue: every __init__ calling
    super().__init__ compiled on the program's thread, 3 of its 5 waits after warm-up.)"""
    return _may_background_code(fn.code)


def _jobname(job):
    if isinstance(job, LoopJob):
        return f"{job.function}[{job.region}]"
    if isinstance(job, _UpgradeJob):
        return f"{job.name}[level 1]"
    fn = job.fn()
    return getattr(fn, "__qualname__", "?") + str(job.types)


def _run_batch(jobs: list, more=None) -> None:
    """The worker: compile `jobs` (first compiles of functions and loops) as _run_job and
    LoopJob.run would, their object code's machine code made in one LLVM module
    (codegen/batch.py): each job is built and lowered, then the first to finish makes the
    machine code of all. `more()`: jobs queued meanwhile to join them (appended to
    `jobs`)."""
    from protojit.codegen import batch
    with batch.collecting():
        i = 0
        while i < len(jobs):
            job = jobs[i]
            try:
                if isinstance(job, LoopJob):
                    job.run(finish=False)
                else:
                    _run_job(job, finish=False)
            except BaseException:   # noqa: BLE001 - (as _run_job: never the worker's end)
                job.spec, job.outcome = None, INTERNAL
            i += 1
            if i == len(jobs) and more is not None:
                jobs.extend(more())
    for job in jobs:
        try:
            if isinstance(job.spec, batch.Deferred):
                if isinstance(job, LoopJob):
                    name, region = job.function, job.region
                else:
                    name, region = getattr(job.fn(), "__qualname__", "?"), None
                job.spec, job.outcome = _worker_compile(job.spec.finish, name, region,
                                                        job.types, counted=False)
        finally:
            job.done = True


def _run_job(job: _CompileJob, finish: bool = True) -> None:
    """The worker: compile the job's function (if it still lives) as compile_now would
    (`finish` False: _run_batch finishes it)."""
    fn = job.fn()
    try:
        if fn is None or sys.is_finalizing():
            job.outcome = INTERNAL
            return

        def build():
            from protojit.codegen.compiler import compile_function
            from protojit.codegen.jit import any_size_at_level1
            with any_size_at_level1() if job.any_size else contextlib.nullcontext():
                return compile_function(fn, None, cache=settings.cache, keep_ir=False,
                                        objects=settings.objects, signature=job.signature)
        job.spec, job.outcome = _worker_compile(build, fn.__qualname__, None, job.types)
    finally:
        fn = None
        job.done = finish


class LoopJob:
    """A loop's compile on the background thread (protojit/loophooks.py): the loop goes on
    in tier 0 and looks at `done` at its headers. `build` holds no guest value (the
    argument types are taken at the header, codegen/osr.py loop_signature) and no
    function with free variables (may_background_loop)."""
    __slots__ = ("build", "install", "function", "region", "types", "spec", "outcome", "done",
                 "heat", "seen", "waited")

    def __init__(self, build, install, function, region, types):
        self.build = build
        self.install = install       # install(spec, outcome): on the program's thread, when done
        self.function = function     # qualname and region: the reject event's
        self.region = region
        self.types = types
        self.spec = None
        self.outcome = None
        self.done = False            # set last: spec and outcome are final
        self.heat = 0.0              # seconds in tier 0 since queued (_Background, heat_loop)
        self.seen = _clock()   # when the loop passed a header last (heat_loop: CPU time)
        self.waited = False

    def run(self, finish: bool = True) -> None:
        """Compile (`finish` False: _run_batch finishes it)."""
        try:
            if sys.is_finalizing():
                self.outcome = INTERNAL
                return
            self.spec, self.outcome = _worker_compile(self.build, self.function, self.region,
                                                      self.types)
        finally:
            self.build = None
            self.done = finish


def _spec_name(spec) -> str:
    """A spec's function name for the log (a module-level loop's spec has no function)."""
    return getattr(spec.function, "__qualname__", "<module loop>")


def _watch_level1(spec) -> None:
    """Object code made at level 0 (spec.level1: for its size, or at --tier jit, where
    every function compiles at level 0 at its first call): with background compiles on
    (and no --trace/--stats), the worker makes it again at level 1 once it is hot;
    elsewhere it stays as it is (and its module's text goes). At --tier jit the worker
    runs only these upgrades (its first compiles stay on the program's thread)."""
    if settings.background and settings.tier in ("auto", "jit") and not events.enabled():
        _background.watch(spec)
    else:
        spec.level1 = None


class _UpgradeJob:
    """The worker's level-1 compile of watched specs' modules (codegen/compiler.py
    Level1Text), all due at once linked into one module (jit.recompile_bitcodes), each
    swapped into its spec when done: its calls and loop entries from then on run the new
    machine code (ObjectSpec.swap_code). The job holds the specs weakly: a spec holds the
    constants of its code, a closure's cells among them, which must go when the function
    does (loop_closure_cells_release.py), not when an upgrade under way ends."""
    __slots__ = ("specs", "level1s", "name", "outcome", "done", "heat")

    def __init__(self, specs: list):
        self.specs = [weakref.ref(spec) for spec in specs]
        self.level1s = [spec.level1 for spec in specs]
        self.name = ",".join(_spec_name(spec) for spec in specs)
        self.outcome = None
        self.done = False
        self.heat = [spec.level1.heat.value for spec in specs]   # (the log's)

    def run(self) -> None:
        try:
            if sys.is_finalizing():
                return
            addresses, self.outcome = _worker_compile(self._compile, self.name, "level 1", [])
            if addresses is not None:
                with _install_lock:
                    for ref, address in zip(self.specs, addresses):
                        spec = ref()
                        if spec is not None and address is not None:
                            spec.swap_code(address)
                spec = None
        finally:
            for ref in self.specs:
                spec = ref()
                if spec is not None:
                    spec.level1 = None     # (its text goes)
            spec = None
            self.level1s = self.specs = []
            self.done = True

    def _compile(self) -> list:
        """The entries' addresses at level 1 (None for a unit that failed alone): linked
        into one module, or each alone if that failed before its code reached the engine."""
        level1s = self.level1s
        if len(level1s) == 1:
            return [level1s[0].compile()]
        from protojit.codegen import jit
        from protojit.codegen.errors import Unsupported
        try:
            return jit.recompile_bitcodes([(t.bitcode, t.entry, t.poll_limit) for t in level1s])
        except Unsupported as e:
            if getattr(e, "in_engine", False):
                raise
        addresses = []
        for t in level1s:
            try:
                addresses.append(t.compile())
            except Unsupported:
                addresses.append(None)
        return addresses


def may_background_loop(code) -> bool:
    """May a loop's compile run in the background (as _may_background for functions)?"""
    return settings.background and settings.tier == "auto" and not events.enabled() \
        and not code.freevars


def submit_loop(job: LoopJob) -> bool:
    """Queue a loop's compile (False: the background thread is closed, compile now)."""
    return _background.submit(job)


class _Background:
    """One compile thread, started when a job comes and gone when none is left (so it
    never keeps the process alive); `close` at exit drops the queued jobs and waits for
    the running one (LLVM must not be running when the interpreter finalises).

    Order: the hottest queued job first, not the oldest. A job's `heat` is the time the
    program spent in tier 0 in its code since it was queued: in calls of the function (its
    counting entry times them) or in the loop (between its headers, heat_loop). A function
    that got hot early but is rarely run since waits behind one that the program keeps
    running (pyperformance
    deltablue: 30-60 jobs queued during the first runs, compiled oldest-first the
    measured runs still ran functions in tier 0 whose compiles were queued behind
    colder ones)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.done = threading.Condition(self.lock)   # notified as each job ends (wait_for)
        self.jobs: list = []
        self.thread = None
        self.closed = False
        # seconds the program spent in tier 0 in code whose compile is queued since the
        # queue was last drained or went idle (run_heating, heat_loop), and since when
        # (_program_cpu; None while idle): queue_hot says when it waits for the whole
        # queue (wait_all)
        self.heat = 0.0
        self.since = None
        self.running = None   # the job the worker runs
        # (weak reference to a spec, when) of object code made at level 0, which the worker
        # makes again at level 1 once it proves hot (watch): it stays while any is watched
        self.watched: list = []
        # when the last first compile was submitted or ended (perf_counter): upgrades wait
        # until UPGRADE_QUIET after it (_work)
        self.last_first = 0.0
        self.worker_cpu = 0.0   # CPU seconds of the worker's jobs (_program_cpu)

    def submit(self, job) -> bool:
        with self.lock:
            if self.closed:
                return False
            self.jobs.append(job)
            self.last_first = time.perf_counter()
            if self.since is None:
                self.since = self._program_cpu()
            _log("submit", _jobname(job), "queue", len(self.jobs))
            self._start()
            self.done.notify_all()   # (a worker looking at level-1 candidates takes it now)
        return True

    def _start(self) -> None:
        """Start the worker if none runs (the caller holds the lock)."""
        if self.thread is None:
            self.thread = threading.Thread(target=self._work, name="protojit-compile")
            self.thread.start()

    def watch(self, spec) -> None:
        """Watch object code made at level 0 for its size (spec.level1): the worker makes it
        again at level 1 once it is hot enough (_due_upgrade)."""
        with self.lock:
            if self.closed:
                return
            # (weakly: a watched spec keeps its constants -- a closure's cells, the objects
            # the code refers to -- which must go when the function does, as in CPython)
            spec.level1.due = upgrade_heat(spec.level1.lines)
            self.watched.append((weakref.ref(spec), time.perf_counter()))
            self._start()

    def _due_upgrade(self):
        """The watched specs whose code is known hot (upgrade_heat), removed from the
        watch, as one job (None: none yet): at most UPGRADE_BATCH of them, and
        UPGRADE_BATCH_LINES LLVM instructions in all but for the first; drops those
        watched for UPGRADE_WATCH seconds without getting there (their module texts go).
        The caller holds the lock."""
        now = time.perf_counter()
        keep = []
        due = []
        lines = 0
        for ref, since in self.watched:
            spec = ref()
            level1 = None if spec is None else spec.level1
            if level1 is None:
                continue
            if _superseded(spec):
                _log("superseded", _spec_name(spec))
                spec.level1 = None
                continue
            if level1.heat.value >= level1.due and len(due) < UPGRADE_BATCH \
                    and (not due or lines + level1.lines <= UPGRADE_BATCH_LINES):
                due.append(spec)
                lines += level1.lines
            elif now - since < UPGRADE_WATCH:
                keep.append((ref, since))
            else:
                _log("cold", _spec_name(spec), level1.heat.value, level1.lines)
                spec.level1 = None
        self.watched = keep
        return _UpgradeJob(due) if due else None

    def _busy(self) -> bool:
        """Are first compiles queued or running (not counting level-1 upgrades, which the
        program never waits for)? The caller holds the lock."""
        return bool(self.jobs) or (self.running is not None
                                   and not isinstance(self.running, _UpgradeJob))

    def _next(self):
        """The hottest queued job, removed from the queue (the caller holds the lock);
        ties go to the oldest."""
        jobs = self.jobs
        best = 0
        for i in range(1, len(jobs)):
            if jobs[i].heat > jobs[best].heat:
                best = i
        return jobs.pop(best)

    def _batch_with(self, batch: list) -> list:
        """Queued first compiles of functions to compile with those of `batch` (hottest
        first, at most COMPILE_BATCH in all), removed from the queue (the caller holds the
        lock): none when the program waits for one of them alone (wait_for), which more
        would hold up."""
        more = []
        if any(type(j) not in _BATCHED or j.heat == float("inf") for j in batch):
            return more
        while len(batch) + len(more) < COMPILE_BATCH:
            jobs = [j for j in self.jobs if type(j) in _BATCHED and j.heat != float("inf")]
            if not jobs:
                break
            best = max(jobs, key=lambda j: j.heat)
            self.jobs.remove(best)
            more.append(best)
        return more

    def _join_batch(self, batch: list) -> list:
        """_batch_with, taking the lock: jobs queued while `batch` was being built."""
        with self.lock:
            if self.closed:
                return []
            return self._batch_with(batch)

    def _work(self) -> None:
        _compiling.worker = True   # (guarded_compile: not time the program waited)
        while True:
            with self.lock:
                if self.closed or not (self.jobs or self.watched):
                    self.thread = None
                    self.heat, self.since = 0.0, None   # (idle: a new queue's heat starts anew)
                    self.done.notify_all()
                    return
                if self.jobs:
                    job = self._next()
                    batch = [job]
                    batch += self._batch_with(batch)
                else:
                    if self.since is not None:
                        self.heat, self.since = 0.0, None   # (as idle)
                        self.done.notify_all()
                    quiet = time.perf_counter() - self.last_first >= UPGRADE_QUIET
                    job = self._due_upgrade() if quiet else None
                    if job is None:
                        if self.watched:
                            self.done.wait(UPGRADE_POLL)
                        continue
                self.running = job
            _log("start", _jobname(job), "heat", job.heat)
            c0 = time.thread_time()
            if COMPILE_BATCH > 1 and type(job) in _BATCHED:
                _run_batch(batch, lambda: self._join_batch(batch))
                if len(batch) > 1:
                    _log("batch", *[f"{_jobname(j)}={j.outcome}" for j in batch])
            elif isinstance(job, (LoopJob, _UpgradeJob)):
                job.run()
            else:
                _run_job(job)
            _log("done", _jobname(job), job.outcome, "cpu %.3f" % (time.thread_time() - c0),
                 {k: round(v * 1000, 1) for k, v in getattr(getattr(job, "spec", None), "times", {}).items()})
            with self.lock:
                self.running = None
                self.worker_cpu += time.thread_time() - c0
                if not isinstance(job, _UpgradeJob):
                    self.last_first = time.perf_counter()
                self.done.notify_all()

    def wait_for(self, job) -> None:
        """A program thread waits until `job` is done, compiled before any other queued job
        (at most WAIT_SECONDS: then it gives up and goes on in tier 0)."""
        if _in_compile():
            return   # (inside a compile: the worker needs compile_lock, which this thread holds)
        deadline = time.monotonic() + WAIT_SECONDS
        t0 = time.perf_counter()
        job.waited = True
        with self.lock:
            job.heat = float("inf")
            while not job.done and self.thread is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.done.wait(left)
        _compile_seconds[3] += time.perf_counter() - t0   # (time the program waited)
        _log("waited", _jobname(job), "%.3f" % (time.perf_counter() - t0))

    def queue_hot(self) -> bool:
        """Should the program wait for the whole queue? Yes once it spent WAIT_QUEUE_HEAT
        seconds in tier 0 in queued code, or WAIT_QUEUE_MIN seconds that were at least
        WAIT_QUEUE_SHARE of the time since the queue was last drained or went busy (a
        program that mostly runs queued code: pyperformance hexiom's rounds of ~15 ms,
        find_moves and Done.next_cell queued in round 3 and installed in the measured
        rounds as the compile thread went on beside it)."""
        heat = self.heat
        if heat >= WAIT_QUEUE_HEAT:
            return True
        since = self.since
        return heat >= WAIT_QUEUE_MIN and since is not None \
            and heat >= WAIT_QUEUE_SHARE * (self._program_cpu() - since)

    def _program_cpu(self) -> float:
        """CPU seconds of the program's threads so far (the process's, less the worker's):
        the heat is CPU time (_clock), and its share is of the CPU the program had, not of
        the wall time (on a loaded machine the share by wall time was never reached)."""
        return time.process_time() - self.worker_cpu

    def wait_all(self) -> None:
        """A program thread waits until the queue is empty (at most WAIT_SECONDS): the
        program spent WAIT_QUEUE_HEAT in tier 0 in queued code, many functions a little
        each (pyperformance deltablue: ~60 methods of a few microseconds, none hot enough
        on its own to be waited for, and each compile took 2-5x its CPU time in wall time
        while the program took turns with it for the GIL: the measured runs were still in
        tier 0). As --tier jit does at each first call, but for code known hot, and the
        worker's Python stages run without the program taking the GIL from them."""
        if _in_compile():
            return   # (as wait_for)
        deadline = time.monotonic() + WAIT_SECONDS
        t0 = time.perf_counter()
        with self.lock:
            n = len(self.jobs)
            for job in self.jobs:
                job.waited = True
            while self._busy() and not self.closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.done.wait(left)
            self.heat = 0.0
            self.since = self._program_cpu() if self._busy() else None
        _compile_seconds[3] += time.perf_counter() - t0   # (time the program waited)
        _log("waited-all", n, "%.3f" % (time.perf_counter() - t0))

    def close(self) -> None:
        with self.lock:
            self.closed = True
            dropped = list(self.jobs)
            self.jobs.clear()
            self.watched.clear()
            self.done.notify_all()   # (a worker looking at level-1 candidates)
            thread = self.thread
        for job in dropped:
            job.done = True   # (outcome None: nothing to install)
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def wait(self) -> None:
        """Until every queued job is done (tests; level-1 upgrades may go on)."""
        with self.lock:
            while self._busy() and self.thread is not None:
                self.done.wait(0.1)


_background = _Background()


# fork() (the guest's os.fork, a host library's multiprocessing): no compile is in flight
# when the process forks -- the child would inherit LLVM's locks and compile_lock held by
# a thread it does not have -- and the child has no compile worker (the next job starts
# one; queued jobs wait for it). CPython runs `before` hooks last-registered first and the
# `after` ones in order.
def _before_fork() -> None:
    compile_lock.acquire()
    _background.lock.acquire()


def _after_fork_in_parent() -> None:
    _background.lock.release()
    compile_lock.release()


def _after_fork_in_child() -> None:
    _background.thread = None
    _background.lock.release()    # (taken by this thread, the one the child has)
    compile_lock.release()


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                    after_in_child=_after_fork_in_child)


def _in_compile() -> bool:
    """Is this thread inside a compile (a guest finalizer run by a collection in the
    compiler, or the worker itself)? Then it must not wait for the worker, which needs
    compile_lock."""
    return getattr(_compiling, "active", False) or getattr(_compiling, "worker", False) \
        or compile_lock._is_owned()

# The worker compiles up to this many queued first compiles of functions together, their
# object code in one LLVM module (codegen/batch.py: the module's own functions made once,
# LLVM's cost per module paid once). PJ_COMPILE_BATCH=N: another count (1: none; a
# development switch, for measurements).
COMPILE_BATCH = int(os.environ.get("PJ_COMPILE_BATCH", "4"))
_BATCHED = frozenset({_CompileJob, LoopJob})   # the jobs batched (not level-1 upgrades)

# The program waits for a queued compile once it has spent this many seconds in tier 0 in
# its code since it was queued (heat), instead of running on in tier 0: the code it keeps
# running is worth the wait (the wait costs at most the compile's time, which the program
# has lost already). Tier 0 runs object code some 10-30x slower than its machine code and
# takes turns with the compile thread for the GIL (pyperformance hexiom: 3.9 s of compile
# CPU took 12.9 s of wall time beside the program). Seconds, not calls: a call of a tiny
# method is worth a microsecond of tier 0, an iteration of unpack_sequence's loop (400
# assignments) a millisecond.
WAIT_HEAT = 0.05
# ... for at most this long (then tier 0 goes on: a guest finalizer run by a collection on
# the compile thread may wait for something this thread holds)
WAIT_SECONDS = 20.0
# The program waits for the whole queue once it has spent this many seconds in tier 0 in
# queued code (the self time of the calls of queued functions, _start_timed, and the
# queued loops outside them), since the queue was last drained
WAIT_QUEUE_HEAT = 0.1
# ... or this many, when they were at least WAIT_QUEUE_SHARE of the time (queue_hot)
WAIT_QUEUE_MIN = 0.01
WAIT_QUEUE_SHARE = 0.25

# Level-1 upgrades: object code too big for level 1's machine code at its first compile
# (codegen/jit.py codegen_level: level 1 takes ~5x level 0's code-generation time there),
# and at --tier jit all object code (compiled at level 0 at each function's first call),
# is made at level 0 and counts its entries and loop back-edges (lower.py count_heat); once
# that count reaches UPGRADE_PER_LINE per LLVM instruction of its module, the worker makes
# it again at level 1 and swaps it in (_UpgradeJob). The worker looks every UPGRADE_POLL
# seconds while no first compile is queued, and forgets code that has not got there in
# UPGRADE_WATCH seconds.
# PJ_UPGRADE_PER_LINE=N: another count (a development switch, for measurements and tests)
UPGRADE_PER_LINE = float(os.environ.get("PJ_UPGRADE_PER_LINE", "1"))
# The worker upgrades the specs due at once, linked into one module (_UpgradeJob): up to
# this many, of at most this many LLVM instructions in all (but for the first: a big
# function's level 1 takes long enough alone)
UPGRADE_BATCH = 16
UPGRADE_BATCH_LINES = 6000


def _superseded(spec) -> bool:
    """Is `spec` a whole-function OSR spec serving its function's calls until the entry's
    compile, queued or done, takes them (loophooks._next_call_native)? Its level-1 upgrade
    would be for nothing (nbody's advance: 0.7 s of compile CPU)."""
    ns = getattr(getattr(spec, "function", None), "native", None)
    if ns is None or not ns.served or not (ns.specs or ns.pending is not None):
        return False
    return not any(s is spec for specs in ns.specs.values() for s in specs)


def upgrade_heat(lines: int) -> float:
    """The heat (entries and loop back-edges) at which object code made at level 0 of
    `lines` LLVM instructions is known hot, and due for its level-1 compile. At --tier
    auto it was compiled because it was hot (calls, a loop's iterations, time): due as soon
    as it runs (a big function waited for as many entries as its lines, and its upgrade
    came in the measured rounds, or never: pyperformance chaos's Spline.__call__, barnes_hut's
    calculate_force). At --tier jit every function compiles at its first call: due once
    it ran as often as --tier auto would have compiled it, or lines' worth if fewer (the
    upgrades of richards' methods arrived one by one through the measured rounds)."""
    if settings.tier == "auto":
        return 1
    return min(UPGRADE_PER_LINE * lines, background_limit(settings.threshold))
UPGRADE_POLL = 0.05
# An upgrade starts only once no first compile was submitted or ended for this long: the
# worker cannot leave a level-1 compile (constraint_pass of pyperformance hexiom: 0.5 s)
# for a first compile the program waits for (wait_for, wait_all), and a program still
# making first compiles is still warming up (hexiom at --tier auto: measured rounds of
# 6 ms took 600 ms, waiting behind upgrades, before this).
UPGRADE_QUIET = float(os.environ.get("PJ_UPGRADE_QUIET", "0.3"))
UPGRADE_WATCH = 10.0

_heating = threading.local()   # .depth: run_heating calls on this thread's stack


# Self time. A timed call of tier 0 (_run_timed: a function not hot yet; run_heating: one
# whose compile is queued) counts only its own work: not the timed calls made inside it,
# nor its calls into machine code (pjentry.c native_clock), nor a compile on its thread. A
# driver (a benchmark's main, hexiom's solve and solve_file) whose work is in its callees
# is not hot because of them, and its queued compile is not worth a wait because they
# run long (eb36dfe's trigger queued hexiom's main, solve_file, read_file, print_pos, and
# their calls counted whole into the queue's heat: the program waited for the queue, or
# ran tier 0 beside it, in its measured rounds). Tier 0's clock is the thread's CPU time:
# the time a call waits for the GIL (the compile thread's Python stages hold it), for a
# queued compile, or for a core of a loaded machine is not tier-0 work (by wall time
# hexiom's solve counted 0.7 s of "self time" in 8 rounds of 13 ms of CPU).
# _self.inner: seconds of tier-0 work so far in the timed calls inside the innermost timed
# call on this thread's stack.
_self = threading.local()
_clock = time.thread_time
_native_clock = None   # pjentry.c native_clock (loaded at the first timed call)


def _start_timed():
    """Open a timed call: (the enclosing call's inner seconds so far, the native seconds
    and the CPU time at its start)."""
    global _native_clock
    if _native_clock is None:
        from protojit import _pjentry
        _native_clock = _pjentry.native_clock
    outer = getattr(_self, "inner", 0.0)
    _self.inner = 0.0
    _self.open = getattr(_self, "open", 0) + 1
    return outer, _native_clock(1), _clock()


def _not_own(seconds: float) -> None:
    """`seconds` of the timed call running on this thread were not its tier-0 work (a
    compile on this thread)."""
    _self.inner = getattr(_self, "inner", 0.0) + seconds


def _end_timed(started) -> float:
    """Close the timed call `_start_timed` opened: its self seconds (the enclosing call
    counts the whole of its tier-0 work, its callees' included, as inner)."""
    outer, n0, t0 = started
    t = _clock() - t0 - (_native_clock(-1) - n0)
    own = t - _self.inner
    _self.inner = outer + t
    _self.open -= 1
    return max(own, 0.0)


def _run_apart(run, fn, args, back):
    """A tier-0 call whose time is not its caller's own (the call that queues its compile).
    While a timed call is open on this thread, it counts this one's time as inner. (Not
    for every call of a rejected callee: timing costs two clock reads of the thread's CPU
    time, a few microseconds on a loaded machine, at each call under a timed driver.)"""
    if not getattr(_self, "open", 0):
        return run(fn, args, back)
    started = _start_timed()
    try:
        return run(fn, args, back)
    finally:
        _end_timed(started)


def run_heating(job, run, fn, args, back):
    """A call of a function whose compile is queued (`job`, not done): run it in tier 0
    (`run`), its self time into the job's heat and the queue's."""
    depth = getattr(_heating, "depth", 0)
    _heating.depth = depth + 1
    started = _start_timed()
    try:
        return run(fn, args, back)
    finally:
        own = _end_timed(started)
        job.heat += own
        _heating.depth = depth
        _background.heat += own


def heat_loop(job) -> None:
    """At a header of a loop whose compile is queued (`job`, not done): the time since the
    previous header goes into its heat (at most 10 ms: the loop may have been left and
    entered again since); past WAIT_HEAT, the program waits for it. The clock is the
    thread's CPU time (_clock: a header passed on another thread counts nothing)."""
    now = _clock()
    t = min(max(now - job.seen, 0.0), 0.01)
    job.heat += t
    job.seen = now
    if not getattr(_heating, "depth", 0):
        _background.heat += t
    if job.waited:
        return
    if job.heat >= WAIT_HEAT:
        _background.wait_for(job)
        job.seen = _clock()
    elif _background.queue_hot():
        _background.wait_all()
        job.seen = _clock()


# PJ_COMPILE_LOG=1: one stderr line per background-compile event (submit, start, done with
# its CPU seconds and stage times, install, waited), seconds since start-up: which compile
# the program was still waiting for in which round of a benchmark (the --trace/--stats
# runs compile synchronously, so they cannot show it)
# (PJ_LOG_ABS=1: perf_counter's own seconds, to line the log up with a guest's timings)
_T0 = 0.0 if os.environ.get("PJ_LOG_ABS") == "1" else time.perf_counter()
_LOG = os.environ.get("PJ_COMPILE_LOG") == "1"


def _log(*words) -> None:
    if _LOG:
        sys.stderr.write("COMPILE %.3f %s\n" % (time.perf_counter() - _T0, " ".join(map(str, words))))


def finish_background(st) -> bool:
    """A function's counting entry, at a call after its background compile finished:
    install the outcome (True: the spec is installed, the call goes native)."""
    with _install_lock:
        job = st.pending
        if job is None or not job.done:
            return False
        st.pending = None
        _log("install", st.fn.__qualname__, job.outcome)
        if job.outcome is None:
            return False   # dropped at exit
        return _install(st, job.key, job.spec, job.outcome)


def stop_background() -> None:
    """At exit, before the program's modules are torn down (runtime/runner.py)."""
    _background.close()

# What guarded_compile's compile came to (the caller decides what to give up on)
COMPILED = "compiled"        # a spec
UNSUPPORTED = "unsupported"  # codegen.errors.Unsupported: a construct or types it does not take
TOO_DEEP = "too-deep"        # RecursionError: the compiler ran out of stack on this code
INTERNAL = "internal"        # any other exception: a compiler bug (never the program's)

# [wall seconds inside compiles, their CPU seconds, compiles, wall seconds of those that
# ran on a program thread (not the background thread): the time the program waited]
_compile_seconds = [0.0, 0.0, 0, 0.0]


# The collector is off while a compile runs (held under compile_lock; depth counts nested
# compiles). A compile allocates a few hundred thousand objects (typed IR, llvmlite's IR,
# with cycles) that live until it ends: with the collector on they outlive the young
# generations, and their promotion triggers full collections of the whole heap (pyperformance
# hexiom at --tier jit: compile CPU 3.9 -> 3.1 s and 3.9 -> 2.9 s with it off). Off,
# the compile's garbage dies in the first young collection after it. That collection,
# and every collection of the program's own garbage, then runs at an allocation of the
# program (the background worker drops its compile's objects before turning the
# collector back on and allocates little after), so guest finalizers run on the
# program's thread, not the compiler's. A program that turned the collector off itself
# keeps it off: the pause only touches a collector that was on.
# Not on the background worker: there the program runs at the same time and would see the
# pause (gc.isenabled() False, its own gc.disable() undone when the compile ends).
_gc_pause = [0, False]    # [nesting depth, this pause turned the collector off]


@contextlib.contextmanager
def _collector_paused():
    import gc
    if getattr(_compiling, "worker", False):
        yield
        return
    if _gc_pause[0] == 0:
        _gc_pause[1] = gc.isenabled()
        if _gc_pause[1]:
            gc.disable()
    _gc_pause[0] += 1
    try:
        yield
    finally:
        _gc_pause[0] -= 1
        if _gc_pause[0] == 0 and _gc_pause[1]:
            _gc_pause[1] = False
            gc.enable()


def _worker_compile(build, function: str, region: str | None, types: list,
                    counted: bool = True):
    """guarded_compile on the compile worker, the thread marked as compiling (_compiling).
    A guest exception there (a __del__ run by a collection in the compiler) has no
    program thread to go to: the compile is given up as an internal error."""
    _compiling.active = True
    try:
        return guarded_compile(build, function, region, types, counted=counted)
    except BaseException:   # noqa: BLE001 - never the worker's end
        return None, INTERNAL
    finally:
        _compiling.active = False


def guarded_compile(build, function: str, region: str | None, types: list, counted: bool = True):
    """Run one compile, `build()` (returns a spec), under the compile lock and timed
    (--stats's compile column, compile_report); returns (spec, COMPILED), or (None,
    outcome) with the `reject` event recorded. The failure handling of every compile
    (a function's, a region's, the rest of a call's, a module loop's):

    - Unsupported: rejected with its reason, file and line;
    - KeyboardInterrupt (a signal handler raised while host code compiled): re-raised for
      the program to see at its own call, not chained to what the compiler was handling;
    - RecursionError: too deeply nested to compile;
    - any other exception: the program's own if it passed through guest frames (a signal
      handler's, reraise_guest), else a compiler bug, which never breaks the program:
      rejected as an internal error."""
    from protojit.codegen.errors import Unsupported   # (light: no LLVM)
    where = {} if region is None else {"region": region}
    label = function if region is None else f"{function} ({region})"
    with compile_lock, profile.compiling(label):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        try:
            with _collector_paused():
                spec = build()
            if getattr(spec, "level1", None) is not None:
                _watch_level1(spec)
            return spec, COMPILED
        except Unsupported as e:
            events.record("reject", function=function, **where, reason=e.feature,
                          file=e.filename, line=e.line, types=types)
            return None, UNSUPPORTED
        except KeyboardInterrupt as e:
            e.__context__ = None
            raise
        except RecursionError:
            events.record("reject", function=function, **where,
                          reason="too deeply nested to compile", types=types)
            return None, TOO_DEEP
        except Exception as e:   # noqa: BLE001 - a codegen bug must never break the program
            reraise_guest(e)
            events.record("reject", function=function, **where,
                          reason=f"internal error {type(e).__name__}: {e}"[:300], types=types)
            return None, INTERNAL
        finally:
            wall = time.perf_counter() - t0
            _compile_seconds[0] += wall   # (under the lock)
            _compile_seconds[1] += time.thread_time() - c0
            _compile_seconds[2] += counted   # (a batch's finish: the compile was counted)
            if not getattr(_compiling, "worker", False):
                _compile_seconds[3] += wall   # a program thread waited for this one
                _not_own(time.thread_time() - c0)
                _log("sync-compile", label, types, "wall %.3f" % wall)


def compile_report() -> dict:
    """Seconds spent compiling in this process (every compile, rejected ones too), the
    CPU seconds of the compiling thread in them (steadier than wall time on a loaded
    machine), the number of compiles, and the seconds the program's own threads spent
    in compiles (the others ran on the background thread while the program went on)."""
    return {"compile_s": round(_compile_seconds[0], 6), "compile_cpu_s": round(_compile_seconds[1], 6),
            "compiles": _compile_seconds[2], "blocked_s": round(_compile_seconds[3], 6)}


_UNSET = object()


def plain_parameters(code) -> bool:
    """Are all of `code`'s parameters positional-or-keyword (no *args, **kwargs,
    keyword-only or positional-only ones)?"""
    return not (code.has_varargs or code.has_varkw or code.kwonlyargcount or code.posonlyargcount)


def positional_call(fn, args, kwargs) -> tuple | None:
    """The positional arguments equal to the call fn(*args, **kwargs), defaults filled in,
    for a function whose parameters are all positional-or-keyword; None if the call does
    not bind (tier 0 then raises CPython's TypeError)."""
    code = fn.code
    n = code.argcount
    if len(args) > n:
        return None
    full = [*args] + [_UNSET] * (n - len(args))
    if kwargs:
        names = code.varnames
        for key, value in kwargs.items():
            try:
                i = names.index(key, 0, n)
            except ValueError:
                return None
            if full[i] is not _UNSET:
                return None
            full[i] = value
    missing = [i for i, v in enumerate(full) if v is _UNSET]
    if missing:
        defaults = fn.__defaults__ or ()
        first = n - len(defaults)
        if missing[0] < first:
            return None
        for i in missing:
            full[i] = defaults[i - first]
    return tuple(full)


def keyword_binding(fn, args, kwargs) -> tuple | None:
    """The C entry's binder (pjentry.c fb_call_keywords): positional_call for a function
    whose parameters are all plain, else None."""
    if not plain_parameters(fn.code):
        return None
    return positional_call(fn, args, kwargs)


def keyword_positions(fn, npos: int, kwnames: tuple) -> tuple | None:
    """For object code's call-site caches (pjentry.c PjCallCache): (argcount, the parameter
    each keyword binds) for a call of `fn` with `npos` positional arguments and keywords
    `kwnames`, when its parameters are all plain and each keyword names a parameter after
    the positional ones; None otherwise (the call binds in tier 0, or raises its TypeError)."""
    code = fn.code
    if not plain_parameters(code):
        return None
    n = code.argcount
    names = code.varnames[:n]
    positions = []
    for key in kwnames:
        if key not in names:
            return None
        i = names.index(key)
        if i < npos:
            return None      # (given twice: CPython's TypeError)
        positions.append(i)
    return (n, *positions)


def reraise_guest(e: Exception) -> None:
    """A guest signal handler can run, and raise, while the compiler runs (CPython calls
    handlers between any two bytecodes): its exception passed through guest code and
    belongs to the program, not to a codegen bug."""
    from protojit.runtime import tracebacks
    for _ in range(8):     # (a compiler stage may have wrapped it: its cause or context)
        if e is None:
            return
        if tracebacks.guest_frames(e):
            context = e.__context__
            try:
                raise e
            finally:
                e.__context__ = context   # not the compiler's exception being handled here
        e = e.__cause__ or e.__context__


def ir_texts(spec) -> dict:
    """The typed IR and LLVM IR of a compile event (kept only with --trace)."""
    if not events.tracing():
        return {}
    return {"typed_ir": getattr(spec, "typed_ir", ""),
            "llvm_ir": getattr(spec, "optimised_ir", "") or getattr(spec, "llvm_ir", "")}


def _trace_never_native(code, reason: str) -> None:
    """--trace/--stats: a function that can never be native still gets its reject event
    (with the reason) once it is hot, so the trace explains every hot function; the
    counting wrapper exists only when events are recorded."""
    inner = code.invoke
    limit = threshold()
    calls = [0]

    def counted(fn, args, back):
        calls[0] += 1
        if calls[0] == limit:
            events.record("reject", function=fn.__qualname__, file=code.filename,
                          line=code.firstlineno, reason=reason)
        return inner(fn, args, back)
    code.invoke = counted


def call_limit(code) -> int:
    """The call of `code`'s functions that compiles them (install's counting entry)."""
    limit = threshold()
    if limit == 1 and code.filename.startswith(_LIB_DIR):
        # --tier jit compiles the program's functions at their first call; protojit's own
        # lib/ (stand-ins for CPython's C modules: datetime, threading, socket...) compiles
        # once hot, as at auto: compiling all of it, natively as objects, at first call
        # costs seconds per program and runs no faster
        return max(1, settings.threshold)
    if limit == 1 and code.is_generator:
        # --tier jit: a generator function compiles at its JIT_GENERATOR_CALLS-th call, or
        # at the call after it was resumed often (loophooks.generator_yield), not at its
        # first: a program of many generators each run once or twice (ctl_try_gen.py,
        # 100+ of them) spent most of its run compiling them, for nothing
        return JIT_GENERATOR_CALLS
    if _may_background_code(code):
        return background_limit(limit)
    return limit


# At --tier auto a function (or loop) whose compile may run in the background is queued at
# 1/BACKGROUND_SHARE of the threshold (never below BACKGROUND_MIN calls): the queue takes the
# hottest job first and the program goes on meanwhile, so a compile queued early costs the
# program little, and code called a few hundred times per round of the program (most of
# pyperformance deltablue's methods: hot at its 5th-10th round with 1000) leaves tier 0
# in the first rounds. The program waits only for a job it keeps running (WAIT_HEAT).
BACKGROUND_SHARE = 8
BACKGROUND_MIN = 50


def background_limit(limit: int) -> int:
    return max(min(limit, BACKGROUND_MIN), limit // BACKGROUND_SHARE)


# At --tier auto a function also gets hot by its time in tier 0: once its calls (their self
# time: not the timed calls inside them, _start_timed) took HOT_SECONDS, its HOT_MIN_CALLS-th call or the next queues
# its compile as its `limit`-th would. A call count alone let a function whose call costs a
# millisecond in tier 0 run ~125 of them there first (pyperformance hexiom: solve_step,
# Done.clone, find_moves, Done.next_cell, 50-110 calls per round, queued in rounds 3-4
# while the compile thread was still busy with others, then compiled in the measured
# rounds). HOT_MIN_CALLS keeps the program's drivers (main, a benchmark's loop), called
# once or a few times for all of the run, in tier 0.
HOT_SECONDS = float(os.environ.get("PJ_HOT_SECONDS", "0.005"))
HOT_MIN_CALLS = 8


def _run_timed(st, limit, run, fn, args, back):
    """A call of a function not yet hot, at --tier auto: run it in tier 0 (`run`), its self
    time into st.tier0; past HOT_SECONDS (and HOT_MIN_CALLS) its next call is its `limit`-th."""
    started = _start_timed()
    try:
        return run(fn, args, back)
    finally:
        st.tier0 += _end_timed(started)
        if st.tier0 >= HOT_SECONDS and HOT_MIN_CALLS <= st.calls < limit:
            st.calls = limit - 1
            _log("hot-by-time", fn.__qualname__, "self %.4f" % st.tier0)


def _may_background_code(code) -> bool:
    return settings.background and settings.tier == "auto" and not events.enabled() \
        and all(name == "__class__" for name in code.freevars)


def install(code) -> None:
    """Called by tier 0 once a function's invokers are made (interp/functions.py
    compile_function_body): give an eligible code a counting entry."""
    if profile.enabled():
        profile.wrap(code)   # --trace/--stats only: calls and tier-0 time (trace/profile.py)
    code.interp_invoke = code.invoke
    if settings.tier == "interp":
        return
    from protojit.codegen.eligible import plain_code_reason   # light: no LLVM until hot
    reason = plain_code_reason(code, objects=settings.objects, generators=True)
    if reason is not None:
        if events.enabled():
            _trace_never_native(code, reason)
        return
    interp = code.invoke
    limit = call_limit(code)
    timed = limit > 1 and _may_background_code(code)

    def counting_invoke(fn, args, back):
        st = fn.native
        if st is None:
            st = fn.native = _NativeState(fn, interp)
        st.calls += 1
        job = st.pending
        if job is not None:
            if not job.done and not job.waited:
                if job.heat >= WAIT_HEAT:
                    _background.wait_for(job)
                elif _background.queue_hot():
                    _background.wait_all()
            if not job.done:
                return run_heating(job, interp, fn, args, back)
            if finish_background(st):
                return fn.invoke(fn, args, back)
        if st.calls >= limit and not st.rejected:
            if st.calls == limit or st.calls % limit == 0:
                key = tuple([type(a) for a in args])
                if key not in st.failed and compile_now(fn, args, key, background=True):
                    return fn.invoke(fn, args, back)
                job = st.pending
                if job is not None and st.long_calls and not job.waited:
                    # a call known to run long (it stays in tier 0 to its end: a generator
                    # is not entered at a loop) waits for its compile, then runs natively
                    _background.wait_for(job)
                    if finish_background(st):
                        return fn.invoke(fn, args, back)
                if timed and st.pending is not None:
                    # the call that queued its compile: its time is its own, not a timed
                    # caller's (its next calls are timed by run_heating)
                    return _run_apart(interp, fn, args, back)
            if st.rejected:
                fn.invoke = interp   # never native: drop the counting wrapper
        elif timed:
            return _run_timed(st, limit, interp, fn, args, back)
        return interp(fn, args, back)
    code.invoke = counting_invoke
    interp_kw = code.invoke_kw
    if interp_kw is not None and plain_parameters(code):
        def keyword_invoke(fn, args, kwargs, back):
            # f(a, b=1), f(*xs), Point(x=1): bound to a positional call here, so that it
            # counts toward compiling and takes native code (the parameters are all plain
            # positional-or-keyword ones); a call that does not bind (an unknown or repeated
            # keyword, a missing argument) gets tier 0's binding and its TypeError
            full = positional_call(fn, args, kwargs)
            if full is None:
                return interp_kw(fn, args, kwargs, back)
            if type(args) is list:
                # handed over (runtime/function.py ARGUMENTS_HANDED_OVER): so is `full`
                full = [*full]
                args.clear()
                kwargs.clear()
            return fn.invoke(fn, full, back)
        code.invoke_kw = keyword_invoke
