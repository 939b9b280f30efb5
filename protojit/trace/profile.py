"""Per-function call counts and time per tier, measured only with --trace or --stats.

Zero cost otherwise: the choice is made when a code's invokers are built
(tiering.install calls `wrap` only when profiling is on) and when a native
specialisation is installed (`time_native`), never per call.

What is measured (wall-clock, time.perf_counter):

- tier-0 time of a function: its *self* time while interpreted, i.e. the
  time inside its tier-0 invoke minus the time spent in the guest calls it
  made (each thread keeps a stack of child-time accumulators). Recursion is
  therefore never counted twice.
- native time of a function: its *self* time inside its native entry (argument
  guards, packing, the machine code, unpacking), minus the guest calls it made:
  object code calls other guest functions (tier 0 or native) through the same
  timed entries, and counting them inclusively counted them twice and drove
  the caller's tier-0 self time negative.
- compile time: the time inside compiles (tiering.compile_now and loop
  regions), subtracted from the frame that triggered them. Guest code that runs
  inside a compile (a finalizer, a guest stand-in the compiler's host code calls:
  the host os's process functions are guest code under protojit) is a child of
  the compile: its time is its own function's, not compile time, and reaches the
  triggering frame once, inside the compile's (it went there a second time as a
  direct child before, and drove fib's tier-0 time to -108 ms).
- everything else (module top level, host code, startup, generator bodies
  resumed by the host) is "outside guest functions": wall - tier 0 - native - compile.
  With threads, the per-function times of all threads are summed, so tier 0 +
  native may exceed the wall time; the summary then says so. The per-function
  counters are updated without a lock, so a function that several threads run
  at the same moment may lose an update now and then (a profile, not a ledger).

At exit `finish()` turns the records into `profile` events (one per function)
and one `run` event, so a saved trace carries the same numbers as --stats.
"""
from __future__ import annotations

import contextlib
import sys
import threading
import time

from protojit.trace import events

_perf = time.perf_counter
_lock = threading.Lock()
_records: dict = {}          # id(code) -> FunctionRecord
_tls = threading.local()
_start = _perf()
_on = False
_compile_time = [0.0]
_tty = False
_NULL = contextlib.nullcontext()
STATUS_DELAY = 0.3   # seconds a compile runs before the spinner shows


class FunctionRecord:
    __slots__ = ("name", "file", "line", "calls", "native_calls", "interp_time", "native_time", "seen")

    def __init__(self, name, file, line):
        self.name = name
        self.file = file
        self.line = line
        self.calls = 0              # tier-0 calls
        self.native_calls = 0
        self.interp_time = 0.0
        self.native_time = 0.0
        self.seen = False           # the `call` (first call) event was recorded


def configure(on: bool) -> None:
    global _on, _start, _tty
    _on = bool(on)
    try:
        _tty = _on and sys.stderr.isatty()
    except (AttributeError, ValueError):
        _tty = False
    _start = _perf()
    _compile_time[0] = 0.0
    with _lock:
        _records.clear()


def enabled() -> bool:
    return _on


def _stack() -> list:
    s = getattr(_tls, "stack", None)
    if s is None:
        s = _tls.stack = []
    return s


def _record_for(code) -> FunctionRecord:
    with _lock:
        rec = _records.get(id(code))
        if rec is None:
            rec = _records[id(code)] = FunctionRecord(
                code.qualname, getattr(code, "filename", "?"), getattr(code, "firstlineno", 0))
        return rec


def _first_call(rec) -> None:
    rec.seen = True
    events.record("call", function=rec.name, file=rec.file, line=rec.line)


def first_call(code) -> None:
    """The `call` event of a code whose first call goes straight to a compile (--tier jit)."""
    if _on:
        rec = _record_for(code)
        if not rec.seen:
            _first_call(rec)


