"""The machine-code engine: LLVM module -> optimised machine code in this process.

In: an `llvmlite.ir.Module` from lower.py and the names of its C entries.
Out: addresses of those entries (compiler.py wraps them in ctypes functions).
One MCJIT engine serves the whole process; each compilation unit is a new
module with unique symbol names added to it. Optimisation uses the new pass
manager at O3 for the host CPU. External symbols (libm) are checked before
the module is finalised, since an unresolved symbol aborts the process.
An optional on-disk object cache (cache.py) skips codegen on a second run.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time

import llvmlite.binding as llvm

from .errors import Unsupported

_lock = threading.Lock()
_engine = None
_tm = None
_CODEMODEL = "small"


def _init():
    global _engine, _tm
    if _engine is not None:
        return
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    libm = ctypes.util.find_library("m")
    if libm:
        llvm.load_library_permanently(libm)
    target = llvm.Target.from_default_triple()
    _tm = target.create_target_machine(cpu=llvm.get_host_cpu_name(),
                                       features=llvm.get_host_cpu_features().flatten(),
                                       opt=3, codemodel=_CODEMODEL)
    backing = llvm.parse_assembly("")
    backing.triple = llvm.get_process_triple()
    _engine = llvm.create_mcjit_compiler(backing, _tm)


def target_machine():
    with _lock:
        _init()
        return _tm


def optimise(mod, level: int = 3) -> None:
    pto = llvm.create_pipeline_tuning_options(speed_level=level)
    pb = llvm.create_pass_builder(_tm, pto)
    pb.getModulePassManager().run(mod, pb)


def _check_externals(mod) -> None:
    for f in mod.functions:
        if f.is_declaration and not f.name.startswith("llvm."):
            if not llvm.address_of_symbol(f.name):
                raise Unsupported(f"external symbol {f.name} not found")


class Compiled:
    """Machine code for one unit: entry name -> address; timings for the trace."""

    def __init__(self, addresses: dict[str, int], llvm_ir: str, optimised_ir: str, times: dict):
        self.addresses = addresses
        self.llvm_ir = llvm_ir
        self.optimised_ir = optimised_ir
        self.times = times


def compile_module(module_ir, entries: list[str], keep_ir: bool = False) -> Compiled:
    """Verify, optimise and finalise `module_ir` (an llvmlite.ir.Module)."""
    t0 = time.perf_counter()
    text = str(module_ir)
    with _lock:
        _init()
        mod = llvm.parse_assembly(text)
        mod.triple = llvm.get_process_triple()
        mod.data_layout = str(_tm.target_data)
        mod.verify()
        t1 = time.perf_counter()
        optimise(mod)
        opt_text = str(mod) if keep_ir else ""
        t2 = time.perf_counter()
        _check_externals(mod)
        _engine.add_module(mod)
        _engine.finalize_object()
        addresses = {name: _engine.get_function_address(name) for name in entries}
        t3 = time.perf_counter()
    return Compiled(addresses, text if keep_ir else "", opt_text,
                    {"parse_verify": t1 - t0, "optimise": t2 - t1, "codegen": t3 - t2})
