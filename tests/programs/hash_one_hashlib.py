"""One _hashlib in the program (issue 19 item 2, for hashes): the OpenSSL objects hashlib
hands out for sha3/shake (its named constructors and new(), which prefers OpenSSL for all
but blake2, as CPython 3.11's) are _hashlib.HASH objects, shake's are _hashlib.HASHXOF;
CPython's test_hashlib uses that to skip what only OpenSSL's objects lack. hashlib.scrypt."""
import hashlib

import _hashlib

for name in ("md5", "sha256", "sha512", "sha3_224", "shake_128", "blake2b", "blake2s"):
    for how, cons in (("named", getattr(hashlib, name)),
                      ("new", lambda n=name: hashlib.new(n))):
        h = cons()
        h.update(b"abc")
        digest = h.hexdigest(8) if name.startswith("shake") else h.hexdigest()[:16]
        print(name, how, isinstance(h, _hashlib.HASH), isinstance(h, _hashlib.HASHXOF),
              issubclass(type(h), _hashlib.HASH), type(h).__name__, digest)
print(isinstance(1, _hashlib.HASH), issubclass(int, _hashlib.HASH),
      issubclass(_hashlib.HASHXOF, _hashlib.HASH))
try:
    _hashlib.HASH()
except TypeError as e:
    print(e)
print(hashlib.scrypt(b"password", salt=b"NaCl", n=16, r=8, p=1, dklen=16).hex())
