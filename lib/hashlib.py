"""The guest `hashlib`: CPython 3.11's hashlib interface, with MD5, SHA-1 and
SHA-2 computed by protojit's C runtime.

In: digest names and bytes-like data from guest programs. Out: hash objects,
`pbkdf2_hmac` keys and `file_digest` results, as CPython returns them.

- md5, sha1, sha224, sha256, sha384, sha512 (the named constructors, `new()`
  with these names in any case or as "SHA-256", and `pbkdf2_hmac`) run on
  runtime_c/hash_*.c through lib/_hashlib.py; they need no OpenSSL.
- Every other algorithm CPython offers (blake2b/blake2s, sha3_*, shake_*, and
  what the host's OpenSSL adds to `algorithms_available`) is the host
  CPython's own object: those are delegated, not reimplemented, so they behave
  exactly as CPython's. A name neither knows raises ValueError
  'unsupported hash type NAME', as CPython.

The host `hmac` module works with the constructors here (it calls them and
uses update/copy/digest) as well as with digest names.
"""
import _hashlib
from protojit.hostmods import host_import as _host_import

_host = _host_import("hashlib")     # what the C runtime does not compute: the host's
del _host_import

# CPython's order; the first six are native here, the rest the host's.
__always_supported = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512",
                      "blake2b", "blake2s",
                      "sha3_224", "sha3_256", "sha3_384", "sha3_512",
                      "shake_128", "shake_256")

algorithms_guaranteed = set(__always_supported)
algorithms_available = set(_host.algorithms_available) | algorithms_guaranteed

__all__ = __always_supported + ("new", "algorithms_guaranteed", "algorithms_available",
                                "pbkdf2_hmac", "file_digest")

md5 = _hashlib.openssl_md5
sha1 = _hashlib.openssl_sha1
sha224 = _hashlib.openssl_sha224
sha256 = _hashlib.openssl_sha256
sha384 = _hashlib.openssl_sha384
sha512 = _hashlib.openssl_sha512

blake2b = _host.blake2b
blake2s = _host.blake2s
sha3_224 = _host.sha3_224
sha3_256 = _host.sha3_256
sha3_384 = _host.sha3_384
sha3_512 = _host.sha3_512
shake_128 = _host.shake_128
shake_256 = _host.shake_256


# CPython 3.11's: only blake2 prefers its own implementation; new('sha3_*'/'shake_*') is
# OpenSSL's (the host's) when it has them.
__block_openssl_constructor = {"blake2b", "blake2s"}


def __hash_new(name, data=b"", **kwargs):
    """new(name, data=b'') - a new hash object of the named algorithm, fed data."""
    if not isinstance(name, str):
        raise TypeError("name must be a string")
    if name in __block_openssl_constructor:
        # As CPython: these names always use its own implementation (_blake2), whatever
        # OpenSSL offers.
        return __get_builtin_constructor(name)(data, **kwargs)
    if _hashlib._canonical(name) is None:
        return _host.new(name, data, **kwargs)
    for key in kwargs:
        if key == "string":
            raise TypeError("argument for new() given by name ('string') and position (2)")
        if key != "usedforsecurity":
            raise TypeError(f"'{key}' is an invalid keyword argument for new()")
    return _hashlib.new(name, data)


new = __hash_new


__builtin_constructor_cache = {}


def __get_builtin_constructor(name):
    """CPython's private lookup of the non-OpenSSL constructor ("md5", "SHA256", ...): the
    host's C modules (_md5, _sha256, ...), imported on first use and cached under the
    lower- and upper-case names; ValueError for a name none of them serves (or whose
    module cannot be imported). Its own tests and some tools call it."""
    cache = __builtin_constructor_cache
    # the host C module of CPython's non-OpenSSL implementation -> the names it serves
    builtin_modules = {
        "_md5": ("md5",), "_sha1": ("sha1",), "_sha256": ("sha224", "sha256"),
        "_sha512": ("sha384", "sha512"), "_blake2": ("blake2b", "blake2s"),
        "_sha3": ("sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256"),
    }
    constructor = cache.get(name)
    if constructor is not None:
        return constructor
    for module_name, names in builtin_modules.items():
        if name in names or (isinstance(name, str) and name.isupper() and name.lower() in names):
            try:
                module = __import__(module_name)
            except ImportError:
                break
            for n in names:
                cache[n] = getattr(module, n)
                if n.startswith(("md5", "sha1", "sha2", "sha3", "sha5")) and "_" not in n:
                    cache[n.upper()] = cache[n]
            break
    constructor = cache.get(name)
    if constructor is not None:
        return constructor
    raise ValueError("unsupported hash type " + name)



def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    """Password-based key derivation (PBKDF2, RFC 8018) with HMAC-hash_name as
    the pseudo-random function; dklen defaults to the digest size."""
    if isinstance(hash_name, str) and _hashlib._canonical(hash_name) is None:
        return _host.pbkdf2_hmac(hash_name, password, salt, iterations, dklen)
    return _hashlib.pbkdf2_hmac(hash_name, password, salt, iterations, dklen)


if hasattr(_host, "scrypt"):
    # OpenSSL's scrypt (CPython imports it from _hashlib when OpenSSL has it): the host's.
    scrypt = _host.scrypt


def file_digest(fileobj, digest, /, *, _bufsize=2 ** 18):
    """Hash the contents of a binary file object opened for reading.

    digest is a hash name, a constructor or any callable returning a hash
    object. Reads with readinto into one reused buffer, or takes the whole
    buffer of an in-memory file (io.BytesIO.getbuffer)."""
    hasher = new(digest) if isinstance(digest, str) else digest()
    getbuffer = getattr(fileobj, "getbuffer", None)
    if getbuffer is not None:
        hasher.update(getbuffer())
        return hasher
    if not (hasattr(fileobj, "readinto") and hasattr(fileobj, "readable") and fileobj.readable()):
        raise ValueError(f"'{fileobj!r}' is not a file-like object in binary reading mode.")
    chunk = bytearray(_bufsize)
    window = memoryview(chunk)
    while True:
        count = fileobj.readinto(chunk)
        if not count:
            break
        hasher.update(window[:count])
    return hasher


# As CPython's module, which deletes them once used.
del __always_supported, __hash_new


def __dir__():
    # dir() lists CPython's names: not the host module this one delegates to
    return sorted(n for n in globals() if n not in ("_host", "__dir__", "__pj_guest__"))
