"""Callees whose code a compiled unit runs as its own (shared by compiler.py's NativeSpec
and generators.py's GeneratorSpec).

The `name` of a deps entry (guest function, CALLEE_CODE, GuestCode): the machine code runs
that function's code as its own, and holds while the function still runs it (its __code__
may be assigned; runtime_c/capi/pjentry.c spec_deps_check).
"""
from __future__ import annotations

CALLEE_CODE = object()


def callees_hold(callees) -> bool:
    """Does each (function, GuestCode) pair's function still run that code?"""
    from protojit.runtime.function import record_of
    for face, code in callees:
        record = record_of(face)
        if record is None or record.code is not code:
            return False
    return True
