"""Guest generators, coroutines and async generators.

The body of a guest generator function is compiled (interp/generators.py)
into *host* generators over the guest frame: each guest `yield` is a host
`yield`. A guest generator is itself a host generator (guest_generator), so
it is a real `types.GeneratorType`. Coroutines and async generators are
wrappers that add what the guest sees on top: the frame becomes the thread's
current frame while the body runs, guest tracebacks, names and reprs, and the
coroutine / async-generator protocols. "generator already executing" comes
from the host generator; PEP 479 is applied here (see StopIterationCarrier).
"""
from __future__ import annotations

import collections.abc
import sys

from protojit.frames import (F_BACK, F_CODE, F_DEPTH, F_FUNCTION, F_RETVAL, check_depth,
                             frame_object, recursion_error, recursion_limit, tstate)
from protojit import _pjentry
from protojit.runtime import tracebacks


_HostGenerator = type((lambda: (yield))())


class StopIterationCarrier(BaseException):
    """A guest StopIteration travelling between the host generators of one guest body.

    A guest generator body runs as nested host generators; a StopIteration leaving
    any of them would be turned into RuntimeError by the host at once (PEP 479),
    before the guest's own `except StopIteration` could see it. So a StopIteration
    leaving plain code inside a suspendable body travels wrapped in this; try/with
    closures unwrap it, and the guest generator object converts it as CPython does
    when it leaves the guest body.
    """

    def __init__(self, exc):
        super().__init__()
        self.exc = exc


def carry(fn):
    """Wrap a plain closure run from a suspendable body (see StopIterationCarrier)."""
    def run_carried(f):
        try:
            return fn(f)
        except StopIteration as e:
            raise StopIterationCarrier(e) from None
    return run_carried


class ThrowCarrier(BaseException):
    """An exception thrown into a suspended tier-0 body (throw(), close()'s GeneratorExit),
    on its way down to where the guest body is suspended.

    A tier-0 body is a chain of host generators, one per suspending statement or
    expression, each delegating to the next with `yield from`. Thrown in as itself, a
    GeneratorExit would make the host close the chain level by level (each `yield from`
    closes its sub-generator first): the guest's handler would run in the innermost level
    and the code after it would be skipped. Instead this is *sent* down the chain as a
    value: every level resumes (so the exception state of each, the exception a guest
    except clause handles, is current again), and the level where the guest is suspended
    (a guest `yield`, or `delegate` for a `yield from`/`await`) raises the exception
    there (raise_thrown); from there on the guest's own try/except/finally see it as
    CPython's would. Guest code never receives one: only those two levels get sent values.

    `outer` is the exception the thrower was handling (or None): CPython chains a thrown
    exception to what the generator handles at its yield, not to the thrower's. `exc` is
    None when the carrier holds throw()'s arguments as given (`args`): a coroutine or
    async generator suspended in an `await` hands them on to the awaited iterator's
    throw(), whose checks decide (CPython's throw() checks them only where the
    delegation ends: a TypeError for them is raised at the `await`).
    """

    def __init__(self, exc, outer, args=None):
        super().__init__()
        self.exc = exc
        self.outer = outer
        self.args_given = args


def raise_thrown(carrier, _exc_info=sys.exc_info):
    """Raise the carried exception here, where the guest body is suspended (never
    returns). Called outside any host except clause, so the "current exception" here is
    the one the guest body handles at its yield, if any, else the thrower's (`outer`): the
    exception chains to the first only, as CPython's throw() chains to the generator's own
    handled exception. A StopIteration goes on wrapped (see StopIterationCarrier)."""
    exc = carrier.exc
    if exc is None:
        exc = carrier.exc = thrown_exception(*carrier.args_given)   # (its TypeError: raised here)
    handled = _exc_info()[1]
    own = handled is not None and handled is not carrier.outer and handled is not exc
    if isinstance(exc, StopIteration):
        if own:
            exc.__context__ = handled
        raise StopIterationCarrier(exc)
    if handled is None or own:
        raise exc
    context = exc.__context__
    try:
        raise exc
    except BaseException:
        exc.__context__ = context      # (the raise above chained it to the thrower's)
        raise


def delegate(it, _carrier=ThrowCarrier):
    """`yield from it` in a tier-0 body, for an iterator that is not part of the body (the
    target of a guest `yield from` or `await`): PEP 380's expansion, with exceptions thrown
    in arriving in a ThrowCarrier. GeneratorExit closes `it` first and is raised here;
    another exception goes to it.throw() if it has one, else is raised here. Returns the
    value `it` returns. (Its local `it` is what gi_yieldfrom/cr_await show.)"""
    try:
        value = next(it)
    except StopIteration as stop:
        return stop.value
    while True:
        sent = yield value
        if type(sent) is not _carrier:
            try:
                value = next(it) if sent is None else it.send(sent)
            except StopIteration as stop:
                return stop.value
            continue
        exc = sent.exc
        if exc is None:        # throw()'s arguments, for it.throw() to check
            typ = sent.args_given[0]
            is_exit = isinstance(typ, GeneratorExit) or isinstance(typ, type) and issubclass(typ, GeneratorExit)
        else:
            is_exit = isinstance(exc, GeneratorExit)
        if is_exit:
            close = getattr(it, "close", None)
            if close is not None:
                try:
                    close()
                except BaseException as e:    # noqa: BLE001 - raised here instead, as CPython does
                    sent = _carrier(e, sent.outer)
            raise_thrown(sent)
        throw = getattr(it, "throw", None)
        if throw is None:
            raise_thrown(sent)
        try:
            value = throw(exc) if exc is not None else throw(*sent.args_given)
        except StopIteration as stop:
            return stop.value
        except BaseException as e:    # noqa: BLE001 - raised here, as CPython does
            sent = _carrier(e, sent.outer)
        else:
            sent = exc = None
            continue
        raise_thrown(sent)


_DELEGATE_CODE = delegate.__code__


def thrown_exception(typ, val=None, tb=None):
    """The exception that throw(typ, val, tb) raises at the yield, with CPython's checks and
    messages for the arguments: a TypeError from here for arguments it refuses (CPython
    raises it from throw() and leaves the generator as it was). Made by throwing the
    arguments into a host generator; the traceback is the one given."""
    probe = _probe()
    next(probe)
    try:
        if tb is not None:
            probe.throw(typ, val, tb)
        elif val is not None:
            probe.throw(typ, val)
        else:
            probe.throw(typ)
    except StopIteration as stop:
        exc = stop.value
    exc.__traceback__ = tb
    return exc


def _probe():
    try:
        yield
    except BaseException as e:     # noqa: BLE001 - any thrown exception is the result
        return e


def _throw_args(gen, *args):
    """(exc, outer, args) for _throw_into: throw()'s arguments checked here (a TypeError
    from the call, the body left as it was), unless the body is suspended in an `await`
    or `yield from` (see ThrowCarrier)."""
    while len(args) > 1 and args[-1] is None:
        args = args[:-1]
    g = gen.gi_yieldfrom if gen.gi_suspended else None
    while type(g) is _HostGenerator and g.gi_code is not _DELEGATE_CODE:
        g = g.gi_yieldfrom
    if g is not None:
        return None, sys.exc_info()[1], args
    return thrown_exception(*args), sys.exc_info()[1], None


def _throw_into(gen, exc, outer, args=None):
    """Throw exc into a tier-0 body (a host generator): carried while it is suspended."""
    if gen.gi_suspended:
        return gen.send(ThrowCarrier(exc, outer, args))
    return gen.throw(exc) if exc is not None else gen.throw(*args)    # not started (raised at its start) or finished


