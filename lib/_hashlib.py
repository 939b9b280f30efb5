"""The guest `_hashlib`: MD5, SHA-1 and SHA-2 hash objects on protojit's C runtime.

In: bytes-like data from lib/hashlib.py and guest programs. Out: `HASH`
objects shaped like CPython's `_hashlib.HASH` (update, digest, hexdigest,
copy, name, digest_size, block_size), the `openssl_*` constructors,
`new`, `pbkdf2_hmac` and `hmac_digest`. Below: runtime_c/hash_*.c through
protojit.native (ctypes). Every ctypes call releases the host's global lock,
so large updates hash in parallel with other threads; a per-object lock keeps
concurrent updates of one object from interleaving inside the C context (CPython
serialises them too).

The names say "openssl" because CPython's constructors have those names (they
appear in its error messages); the code here is protojit's own C, no OpenSSL.
"""
from protojit import native as _native
from protojit.hostmods import host_import as _host_import
from protojit.runtime.typenames import make_immutable as _make_immutable, set_c_type_name as _set_c_type_name

_ctypes = _host_import("ctypes")
_thread = _host_import("_thread")
_host_hashlib = _host_import("_hashlib")

__all__ = ["HASH", "HASHXOF", "new", "openssl_md5", "openssl_sha1", "openssl_sha224", "openssl_sha256",
           "openssl_sha384", "openssl_sha512", "pbkdf2_hmac", "hmac_digest",
           "openssl_md_meth_names", "get_fips_mode", "compare_digest"]

_L = _native.lib()
_IDS = dict(_native.HASH_IDS)
# Spellings OpenSSL also accepts for these digests ("SHA-256"); names are case-insensitive.
_ALIASES = {"sha-1": "sha1", "sha-224": "sha224", "sha-256": "sha256", "sha-384": "sha384",
            "sha-512": "sha512"}
openssl_md_meth_names = frozenset(_IDS)

_c_size_t = _ctypes.c_size_t
_c_uint64 = _ctypes.c_uint64
_c_char = _ctypes.c_char
_byref = _ctypes.byref
_memmove = _ctypes.memmove

