"""Guest function objects and argument binding.

A `Function` is what `def` and `lambda` make: code + globals + defaults +
closure cells. It is an ordinary host callable (and a descriptor, so it
becomes a bound method on instances), which lets host code such as
sorted(key=...), functools or unittest call guest code.
"""
from __future__ import annotations

import types

try:
    from protojit import _pjentry
except ImportError as e:   # (a checkout whose extensions were built before _pjentry existed)
    raise ImportError(f"{e}: protojit._pjentry (runtime_c/capi) is not built; "
                      "run `pip install -e .` in the checkout") from e
from protojit import frames
from protojit.frames import UNBOUND, host_entry_limit, host_recursion_error, recursion_error, tstate
from protojit.runtime import tracebacks
from protojit.runtime import hostcode
from protojit.runtime.hostcode import guest_code_of, host_code

_EMPTY = {}

# The guest recursion limit (protojit/frames.py F_DEPTH). A tier-0 call's depth is
# _DEPTHS[caller's depth]: _DEPTHS[d] is d + 1 for every d below the limit, so the subscript
# that finds the new depth is also the limit check (an IndexError past it), and frames share
# the table's int objects. One subscript per call: a compare against the limit as well cost
# three times as much (callgrind, +300 against +100 instructions per call). Past
# _DEPTHS_MAX the table stops growing and depth_after counts.
_DEPTHS_MAX = 1 << 20
_DEPTHS = list(range(1, 1001))
_LIMIT = 1000


def set_recursion_limit(n: int) -> None:
    global _LIMIT
    _LIMIT = frames.recursion_limit[0] = host_entry_limit[0] = n
    _DEPTHS[:] = range(1, min(n, _DEPTHS_MAX) + 1)
    _pjentry.set_recursion_limit(n)


def depth_after(back) -> int:
    """The depth of a call whose caller is `back` (None: none), or CPython's RecursionError
    past the limit (the path of calls that _DEPTHS does not serve)."""
    if back is None:
        return 1
    depth = back[9] + 1    # F_DEPTH
    if depth > _LIMIT:
        raise recursion_error()
    return depth

_QUIET = (StopIteration, StopAsyncIteration)


