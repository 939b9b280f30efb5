"""One `hashlib` in the process: importlib and host libraries that import it (hmac's
fallback, uuid, random's seeding) get the program's module; its private
__get_builtin_constructor is there; hash objects refuse pickling as CPython's; dir()
lists CPython's names (no __hash_new, no helper)."""
import hashlib, hmac, importlib, pickle, uuid

print(importlib.import_module("hashlib") is hashlib, hmac._hashlib is hashlib)
print(hashlib.__get_builtin_constructor("md5")(b"abc").hexdigest())
print(hashlib.__get_builtin_constructor("SHA256")(b"abc").hexdigest()[:16])
try:
    hashlib.__get_builtin_constructor("nope")
except ValueError as exc:
    print("ValueError", exc)
print(hmac.new(b"key", b"msg", hashlib.sha256).hexdigest()[:16], hmac.new(b"key", b"msg", "sha1").name)
print(hmac.digest(b"key", b"msg", "sha512")[:8].hex(), hmac.compare_digest(b"a", b"a"))
print(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"))
for obj in (hashlib.sha256(b"x"), hashlib.md5(), hashlib.sha3_256(), hashlib.blake2b(), hashlib.shake_128()):
    for proto in (2, pickle.HIGHEST_PROTOCOL):
        try:
            pickle.dumps(obj, proto)
        except TypeError as exc:
            print(obj.name, proto, exc)
print(sorted(dir(hashlib)))
