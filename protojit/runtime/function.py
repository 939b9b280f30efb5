"""Guest function objects and argument binding.

A `Function` is what `def` and `lambda` make: code + globals + defaults +
closure cells. It is an ordinary host callable (and a descriptor, so it
becomes a bound method on instances), which lets host code such as
sorted(key=...), functools or unittest call guest code.
"""
from __future__ import annotations

import types
import weakref

try:
    from protojit import _pjentry
except ImportError as e:   # (a checkout whose extensions were built before _pjentry existed)
    raise ImportError(f"{e}: protojit._pjentry (runtime_c/capi) is not built; "
                      "run `pip install -e .` in the checkout") from e
from protojit import frames
from protojit.frames import NATIVE_FRAME, UNBOUND, host_entry_limit, host_recursion_error, recursion_error, tstate
from protojit.runtime import tracebacks
from protojit.runtime import hostcode
from protojit.runtime.hostcode import guest_code_of, host_code

_EMPTY = {}

# The guest recursion limit (protojit/frames.py F_DEPTH). A tier-0 call's depth is its
# caller's + 1: tier0_frame (runtime_c/capi/pjentry.c) counts it and hands a call at the
# limit to the general path, whose depth_after raises.
_LIMIT = 1000


def set_recursion_limit(n: int) -> None:
    global _LIMIT
    _LIMIT = frames.recursion_limit[0] = host_entry_limit[0] = n
    _pjentry.set_recursion_limit(n)


def depth_after(back) -> int:
    """The depth of a call whose caller is `back` (None: none), or CPython's RecursionError
    past the limit (the path of calls that tier0_frame does not serve)."""
    if back is None:
        return 1
    depth = back[9] + 1    # F_DEPTH
    if depth > _LIMIT:
        raise recursion_error()
    return depth

_QUIET = (StopIteration, StopAsyncIteration)


# FunctionType's __code__ and its dealloc/traverse/clear know guest functions' record field
# (pjfunc.c: a guest function is a CPython function one pointer larger, the record there).
_pjentry.hook_function_type()
_FunctionType = types.FunctionType
_weakref = weakref.ref


def _no_face():
    return None


# record_of(obj): the record (Function) of guest function `obj`, or None for anything else
# (pjfunc.c: one C call, what tier 0's calls make).
record_of = _pjentry.record_of
release_locals = _pjentry.release_locals
tier0_frame = _pjentry.tier0_frame
hand_over = _pjentry.hand_over


