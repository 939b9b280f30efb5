# hashlib on a 1 MB input (whole and in chunks), pbkdf2_hmac, file_digest, and host hmac on top.
import hashlib
import hmac
import io
import os
import random
import tempfile

rng = random.Random(20261126)
data = rng.randbytes(1 << 20)
NATIVE = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")

for name in NATIVE:
    whole = hashlib.new(name, data).hexdigest()
    h = hashlib.new(name)
    pos = 0
    for size in (0, 1, 63, 64, 65, 127, 128, 129, 1000, 4096, 65536):
        h.update(data[pos:pos + size])
        pos += size
    h.update(memoryview(data)[pos:])
    print(name, whole, h.hexdigest() == whole)

# Block-size boundaries.
for name in NATIVE:
    digests = [hashlib.new(name, b"\x61" * n).hexdigest()[:16] for n in (0, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129)]
    print(name, " ".join(digests))

# pbkdf2_hmac (RFC 6070 vectors for SHA-1, and other digests).
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 1, 20).hex())
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 2, 20).hex())
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 4096, 20).hex())
print(hashlib.pbkdf2_hmac("sha1", b"passwordPASSWORDpassword", b"saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25).hex())
for name in NATIVE:
    print(name, hashlib.pbkdf2_hmac(name, b"pw", b"salt", 100).hex())
    print(name, hashlib.pbkdf2_hmac(name.upper(), bytearray(b"pw"), memoryview(b"salt"), 3, 100).hex())
print(hashlib.pbkdf2_hmac(hash_name="sha256", password=b"p", salt=b"s", iterations=2, dklen=7).hex())
print(hashlib.pbkdf2_hmac("sha256", b"k" * 200, b"", 5).hex())


def attempt(label, fn):
    try:
        result = fn()
    except Exception as exc:
        print(label, "->", type(exc).__name__, exc)
    else:
        print(label, "=", result)


attempt("iterations 0", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 0))
attempt("iterations -1", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", -1))
attempt("iterations 2**31", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 2 ** 31))
attempt("iterations 2**63", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 2 ** 63))
attempt("iterations float", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1.0))
attempt("dklen 0", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1, 0))
attempt("dklen 2**31", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1, 2 ** 31))
attempt("str password", lambda: hashlib.pbkdf2_hmac("sha256", "p", b"s", 1))
attempt("str salt", lambda: hashlib.pbkdf2_hmac("sha256", b"p", "s", 1))
attempt("int password", lambda: hashlib.pbkdf2_hmac("sha256", 3, b"s", 1))
attempt("name not str", lambda: hashlib.pbkdf2_hmac(1, b"p", b"s", 1))
try:
    hashlib.pbkdf2_hmac("nosuchhash", b"p", b"s", 1)
except ValueError as exc:
    print("unknown digest -> ValueError subclass", isinstance(exc, ValueError))

# file_digest on an in-memory file, a real file and a text file.
print(hashlib.file_digest(io.BytesIO(data), "sha256").hexdigest() == hashlib.sha256(data).hexdigest())
print(hashlib.file_digest(io.BytesIO(b"abc"), hashlib.md5).hexdigest())
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "blob.bin")
    with open(path, "wb") as fh:
        fh.write(data)
    with open(path, "rb") as fh:
        print(hashlib.file_digest(fh, "sha1").hexdigest())
    with open(path, "rb") as fh:
        print(hashlib.file_digest(fh, lambda: hashlib.sha384()).hexdigest() == hashlib.sha384(data).hexdigest())
    with open(path, "r", encoding="latin-1") as fh:
        try:
            hashlib.file_digest(fh, "sha256")
        except ValueError as exc:  # the message holds the temporary path
            print("text file -> ValueError", str(exc).endswith("is not a file-like object in binary reading mode."))
attempt("unknown name", lambda: hashlib.file_digest(io.BytesIO(b""), "nosuchhash"))

# The host's hmac on guest hash constructors and on digest names.
key, msg = b"key" * 30, data[:100000]
for name in NATIVE:
    ctor = getattr(hashlib, name)
    by_ctor = hmac.new(key, msg, ctor)
    by_name = hmac.new(key, msg, name)
    print("hmac", name, by_ctor.hexdigest(), by_ctor.hexdigest() == by_name.hexdigest(),
          by_ctor.digest_size, by_ctor.block_size, by_ctor.name)
    copy = by_ctor.copy()
    copy.update(b"more")
    print("  copy", copy.hexdigest() == hmac.new(key, msg + b"more", name).hexdigest())
    print("  digest()", hmac.digest(key, msg, ctor) == hmac.digest(key, msg, name))
h = hmac.new(b"k", digestmod=hashlib.sha256)
for chunk in (b"a", b"bc", b"", b"d" * 1000):
    h.update(chunk)
print(h.hexdigest())
print(hmac.compare_digest(h.digest(), hmac.new(b"k", b"abc" + b"d" * 1000, "sha256").digest()))
attempt("hmac no digestmod", lambda: hmac.new(b"k", b"m"))
