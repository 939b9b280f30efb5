"""Native code calling guest ctypes functions directly, by address, without a stub.

In: a guest ctypes function object (lib/ctypes) whose call plan protojit/ffi.py made.
Out: `native_callee` gives a NativeCallee (address, C signature, the plan to guard on)
when machine code may call it directly, and `emit_native_call` emits that call with the
platform C ABI into an llvmlite function (codegen/lower.py lower_ForeignCall).
"""
from __future__ import annotations

import ctypes as _host_ctypes
from dataclasses import dataclass

from llvmlite import ir

from protojit.ffi import (CODES, FFIError, Signature, call_entry, format_signature,
                          is_callback_address, llvm_function_type)

__all__ = ["NativeCallee", "native_callee", "emit_native_call"]

_I64, _F64 = ir.IntType(64), ir.DoubleType()


_NATIVE_INTS = "bBhHiIqQ"


@dataclass(frozen=True)
class NativeCallee:
    """A guest ctypes function that machine code may call directly: address + signature.

    Only functions whose argtypes are all C integers or floating types and whose restype
    is one of those or None, without errcheck, qualify (what `native_callee` checks).
    `plan` is the function's call plan when this was taken: native code must guard on
    `still_valid(func)` (a changed argtypes/restype/errcheck replaces the plan), as it
    guards the global name it read the function from.
    """
    address: int
    sig: Signature
    plan: tuple

    def still_valid(self, func) -> bool:
        return getattr(func, "_pj_plan", None) is self.plan

    def llvm_type(self) -> ir.FunctionType:
        return llvm_function_type(self.sig)

    @property
    def pure(self) -> bool:
        """True for a C library function known to have no visible effect (abs, sqrt,
        cos, ...): native code may call it again when tier 0 re-runs a call after a
        deopt. Any other foreign call is a visible effect (codegen/analysis.py)."""
        return self.address in _pure_addresses()

    def describe(self) -> str:
        return f"{format_signature(self.sig)}{'' if self.pure else ' effect'}"


# libc/libm functions that only compute their result (errno, which pow/sqrt may set, is
# not visible: plan-called functions never use use_errno, ctypes' private errno copy).
_PURE_NAMES = ("abs labs llabs imaxabs toupper tolower isalpha isdigit isalnum isspace isupper "
               "islower isxdigit ispunct isprint iscntrl isgraph "
               "sqrt cbrt exp exp2 expm1 log log2 log10 log1p pow sin cos tan asin acos atan "
               "atan2 sinh cosh tanh asinh acosh atanh hypot fabs floor ceil trunc round rint "
               "nearbyint fmod remainder copysign fmin fmax fdim fma erf erfc tgamma ldexp").split()
_pure_cache: list = []


def _pure_addresses() -> frozenset:
    if not _pure_cache:
        found = set()
        for lib in (None, "libm.so.6"):
            try:
                handle = _host_ctypes.CDLL(lib)
            except OSError:
                continue
            for name in _PURE_NAMES:
                for variant in (name, name + "f"):
                    try:
                        found.add(_host_ctypes.cast(getattr(handle, variant), _host_ctypes.c_void_p).value)
                    except AttributeError:
                        pass
        found.discard(None)
        _pure_cache.append(frozenset(found))
    return _pure_cache[0]


_NATIVE_RAW = frozenset("bBhHiIlLqQfdv")


def _raw_argcodes(obj):
    """The ctypes codes of the guest function's argtypes (its `_type_`s), as declared."""
    return [getattr(t, "_type_", "?") if isinstance(getattr(t, "_type_", None), str) else "?"
            for t in (getattr(obj, "_argtypes", None) or ())]


def native_callee(obj) -> NativeCallee | None:
    """The NativeCallee of a guest ctypes function object, or None (call it from tier 0)."""
    plan = getattr(type(obj), "__call__", None) is call_entry and getattr(obj, "_pj_plan", None)
    if not plan:
        return None
    _entry, fnaddr, _plain, convert, errcheck, restype, _by_codes, converters, sig = plan
    if sig is None or convert is not None or errcheck is not None or fnaddr == 0:
        return None
    if restype not in _NATIVE_RAW or any(c not in _NATIVE_RAW for c in _raw_argcodes(obj)):
        return None             # c_bool, c_char, pointers...: not plain C numbers
    if not all(c in _NATIVE_INTS or c in "fd" for c in sig.argtypes):
        return None
    if sig.restype not in _NATIVE_INTS and sig.restype not in "fdv" or sig.restype == "Q":
        return None             # an unsigned 64-bit result may not fit the tier's int64
    if is_callback_address(fnaddr):
        return None             # a CFUNCTYPE callback runs guest code: native code never re-enters it
    return NativeCallee(fnaddr, sig, plan)


def emit_native_call(builder: ir.IRBuilder, callee: NativeCallee, args):
    """Emit a direct call of `callee` from native code; returns the result value.

    `args` are the native tier's values: i64 (ints, ctypes wraps them to the C width:
    trunc), i1 (bools), double. An int for a floating parameter converts like
    float(int) (sitofp); a double for an integer parameter is the caller's error (ctypes
    raises "wrong type") and is refused here. The result comes back as i64 (sign- or
    zero-extended per the C type), double (a float result is extended) or None for void.
    """
    fnty = callee.llvm_type()
    if len(args) != len(fnty.args):
        raise FFIError(f"{format_signature(callee.sig)} takes {len(fnty.args)} arguments, "
                       f"got {len(args)}")
    values = []
    for value, code, ty in zip(args, callee.sig.argtypes, fnty.args):
        if code in "fd":
            if isinstance(value.type, ir.IntType):
                value = builder.sitofp(value, _F64) if value.type.width > 1 else builder.uitofp(value, _F64)
            values.append(builder.fptrunc(value, ty) if code == "f" else value)
        else:
            if not isinstance(value.type, ir.IntType):
                raise FFIError(f"a {value.type} argument where {format_signature(callee.sig)} "
                               f"expects an integer")
            if value.type.width > ty.width:
                value = builder.trunc(value, ty)
            elif value.type.width < ty.width:
                value = builder.zext(value, ty)
            values.append(value)
    fnptr = builder.inttoptr(ir.Constant(_I64, callee.address), fnty.as_pointer())
    arg_attrs = {i: (CODES[c].ext,) for i, c in enumerate(callee.sig.argtypes) if CODES[c].ext}
    result = builder.call(fnptr, values, arg_attrs=arg_attrs or None)
    code = callee.sig.restype
    if code == "v":
        return None
    if code == "f":
        return builder.fpext(result, _F64)
    if code == "d":
        return result
    if CODES[code].llvm.width == 64:
        return result
    signed = code in "bhi"
    return builder.sext(result, _I64) if signed else builder.zext(result, _I64)