def wrap(code) -> None:
    """Replace code.invoke / code.invoke_kw by timed versions (tier-0 self time, calls)."""
    rec = _record_for(code)
    invoke, invoke_kw = code.invoke, code.invoke_kw
    perf = _perf
    tls = _tls

    def timed_invoke(fn, args, back):
        if not rec.seen:
            _first_call(rec)
        rec.calls += 1
        try:
            stack = tls.stack
        except AttributeError:
            stack = _stack()
        stack.append(0.0)
        t0 = perf()
        try:
            return invoke(fn, args, back)
        finally:
            dt = perf() - t0
            rec.interp_time += dt - stack.pop()
            if stack:
                stack[-1] += dt
    code.invoke = timed_invoke
    if invoke_kw is not None:
        def timed_invoke_kw(fn, args, kwargs, back):
            if not rec.seen:
                _first_call(rec)
            rec.calls += 1
            stack = _stack()
            stack.append(0.0)
            t0 = perf()
            try:
                return invoke_kw(fn, args, kwargs, back)
            finally:
                dt = perf() - t0
                rec.interp_time += dt - stack.pop()
                if stack:
                    stack[-1] += dt
        code.invoke_kw = timed_invoke_kw


def time_native(spec, code) -> None:
    """Make `spec.call` (a NativeSpec of `code`, function or loop region) time itself."""
    rec = _record_for(code)
    from protojit.codegen.compiler import NOT_APPLICABLE, Deopt
    call = spec.call
    perf = _perf
    stack_of = _stack

    def timed_call(args, osr_frame=None, back=None, **take):   # (ObjectSpec's `take`)
        stack = stack_of()
        stack.append(0.0)
        t0 = perf()
        try:
            r = call(args, osr_frame, back, **take)
        finally:
            dt = perf() - t0
            rec.native_time += dt - stack.pop()
            if stack:
                stack[-1] += dt
        if type(r) is not Deopt and r is not NOT_APPLICABLE and osr_frame is None:
            rec.native_calls += 1
        return r
    spec.call = timed_call


def finish() -> dict:
    """Record one `profile` event per function and a `run` event; return the run totals."""
    wall = _perf() - _start
    with _lock:
        recs = list(_records.values())
    interp = native = 0.0
    for r in recs:
        if not (r.calls or r.native_calls):
            continue
        interp += r.interp_time
        native += r.native_time
        events.record("profile", function=r.name, file=r.file, line=r.line, calls=r.calls,
                      native_calls=r.native_calls, interp_s=round(r.interp_time, 6),
                      native_s=round(r.native_time, 6))
    comp = _compile_time[0]
    totals = {"wall_s": round(wall, 6), "interp_s": round(interp, 6), "native_s": round(native, 6),
              "compile_s": round(comp, 6), "other_s": round(max(0.0, wall - interp - native - comp), 6)}
    events.record("run", **totals)
    return totals


class _Compiling:
    """Times a compile (a child of the calling frame, so not tier-0 time) and, on a terminal,
    shows a rich status spinner once it has run for STATUS_DELAY."""

    def __init__(self, what: str):
        self.status = _Status(what) if _tty else None

    def __enter__(self):
        # an accumulator of its own, as a timed frame's: guest calls made inside the
        # compile add their time here, not to the triggering frame's
        _stack().append(0.0)
        self.t0 = _perf()
        if self.status is not None:
            self.status.__enter__()
        return self

    def __exit__(self, *exc):
        if self.status is not None:
            self.status.__exit__(*exc)
        dt = _perf() - self.t0
        stack = _stack()
        guest = stack.pop()
        with _lock:
            _compile_time[0] += dt - guest
        if stack:
            stack[-1] += dt
        return False


class _Status:
    """A rich status spinner on stderr for a compile that takes longer than STATUS_DELAY."""

    def __init__(self, what: str):
        self.what = what
        self.lock = threading.Lock()
        self.status = None
        self.done = False
        self.timer = threading.Timer(STATUS_DELAY, self._show)
        self.timer.daemon = True

    def _show(self):
        from rich.console import Console
        with self.lock:
            if self.done:
                return
            self.status = Console(stderr=True).status(f"protojit: compiling {self.what}", spinner="dots")
            self.status.start()

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.cancel()
        with self.lock:
            self.done = True
            if self.status is not None:
                self.status.stop()
        return False


def compiling(what: str):
    """Context manager around a compile: with --trace/--stats it is timed (compile time is
    its own column, not the caller's tier-0 time) and shows a spinner on a terminal."""
    if not _on:
        return _NULL
    return _Compiling(what)
