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

from protojit.frames import F_BACK, F_CODE, check_depth, frame_object, tstate
from protojit.runtime import tracebacks


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


def _thrown(typ, val, tb):
    """The exception a throw() call raises (None if it cannot be worked out here)."""
    if isinstance(typ, BaseException):
        return typ
    if isinstance(typ, type) and issubclass(typ, BaseException):
        if isinstance(val, typ):
            return val
        if val is None:
            return typ()
        return typ(*val) if isinstance(val, tuple) else typ(val)
    return None


def _carried(args):
    """throw() arguments, with a thrown StopIteration wrapped (see StopIterationCarrier)."""
    if args and not isinstance(args[0], StopIterationCarrier):
        exc = _thrown(*(tuple(args) + (None, None))[:3])
        if isinstance(exc, StopIteration):
            return (StopIterationCarrier(exc),)
    return args


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
        # PEP 479: a StopIteration leaving the guest body.
        err = RuntimeError(f"{self._kind} raised {type(stop).__name__}")
        err.__cause__ = stop
        err.__context__ = stop
        raise err

    def send(self, value):
        return self._resume(self._gen.send, value)

    def throw(self, typ, val=None, tb=None):
        if not isinstance(typ, StopIterationCarrier):
            exc = _thrown(typ, val, tb)
            if isinstance(exc, StopIteration):
                return self._resume(self._gen.throw, StopIterationCarrier(exc))
        if val is None and tb is None:
            return self._resume(self._gen.throw, typ)
        return self._resume(self._gen.throw, typ, val, tb)

    def close(self):
        return self._resume(self._gen.close)

    def _delegate(self):
        """What the body is suspended in (`yield from`/`await` target), as gi_yieldfrom shows it."""
        g = self._gen.gi_yieldfrom
        while type(g) is _HostGenerator and g.gi_code.co_filename in _INTERNAL_FILES:
            g = g.gi_yieldfrom
        return g

    @property
    def _suspended(self):
        return self._gen.gi_suspended

    def _repr(self, what):
        return f"<{what} object {self.__qualname__} at {id(self):#x}>"


def _run_guest_generator(frame, body, _finalizing=sys.is_finalizing, _carrier=StopIterationCarrier,
                         _check_depth=check_depth):
    """The guest generator object *is* this host generator (so it is a real
    `types.GeneratorType`: isinstance, inspect.isgenerator and the C-level protocol
    all hold). It delegates to the compiled body, records the guest frame on
    exceptions and applies PEP 479 to a guest StopIteration (see StopIterationCarrier).

    At interpreter exit a suspended generator is closed when the module holding it is
    cleared; by then the engine's own module globals may be cleared too (hence the
    default arguments) and nothing can be imported, so neither the engine's handling
    of the guest's handlers nor the traceback work below can run: the close ends
    quietly, as it does in CPython (which would print an exception that a guest
    finally clause raises then; protojit prints nothing, rather than its own frames)."""
    # CPython counts a generator's frame when it runs (its depth: the creator's + 1): a
    # chain of generators each delegating to a new one must end at the limit, as each
    # level resumes the next through several host generators (and the C stack).
    _check_depth(frame)
    try:
        return (yield from body)
    except _carrier as c:
        stop = c.exc
    except BaseException as e:
        if _finalizing():
            if type(e) is GeneratorExit:
                raise
            raise GeneratorExit from None
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


def guest_generator(function, frame, body):
    """A guest generator: a host generator named after the guest function. A function that
    types.coroutine marked (its __code__ replaced by one with CO_ITERABLE_COROUTINE) makes
    generators that `await` accepts, as CPython's do: their code object carries the flag."""
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
        return self._frame[F_CODE]

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
    __slots__ = ("_closed",)
    _kind = "async generator"

    def __init__(self, function, frame, gen):
        super().__init__(function, frame, gen)
        self._closed = False

    def __aiter__(self):
        return self

    def __anext__(self):
        return _AsyncStep(self, "send", (None,))

    def asend(self, value):
        return _AsyncStep(self, "send", (value,))

    def athrow(self, *args):
        return _AsyncStep(self, "throw", args)

    def aclose(self):
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
        return self._frame[F_CODE]

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
            if self._op == "throw":
                return self._step(agen._gen.throw, *_carried(self._args))
            return self._close_step(agen._gen.throw, GeneratorExit)
        if self._op == "close":
            return self._close_step(agen._gen.send, value)
        return self._step(agen._gen.send, value)

    def throw(self, *args):
        self._started = True
        if self._op == "close":
            return self._close_step(self._agen._gen.throw, *_carried(args))
        return self._step(self._agen._gen.throw, *_carried(args))

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


_HostGenerator = type((lambda: (yield))())
_INTERNAL_FILES = set()   # interp/generators.py registers itself: its host generators are not guest-visible

# The guest sees CPython's type names (type(g).__name__ == 'generator').
for _cls, _name in ((Coroutine, "coroutine"), (AsyncGenerator, "async_generator")):
    _cls.__name__ = _cls.__qualname__ = _name
    _cls.__module__ = "builtins"
del _cls, _name

collections.abc.Coroutine.register(Coroutine)
collections.abc.AsyncGenerator.register(AsyncGenerator)