class Function(_pjentry.FunctionBase):
    """A guest function. Calling it binds the arguments and runs a new frame.

    `invoke` (tier 0's entry, or the native Entry once it is compiled) is a slot of the C
    base, whose tp_call is the host's way in: a positional call of a native function runs
    its machine code directly (runtime_c/capi/pjentry.c), anything else `host_call`."""

    # __name__, __doc__, __module__ ... live in __dict__ (functools.wraps and pickle read them there).
    __slots__ = ("code", "__globals__", "builtins", "__defaults__", "__kwdefaults__", "__closure__",
                 "__dict__", "__weakref__", "native", "assigned_code")

    def __init__(self, code, globals_, builtins, defaults, kwdefaults, closure, doc, annotations):
        self.code = code
        self.__globals__ = globals_
        self.builtins = builtins
        self.__defaults__ = defaults
        self.__kwdefaults__ = kwdefaults
        self.__closure__ = closure
        self.__name__ = code.name
        self.__qualname__ = code.qualname
        self.__doc__ = doc
        self.__module__ = globals_.get("__name__")
        self.__annotations__ = annotations
        self.native = None
        self.assigned_code = None   # a code object assigned to __code__ (see there)
        self.invoke = code.invoke   # the code's specialised entry: invoke(fn, args, caller_frame)

    # -- calling: FunctionBase.tp_call, then host_call below ------------------------

    # __get__ is FunctionBase's (C: CPython's func_descr_get, a method descriptor), so
    # binding a method runs no Python frame and C method calls make no bound method.

    def __repr__(self):
        return f"<function {self.__qualname__} at {id(self):#x}>"

    @property
    def __code__(self):
        """A real code object with the guest's metadata (runtime/hostcode.py); after an
        assignment, the object assigned (CPython keeps it as given)."""
        return self.assigned_code or host_code(self.code)

    @__code__.setter
    def __code__(self, value):
        # CPython's func_set_code checks, in its order and words.
        if not isinstance(value, types.CodeType):
            raise TypeError("__code__ must be set to a code object")
        nfree = len(value.co_freevars)
        nclosure = len(self.__closure__ or ())
        if nfree != nclosure:
            raise ValueError(f"{self.__name__}() requires a code object with {nclosure} free vars, not {nfree}")
        guest = guest_code_of(value)
        if guest is None:
            raise TypeError(f"protojit: the __code__ of guest function {self.__qualname__}() can only be "
                            "set to a guest function's code object (not one compiled by the host)")
        self.code = guest
        self.assigned_code = value if value is not host_code(guest) else None
        self.native = None
        self.invoke = guest.invoke     # (a native entry belonged to the old code)

    @__code__.setter
    def __code__(self, code):
        """f.__code__ = g.__code__ (CPython's checks): the function runs the new code from
        its next call, in tier 0 until that code is hot (its native state and entry were
        the old code's; callers' call-site caches key on the entry, pjentry.c PjCallCache)."""
        from protojit.frontend.code import GuestCode
        if type(code) is not GuestCode:
            raise TypeError("__code__ must be set to a code object")
        nclosure = len(self.__closure__ or ())
        if len(code.freevars) != nclosure:
            raise ValueError(f"{self.__name__}() requires a code object with {nclosure} free vars,"
                             f" not {len(code.freevars)}")
        self.code = code
        self.native = None
        self.invoke = code.invoke

    @property
    def __class__(self):
        """What host code sees (decision 1): isinstance(f, types.FunctionType), so
        inspect.isfunction/iscoroutinefunction/signature, doctest, unittest, singledispatch
        and asyncio take a guest function for a function. type(f) is still Function (named
        'function'), and C code that checks the real type (PyFunction_Check:
        ExceptionGroup.split/subgroup) still refuses it. Calls never read this."""
        return types.FunctionType

    @property
    def __wrapped_code__(self):
        return self.code

    def __reduce__(self):
        return self.__qualname__


def host_call(fn, args, kwargs, invoke=None):
    """A call of guest function `fn` from host code (or with keywords) that the native
    entry did not take (runtime_c/capi/pjentry.c: FunctionBase's tp_call). The caller's
    guest frame is the thread's last published frame. `invoke`: run this instead of
    fn.invoke (a native call that deoptimised re-runs in tier 0).

    Host-entered calls are counted against the guest recursion limit. Recursion
    through host code (repr() calling a guest __repr__ that calls repr()...) must
    fail here, in a guest call, and never at the host's own limit: when that trips
    in Function.__get__, CPython's slot lookup (slot_tp_repr) swallows the error
    and returns its default repr -- a wrong result instead of RecursionError."""
    ts = tstate
    depth = ts.host_depth = ts.host_depth + 1
    back = ts.frame
    try:
        # Each level counts twice, as in CPython: the C call's own recursion check (" while
        # calling a Python object", "in comparison") and the guest frame; a recursion through
        # host code then ends where CPython's does, before the C stack does (the host
        # functions between the levels use it: sorted(key=f) calling f calling sorted...).
        if 2 * depth > host_entry_limit[0]:
            raise host_recursion_error(fn.code.name)
        if kwargs:
            return fn.code.invoke_kw(fn, args, kwargs, back)
        return (invoke or fn.invoke)(fn, args, back)
    except _QUIET:
        raise       # the iteration protocol's own signals: nobody prints them
    except BaseException as e:
        tracebacks.hand_to_host(e)     # back to host code: guest frames in its traceback
        raise
    finally:
        ts.host_depth -= 1
        # the caller's frame is the current one again (the callee may have published its
        # own for a reflective call): native object code calls guest functions through
        # here, and its next callee must see the native frame as its caller
        ts.frame = back


# Named as CPython's function type: type(f).__name__ is 'function' and messages say
# "'function' object ..." (type(f) is types.FunctionType stays False).
Function.__name__ = Function.__qualname__ = "function"
Function.__module__ = "builtins"

