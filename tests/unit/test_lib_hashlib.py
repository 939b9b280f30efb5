"""The C runtime's hashes (runtime_c/hash_*.c) and lib/_hashlib.py against the host hashlib.

The C layer is called through protojit.native directly: one-shot and streaming
digests on random inputs and random chunkings (hypothesis), the padding and
block boundaries, HMAC and PBKDF2 against the host's hmac/hashlib, and the
error returns of the generic layer. lib/_hashlib.py (the guest module) is
loaded by path under a private name and compared the same way.
"""
import ctypes
import errno
import hashlib
import hmac
import importlib.util
import os
import threading

import pytest
from hypothesis import given, settings, strategies as st

from protojit import native

LIB = os.path.join(os.path.dirname(__file__), "..", "..", "lib")
L = native.lib()
ALGS = dict(native.HASH_IDS)
NAMES = sorted(ALGS, key=ALGS.get)
BLOCK = {"md5": 64, "sha1": 64, "sha224": 64, "sha256": 64, "sha384": 128, "sha512": 128}
SETTINGS = settings(max_examples=40, deadline=None)


def ctx_new(name):
    size = ctypes.c_size_t()
    assert L.pj_hash_ctx_size(ALGS[name], ctypes.byref(size)) == 0
    ctx = (ctypes.c_uint64 * ((size.value + 7) // 8))()
    assert L.pj_hash_init(ALGS[name], ctx, ctypes.sizeof(ctx)) == 0
    return ctx


def ctx_digest(ctx, name):
    n = hashlib.new(name).digest_size
    out = ctypes.create_string_buffer(n)
    assert L.pj_hash_final(ctx, out, n) == 0
    return out.raw


def one_shot(name, data):
    out = ctypes.create_string_buffer(native.HASH_MAX_DIGEST)
    assert L.pj_hash_digest(ALGS[name], data, len(data), out, len(out)) == 0
    return out.raw[:hashlib.new(name).digest_size]


def chunked(name, data, cuts):
    ctx = ctx_new(name)
    pos = 0
    for cut in sorted(cuts) + [len(data)]:
        piece = data[pos:cut]
        assert L.pj_hash_update(ctx, piece, len(piece)) == 0
        pos = max(pos, cut)
    return ctx_digest(ctx, name)


def accel(mode):
    """pj_hash_accel: 1 allow CPU hash instructions, 0 forbid, -1 ask; returns whether active."""
    active = ctypes.c_int()
    assert L.pj_hash_accel(mode, ctypes.byref(active)) == 0
    return bool(active.value)


@pytest.fixture(params=["accelerated", "portable"])
def code_path(request):
    """Runs a test with the CPU's hash instructions allowed, then with the portable C
    code forced, so both are checked whatever this machine has."""
    accel(1 if request.param == "accelerated" else 0)
    yield request.param
    accel(1)


@pytest.fixture(scope="module")
def guest_hashlib():
    spec = importlib.util.spec_from_file_location("_pj_guest_hashlib_test",
                                                  os.path.join(LIB, "_hashlib.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- the C layer -------------------------------------------------------------------------

def test_runtime_is_called_without_the_gil():
    # ctypes.CDLL (not PyDLL) functions release the host's lock for the whole call.
    assert isinstance(L, ctypes.CDLL) and not isinstance(L, ctypes.PyDLL)


def test_sizes_match_host():
    for name, alg in ALGS.items():
        digest, block = ctypes.c_size_t(), ctypes.c_size_t()
        assert L.pj_hash_info(alg, ctypes.byref(digest), ctypes.byref(block)) == 0
        host = hashlib.new(name)
        assert (digest.value, block.value) == (host.digest_size, host.block_size)
    assert L.pj_hash_info(ALGS["md5"], None, None) == 0


def test_accel_switch():
    assert L.pj_hash_accel(2, None) == -errno.EINVAL
    assert L.pj_hash_accel(-2, None) == -errno.EINVAL
    assert accel(0) is False
    on = accel(1)
    assert accel(-1) is on


@pytest.mark.parametrize("name", NAMES)
def test_block_boundaries(name, code_path):
    block = BLOCK[name]
    pad = block - (16 if block == 128 else 8)   # where the length field starts
    sizes = {0, 1, pad - 1, pad, pad + 1, block - 1, block, block + 1,
             2 * block - 1, 2 * block, 2 * block + 1, 3 * block + pad}
    for n in sorted(sizes):
        data = bytes((i * 31 + 7) & 0xFF for i in range(n))
        want = hashlib.new(name, data).digest()
        assert one_shot(name, data) == want, n
        # Byte at a time, then in two halves around every interesting cut.
        assert chunked(name, data, list(range(n))) == want, n
        for cut in sorted(sizes):
            if cut <= n:
                assert chunked(name, data, [cut]) == want, (n, cut)


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=3000))
def test_one_shot_matches_host(name, data):
    accel(1)
    assert one_shot(name, data) == hashlib.new(name, data).digest()


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=2000),
       cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=12))