# In F_RETVAL of an async generator's frame handed to the finalizer hook (see __del__).
ABANDONED = object()


class AsyncYield:
    """What an async generator body yields for a guest `yield` (as opposed to an await)."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Suspendable:
    __slots__ = ("_gen", "_frame", "__name__", "__qualname__", "__weakref__")
    _kind = "generator"

    def __init__(self, function, frame, gen):
        self._gen = gen
        self._frame = frame
        self.__name__ = function.__name__
        self.__qualname__ = function.__qualname__

    def _resume(self, method, *args):
        frame = self._frame
        # Its depth is its creator's + 1 (runtime/function.py; the thread's published frame
        # need not be the resumer's): a chain of generators, each resuming the next, counts.
        check_depth(frame)
        ts = tstate
        back = ts.frame
        frame[F_BACK] = back
        ts.frame = frame
        try:
            return method(*args)
        except (StopIteration, StopAsyncIteration):
            raise
        except StopIterationCarrier as c:
            stop = c.exc
            tracebacks.add_frame(stop, frame)
        except BaseException as e:
            tracebacks.add_frame(e, frame)
            tracebacks.hand_to_host(e)     # the resumer may be host code (asyncio)
            raise
        finally:
            ts.frame = back
            frame[F_BACK] = None     # (suspended: no caller, and no cycle through it)
        # PEP 479: a StopIteration leaving the guest body.
        err = RuntimeError(f"{self._kind} raised {type(stop).__name__}")
        err.__cause__ = stop
        err.__context__ = stop
        raise err

    def send(self, value):
        return self._resume(self._gen.send, value)

    def throw(self, typ, val=None, tb=None):
        return self._resume(_throw_into, self._gen, *_throw_args(self._gen, typ, val, tb))

    def close(self):
        gen = self._gen
        if not gen.gi_suspended:     # not started, finished, or running (the host's error)
            return gen.close()
        outer = sys.exc_info()[1]
        exc = GeneratorExit()
        if outer is not None:
            exc.__context__ = outer   # (CPython's close() makes it where the closer is)
        try:
            self._resume(gen.send, ThrowCarrier(exc, outer))
        except (GeneratorExit, StopIteration):
            return None
        raise RuntimeError(f"{self._kind} ignored GeneratorExit")

    def _delegate(self):
        """What the body is suspended in (`yield from`/`await` target), as gi_yieldfrom shows it."""
        g = self._gen.gi_yieldfrom
        while type(g) is _HostGenerator:
            if g.gi_code is _DELEGATE_CODE:
                return g.gi_frame.f_locals.get("it") if g.gi_frame is not None else None
            if g.gi_code.co_filename not in _INTERNAL_FILES:
                break
            g = g.gi_yieldfrom
        return g

    @property
    def _suspended(self):
        return self._gen.gi_suspended

    def _repr(self, what):
        return f"<{what} object {self.__qualname__} at {id(self):#x}>"


def _run_guest_generator(frame, body, _finalizing=sys.is_finalizing, _carrier=StopIterationCarrier,
                         _limit=recursion_limit.__getitem__, _too_deep=recursion_error, _throw=ThrowCarrier,
                         _exc_info=sys.exc_info,
                         _HostGenerator=_HostGenerator, _FunctionType=type(carry), _tstate=tstate,
                         _caller=_pjentry.host_caller, _release=_pjentry.release_locals):
    """The guest generator object *is* this host generator (so it is a real
    `types.GeneratorType`: isinstance, inspect.isgenerator and the C-level protocol
    all hold). It runs the compiled body (tier 0's chain of host generators, or
    pjgen.c's GenBody), records the guest frame on exceptions and applies PEP 479 to a
    guest StopIteration (see StopIterationCarrier).

    It passes each step on by hand rather than with `yield from`, so that while
    suspended it has no sub-iterator of its own: the host's throw() then checks its
    arguments and raises their TypeError from the call, leaving the generator as it was,
    and close() and throw() raise their exception here, at the `yield`, from where it
    goes to the body: to a tier-0 body sent in a ThrowCarrier (host `yield from` would
    close the body's levels one by one instead), to a GenBody thrown as itself. What the body yields
    after a GeneratorExit is yielded, so close() raises "generator ignored GeneratorExit"
    (and the collector reports it) as CPython's.

    At interpreter exit a suspended generator is closed when the module holding it is
    cleared; by then the engine's own module globals may be cleared too (hence the
    default arguments) and nothing can be imported, so neither the engine's handling
    of the guest's handlers nor the traceback work below can run: the close ends
    quietly, as it does in CPython (which would print an exception that a guest
    finally clause raises then; protojit prints nothing, rather than its own frames)."""
    # While suspended the guest frame has no caller (F_BACK), as CPython's f_back is None
    # then: a generator kept by its creator's frame was in a cycle with it through its
    # caller link, and was closed (its finally clauses run) at a collection instead of when
    # dropped. Each step runs with the guest frame that resumed it as its caller, found on
    # the host stack as for a host-entered call (tier 0 does not publish its frames; a
    # native resumer's is the published one), and CPython counts the generator's frame
    # each time it runs: its depth is its resumer's + 1 (+ the C levels between), checked
    # at each step (a chain of generators each resuming the next ends at the limit).
    # (frame[4] is F_BACK, frame[9] F_DEPTH: inline, as this runs at every step; _limit is
    # the limit list's bound __getitem__: gc.get_referents(generator) shows these locals)
    ts = _tstate
    published = ts.frame
    back, units, _ = _caller(published, 0)
    frame[4] = back
    depth = frame[9] = (1 if back is None else back[9] + 1) + units
    back = None     # (held while suspended, the resumer would be in a cycle with it)
    if depth > _limit(0):
        raise _too_deep()
    too_deep = None     # the RecursionError of a step that could not enter (no frame of its own)
    try:
        if type(body) is _FunctionType:
            body = body(frame)      # (made after this generator: see guest_generator)
        carried = type(body) is _HostGenerator
        send = body.send
        value = send(None)
        while True:
            ts.frame = published   # (a step can leave its own frame published)
            frame[F_BACK] = None
            exc = None
            try:
                sent = yield value
            except BaseException as e:
                exc = e
            # the step (a send or a throw) runs at its resumer's depth + 1, as the first did
            published = ts.frame
            back, units, _ = _caller(published, 0)
            frame[4] = back
            depth = frame[9] = (1 if back is None else back[9] + 1) + units
            back = None
            if depth > _limit(0):
                too_deep = _too_deep()
                raise too_deep
            if exc is None:
                value = send(sent)
                continue
            # (outside the except clause: nothing may chain to the thrown exception here)
            if type(exc) is GeneratorExit and (_finalizing() or carried and _torn(body)):
                body.close()
                raise exc
            value = send(_throw(exc, _exc_info()[1])) if carried else body.throw(exc)
            exc = None
    except StopIteration as stop:
        # The body is done: its locals go first to last, as CPython clears a finished
        # generator's frame (the frame list's own deallocation goes last to first)
        body = send = None
        ended, frame = frame, frame[4]    # (its resumer runs now: function.py RETURNED_FRAME)
        _release(ended)
        return stop.value
    except _carrier as c:
        stop = c.exc
    except BaseException as e:
        if _finalizing():
            if type(e) is GeneratorExit:
                raise
            raise GeneratorExit from None
        if e is too_deep:
            raise
        tracebacks.add_frame(e, frame)
        tracebacks.hand_to_host(e)         # the consumer may be host code
        raise
    tracebacks.add_frame(stop, frame)
    err = RuntimeError("generator raised StopIteration")
    err.__cause__ = stop
    err.__context__ = stop
    raise err


_run_iterable_coroutine = type(_run_guest_generator)(
    _run_guest_generator.__code__.replace(co_flags=_run_guest_generator.__code__.co_flags | 0x100),
    _run_guest_generator.__globals__, "_run_guest_generator", _run_guest_generator.__defaults__)


def _torn(body) -> bool:
    """Has the cycle collector finalised a level of this suspended tier-0 body already (a
    garbage cycle holding the guest generator is finalised in no set order; a level closed
    on its own ends without running guest code, interp/generators.py _abandoned)? Its
    close() then ends quietly: the rest of the body, resumed, would go on past the level."""
    g = body
    while type(g) is _HostGenerator:
        if g.gi_frame is None:
            return True
        g = g.gi_yieldfrom
    return False


def guest_generator(function, frame, body):
    """A guest generator: a host generator named after the guest function. A function that
    types.coroutine marked (its __code__ replaced by one with CO_ITERABLE_COROUTINE) makes
    generators that `await` accepts, as CPython's do: their code object carries the flag.

    `body` is the body's iterator (pjgen.c's GenBody), or for tier 0 the function that
    makes it from the frame: then it is made at the first step, after the generator, so
    that the cycle collector, finalising a generator and its body in the same garbage,
    comes to the generator first (its close() runs the guest's handlers once, through
    the body; the body's own finaliser, first, would close its levels one by one)."""
    assigned = function.assigned_code
    if assigned is not None and assigned.co_flags & 0x100:
        gen = _run_iterable_coroutine(frame, body)
    else:
        gen = _run_guest_generator(frame, body)
    gen.__name__ = function.__name__
    gen.__qualname__ = function.__qualname__
    return gen


class Coroutine(_Suspendable):
    __slots__ = ()
    _kind = "coroutine"

    def __await__(self):
        return _CoroutineWrapper(self)

    @property
    def cr_frame(self):
        return frame_object(self._frame) if self._gen.gi_frame is not None else None

    @property
    def cr_running(self):
        return self._gen.gi_running

    @property
    def cr_await(self):
        return self._delegate()

    @property
    def cr_suspended(self):
        return self._suspended

    @property
    def cr_origin(self):
        return None

    @property
    def cr_code(self):
        return _frame_code(self._frame)

    def __repr__(self):
        return self._repr("coroutine")


class _CoroutineWrapper:
    """The iterator that `coro.__await__()` returns."""
    __slots__ = ("_coro",)

    def __init__(self, coro):
        self._coro = coro

    def __iter__(self):
        return self

    def __next__(self):
        return self._coro.send(None)

    def send(self, value):
        return self._coro.send(value)

    def throw(self, *args):
        return self._coro.throw(*args)

    def close(self):
        return self._coro.close()


class AsyncGenerator(_Suspendable):
    __slots__ = ("_closed", "_hooked", "_finalizer")
    _kind = "async generator"

    def __init__(self, function, frame, gen):
        super().__init__(function, frame, gen)
        self._closed = False
        self._hooked = False
        self._finalizer = None

    def _init_hooks(self):
        """CPython's async_gen_init_hooks: at the first __anext__/asend/athrow/aclose, the
        thread's sys.set_asyncgen_hooks() firstiter sees the generator (asyncio keeps it
        to close at shutdown) and its finalizer is kept for when the generator is dropped."""
        if self._hooked:
            return
        self._hooked = True
        firstiter, finalizer = sys.get_asyncgen_hooks()
        self._finalizer = finalizer
        if firstiter is not None:
            firstiter(self)

    def __del__(self):
        # CPython's _PyGen_Finalize: a suspended async generator with a finalizer hook is
        # handed to it (asyncio schedules its aclose() on the loop) instead of being
        # closed here; without one its body is closed as it is dropped.
        finalizer = self._finalizer
        if finalizer is not None and not self._closed and self._gen.gi_frame is not None:
            self._finalizer = None
            # Closing is the hook's business from here: if it keeps the generator (asyncio
            # schedules aclose()), that close runs the guest's handlers; if not, the body,
            # dropped with it, ends without running guest code, as CPython's frame is
            # cleared (interp/generators.py _abandoned).
            self._frame[F_RETVAL] = ABANDONED
            finalizer(self)

    def __aiter__(self):
        return self

    def __anext__(self):
        self._init_hooks()
        return _AsyncStep(self, "send", (None,))

    def asend(self, value):
        self._init_hooks()
        return _AsyncStep(self, "send", (value,))

    def athrow(self, *args):
        self._init_hooks()
        return _AsyncStep(self, "throw", args)

    def aclose(self):
        self._init_hooks()
        return _AsyncStep(self, "close", ())

    @property
    def ag_frame(self):
        return frame_object(self._frame) if self._gen.gi_frame is not None else None

    @property
    def ag_running(self):
        return self._gen.gi_running

    @property
    def ag_await(self):
        return self._delegate()

    @property
    def ag_code(self):
        return _frame_code(self._frame)

    def __repr__(self):
        return self._repr("async_generator")


class _AsyncStep:
    """The awaitable of one asend/athrow/aclose: runs the body until its next guest `yield`."""
    __slots__ = ("_agen", "_op", "_args", "_started")

    def __init__(self, agen, op, args):
        self._agen = agen
        self._op = op
        self._args = args
        self._started = False

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, value):
        agen = self._agen
        if not self._started:
            self._started = True
            if self._op == "send":
                return self._step(agen._gen.send, self._args[0])
            outer = sys.exc_info()[1]
            if self._op == "throw":
                return self._step(_throw_into, agen._gen, *_throw_args(agen._gen, *self._args))
            exc = GeneratorExit()
            if outer is not None:
                exc.__context__ = outer
            return self._close_step(_throw_into, agen._gen, exc, outer)
        if self._op == "close":
            return self._close_step(agen._gen.send, value)
        return self._step(agen._gen.send, value)

    def throw(self, *args):
        self._started = True
        if self._op == "close":
            return self._close_step(_throw_into, self._agen._gen, *_throw_args(self._agen._gen, *args))
        return self._step(_throw_into, self._agen._gen, *_throw_args(self._agen._gen, *args))

    def close(self):
        pass

    def _step(self, method, *args):
        try:
            r = self._agen._resume(method, *args)
        except StopIteration:
            raise StopAsyncIteration from None
        except StopAsyncIteration as e:
            err = RuntimeError("async generator raised StopAsyncIteration")
            err.__cause__ = err.__context__ = e
            raise err from e
        if isinstance(r, AsyncYield):
            raise StopIteration(r.value)
        return r

    def _close_step(self, method, *args):
        try:
            r = self._agen._resume(method, *args)
        except (GeneratorExit, StopIteration, StopAsyncIteration):
            raise StopIteration(None) from None
        if isinstance(r, AsyncYield):
            raise RuntimeError("async generator ignored GeneratorExit")
        return r


_INTERNAL_FILES = set()   # interp/generators.py registers itself: its host generators are not guest-visible

# The guest sees CPython's type names (type(g).__name__ == 'generator').
for _cls, _name in ((Coroutine, "coroutine"), (AsyncGenerator, "async_generator")):
    _cls.__name__ = _cls.__qualname__ = _name
    _cls.__module__ = "builtins"
del _cls, _name

collections.abc.Coroutine.register(Coroutine)
collections.abc.AsyncGenerator.register(AsyncGenerator)


# ---- gi_code, gi_frame, gi_yieldfrom of a guest generator ---------------------------------
#
# A guest generator is a host generator running _run_guest_generator: the host's own
# attributes show that function's code and frame, and no sub-iterator. Guest code that
# reads them (`g.gi_frame`: interp/expressions.py transform_Attribute; functions that
# do stay in tier 0, codegen/eligible.py) gets what CPython's show: the guest function's
# code, the guest frame (None once finished) and the iterator a `yield from` delegates to.

# (runtime_c/capi/pjgen.c pj_gen_next takes a step of a guest generator with a native body
# itself: it reads the runner's locals `frame`, `body` and `value`)
RUNNER_CODES = (_run_guest_generator.__code__, _run_iterable_coroutine.__code__)
_GUEST_GENERATOR_CODES = frozenset(RUNNER_CODES)
tracebacks.GENERATOR_RUNNERS.update(_GUEST_GENERATOR_CODES)


