"""The block cache in front of the host's arena allocator (runtime_c/arena.c,
protojit/native.install_arena_cache): argument checks, one cache per process,
and that guest recursion crossing a frame-stack chunk boundary reuses blocks
instead of mapping new ones.
"""
import ctypes
import errno
import subprocess
import sys
import textwrap

from protojit import native

L = native.lib()


def test_wrap_checks_its_arguments():
    out = native.BlockAllocator()
    assert L.pj_arena_cache_wrap(None, ctypes.byref(out)) == -errno.EINVAL
    empty = native.BlockAllocator()
    assert L.pj_arena_cache_wrap(ctypes.byref(empty), ctypes.byref(out)) == -errno.EINVAL
    assert L.pj_arena_cache_stats(None, None, None) == -errno.EINVAL


def test_one_cache_per_process():
    assert native.install_arena_cache()
    assert native.install_arena_cache()          # idempotent
    current, again = native.BlockAllocator(), native.BlockAllocator()
    api = ctypes.pythonapi
    api.PyObject_GetArenaAllocator(ctypes.byref(current))
    # Wrapping the installed cache hands back the cache itself ...
    assert L.pj_arena_cache_wrap(ctypes.byref(current), ctypes.byref(again)) == 0
    assert (again.alloc, again.free) == (current.alloc, current.free)
    # ... while a cache over some other allocator is refused.
    other = native.BlockAllocator(None, ctypes.cast(L.pj_abi_version, ctypes.c_void_p).value,
                                  ctypes.cast(L.pj_abi_version, ctypes.c_void_p).value)
    assert L.pj_arena_cache_wrap(ctypes.byref(other), ctypes.byref(again)) == -errno.EEXIST


def test_recursion_across_a_chunk_boundary_reuses_blocks():
    # A fresh process: start a small recursion from every host stack depth up to a few
    # chunks, so at some depths it crosses a 16 KiB frame-stack chunk boundary back and
    # forth; each crossing after the first must come from the cache.
    program = textwrap.dedent("""
        from protojit import native
        assert native.install_arena_cache()
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        def deep(k):
            return fib(10) if k == 0 else deep(k - 1)
        before = native.arena_cache_stats()
        assert all(deep(k) == 55 for k in range(600))
        hits, misses, held = native.arena_cache_stats()
        assert hits - before[0] > 100 * (misses - before[1]), (before, hits, misses)
        assert held <= 4 * 1024 * 1024
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr
