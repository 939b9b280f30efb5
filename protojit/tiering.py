"""Tiering policy: when a guest function leaves tier 0 for native code.

`--tier interp` never compiles (and installs nothing: tier 0's call path is
untouched); `--tier jit` compiles every function it can at its first call;
`--tier auto` compiles a function once it is hot: `--jit-threshold` calls
(default 1000), or that many iterations of one of its loops (see osr.py).

Mechanism. `install(code)` runs when tier 0 builds a function's invokers; for
a code that may be native it wraps `code.invoke` with a counting entry. Each
`Function` copies its invoke at creation, and every guest call goes through
`fn.invoke(fn, args, caller_frame)`, so a function goes native by replacing
its own `fn.invoke` with `_NativeState.invoke` (the dispatcher): it picks the
specialisation for the argument types (a few per function), checks the
guards (argument types, int64 range, globals it was compiled against) and
calls the machine code with the GIL released. Anything else, and every
deopt, runs tier 0's invoke: the same call from its entry, which is exact
because native code never deopts after a visible effect (codegen/compiler.py).

Per function state lives in `fn.native` (a `_NativeState`): call counter,
argument-type profile, specialisations, rejects. Trace events: `compile`,
`reject`, `deopt`, `tier-down` (protojit/trace/events.py).
"""
from __future__ import annotations

import threading
import time

from protojit.trace import events

MAX_SPECS = 4          # specialisations kept per function
MAX_DEOPTS = 8         # a specialisation that deopts this often is dropped


class TierSettings:
    def __init__(self, tier: str = "auto", threshold: int = 1000, cache: bool = True):
        self.tier = tier
        self.threshold = threshold
        self.cache = cache


settings = TierSettings()
_compile_lock = threading.RLock()


def configure(env, opts) -> None:
    settings.tier = opts.tier
    settings.threshold = max(1, opts.jit_threshold)
    settings.cache = opts.jit_cache
    events.configure(opts.trace)


def shutdown(env) -> None:
    events.flush()


def threshold() -> int:
    return 1 if settings.tier == "jit" else settings.threshold


def _type_name(v) -> str:
    t = type(v)
    if t.__name__ == "ndarray":
        return f"ndarray[{v.dtype}, {v.ndim}d]"
    return t.__name__


class _NativeState:
    """Per-Function tiering state; `invoke` is the native dispatcher."""

    __slots__ = ("fn", "interp", "calls", "specs", "failed", "profile", "rejected")

    def __init__(self, fn, interp):
        self.fn = fn
        self.interp = interp            # tier 0's invoke for this function
        self.calls = 0
        self.specs: dict[tuple, list] = {}   # tuple of host types -> [NativeSpec]
        self.failed: set = set()        # host-type keys that did not compile
        self.profile: dict[tuple, int] = {}  # argument-type profile (host type names)
        self.rejected = False

    def invoke(self, fn, args, back):
        key = tuple([type(a) for a in args])
        specs = self.specs.get(key)
        if specs is not None:
            from protojit.codegen.compiler import DEOPT, NOT_APPLICABLE
            for spec in specs:
                r = spec.call(args)
                if r is NOT_APPLICABLE:
                    continue
                if r is DEOPT:
                    self._deopt(spec, key)
                    break
                return r
            else:
                self._maybe_compile(args, key)
        elif key not in self.failed:
            self._maybe_compile(args, key)
        return self.interp(fn, args, back)

    def _maybe_compile(self, args, key) -> None:
        """A new argument signature: profile it, compile once it is hot too."""
        n = self.profile.get(key, 0) + 1
        self.profile[key] = n
        if n >= threshold() and sum(map(len, self.specs.values())) < MAX_SPECS:
            compile_now(self.fn, args, key)

    def _deopt(self, spec, key) -> None:
        guard, line, where = spec.last_deopt
        events.record("deopt", function=self.fn.__qualname__, guard=guard, line=line, where=where,
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


def _state(fn):
    st = fn.native
    if st is None:
        st = fn.native = _NativeState(fn, fn.code.interp_invoke)
    return st


def compile_now(fn, args, key=None) -> bool:
    """Compile `fn` for the types of `args` and install the dispatcher; False if rejected."""
    from protojit.codegen.compiler import compile_function
    from protojit.codegen.errors import Unsupported
    st = _state(fn)
    if key is None:
        key = tuple([type(a) for a in args])
    with _compile_lock:
        if key in st.failed:
            return False
        try:
            spec = compile_function(fn, args)
        except Unsupported as e:
            st.failed.add(key)
            events.record("reject", function=fn.__qualname__, reason=e.feature,
                          file=e.filename, line=e.line, types=[_type_name(a) for a in args])
            if not st.specs:
                st.rejected = True
            return False
        except RecursionError:
            st.failed.add(key)
            events.record("reject", function=fn.__qualname__, reason="too deeply nested to compile",
                          types=[_type_name(a) for a in args])
            return False
        st.specs.setdefault(key, []).append(spec)
        events.record("compile", function=fn.__qualname__, types=[str(t) for t in spec.arg_types],
                      returns=str(spec.return_type), ms=round(spec.times["total"] * 1000, 3),
                      ir_ops=spec.ir_ops, times={k: round(v * 1000, 3) for k, v in spec.times.items()})
        fn.invoke = st.invoke
        return True


def install(code) -> None:
    """Called by make_invokers: give an eligible code a counting entry."""
    code.interp_invoke = code.invoke
    if settings.tier == "interp":
        return
    from protojit.codegen.compiler import plain_code_reason
    if plain_code_reason(code) is not None:
        return
    interp = code.invoke
    limit = threshold()

    def counting_invoke(fn, args, back):
        st = fn.native
        if st is None:
            st = fn.native = _NativeState(fn, interp)
        st.calls += 1
        if st.calls >= limit and not st.rejected:
            if st.calls == limit or st.calls % limit == 0:
                key = tuple([type(a) for a in args])
                if key not in st.failed and compile_now(fn, args, key):
                    return fn.invoke(fn, args, back)
            if st.rejected:
                fn.invoke = interp   # never native: drop the counting wrapper
        return interp(fn, args, back)
    code.invoke = counting_invoke
