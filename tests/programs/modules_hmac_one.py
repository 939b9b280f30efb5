"""One `_hashlib` in the process: hmac (a host module) uses the program's _hashlib: HMAC objects
and one-shot digests for digest names, the program's constructors, other callables (the
pure-Python path), OpenSSL-only digests; constructors pickle by name."""
import hmac, hashlib, _hashlib, pickle, importlib
print(importlib.import_module("_hashlib") is _hashlib, hmac._hashopenssl is _hashlib)
for dm in (hashlib.sha256, "sha256", "sha3_256", hashlib.sha3_256, hashlib.md5, "md5", lambda: hashlib.sha1(), hashlib.blake2s):
    h = hmac.new(b"key", b"message", dm)
    h2 = h.copy(); h2.update(b"more")
    print(h.name, h.digest_size, h.block_size, h.hexdigest()[:16], h2.hexdigest()[:16])
    print(hmac.digest(b"key", b"message", dm)[:6].hex())
try:
    hmac.new(b"k", b"m", "nope")
except ValueError as exc:
    print(type(exc).__name__, exc)
try:
    hmac.digest(b"k", b"m", "nope")
except ValueError as exc:
    print(type(exc).__name__, exc)
for f in (hashlib.sha256, hashlib.md5, hashlib.sha3_256):
    print(pickle.loads(pickle.dumps(f)) is f)
print(sorted(_hashlib._constructors.values()))
print(hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 10).hex()[:16], hashlib.pbkdf2_hmac("sha3_256", b"pw", b"salt", 10).hex()[:16])
