"""Hot paths inline in object code's machine code at level 1 (codegen/jit.py).

In: an object-code module at level 1 (llvmlite.binding: parsed from lowerobj.py's text,
several linked into one by batch.py, or level 0's optimised bitcode made again at level 1).
Out: the same module with the bodies of two C-API calls it makes most often linked in,
`alwaysinline` and then internal (`link_into`; jit.optimise's level-1 pass list runs the
always-inliner first), so
that each call's common case is a few loads and a compare in the caller:

- Py_DecRef (lowerobj.py decref/xdecref): CPython 3.11's Py_XDECREF, a decrement and
  _Py_Dealloc at zero (ob_refcnt is the first word; no immortal objects in 3.11).
- pj_load_global (runtime_c/capi/pjobj.c): its last result, kept in the site's cache with
  the globals' and builtins' ma_version_tag it was read under (the `hit_*` fields). Both
  tags unchanged mean neither dict changed since (3.11 gives a dict a new tag, unique in the
  process, at every insert, replace or delete), so the value is still the one a lookup
  finds and the dict still holds it; anything else calls pj_load_global_lookup (pjobj.c:
  pj_load_global itself, under another name), which refills them.
- attribute slots (lowerobj.py attr_slot_function): not a C-API body but the module's own
  `.attr_slot.get`/`.attr_slot.set`, the site's first cache entry checked (an inline value
  or a __slots__ member), made `alwaysinline` so each attribute read or write finds its
  slot with a few loads and compares in the caller; their `.full` rest stays a call.
  Callgrind, pyperformance raytrace (drv.py 20x20 scene) at --tier jit: attr_slot.get ran
  9.0M instructions per iteration of 142M (about 37 a read with the call).

Level 0 keeps the calls: they keep the module's blocks few, which is what its LLVM time
per function depends on (every function at --tier jit compiles at level 0 first); level 1
is small object code at its first compile (--tier auto) and code made again once it proved
hot (recompile_bitcode). Callgrind, pyperformance richards at level 1: Py_DecRef was called
4.6M times per iteration and pj_load_global 430k times (~48 instructions each with the
call); level 1's LLVM time for richards' 41 modules grows by about a fifth.
"""
from __future__ import annotations

import os

import llvmlite.binding as llvm

# PyDictObject's ma_version_tag; PjGlobalCache's hit_globals_version, hit_builtins_version
# and hit_value (pjobj.c asserts the cache's offsets)
DICT_VERSION = 24
CACHE_HIT_GLOBALS, CACHE_HIT_BUILTINS, CACHE_HIT_VALUE = 40, 48, 56

_DECREF = """define linkonce_odr void @"Py_DecRef"(ptr %"o") alwaysinline
{
entry:
  %"live" = icmp ne ptr %"o", null
  br i1 %"live", label %"dec", label %"done"
dec:
  %"n" = load i64, ptr %"o"
  %"m" = sub i64 %"n", 1
  store i64 %"m", ptr %"o"
  %"dead" = icmp eq i64 %"m", 0
  br i1 %"dead", label %"free", label %"done", !prof !{!"branch_weights", i32 1, i32 1000}
free:
  call void @"_Py_Dealloc"(ptr %"o")
  br label %"done"
done:
  ret void
}
declare void @"_Py_Dealloc"(ptr)
"""

_GLOBAL = f"""define linkonce_odr ptr @"pj_load_global"(ptr %"g", ptr %"b", ptr %"name", ptr %"c") alwaysinline
{{
entry:
  %"gvp" = getelementptr i8, ptr %"g", i64 {DICT_VERSION}
  %"gv" = load i64, ptr %"gvp"
  %"cgp" = getelementptr i8, ptr %"c", i64 {CACHE_HIT_GLOBALS}
  %"cg" = load i64, ptr %"cgp"
  %"bvp" = getelementptr i8, ptr %"b", i64 {DICT_VERSION}
  %"bv" = load i64, ptr %"bvp"
  %"cbp" = getelementptr i8, ptr %"c", i64 {CACHE_HIT_BUILTINS}
  %"cb" = load i64, ptr %"cbp"
  %"sameg" = icmp eq i64 %"gv", %"cg"
  %"sameb" = icmp eq i64 %"bv", %"cb"
  %"same" = and i1 %"sameg", %"sameb"
  br i1 %"same", label %"hit", label %"slow", !prof !{{!"branch_weights", i32 1000, i32 1}}
hit:
  %"vp" = getelementptr i8, ptr %"c", i64 {CACHE_HIT_VALUE}
  %"v" = load ptr, ptr %"vp"
  %"n" = load i64, ptr %"v"
  %"n1" = add i64 %"n", 1
  store i64 %"n1", ptr %"v"
  ret ptr %"v"
slow:
  %"r" = call ptr @"pj_load_global_lookup"(ptr %"g", ptr %"b", ptr %"name", ptr %"c")
  ret ptr %"r"
}}
declare ptr @"pj_load_global_lookup"(ptr, ptr, ptr, ptr)
"""

# PJ_HOT_PATHS=0: level 1 keeps the calls; =decref, =global or =attr: only that one (a
# development switch, to compare)
_CHOSEN = os.environ.get("PJ_HOT_PATHS", "decref,global,attr").split(",")
_BODIES = {"decref": ("Py_DecRef", _DECREF), "global": ("pj_load_global", _GLOBAL)}
# the module's own functions made alwaysinline (lowerobj.py attr_slot_function's names)
_OWN = {"attr": (".attr_slot.get", ".attr_slot.set")}


def link_into(mod) -> bool:
    """Link the bodies `mod` calls into it, internal, and mark its own attribute-slot
    functions alwaysinline; whether there were any (then jit.optimise at level 1 must run
    before its code is made)."""
    linked = False
    for key, (name, text) in _BODIES.items():
        if key not in _CHOSEN:
            continue
        try:
            f = mod.get_function(name)
        except NameError:
            continue
        if not f.is_declaration:
            continue
        body = llvm.parse_assembly(text)
        body.triple, body.data_layout = mod.triple, mod.data_layout
        mod.link_in(body)   # (the declaration takes the definition; `body` is used up)
        mod.get_function(name).linkage = llvm.Linkage.internal
        linked = True
    suffixes = tuple(x for key, names in _OWN.items() if key in _CHOSEN for x in names)
    for f in mod.functions:
        if suffixes and f.name.endswith(suffixes) and not f.is_declaration:
            f.add_function_attribute("alwaysinline")
            linked = True
    return linked