def _guest_frame_of(gen):
    """The guest frame list of guest generator `gen`, or None once it finished."""
    host = gen.gi_frame
    return host.f_locals.get("frame") if host is not None else None


def _gi_code(gen):
    frame = _guest_frame_of(gen)
    if frame is None:
        return gen.gi_code    # (finished: its guest frame is gone; not known here)
    return _frame_code(frame)


def _frame_code(frame):
    """The code object CPython shows as gi_code/cr_code/ag_code for the guest frame."""
    code = frame[F_CODE]
    # the code object assigned to the function's __code__ (types.coroutine marks it
    # CO_ITERABLE_COROUTINE), as CPython's gi_code is the function's __code__
    assigned = getattr(frame[F_FUNCTION], "assigned_code", None)
    if assigned is not None:
        return assigned
    if code.name == "<genexpr>":
        # (runtime/hostcode.py makes code objects of function-like code only)
        stub = compile("(x for x in ())", code.filename, "eval").co_consts[0]
        return stub.replace(co_firstlineno=code.firstlineno, co_qualname=code.qualname)
    from protojit.runtime.hostcode import host_code
    return host_code(code)


def _gi_frame(gen):
    frame = _guest_frame_of(gen)
    return frame_object(frame) if frame is not None else None


def _gi_yieldfrom(gen):
    host = gen.gi_frame
    body = host.f_locals.get("body") if host is not None and gen.gi_suspended else None
    g = body if type(body) is _HostGenerator else None
    while type(g) is _HostGenerator:
        if g.gi_code is _DELEGATE_CODE:
            return g.gi_frame.f_locals.get("it") if g.gi_frame is not None else None
        g = g.gi_yieldfrom
    return None