class Function(_pjentry.FunctionBase):
    """protojit's record of a guest function: what tier 0, tiering and native code need.
    The guest function itself, the value guest and host code hold, is `face`: a CPython
    function object (runtime_c/capi/pjfunc.c) whose record field leads back here.

    `invoke` (tier 0's entry, or the native Entry once it is compiled) is a slot of the C
    base, whose tp_call is the host's way in: a positional call of a native function runs
    its machine code directly (runtime_c/capi/pjentry.c), anything else `host_call`.
    __globals__ and __closure__ are copies of the face's (read-only there); __defaults__,
    __kwdefaults__, __name__, __qualname__, ... are the face's, read when used."""

    __slots__ = ("code", "__globals__", "builtins", "__closure__", "__weakref__", "native",
                 "assigned_code", "face_ref")

    def __init__(self, code, globals_, builtins, closure):
        self.code = code
        self.__globals__ = globals_
        self.builtins = builtins
        self.__closure__ = closure
        self.native = None
        self.assigned_code = None   # a code object assigned to the face's __code__
        self.invoke = code.invoke   # the code's specialised entry: invoke(fn, args, caller_frame)
        self.face_ref = _no_face

    @classmethod
    def new(cls, code, globals_, builtins, defaults, kwdefaults, closure, doc, annotations):
        """A new guest function: the record, and its face, which is returned (what `def`
        and `lambda` make)."""
        record = cls(code, globals_, builtins, closure)
        face = _make_function(record, hostcode.placeholder(len(code.freevars)), globals_, code.name,
                              code.qualname, doc, defaults, kwdefaults, closure, annotations or None)
        # Weakly: the face holds the record (its record field), and a function must die when its
        # last reference goes, as in CPython (weakref callbacks, __del__ of its closure), not
        # at the next collection of a reference cycle.
        record.face_ref = _weakref(face)
        return face

    @property
    def face(self):
        """The guest function (None once it is gone: a running frame keeps only this)."""
        return self.face_ref()

    # -- calling: FunctionBase.tp_call, then host_call below ------------------------

    # __get__ is FunctionBase's (C: CPython's func_descr_get, a method descriptor), so
    # binding a method runs no Python frame and C method calls make no bound method.

    def __repr__(self):
        return f"<function {self.face.__qualname__} at {id(self.face):#x}>"

    # The face's attributes that protojit reads (messages, generator names, help). Properties
    # rather than __getattr__: a class with __getattr__ takes CPython's slow attribute path
    # for every read, the slots that each call reads included (about 1000 instructions per
    # tier-0 call, callgrind). __qualname__ is added after the class (pjfunc.c
    # set_type_attr: a class body's __qualname__ must be a str).
    def _face_name(self):
        face = self.face_ref()
        return self.code.name if face is None else face.__name__   # (gone: its frame still runs)

    def _face_qualname(self):
        face = self.face_ref()
        return self.code.qualname if face is None else face.__qualname__

    __name__ = property(_face_name)

    @property
    def __annotations__(self):
        return self.face.__annotations__

    @property
    def __dict__(self):
        return self.face.__dict__

    @property
    def __defaults__(self):
        face = self.face_ref()
        return None if face is None else face.__defaults__

    @property
    def __kwdefaults__(self):
        face = self.face_ref()
        return None if face is None else face.__kwdefaults__

    @property
    def __doc__(self):
        return self.face.__doc__

    @property
    def __module__(self):
        return self.face.__module__

    @property
    def __code__(self):
        return self.face.__code__

    def code_object(self):
        """The face's __code__ (pjfunc.c's getter): a real code object with the guest's
        metadata (runtime/hostcode.py), or the one assigned, as CPython keeps it."""
        return self.assigned_code or host_code(self.code)

    def code_assigned(self, value):
        """The face's __code__ was set to `value` (CPython's own checks passed; pjfunc.c).
        True: still this guest function, now running value's guest code; False: a code
        object of the host's own, which the face now runs as CPython would."""
        guest = guest_code_of(value)
        if guest is None or not guest.is_function_like:    # (a module frame's f_code)
            return False
        try:
            hostcode.check_locations(value)
        except NotImplementedError:
            self.face.__code__ = self.code_object()     # (as it was: the face has value now)
            raise
        self.code = guest
        self.assigned_code = value if value is not host_code(guest) else None
        self.native = None
        self.invoke = guest.invoke     # (a native entry belonged to the old code)
        return True

    def __reduce__(self):
        return self.face.__reduce__()


# CPython 3.11 counts C recursion as well as frames against the limit: every
# _Py_EnterRecursiveCall on the way from a caller's frame to the frame of the function C
# code calls is one more level (the message names the check that trips). By how C code
# reached the guest function:
_ENTRY_UNITS = {
    # type.__call__ / slot_tp_call: the class or instance is called through
    # _PyObject_MakeTpCall, then __init__/__new__/__call__ by vectorcall
    "__init__": " while calling a Python object",
    "__new__": " while calling a Python object",
    "__call__": " while calling a Python object",
    # PyObject_RichCompare (an operator, or a dict/list/set comparing its items)
    "__eq__": " in comparison", "__ne__": " in comparison", "__lt__": " in comparison",
    "__le__": " in comparison", "__gt__": " in comparison", "__ge__": " in comparison",
    # PyObject_Repr / PyObject_Str
    "__repr__": " while getting the repr of an object",
    "__str__": " while getting the str of an object",
}
# Descriptors and attribute hooks (property getters, __getattr__), __hash__ (PyObject_Hash),
# iterators and callbacks passed by vectorcall (map, filter, key= of list.sort) count no C
# level. Builtins the guest called that count one before they call back (3.11's call of a
# METH_O or METH_VARARGS builtin, sorted's call of list.sort): by the callee a tier-0 call
# closure holds in its local `fn`.
_CALLEES = (hash, repr, _pjentry.guest_repr, sorted, min, max)   # (guest_repr: the guest's repr)
_CALL_MESSAGE = " while calling a Python object"


