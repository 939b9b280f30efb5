"""globals(), locals(), vars() and dir() at module, function, class and comprehension scope."""
import sys

counter = 10


def show(label, mapping):
    print(label, {k: mapping[k] for k in mapping if not k.startswith("__")})


# Module level: the module's own dict, and writes through it are visible.
print(globals() is sys.modules[__name__].__dict__, locals() is globals(), vars() is globals())
globals()["made_by_globals"] = 42
print(made_by_globals)  # noqa: F821
locals()["made_by_locals"] = 43
print(made_by_locals)  # noqa: F821
print([n for n in dir() if not n.startswith("__")])


def params(a, b, *args, k=1, **kw):
    z = 1
    y = 2

    def uses():
        return a, y
    x = 3
    print(list(locals()))
    del x
    print(list(locals()))
    print(dir())
    print(sorted(vars()) == dir())
    return uses


params(1, 2, 3, k=4, m=5)


def same_dict():
    first = locals()
    later = 1
    print(first)                 # not refreshed until the next locals() call
    first["extra"] = "kept"
    second = locals()
    print(second is first, sorted(second))
    del later
    print(sorted(locals()))


same_dict()


def outer():
    v = 1
    w = 2

    def inner():
        q = 0
        print(v, locals())
        return w
    return inner


outer()()


def unbound_cell():
    def later():
        return value
    print(locals().keys() == {"later"})
    value = 5
    print(sorted(locals()), later())


unbound_cell()


def gen():
    i = 0
    yield dict(locals())
    i = 1
    yield locals()


print(list(gen()))
print((lambda p, q=2: locals())(3))
print({n: sorted(locals()) for n in "a"})
print([sorted(locals()) for _ in range(1)])


class Namespace:
    y = 2
    print(sorted(locals()))
    print(vars() is locals(), locals().get("y"))
    locals()["via_locals"] = "class attr"
    print(dir())

    def method(self):
        print(sorted(locals()), __class__.__name__)


Namespace().method()
print(Namespace.via_locals)


def rebinding_globals():
    global counter
    counter += 1
    g = globals()
    g["counter"] += 10
    return counter


print(rebinding_globals(), counter)


class NoDict:
    __slots__ = ("a",)


for bad in (1, "s", NoDict()):
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    vars(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(vars(Namespace)["y"], sorted(vars(sys.modules[__name__]))[:2])


class WithDict:
    def __init__(self):
        self.a = 1


obj = WithDict()
vars(obj)["b"] = 2
print(obj.b, dir(obj)[-2:])


def evaluating(n):
    m = n * 2
    print(eval("n + m"), eval("m", {"m": "global m"}), eval("n", None, {"n": "local n"}))
    exec("m = 100")
    print(m)
    ns = {}
    exec("r = counter * 3", globals(), ns)
    print(ns)


evaluating(4)


for call in (lambda: globals(1), lambda: locals(1), lambda: dir(1, 2), lambda: vars(x=1),
             lambda: globals(x=1), lambda: dir(x=1), lambda: locals(x=1)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