def test_random_chunkings_match_host(name, data, cuts):
    accel(1)
    assert chunked(name, data, [c for c in cuts if c <= len(data)]) == hashlib.new(name, data).digest()


@SETTINGS
@given(name=st.sampled_from(NAMES), first=st.binary(max_size=300), second=st.binary(max_size=300))
def test_final_is_not_destructive_and_contexts_copy(name, first, second):
    ctx = ctx_new(name)
    assert L.pj_hash_update(ctx, first, len(first)) == 0
    assert ctx_digest(ctx, name) == hashlib.new(name, first).digest()
    fork = type(ctx).from_buffer_copy(ctx)     # a context is a plain value
    fork2 = type(ctx)()
    assert L.pj_hash_copy(ctx, fork2, ctypes.sizeof(fork2)) == 0
    assert L.pj_hash_update(ctx, second, len(second)) == 0
    assert ctx_digest(ctx, name) == hashlib.new(name, first + second).digest()
    assert ctx_digest(fork, name) == hashlib.new(name, first).digest()
    assert ctx_digest(fork2, name) == hashlib.new(name, first).digest()


def test_portable_code_matches_host():
    # Hypothesis examples (one engine, no fixtures per example) with the portable code forced.
    accel(0)
    try:
        for seed in range(30):
            data = os.urandom(seed * 37 + (seed % 3) * 64)
            for name in NAMES:
                assert one_shot(name, data) == hashlib.new(name, data).digest()
                assert chunked(name, data, [seed, 2 * seed + 1]) == hashlib.new(name, data).digest()
    finally:
        accel(1)


def test_large_input_matches_host(code_path):
    data = os.urandom(1 << 20) * 3
    for name in NAMES:
        assert one_shot(name, data) == hashlib.new(name, data).digest()


@SETTINGS
@given(name=st.sampled_from(NAMES), key=st.binary(max_size=300), msg=st.binary(max_size=500))
def test_hmac_matches_host(name, key, msg):
    out = ctypes.create_string_buffer(native.HASH_MAX_DIGEST)
    assert L.pj_hmac(ALGS[name], key, len(key), msg, len(msg), out, len(out)) == 0
    want = hmac.new(key, msg, name).digest()
    assert out.raw[:len(want)] == want


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(NAMES), password=st.binary(max_size=200), salt=st.binary(max_size=40),
       iterations=st.integers(min_value=1, max_value=40), dklen=st.integers(min_value=1, max_value=200))
def test_pbkdf2_matches_host(name, password, salt, iterations, dklen):
    out = ctypes.create_string_buffer(dklen)
    assert L.pj_pbkdf2_hmac(ALGS[name], password, len(password), salt, len(salt),
                            iterations, out, dklen) == 0
    assert out.raw == hashlib.pbkdf2_hmac(name, password, salt, iterations, dklen)