def _classify_code(code) -> tuple:
    """For runtime_c/capi/pjcaller.c: (kind, index of local `f` or `frame`, index of local
    `fn`) of a host code object; kind 0 an interpreter frame, 1 a host library frame, 2 a
    guest function's own trampoline (passed, not counted). The indexes are into 3.11's
    local slots: co_varnames, the cell variables that are not arguments, co_freevars."""
    if code.co_filename.startswith(tracebacks._engine_dirs()):
        names = code.co_varnames + tuple(n for n in code.co_cellvars if n not in code.co_varnames) \
            + code.co_freevars
        f = names.index("f") if "f" in names else names.index("frame") if "frame" in names else -1
        return 0, f, names.index("fn") if "fn" in names else -1
    return (2 if tracebacks.is_hidden_code(code) else 1), -1, -1


_pjentry.set_caller_classifier(_classify_code)


# (frames.py's layout: pjcaller.c host_caller reads F_CODE, F_BACK, F_RETVAL)
assert (frames.F_CODE, frames.F_BACK, frames.F_RETVAL, frames.HEADER) == (0, 4, 7, 10)
_pjentry.set_host_caller_types(frames.GuestCode, NATIVE_FRAME, _CALLEES)
_pjentry.set_entry_units(_ENTRY_UNITS)
_host_caller = _pjentry.host_caller


def host_call(fn, args, kwargs, invoke=None):
    """A call of guest function `fn` from host code (or with keywords) that the native
    entry did not take (runtime_c/capi/pjentry.c: FunctionBase's tp_call). The caller's
    guest frame is found on the host stack (runtime_c/capi/pjcaller.c host_caller: tier 0
    does not publish its frames). `invoke`: run this instead of
    fn.invoke (a native call that deoptimised re-runs in tier 0).

    Host-entered calls are counted against the guest recursion limit as CPython counts
    them: the new frame is the caller's depth + the C levels between + 1 (the caller's
    F_DEPTH is raised by the C levels while the call runs, so every frame of the callee
    counts from there). Recursion through host code (repr() calling a guest __repr__ that
    calls repr()...) must fail here, in a guest call, and never at the host's own limit:
    when that trips in Function.__get__, CPython's slot lookup (slot_tp_repr) swallows the
    error and returns its default repr -- a wrong result instead of RecursionError."""
    ts = tstate
    depth = ts.host_depth = ts.host_depth + 1
    name = fn.code.name
    where = _ENTRY_UNITS.get(name)
    published = ts.frame
    back, units, counted = _host_caller(published, where is not None)
    bumped = False
    try:
        if units and back is not None:
            base = back[9]   # F_DEPTH
            limit = host_entry_limit[0]
            if base + units > limit:
                # a C check trips before the frame: CPython names the check (the callee's
                # call comes first, then the entry's own)
                exc = RecursionError("maximum recursion depth exceeded" + (
                    _CALL_MESSAGE if counted and base + 1 > limit else where or _CALL_MESSAGE))
                _pjentry.exc_state_new(exc)["pj_keep_message"] = True   # (tracebacks.py)
                raise exc
            back[9] = base + units
            bumped = True
        elif depth > host_entry_limit[0]:
            # (the caller not found: each host entry is at least a level)
            raise host_recursion_error(name)
        if kwargs:
            return fn.code.invoke_kw(fn, args, kwargs, back)
        return (invoke or fn.invoke)(fn, args, back)
    except _QUIET:
        raise       # the iteration protocol's own signals: nobody prints them
    except BaseException as e:
        tracebacks.hand_to_host(e)     # back to host code: guest frames in its traceback
        raise
    finally:
        if bumped:
            back[9] -= units
        ts.host_depth -= 1
        # the published frame is the one before the call again (the callee may have
        # published its own for a reflective call): native object code calls guest
        # functions through here, and its next callee must see the native frame as its caller
        ts.frame = published