_GUEST_GENERATOR_ATTRS = {"gi_code": _gi_code, "gi_frame": _gi_frame, "gi_yieldfrom": _gi_yieldfrom}


def adapt_types_module(module) -> None:
    """types.coroutine's _GeneratorWrapper (host code) reads gi_code/gi_frame/gi_yieldfrom
    of the generator it wraps, its cr_* aliases too: a guest generator's are read as
    guest code reads them (above), any other generator's as before."""
    wrapper = module._GeneratorWrapper
    for names, attr in ((("gi_code", "cr_code"), "gi_code"), (("gi_frame", "cr_frame"), "gi_frame"),
                        (("gi_yieldfrom", "cr_await"), "gi_yieldfrom")):
        read = generator_attribute(attr)
        prop = property(lambda self, read=read: read(self._GeneratorWrapper__wrapped))
        for name in names:
            setattr(wrapper, name, prop)


def generator_attribute(name):
    """A reader of attribute `name` ("gi_code", "gi_frame" or "gi_yieldfrom") that gives
    a guest generator's as CPython shows them, and any other object's as it is."""
    read = _GUEST_GENERATOR_ATTRS[name]

    def get_attribute(obj):
        if type(obj) is _HostGenerator and obj.gi_code in _GUEST_GENERATOR_CODES:
            return read(obj)
        return getattr(obj, name)
    return get_attribute


# The guest's builtin getattr (runtime_c/capi/pjgenattr.c) reads these names of any
# generator through the same readers.
_pjentry.set_generator_readers({name: generator_attribute(name) for name in _GUEST_GENERATOR_ATTRS})