def test_error_returns():
    einval, enobufs = -errno.EINVAL, -errno.ENOBUFS
    size = ctypes.c_size_t()
    for bad in (0, 7, -1, 1000):
        assert L.pj_hash_info(bad, None, None) == einval
        assert L.pj_hash_ctx_size(bad, ctypes.byref(size)) == einval
        assert L.pj_hash_digest(bad, b"", 0, ctypes.create_string_buffer(64), 64) == einval
        assert L.pj_hmac(bad, b"", 0, b"", 0, ctypes.create_string_buffer(64), 64) == einval
    assert L.pj_hash_ctx_size(ALGS["md5"], None) == einval
    assert L.pj_hash_ctx_size(ALGS["md5"], ctypes.byref(size)) == 0
    buf = (ctypes.c_uint64 * (size.value // 8 + 2))()
    assert L.pj_hash_init(ALGS["md5"], buf, size.value - 1) == enobufs
    assert L.pj_hash_init(ALGS["md5"], None, size.value) == einval
    misaligned = ctypes.cast(ctypes.addressof(buf) + 1, ctypes.c_void_p)
    assert L.pj_hash_init(ALGS["md5"], misaligned, size.value) == einval
    # A buffer that was never started is refused by update and final.
    assert L.pj_hash_update(buf, b"x", 1) == einval
    assert L.pj_hash_final(buf, ctypes.create_string_buffer(64), 64) == einval
    ctx = ctx_new("sha256")
    assert L.pj_hash_copy(buf, ctx, ctypes.sizeof(ctx)) == einval          # src never started
    assert L.pj_hash_copy(ctx, None, ctypes.sizeof(ctx)) == einval
    assert L.pj_hash_copy(ctx, misaligned, ctypes.sizeof(ctx)) == einval
    assert L.pj_hash_copy(ctx, buf, size.value - 1) == enobufs
    assert L.pj_hash_update(ctx, None, 5) == einval
    assert L.pj_hash_update(ctx, None, 0) == 0
    assert L.pj_hash_final(ctx, ctypes.create_string_buffer(31), 31) == enobufs
    assert L.pj_hash_final(ctx, None, 32) == einval
    assert L.pj_hash_digest(ALGS["sha512"], b"x", 1, ctypes.create_string_buffer(63), 63) == enobufs
    assert L.pj_hash_digest(ALGS["sha512"], None, 1, ctypes.create_string_buffer(64), 64) == einval
    assert L.pj_hmac(ALGS["sha1"], None, 3, b"", 0, ctypes.create_string_buffer(20), 20) == einval
    assert L.pj_hmac(ALGS["sha1"], b"", 0, b"", 0, ctypes.create_string_buffer(19), 19) == enobufs
    out = ctypes.create_string_buffer(32)
    assert L.pj_pbkdf2_hmac(ALGS["sha256"], b"p", 1, b"s", 1, 0, out, 32) == einval
    assert L.pj_pbkdf2_hmac(ALGS["sha256"], b"p", 1, b"s", 1, 1, out, 0) == einval
    assert L.pj_pbkdf2_hmac(ALGS["sha256"], None, 1, b"s", 1, 1, out, 32) == einval
    assert L.pj_pbkdf2_hmac(ALGS["sha256"], b"p", 1, b"s", 1, 1, None, 32) == einval
    # The RFC's limit: dklen > (2^32 - 1) * hLen, checked before any work.
    assert L.pj_pbkdf2_hmac(ALGS["md5"], b"p", 1, b"s", 1, 1, out, ((1 << 32) - 1) * 16 + 1) \
        == -errno.EOVERFLOW


# ---- lib/_hashlib.py ---------------------------------------------------------------------

@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=2000),
       cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=8),
       kind=st.sampled_from([bytes, bytearray, memoryview]))
def test_guest_objects_match_host(guest_hashlib, name, data, cuts, kind):
    h = guest_hashlib.new(name)
    pos = 0
    for cut in sorted(c for c in cuts if c <= len(data)) + [len(data)]:
        h.update(kind(data[pos:cut]))
        pos = max(pos, cut)
    want = hashlib.new(name, data)
    assert h.digest() == want.digest()
    assert h.hexdigest() == want.hexdigest()
    assert (h.name, h.digest_size, h.block_size) == (want.name, want.digest_size, want.block_size)
    c = h.copy()
    c.update(b"tail")
    assert c.digest() == hashlib.new(name, data + b"tail").digest()
    assert h.digest() == want.digest()


def test_guest_concurrent_updates_are_serialised(guest_hashlib):
    chunk = os.urandom(4096)
    h = guest_hashlib.openssl_sha256()

    def feed():
        for _ in range(50):
            h.update(chunk)

    threads = [threading.Thread(target=feed) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert h.digest() == hashlib.sha256(chunk * 200).digest()


def test_guest_errors(guest_hashlib):
    with pytest.raises(TypeError, match="^Strings must be encoded before hashing$"):
        guest_hashlib.openssl_md5("x")
    with pytest.raises(TypeError, match="^object supporting the buffer API required$"):
        guest_hashlib.openssl_md5().update(1)
    with pytest.raises(ValueError, match="^unsupported hash type whirlpool$"):
        guest_hashlib.new("whirlpool")
    with pytest.raises(ValueError, match="^iteration value must be greater than 0.$"):
        guest_hashlib.pbkdf2_hmac("sha1", b"", b"", 0)
    assert guest_hashlib.hmac_digest(b"k", b"m", "sha384") == hmac.digest(b"k", b"m", "sha384")