_pjentry.set_type_attr(Function, "__qualname__", property(Function._face_qualname))
# Named as CPython's function type: type(f).__name__ is 'function' and messages say
# "'function' object ..." (type(f) is types.FunctionType stays False).
Function.__name__ = Function.__qualname__ = "function"
Function.__module__ = "builtins"

_pjentry.set_host_call(host_call)
_make_function = _pjentry.make_function
hostcode.Function, hostcode._record_of, hostcode._host_call = Function, record_of, host_call
hostcode._hand_to_host = tracebacks.hand_to_host
_pjentry.enable_vectorcall(Function)
_pjentry.set_function_type(Function)   # (object code's call-site caches read __defaults__)


class _InitProbe:
    def __init__(self):
        pass


_pjentry.set_init_probe(_InitProbe)     # (object code's calls of guest classes: slot_tp_init)


# ARGUMENTS_HANDED_OVER. invoke(fn, args, back) takes `args` as a tuple, which the caller
# keeps (host code: its references outlive the call, as a C caller's do in CPython), or as a
# list, which the caller hands over with its references: the invoker empties it (and the
# keyword dict of invoke_kw) once the frame holds the arguments. A returning call then
# releases its parameters with its other locals, in slot order, before its caller drops
# anything (CPython 3.11 moves a call's arguments into the callee's frame): tier 0's call
# closures (interp/expressions.py) pass lists and keep no argument in a local of their own.
#
# RETURNED_FRAME. The locals are released with the invoker's local `frame` rebound to the
# caller's frame: a __del__ that runs then finds the caller as the running guest frame
# (runtime_c/capi/pjcaller.c reads that local), as in CPython, whose returning frame is
# gone from the stack before its locals are cleared.


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
    # A returning call releases its locals first to last, as CPython clears a frame (a
    # frame list's own deallocation goes last to first); one slot has no order to keep.
    many_slots = len(code.varnames) > 1 or bool(code.freevars)

    def invoke_kw(fn, args, kwargs, back):
        slots = bind_arguments(fn, args, kwargs)
        hand_over(args, kwargs)    # (ARGUMENTS_HANDED_OVER: a list is emptied)
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
        # (an unstarted generator's frame has no caller: CPython's gi_frame.f_back is None
        # until a step runs it)
        frame = [code, fn.__globals__, fn.builtins, None, back if make_generator is None else None,
                 firstline, fn, None, None, depth, *slots]
        slots.clear()   # (the callers' references to it would show its empty slots to gc.get_objects)
        if make_generator is not None:
            return make_generator(fn, frame)
        try:
            result = run(frame)
        except BaseException as e:
            try:
                add_frame(e, frame)
            except RecursionError:
                pass    # at the recursion limit even this call fails: keep the guest's error unchained
            raise
        if many_slots:
            ended, frame = frame, back   # (see RETURNED_FRAME)
            release_locals(ended)
        return result

    if general or cell_slots or code.freevars or make_generator is not None:
        def invoke(fn, args, back):
            if general or len(args) != argcount:
                slots = bind_arguments(fn, args, _EMPTY)
            else:
                slots = [*args, *padding]
            hand_over(args, _EMPTY)    # (ARGUMENTS_HANDED_OVER: a list is emptied)
            return finish(fn, slots, back)
    else:
        def invoke(fn, args, back):
            # The frame in one C call (its depth the caller's + 1; a list's arguments moved
            # into it); None: a call the general path binds (defaults, CPython's TypeError),
            # or whose depth it counts (no guest caller, the recursion limit)
            frame = tier0_frame(code, firstline, padding, argcount, fn, fn.__globals__, fn.builtins,
                                back, args)
            if frame is None:
                return invoke_kw(fn, args, _EMPTY, back)
            try:
                result = run(frame)
            except BaseException as e:
                try:
                    add_frame(e, frame)
                except RecursionError:
                    pass    # at the recursion limit even this call fails: keep the guest's error unchained
                raise
            if many_slots:
                ended, frame = frame, back   # (see RETURNED_FRAME)
                release_locals(ended)
            return result

    code.invoke = invoke
    code.invoke_kw = invoke_kw


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