# Per algorithm: (alg id, name, digest size, block size, context array type,
# digest buffer type, freshly initialised context to copy from).
_INFO = {}
_SIZES = {}
for _name, _alg in _IDS.items():
    _digest, _block, _ctx = _c_size_t(), _c_size_t(), _c_size_t()
    _native.check(_L.pj_hash_info(_alg, _byref(_digest), _byref(_block)))
    _native.check(_L.pj_hash_ctx_size(_alg, _byref(_ctx)))
    _ctx_type = _c_uint64 * ((_ctx.value + 7) // 8)
    _template = _ctx_type()
    _native.check(_L.pj_hash_init(_alg, _template, _ctypes.sizeof(_template)))
    _INFO[_name] = (_alg, _name, _digest.value, _block.value, _ctx_type,
                    _c_char * _digest.value, _template)
    _SIZES[_alg] = (_digest.value, _block.value)
del _name, _alg, _digest, _block, _ctx, _ctx_type, _template

_hash_update = _L.pj_hash_update
_hash_final = _L.pj_hash_final
_allocate_lock = _thread.allocate_lock
_object_new = object.__new__
_object_setattr = object.__setattr__


def _canonical(name):
    """The runtime's name for a digest name (case-insensitive, OpenSSL aliases), or None."""
    key = name.lower()
    key = _ALIASES.get(key, key)
    return key if key in _IDS else None


def _as_buffer(data):
    """(pointer argument, length) for a bytes-like object, without copying when possible.

    CPython's messages: str -> 'Strings must be encoded before hashing', anything
    without the buffer protocol -> 'object supporting the buffer API required'."""
    kind = type(data)
    if kind is bytes:
        return data, len(data)
    if isinstance(data, str):
        raise TypeError("Strings must be encoded before hashing")
    if kind is bytearray:
        n = len(data)
        return ((_c_char * n).from_buffer(data) if n else None), n
    try:
        view = memoryview(data)
    except TypeError:
        raise TypeError("object supporting the buffer API required") from None
    if not view.c_contiguous:
        raise BufferError("memoryview: underlying buffer is not C-contiguous")
    n = view.nbytes
    if n == 0:
        return None, 0
    if view.readonly:
        return view.tobytes(), n
    flat = view.cast("B") if (view.format != "B" or view.ndim != 1) else view
    return (_c_char * n).from_buffer(flat), n


def _new_hash(info, ctx=None):
    """A HASH for info (an _INFO entry) over a copy of ctx, or a fresh context."""
    if ctx is None:
        ctx = info[6]
    self = _object_new(HASH)
    _object_setattr(self, "_st", (info, info[4].from_buffer_copy(ctx), _allocate_lock()))
    return self


def _arguments_error(method, args, kwargs, most):
    if kwargs:
        raise TypeError(f"HASH.{method}() takes no keyword arguments")
    if most == 0:
        raise TypeError(f"HASH.{method}() takes no arguments ({len(args)} given)")
    raise TypeError(f"HASH.{method}() takes exactly one argument ({len(args)} given)")


class _HASHType(type):
    """HASH's metaclass. The program has one `_hashlib` (CPython's name for OpenSSL's hash
    objects): hashlib's sha3/shake/blake2 objects are the host's OpenSSL ones
    (lib/hashlib.py), and they are `_hashlib.HASH` objects too, as in CPython, whose
    tests skip what only OpenSSL's objects lack with isinstance(h, _hashlib.HASH)."""

    def __instancecheck__(cls, obj):
        return type.__instancecheck__(cls, obj) or (
            cls is HASH and isinstance(obj, _host_hashlib.HASH))

    def __subclasscheck__(cls, sub):
        return type.__subclasscheck__(cls, sub) or (
            cls is HASH and issubclass(sub, _host_hashlib.HASH))


_HASHType.__module__ = "_hashlib"
# The XOF objects (shake_*) are always the host's OpenSSL ones (see _HASHType).
HASHXOF = _host_hashlib.HASHXOF
if hasattr(_host_hashlib, "scrypt"):
    scrypt = _host_hashlib.scrypt


class HASH(metaclass=_HASHType):
    """A running hash (MD5, SHA-1, SHA-224/256/384/512) over the runtime's C code.

    Create one with `new(name)` or a named constructor; `HASH()` itself is refused
    as in CPython. The one slot holds (info, context, lock): the context is a
    plain value, so copy() is a memory copy."""
    __slots__ = ("_st",)

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '_hashlib.HASH' instances")

    def __setattr__(self, attr, value):
        if attr in ("name", "digest_size", "block_size"):
            raise AttributeError(f"attribute '{attr}' of '_hashlib.HASH' objects is not writable")
        raise AttributeError(f"'_hashlib.HASH' object has no attribute '{attr}'")

    @property
    def name(self):
        return self._st[0][1]

    @property
    def digest_size(self):
        return self._st[0][2]

    @property
    def block_size(self):
        return self._st[0][3]

    def update(self, *args, **kwargs):
        """Feed a bytes-like object to the hash."""
        if kwargs or len(args) != 1:
            _arguments_error("update", args, kwargs, 1)
        data = args[0]
        if type(data) is bytes:
            n = len(data)
        else:
            data, n = _as_buffer(data)
        if n:
            st = self._st
            with st[2]:
                rc = _hash_update(st[1], data, n)
            if rc:
                _native.check(rc)

    def _digest(self):
        info, ctx, lock = self._st
        out = info[5]()
        with lock:
            rc = _hash_final(ctx, out, info[2])
        if rc:
            _native.check(rc)
        return out.raw

    def digest(self, *args, **kwargs):
        """The digest of the data fed so far, as bytes; more updates may follow."""
        if args or kwargs:
            _arguments_error("digest", args, kwargs, 0)
        return self._digest()

    def hexdigest(self, *args, **kwargs):
        """The digest as a string of lowercase hex digits."""
        if args or kwargs:
            _arguments_error("hexdigest", args, kwargs, 0)
        return self._digest().hex()

    def copy(self, *args, **kwargs):
        """An independent hash object in the same state."""
        if args or kwargs:
            _arguments_error("copy", args, kwargs, 0)
        info, ctx, lock = self._st
        with lock:
            return _new_hash(info, ctx)

    def __repr__(self):
        return f"<{self._st[0][1]} _hashlib.HASH object @ {id(self):#x}>"

    def __reduce__(self):
        raise TypeError("cannot pickle '_hashlib.HASH' object")


HASH.__module__ = "_hashlib"
_set_c_type_name(HASH, "_hashlib.HASH")     # messages and immutability of CPython's C type
_make_immutable(HASH)


_NO_DATA = object()   # "no data argument" (an explicit None is an error, as in CPython)


def _start(name, data):
    h = _new_hash(_INFO[name])
    if data is not _NO_DATA:
        h.update(data)
    return h


def _ctor_args(fname, args, kwargs):
    """The data argument of a named constructor, parsed as CPython 3.11's
    openssl_*(string=None, *, usedforsecurity=True) with its messages."""
    if len(args) > 1:
        raise TypeError(f"{fname}() takes at most 1 positional argument ({len(args)} given)")
    data = args[0] if args else _NO_DATA
    for key in kwargs:
        if key == "string":
            if args:
                raise TypeError(f"argument for {fname}() given by name ('string') and position (1)")
            data = kwargs[key]
        elif key != "usedforsecurity":
            raise TypeError(f"'{key}' is an invalid keyword argument for {fname}()")
    return data


def _constructor(name):
    fname = "openssl_" + name
    info = _INFO[name]

    def construct(*args, **kwargs):
        if kwargs or len(args) != 1:
            data = _ctor_args(fname, args, kwargs)
            h = _new_hash(info)
            if data is not _NO_DATA:
                h.update(data)
            return h
        h = _new_hash(info)
        h.update(args[0])
        return h

    construct.__name__ = construct.__qualname__ = fname
    construct.__doc__ = f"Returns a {name} hash object; optionally initialized with a string"
    return construct


openssl_md5 = _constructor("md5")
openssl_sha1 = _constructor("sha1")
openssl_sha224 = _constructor("sha224")
openssl_sha256 = _constructor("sha256")
openssl_sha384 = _constructor("sha384")
openssl_sha512 = _constructor("sha512")
# What the host's OpenSSL computes and the C runtime does not: the host's own.
openssl_sha3_224 = _host_hashlib.openssl_sha3_224
openssl_sha3_256 = _host_hashlib.openssl_sha3_256
openssl_sha3_384 = _host_hashlib.openssl_sha3_384
openssl_sha3_512 = _host_hashlib.openssl_sha3_512
openssl_shake_128 = _host_hashlib.openssl_shake_128
openssl_shake_256 = _host_hashlib.openssl_shake_256
HMAC = _host_hashlib.HMAC
UnsupportedDigestmodError = _host_hashlib.UnsupportedDigestmodError
_constructors = _host_import("types").MappingProxyType({
    openssl_md5: "md5", openssl_sha1: "sha1", openssl_sha224: "sha224", openssl_sha256: "sha256",
    openssl_sha384: "sha384", openssl_sha512: "sha512", openssl_sha3_224: "sha3_224",
    openssl_sha3_256: "sha3_256", openssl_sha3_384: "sha3_384", openssl_sha3_512: "sha3_512",
    openssl_shake_128: "shake_128", openssl_shake_256: "shake_256"})


def new(name, string=_NO_DATA, *, usedforsecurity=True):
    """A hash object for digest `name` (md5, sha1, sha224, sha256, sha384, sha512).

    ValueError 'unsupported hash type NAME' for any other name."""
    if not isinstance(name, str):
        raise TypeError("name must be a string")
    key = _canonical(name)
    if key is None:
        raise ValueError(f"unsupported hash type {name}")
    return _start(key, string)


def _bytes_like(value):
    """(pointer argument, length) of a bytes-like argument (CPython's 'y*' messages)."""
    if isinstance(value, str) or not _has_buffer(value):
        raise TypeError(f"a bytes-like object is required, not '{type(value).__name__}'")
    return _as_buffer(value)


def _has_buffer(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return True
    try:
        memoryview(value)
    except TypeError:
        return False
    return True


def _index(value):
    if isinstance(value, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    return value.__index__() if not isinstance(value, int) else int(value)


_C_LONG_MAX = (1 << 63) - 1
_INT_MAX = (1 << 31) - 1


def _c_long(value):
    value = _index(value)
    if not -_C_LONG_MAX - 1 <= value <= _C_LONG_MAX:
        raise OverflowError("Python int too large to convert to C long")
    return value


def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    """PBKDF2 (RFC 8018) with HMAC-hash_name as the PRF, computed in the C runtime.

    Checks and messages as CPython 3.11; for a name this runtime does not implement
    it raises ValueError 'unsupported hash type NAME'."""
    if not isinstance(hash_name, str):
        raise TypeError(f"pbkdf2_hmac() argument 'hash_name' must be str, not {type(hash_name).__name__}")
    pw_ptr, pw_len = _bytes_like(password)
    salt_ptr, salt_len = _bytes_like(salt)
    iterations = _c_long(iterations)
    key = _canonical(hash_name)
    if key is None:
        raise ValueError(f"unsupported hash type {hash_name}")
    alg = _IDS[key]
    if pw_len > _INT_MAX:
        raise OverflowError("password is too long.")
    if salt_len > _INT_MAX:
        raise OverflowError("salt is too long.")
    if iterations < 1:
        raise ValueError("iteration value must be greater than 0.")
    if iterations > _INT_MAX:
        raise OverflowError("iteration value is too great.")
    if dklen is None:
        dklen = _SIZES[alg][0]
    else:
        dklen = _c_long(dklen)
    if dklen < 1:
        raise ValueError("key length must be greater than 0.")
    if dklen > _INT_MAX:
        raise OverflowError("key length is too great.")
    out = (_c_char * dklen)()
    _native.check(_L.pj_pbkdf2_hmac(alg, pw_ptr, pw_len, salt_ptr, salt_len, iterations, out, dklen))
    return out.raw


def _digest_name(digestmod):
    """The digest name of a name or of one of the openssl_* constructors (CPython's
    py_digest_by_digestmod); UnsupportedDigestmodError for anything else."""
    if isinstance(digestmod, str):
        return digestmod
    try:
        name = _constructors.get(digestmod)
    except TypeError:       # (unhashable)
        name = None
    if name is None:
        raise UnsupportedDigestmodError(f"Unsupported digestmod {digestmod!r}")
    return name


def hmac_digest(key, msg, digest):
    """HMAC (RFC 2104) of msg under key with the named digest, in one C call (the host's
    OpenSSL for the digests the C runtime does not compute)."""
    digest = _digest_name(digest)
    name = _canonical(digest)
    if name is None:
        return _host_hashlib.hmac_digest(key, msg, digest)
    key_ptr, key_len = _bytes_like(key)
    msg_ptr, msg_len = _bytes_like(msg)
    alg = _IDS[name]
    out = (_c_char * _SIZES[alg][0])()
    _native.check(_L.pj_hmac(alg, key_ptr, key_len, msg_ptr, msg_len, out, len(out)))
    return out.raw


def hmac_new(key, msg=b"", digestmod=None):
    """A new HMAC object: OpenSSL's (the host's _hashlib.HMAC), as CPython's."""
    if digestmod is None:
        raise TypeError("Missing required parameter 'digestmod'.")
    return _host_hashlib.hmac_new(key, msg, digestmod=_digest_name(digestmod))


def get_fips_mode():
    """0: this runtime has no FIPS mode."""
    return 0


# Constant-time comparison: the host's C function (hmac's compare_digest is this one).
compare_digest = _host_hashlib.compare_digest


def __dir__():
    # As CPython's C module: its helpers are not in its namespace. Ours are (it is
    # Python), so dir() lists what CPython's lists: the public names and the dunders.
    return sorted(n for n in globals() if (not n.startswith("_") or n.endswith("__")
                                           or n == "_constructors")
                  and n not in ("__all__", "__builtins__", "__cached__", "__dir__", "__pj_guest__"))