_pjentry.set_host_call(host_call)
hostcode.Function = Function
_pjentry.enable_vectorcall(Function)
_pjentry.set_function_type(Function)   # (object code's call-site caches read __defaults__)


class _InitProbe:
    def __init__(self):
        pass


_pjentry.set_init_probe(_InitProbe)     # (object code's calls of guest classes: slot_tp_init)


def make_invokers(code) -> None:
    """Give `code` its calling entry points, specialised for its shape.

    code.invoke(fn, args, caller_frame) binds positional arguments and runs the
    body; code.invoke_kw(fn, args, kwargs, caller_frame) handles keywords too.
    The common case (only positional parameters, no cells, no closure, not a
    generator) skips every generic step.
    """
    run = code.run
    make_generator = code.make_generator
    argcount = code.argcount
    padding = code.slot_padding
    firstline = code.entry_lineno or code.firstlineno
    cell_slots = code.cell_param_slots
    first_free = code.first_free_slot
    general = code.needs_general_binding
    add_frame = tracebacks.add_frame

    def invoke_kw(fn, args, kwargs, back):
        slots = bind_arguments(fn, args, kwargs)
        return finish(fn, slots, back)

    def finish(fn, slots, back):
        # slots: the local slots (0-based), arguments bound; cells and closure go in, then
        # the frame header in front.
        for i, is_param in cell_slots:
            slots[i] = types.CellType(slots[i]) if is_param else types.CellType()
        closure = fn.__closure__
        if closure:
            slots[first_free:first_free + len(closure)] = closure
        if make_generator is not None:
            # (a generator's depth is checked when it runs: coroutines.py)
            depth = 1 if back is None else back[9] + 1
        else:
            depth = depth_after(back)
        frame = [code, fn.__globals__, fn.builtins, None, back, firstline, fn, None, None, depth, *slots]
        if make_generator is not None:
            return make_generator(fn, frame)
        try:
            return run(frame)
        except BaseException as e:
            try:
                add_frame(e, frame)
            except RecursionError:
                pass    # at the recursion limit even this call fails: keep the guest's error unchained
            raise

    if general or cell_slots or code.freevars or make_generator is not None:
        def invoke(fn, args, back):
            if general or len(args) != argcount:
                slots = bind_arguments(fn, args, _EMPTY)
            else:
                slots = list(args + padding)
            return finish(fn, slots, back)
    elif argcount == 1:
        # One and two parameters (most calls): unpacking the arguments lets the frame be
        # built by one list display of known size (a starred display grows it twice).
        def invoke(fn, args, back):
            try:
                x, = args
                # F_DEPTH: the caller's depth + 1; an IndexError at the limit (_DEPTHS),
                # a TypeError without a guest caller: the general path counts
                depth = _DEPTHS[back[9]]
            except (ValueError, IndexError, TypeError):
                x = _ARITY_MISMATCH
            if x is _ARITY_MISMATCH:
                # Outside the except clause: the callee's own exceptions (the TypeError for
                # a missing argument, the RecursionError) must not get the ValueError or
                # IndexError as their __context__.
                return invoke_kw(fn, args, _EMPTY, back)     # defaults or CPython's error
            frame = [code, fn.__globals__, fn.builtins, None, back, firstline, fn, None, None,
                     depth, x, *padding]
            try:
                return run(frame)
            except BaseException as e:
                try:
                    add_frame(e, frame)
                except RecursionError:
                    pass
                raise
    elif argcount == 2:
        def invoke(fn, args, back):
            try:
                x, y = args
                depth = _DEPTHS[back[9]]     # (as above)
            except (ValueError, IndexError, TypeError):
                x = _ARITY_MISMATCH
            if x is _ARITY_MISMATCH:
                return invoke_kw(fn, args, _EMPTY, back)
            frame = [code, fn.__globals__, fn.builtins, None, back, firstline, fn, None, None,
                     depth, x, y, *padding]
            try:
                return run(frame)
            except BaseException as e:
                try:
                    add_frame(e, frame)
                except RecursionError:
                    pass
                raise
    else:
        def invoke(fn, args, back):
            try:
                depth = _DEPTHS[back[9]]     # (as above)
            except (IndexError, TypeError):
                depth = 0
            if len(args) != argcount or not depth:
                return invoke_kw(fn, args, _EMPTY, back)     # defaults or CPython's error
            # The frame layout of protojit/frames.py, built as one list display.
            frame = [code, fn.__globals__, fn.builtins, None, back, firstline, fn, None, None,
                     depth, *args, *padding]
            try:
                return run(frame)
            except BaseException as e:
                try:
                    add_frame(e, frame)
                except RecursionError:
                    pass
                raise

    code.invoke = invoke
    code.invoke_kw = invoke_kw


# What a one- or two-parameter entry holds when the arguments do not unpack to its arity.
_ARITY_MISMATCH = object()

def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _name_list(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} and {quoted[1]}"
    return ", ".join(quoted[:-1]) + f", and {quoted[-1]}"


def bind_arguments(func: Function, args: tuple, kwargs: dict) -> list:
    """Bind a call's arguments to slots, with CPython's exact TypeError messages."""
    code = func.code
    name = func.__qualname__
    slots = [UNBOUND] * len(code.varnames)
    argcount = code.argcount
    varnames = code.varnames
    nargs = len(args)
    # Positional arguments.
    n = min(nargs, argcount)
    slots[:n] = args[:n]
    pos = argcount + code.kwonlyargcount
    if code.has_varargs:
        slots[pos] = tuple(args[argcount:])
        kw_slot = pos + 1
    else:
        kw_slot = pos
        if nargs > argcount:
            _too_many_positional(func, nargs, kwargs)
    extra = {} if code.has_varkw else None
    if code.has_varkw:
        slots[kw_slot] = extra
    # Keyword arguments.
    if kwargs:
        posonly = code.posonlyargcount
        misplaced = []
        for key, value in kwargs.items():
            try:
                i = varnames.index(key, 0, pos)
            except ValueError:
                i = -1
            if i < 0 or i < posonly:
                if extra is not None:
                    extra[key] = value
                    continue
                if i >= 0:
                    misplaced.append(key)
                    continue
                raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
            if slots[i] is not UNBOUND:
                raise TypeError(f"{name}() got multiple values for argument '{key}'")
            slots[i] = value
        if misplaced:
            raise TypeError(f"{name}() got some positional-only arguments passed as keyword arguments: "
                            f"'{', '.join(misplaced)}'")
    # Defaults and missing arguments.
    defaults = func.__defaults__ or ()
    first_default = argcount - len(defaults)
    missing = []
    for i in range(nargs, argcount):
        if slots[i] is UNBOUND:
            if i >= first_default:
                slots[i] = defaults[i - first_default]
            else:
                missing.append(varnames[i])
    if missing:
        raise TypeError(f"{name}() missing {len(missing)} required positional argument"
                        f"{'s' if len(missing) > 1 else ''}: {_name_list(missing)}")
    kwdefaults = func.__kwdefaults__ or _EMPTY
    for i in range(argcount, pos):
        if slots[i] is UNBOUND:
            key = varnames[i]
            if key in kwdefaults:
                slots[i] = kwdefaults[key]
            else:
                missing.append(key)
    if missing:
        raise TypeError(f"{name}() missing {len(missing)} required keyword-only argument"
                        f"{'s' if len(missing) > 1 else ''}: {_name_list(missing)}")
    return slots


def _too_many_positional(func, nargs, kwargs):
    code = func.code
    argcount = code.argcount
    defaults = len(func.__defaults__ or ())
    if defaults:
        takes = f"from {argcount - defaults} to {argcount} positional arguments"
    else:
        takes = _count(argcount, "positional argument")
    kwonly_given = sum(1 for k in kwargs if k in code.varnames[argcount:argcount + code.kwonlyargcount])
    given = f"{nargs} {'was' if nargs == 1 else 'were'} given"
    if kwonly_given:
        given = (f"{_count(nargs, 'positional argument')} (and {_count(kwonly_given, 'keyword-only argument')})"
                 f" {'was' if nargs == 1 and False else 'were'} given")
    raise TypeError(f"{func.__qualname__}() takes {takes} but {given}")
