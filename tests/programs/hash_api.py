# hashlib: constructors, update/digest/hexdigest/copy, attributes and error paths.
import hashlib

NATIVE = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")


def attempt(label, fn):
    try:
        result = fn()
    except Exception as exc:
        print(label, "->", type(exc).__name__, exc)
    else:
        print(label, "=", result)


for name in NATIVE:
    ctor = getattr(hashlib, name)
    h = ctor()
    print(name, h.name, h.digest_size, h.block_size, type(h).__name__, h.hexdigest())
    h.update(b"abc")
    print(" abc", h.hexdigest(), len(h.digest()))
    print(" positional", ctor(b"abc").hexdigest() == h.hexdigest())
    print(" string=", ctor(string=b"abc").hexdigest() == h.hexdigest())
    print(" usedforsecurity", ctor(b"abc", usedforsecurity=False).hexdigest() == h.hexdigest())
    print(" new", hashlib.new(name, b"abc").hexdigest() == h.hexdigest())
    print(" new upper", hashlib.new(name.upper(), b"abc").name)
    print(" new data=", hashlib.new(name, data=b"abc").digest() == h.digest())
    c = h.copy()
    c.update(b"def")
    print(" copy forks", c.hexdigest() != h.hexdigest(), c.hexdigest() == ctor(b"abcdef").hexdigest())
    print(" digest twice", h.digest() == h.digest())
    h.update(b"")
    print(" empty update", h.hexdigest() == ctor(b"abc").hexdigest())

# Every kind of buffer.
import array
ref = hashlib.sha256(b"0123456789abcdef").hexdigest()
print("bytearray", hashlib.sha256(bytearray(b"0123456789abcdef")).hexdigest() == ref)
print("memoryview", hashlib.sha256(memoryview(b"0123456789abcdef")).hexdigest() == ref)
print("memoryview slice", hashlib.sha256(memoryview(b"xx0123456789abcdefyy")[2:-2]).hexdigest() == ref)
print("writable memoryview", hashlib.sha256(memoryview(bytearray(b"0123456789abcdef"))).hexdigest() == ref)
print("array", hashlib.md5(array.array("I", [1, 2, 3, 4])).hexdigest())
print("2-d view", hashlib.sha1(memoryview(b"abcdef").cast("B", (2, 3))).hexdigest())
print("sha224 of 'abc'", hashlib.sha224(b"abc").hexdigest())
print("sha384 of 'abc'", hashlib.sha384(b"abc").hexdigest())
print("sha512 of 'abc'", hashlib.sha512(b"abc").hexdigest())

# Error paths, with CPython's types and messages.
attempt("str data", lambda: hashlib.sha256("text"))
attempt("str update", lambda: hashlib.md5().update("text"))
attempt("int update", lambda: hashlib.sha1().update(5))
attempt("None data", lambda: hashlib.sha512(None))
attempt("new None data", lambda: hashlib.new("md5", None))
attempt("strided view", lambda: hashlib.sha256(memoryview(b"abcdef")[::2]))
attempt("update no args", lambda: hashlib.sha256().update())
attempt("update two args", lambda: hashlib.sha256().update(b"a", b"b"))
attempt("update keyword", lambda: hashlib.sha256().update(data=b"a"))
attempt("digest arg", lambda: hashlib.md5().digest(1))
attempt("hexdigest arg", lambda: hashlib.md5().hexdigest(1))
attempt("two positional", lambda: hashlib.md5(b"a", b"b"))
attempt("bad keyword", lambda: hashlib.sha1(b"a", foo=1))
attempt("data keyword", lambda: hashlib.sha256(data=b"x"))
attempt("unsupported", lambda: hashlib.new("nosuchhash"))
attempt("name not str", lambda: hashlib.new(7))
attempt("string and position", lambda: hashlib.new("sha256", b"a", string=b"b"))
attempt("new bad keyword", lambda: hashlib.new("md5", b"a", foo=1))
attempt("set name", lambda: setattr(hashlib.md5(), "name", "x"))
attempt("set other", lambda: setattr(hashlib.md5(), "other", 1))
attempt("instantiate type", lambda: type(hashlib.md5())())
attempt("sha-256 alias", lambda: hashlib.new("SHA-256", b"abc").hexdigest())

# Algorithms the host provides (delegated) and the published sets.
print(sorted(hashlib.algorithms_guaranteed))
print(set(NATIVE) <= hashlib.algorithms_available)
print(hashlib.algorithms_guaranteed <= hashlib.algorithms_available)
print(hashlib.new("sha3_256", b"abc").hexdigest())
print(hashlib.blake2b(b"abc", digest_size=16).hexdigest())
print(hashlib.shake_128(b"abc").hexdigest(10))
print(hashlib.__all__)
