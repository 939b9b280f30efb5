"""I/O against CPython: loopback TCP echo throughput and subprocess.run(['true']) latency.

Three runners share each workload and are timed in the same run:
  cpython          perf/programs/io_*.py main() on the host CPython (its socket/subprocess)
  protojit-interp  the same main() as a guest under tier 0, so `socket`, `threading` and
                   `subprocess` are protojit's lib/ modules over the C runtime
  protojit-native  (echo only) machine code built here with llvmlite that calls the C
                   runtime's pj_sock_sendall / pj_sock_recv directly; client and server
                   loops run in two threads through ctypes, which drops the GIL, so
                   neither side holds it while it blocks
Every runner checks its result (bytes echoed, exit codes). Echo throughput is
2 * 300 * 16 KiB / median (stored as extra_info echo_MB_per_s). Run: python -m pytest -q perf/bench_io.py --benchmark-only
"""
import ctypes
import importlib.util
import os
import socket
import threading

import pytest

from protojit import native
from protojit.runtime.environment import PythonEnvironment

HERE = os.path.join(os.path.dirname(__file__), "programs")
ECHO_BYTES = 300 * 16384     # io_echo.ROUNDS * io_echo.SIZE
SPAWN_RUNS = 10              # io_spawn.RUNS
ROUNDS = 9                   # timed rounds per runner (the machine is shared: medians)

def host_main(name):
    spec = importlib.util.spec_from_file_location(f"perf_{name}", os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def guest_main(name):
    env = PythonEnvironment(argv=[name], script_dir=HERE, tier="interp")
    return env.importer.load(name).main


# ---- the native echo loops (llvmlite IR builder -> MCJIT)

def _build_echo_module():
    """Client and server echo loops that call the runtime's socket functions.

    i64 pj_bench_echo_client(i32 fd, i8* out, i8* back, i64 size, i64 rounds):
        send `size` bytes, receive `size` bytes, `rounds` times; bytes received or -errno.
    i64 pj_bench_echo_server(i32 fd, i8* buf, i64 cap):
        receive and send back until EOF; bytes echoed or -errno.
    """
    from llvmlite import ir
    i32, i64, f64 = ir.IntType(32), ir.IntType(64), ir.DoubleType()
    i8p = ir.IntType(8).as_pointer()
    module = ir.Module(name="pj_bench_io")
    io_type = ir.FunctionType(i32, [i32, i8p, i64, i32, f64, i64.as_pointer()])
    sendall = ir.Function(module, io_type, "pj_sock_sendall")
    recv = ir.Function(module, io_type, "pj_sock_recv")
    zero32, block = ir.Constant(i32, 0), ir.Constant(f64, -1.0)   # flags 0, no timeout

    def fail_if_negative(b, rc, fn, ok_name):
        bad, ok = fn.append_basic_block(ok_name + ".fail"), fn.append_basic_block(ok_name)
        b.cbranch(b.icmp_signed("<", rc, zero32), bad, ok)
        b.position_at_end(bad)
        b.ret(b.sext(rc, i64))
        b.position_at_end(ok)

    client = ir.Function(module, ir.FunctionType(i64, [i32, i8p, i8p, i64, i64]),
                         "pj_bench_echo_client")
    fd, out, back, size, rounds = client.args
    b = ir.IRBuilder(client.append_basic_block("entry"))
    count, done_rounds, got = b.alloca(i64), b.alloca(i64), b.alloca(i64)
    b.store(ir.Constant(i64, 0), done_rounds)
    round_cond = client.append_basic_block("round.cond")
    b.branch(round_cond)
    b.position_at_end(round_cond)
    r = b.load(done_rounds)
    round_body, finished = client.append_basic_block("round.body"), client.append_basic_block("done")
    b.cbranch(b.icmp_signed("<", r, rounds), round_body, finished)
    b.position_at_end(round_body)
    rc = b.call(sendall, [fd, out, size, zero32, block, count])
    fail_if_negative(b, rc, client, "sent")
    b.store(ir.Constant(i64, 0), got)
    recv_cond = client.append_basic_block("recv.cond")
    b.branch(recv_cond)
    b.position_at_end(recv_cond)
    g = b.load(got)
    recv_body, round_next = client.append_basic_block("recv.body"), client.append_basic_block("round.next")
    b.cbranch(b.icmp_signed("<", g, size), recv_body, round_next)
    b.position_at_end(recv_body)
    rc = b.call(recv, [fd, b.gep(back, [g]), b.sub(size, g), zero32, block, count])
    fail_if_negative(b, rc, client, "received")
    n = b.load(count)
    eof, more = client.append_basic_block("eof"), client.append_basic_block("more")
    b.cbranch(b.icmp_unsigned("==", n, ir.Constant(i64, 0)), eof, more)
    b.position_at_end(eof)
    b.ret(ir.Constant(i64, -32))    # -EPIPE: the server went away
    b.position_at_end(more)
    b.store(b.add(g, n), got)
    b.branch(recv_cond)
    b.position_at_end(round_next)
    b.store(b.add(r, ir.Constant(i64, 1)), done_rounds)
    b.branch(round_cond)
    b.position_at_end(finished)
    b.ret(b.mul(rounds, size))

    server = ir.Function(module, ir.FunctionType(i64, [i32, i8p, i64]), "pj_bench_echo_server")
    fd, buf, cap = server.args
    b = ir.IRBuilder(server.append_basic_block("entry"))
    count, total = b.alloca(i64), b.alloca(i64)
    b.store(ir.Constant(i64, 0), total)
    loop = server.append_basic_block("loop")
    b.branch(loop)
    b.position_at_end(loop)
    rc = b.call(recv, [fd, buf, cap, zero32, block, count])
    fail_if_negative(b, rc, server, "received")
    n = b.load(count)
    eof, echo = server.append_basic_block("eof"), server.append_basic_block("echo")
    b.cbranch(b.icmp_unsigned("==", n, ir.Constant(i64, 0)), eof, echo)
    b.position_at_end(eof)
    b.ret(b.load(total))
    b.position_at_end(echo)
    rc = b.call(sendall, [fd, buf, n, zero32, block, count])
    fail_if_negative(b, rc, server, "sent")
    b.store(b.add(b.load(total), n), total)
    b.branch(loop)
    return module


_native_loops = None


def native_loops():
    """(client, server) ctypes functions over freshly compiled machine code (built once)."""
    global _native_loops
    if _native_loops is None:
        import llvmlite.binding as llvm
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        lib = native.lib()
        for name in ("pj_sock_sendall", "pj_sock_recv"):
            llvm.add_symbol(name, ctypes.cast(getattr(lib, name), ctypes.c_void_p).value)
        target = llvm.Target.from_default_triple().create_target_machine(opt=2)
        mod = llvm.parse_assembly(str(_build_echo_module()))
        mod.verify()
        engine = llvm.create_mcjit_compiler(mod, target)
        engine.finalize_object()
        client = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                                  ctypes.c_int64, ctypes.c_int64)(
            engine.get_function_address("pj_bench_echo_client"))
        server = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int, ctypes.c_void_p, ctypes.c_int64)(
            engine.get_function_address("pj_bench_echo_server"))
        _native_loops = (engine, client, server)   # the engine owns the code: keep it
    return _native_loops[1], _native_loops[2]


def native_echo(rounds=300, size=16384):
    """The io_echo workload with both loops in machine code; returns bytes echoed."""
    client_loop, server_loop = native_loops()
    srv = socket.create_server(("127.0.0.1", 0))
    results = {}
    server_buf = ctypes.create_string_buffer(65536)

    def serve():
        conn, _ = srv.accept()
        with conn:
            results["server"] = server_loop(conn.fileno(), server_buf, len(server_buf))

    t = threading.Thread(target=serve)
    t.start()
    try:
        with socket.create_connection(srv.getsockname()) as c:
            out = ctypes.create_string_buffer(b"x" * size, size)
            back = ctypes.create_string_buffer(size)
            results["client"] = client_loop(c.fileno(), out, back, size, rounds)
            assert back.raw == out.raw
    finally:
        t.join()
        srv.close()
    assert results["server"] == results["client"], results
    return results["client"]


# ---- the benchmarks

def _record(record_median, benchmark, group, runner):
    record_median(group, runner, benchmark)
    if group == "echo":
        stats = benchmark.stats.stats if hasattr(benchmark.stats, "stats") else benchmark.stats
        # MB/s over both directions, kept in the saved JSON (--benchmark-autosave)
        benchmark.extra_info["echo_MB_per_s"] = round(ECHO_BYTES * 2 / stats.median / 1e6, 1)


def test_echo_cpython(benchmark, record_median):
    benchmark.group = "echo"
    fn = host_main("io_echo")
    assert benchmark.pedantic(fn, rounds=ROUNDS, iterations=1) == ECHO_BYTES
    _record(record_median, benchmark, "echo", "cpython")


def test_echo_protojit_interp(benchmark, record_median):
    benchmark.group = "echo"
    fn = guest_main("io_echo")
    assert benchmark.pedantic(fn, rounds=ROUNDS, iterations=1) == ECHO_BYTES
    _record(record_median, benchmark, "echo", "protojit-interp")


def test_echo_protojit_native(benchmark, record_median):
    benchmark.group = "echo"
    native_loops()   # compile outside the timed rounds
    assert benchmark.pedantic(native_echo, rounds=ROUNDS, iterations=1) == ECHO_BYTES
    _record(record_median, benchmark, "echo", "protojit-native")


def test_spawn_cpython(benchmark, record_median):
    benchmark.group = "spawn"
    fn = host_main("io_spawn")
    assert benchmark.pedantic(fn, rounds=ROUNDS, iterations=1) == [0] * SPAWN_RUNS
    record_median("spawn", "cpython", benchmark)


def test_spawn_protojit_interp(benchmark, record_median):
    benchmark.group = "spawn"
    fn = guest_main("io_spawn")
    assert benchmark.pedantic(fn, rounds=ROUNDS, iterations=1) == [0] * SPAWN_RUNS
    record_median("spawn", "protojit-interp", benchmark)


