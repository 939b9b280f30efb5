"""The C boundary: every pj_ function the Python side declares agrees with
runtime_c/pj_runtime.h (arity, each parameter's and the result's type), and so do the
structs and constants protojit/native.py mirrors. Read through tests/unit/pj_header.py,
the tests' one parser of the header."""
import ctypes
import types

import pytest

import pj_header
from protojit import native, threadprims

STRUCTS = {"pj_block_allocator": native.BlockAllocator, "pj_spawn_action": native.SpawnAction,
           "pj_spawn_attrs": native.SpawnAttrs, "pj_addrinfo": native.AddrInfo,
           "pj_iov": native.Iov}


class _Recorder:
    """Stands for the loaded library while native._declare runs: records each declaration."""

    def __init__(self):
        self.declared = {}

    def __getattr__(self, name):
        return self.declared.setdefault(name, types.SimpleNamespace())


def _declarations() -> dict:
    rec = _Recorder()
    native._declare(rec)
    return rec.declared


def _check(name, restype, argtypes, protos):
    assert name in protos, f"{name} is declared in Python but not in pj_runtime.h"
    c_result, c_params = protos[name]
    problems = []
    if not pj_header.ctypes_matches(c_result, restype, STRUCTS):
        problems.append(f"result {c_result!r} declared as {restype}")
    if argtypes is None or len(argtypes) != len(c_params):
        return [f"{len(c_params)} parameters in C, argtypes {argtypes}"]
    for i, (c_param, argtype) in enumerate(zip(c_params, argtypes)):
        if not pj_header.ctypes_matches(c_param, argtype, STRUCTS):
            problems.append(f"parameter {i} {c_param!r} declared as {argtype}")
    return problems


def test_every_native_declaration_agrees_with_the_header():
    protos = pj_header.prototypes()
    declared = _declarations()
    assert len(declared) >= 120       # every service: threads, locks, env, dl, hashes, sockets,
    #                                   processes, sqlite, arena
    wrong = {name: _check(name, d.restype, d.argtypes, protos) for name, d in declared.items()}
    assert {name: p for name, p in wrong.items() if p} == {}


def test_the_loaded_library_has_every_declared_function():
    lib = native.lib()
    assert [name for name in _declarations() if not hasattr(lib, name)] == []


def test_threadprims_prototypes_agree_with_the_header():
    """threadprims.py makes its own GIL-holding prototypes of some functions."""
    lib = native.lib()
    protos = pj_header.prototypes()
    by_address = {ctypes.cast(getattr(lib, name), ctypes.c_void_p).value: name
                  for name in protos if hasattr(lib, name)}
    found = {}
    for attr, value in vars(threadprims).items():
        if isinstance(value, ctypes._CFuncPtr):
            name = by_address.get(ctypes.cast(value, ctypes.c_void_p).value)
            if name is not None:
                found[name] = _check(name, value.restype, value.argtypes, protos)
    assert len(found) >= 10
    assert {name: p for name, p in found.items() if p} == {}


@pytest.mark.parametrize("c_name", sorted(STRUCTS))
def test_structs_agree_with_the_header(c_name):
    fields = pj_header.structs()[c_name]
    ctype = STRUCTS[c_name]
    assert len(ctype._fields_) == len(fields), c_name
    for (c_field, c_type, length), (py_field, py_type) in zip(fields, ctype._fields_):
        assert py_type is pj_header.field_ctype(c_type, length, STRUCTS) or (
            length is not None and py_type._length_ == length
            and py_type._type_ is pj_header.field_ctype(c_type, None, STRUCTS)), (c_field, py_field)


def test_constants_agree_with_the_header():
    d = pj_header.defines()
    assert native.SOCKADDR_MAX == d["PJ_SOCKADDR_MAX"]
    assert native.SOCK_TIMEOUT == d["PJ_SOCK_TIMEOUT"]
    assert native.SOCK_GAIERROR == d["PJ_SOCK_GAIERROR"]
    assert native.SOCK_HERROR == d["PJ_SOCK_HERROR"]
    assert native.SOCK_CONTROL_MAX == d["PJ_SOCK_CONTROL_MAX"]
    assert native.HASH_MAX_DIGEST == d["PJ_HASH_MAX_DIGEST"]
    assert native.HASH_MAX_BLOCK == d["PJ_HASH_MAX_BLOCK"]
    assert native.HASH_IDS == {name.lower(): d["PJ_HASH_" + name.upper()] for name in native.HASH_IDS}


def test_the_checker_refuses_a_wrong_declaration():
    """ctypes_matches itself: a narrower integer, a wrong pointee or a missing pointer fail."""
    assert not pj_header.ctypes_matches("size_t", ctypes.c_int, STRUCTS)
    assert not pj_header.ctypes_matches("int *", ctypes.POINTER(ctypes.c_long), STRUCTS)
    assert not pj_header.ctypes_matches("int64_t *", ctypes.c_int64, STRUCTS)
    assert not pj_header.ctypes_matches("const pj_spawn_attrs *", ctypes.POINTER(native.Iov), STRUCTS)
    assert not pj_header.ctypes_matches("void", ctypes.c_int, STRUCTS)
    assert pj_header.ctypes_matches("char * const *", ctypes.POINTER(ctypes.c_char_p), STRUCTS)
