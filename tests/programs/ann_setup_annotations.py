# Module and class bodies set up __annotations__ before they run when any annotated
# assignment appears in them, also inside if/for/while/with/try/match blocks (CPython's
# SETUP_ANNOTATIONS); an existing __annotations__ is kept; nested scopes do not count.
import contextlib

print("before", sorted(__annotations__))
x: int
y: "str" = "why"
if x if False else True:
    in_if: float = 1.5
for i in range(2):
    in_for: list
while False:
    in_while: dict
with contextlib.nullcontext():
    in_with: bytes
try:
    in_try: tuple
except Exception:
    in_handler: set
else:
    in_else: frozenset
finally:
    in_finally: complex
match 3:
    case 3:
        in_case: bool
print(__annotations__)


class Plain:
    a: int
    b: str = "b"


class Nested:
    if True:
        inner: int = 1
    for _ in range(1):
        looped: str


class NoAnnotations:
    def method(self):
        local: int = 3
        return local


class Prepared(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return {"__annotations__": {"kept": "yes"}}


class WithPrepared(metaclass=Prepared):
    added: int


class Obj:
    pass


o = Obj()
o.attr: int = 5          # not a simple name: evaluated, not recorded
lst = [0]
lst[0]: float = 2.5
print(Plain.__annotations__, Nested.__annotations__, WithPrepared.__annotations__)
print("__annotations__" in NoAnnotations.__dict__, NoAnnotations().method(), o.attr, lst)
print(__annotations__)

ns = {}
exec("z: int = 3\nif True:\n    w: str\n", ns)
print(ns["__annotations__"], ns["z"])
ns2 = {}
exec("def f():\n    q: int = 1\n    return q\n", ns2)
print("__annotations__" in ns2, ns2["f"]())
ns3 = {"__annotations__": {"old": 1}}
exec("new: int", ns3)
print(ns3["__annotations__"])


class Mapping(dict):
    def __getitem__(self, k):
        print("getitem", k)
        return dict.__getitem__(self, k)


m = Mapping()
exec("v: int = 9", {}, m)
print(dict(m))

# The annotation store reads __annotations__ as a name (namespace, globals, builtins).
saved = __annotations__
del __annotations__
try:
    class NoAnnotationsLeft:
        del __annotations__
        z: int
except NameError as e:
    print("NameError", e)
__annotations__ = saved


def make_class():
    class Reads:
        del __annotations__
        q: int
    return Reads


try:
    make_class()
except NameError as e:
    print("NameError", e)
__annotations__ = {"global": 1}


class FromGlobals:
    del __annotations__
    r: str
print(__annotations__, "__annotations__" in FromGlobals.__dict__)
