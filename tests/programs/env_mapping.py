"""os.environ as a MutableMapping: CPython's errors, methods and repr (program-set keys only,
so the output does not depend on the caller's environment)."""
import os

PREFIX = "PJ_ENVTEST_"


def mine(mapping):
    return sorted((k, v) for k, v in mapping.items() if k.startswith(PREFIX))


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:  # noqa: BLE001 - printing the exception is the point
        print(label, type(e).__name__, repr(str(e)))


os.environ[PREFIX + "A"] = "alpha"
os.environ[PREFIX + "B"] = "beta with spaces"
os.environ[PREFIX + "EMPTY"] = ""
os.environ[PREFIX + "UNI"] = "ünï €"
print(mine(os.environ))
print(os.environ[PREFIX + "A"], os.getenv(PREFIX + "B"), repr(os.getenv(PREFIX + "EMPTY")))
print(PREFIX + "A" in os.environ, PREFIX + "MISSING" in os.environ)
print(os.getenv(PREFIX + "MISSING"), os.getenv(PREFIX + "MISSING", "fallback"))
print(os.environ.get(PREFIX + "MISSING", 7))
print(os.environb[(PREFIX + "UNI").encode()], os.getenvb((PREFIX + "A").encode()))

attempt("missing key:", lambda: os.environ[PREFIX + "MISSING"])
attempt("del missing:", lambda: os.environ.__delitem__(PREFIX + "MISSING"))
attempt("int key:", lambda: os.environ.__setitem__(1, "a"))
attempt("int value:", lambda: os.environ.__setitem__(PREFIX + "X", 1))
attempt("None value:", lambda: os.environ.__setitem__(PREFIX + "X", None))
attempt("int lookup:", lambda: os.environ[1])
attempt("int in:", lambda: 1 in os.environ)
attempt("int get:", lambda: os.environ.get(1))
attempt("getenv int:", lambda: os.getenv(1))
attempt("= in name:", lambda: os.environ.__setitem__("A=B", "c"))
attempt("empty name:", lambda: os.environ.__setitem__("", "c"))
attempt("NUL value:", lambda: os.environ.__setitem__(PREFIX + "X", "a\0b"))
attempt("NUL name:", lambda: os.environ.__setitem__("A\0B", "c"))
attempt("bytes key:", lambda: os.environ.__setitem__(b"K", "v"))
attempt("environb str:", lambda: os.environb.__setitem__("K", b"v"))
attempt("environb value:", lambda: os.environb.__setitem__(b"K", "v"))
attempt("environb missing:", lambda: os.environb[b"PJ_ENVTEST_MISSING"])
attempt("putenv int:", lambda: os.putenv(1, "a"))
attempt("putenv =:", lambda: os.putenv("A=", "a"))
attempt("putenv empty:", lambda: os.putenv("", "a"))
attempt("unsetenv empty:", lambda: os.unsetenv(""))
attempt("unsetenv int:", lambda: os.unsetenv(1))
attempt("pop missing:", lambda: os.environ.pop(PREFIX + "MISSING"))
attempt("pop default:", lambda: os.environ.pop(PREFIX + "MISSING", "d"))
attempt("pop int:", lambda: os.environ.pop(1, "d"))
attempt("or int:", lambda: os.environ | 1)
attempt("ior int:", lambda: os.environ.__ior__(1))
attempt("update int:", lambda: os.environ.update(1))
attempt("setdefault int:", lambda: os.environ.setdefault(PREFIX + "SD", 1))

print(os.environ.setdefault(PREFIX + "SD", "first"), os.environ.setdefault(PREFIX + "SD", "second"))
print(os.environ.pop(PREFIX + "SD"), PREFIX + "SD" in os.environ)
os.environ.update({PREFIX + "U1": "1"}, **{PREFIX + "U2": "2"})
env = os.environ
env |= {PREFIX + "U3": "3"}
print(env is os.environ, mine(os.environ)[-3:])
merged = os.environ | {PREFIX + "ONLY_IN_COPY": "c"}
print(type(merged).__name__, PREFIX + "ONLY_IN_COPY" in merged, PREFIX + "ONLY_IN_COPY" in os.environ)
merged = {PREFIX + "A": "overridden?"} | os.environ
print(merged[PREFIX + "A"])
snapshot = os.environ.copy()
print(type(snapshot).__name__, snapshot == dict(os.environ), len(snapshot) == len(os.environ))
os.environ[PREFIX + "A"] = "changed"
print(snapshot[PREFIX + "A"], os.environ[PREFIX + "A"])
os.putenv(PREFIX + "PUT", "via putenv")
os.unsetenv(PREFIX + "B")
print(type(os.environ).__name__, type(os.environ).__module__)
print(sorted(k for k in os.environ if k.startswith(PREFIX)) == [k for k, _ in mine(os.environ)])
view = dict(kv for kv in os.environ.items() if kv[0].startswith(PREFIX + "U"))
print("environ(" + repr(view) + ")")
for key in [k for k in os.environ if k.startswith(PREFIX)]:
    del os.environ[key]
print(mine(os.environ), [k for k in os.environb if k.startswith(PREFIX.encode())])
os.environb[b"PJ_ENVTEST_RAW"] = b"\xff raw"
print(ascii(os.environ["PJ_ENVTEST_RAW"]), os.environb[b"PJ_ENVTEST_RAW"])
del os.environb[b"PJ_ENVTEST_RAW"]
print(os.environ.get("PJ_ENVTEST_RAW"))
