# The builtin getattr of a guest generator's gi_code, gi_frame and gi_yieldfrom gives what
# the attribute syntax gives, as in CPython (it gave the engine's step function's code and
# host frame): unstarted, suspended (in a plain yield and in a `yield from`), running
# (read from inside), with a default, for names of other objects, and from a hot loop.
import types


def inner():
    yield "i1"
    yield "i2"


def outer():
    yield "o1"
    yield from inner()
    yield "o2"


def show(label, gen):
    code = getattr(gen, "gi_code")
    frame = getattr(gen, "gi_frame")
    print(label, code.co_name, code is gen.gi_code,
          frame is None or (frame.f_code.co_name, frame.f_lineno) == (gen.gi_frame.f_code.co_name,
                                                                      gen.gi_frame.f_lineno),
          getattr(gen, "gi_yieldfrom") is gen.gi_yieldfrom,
          getattr(gen, "gi_running"), getattr(gen, "gi_suspended", "?"))


g = outer()
show("unstarted", g)
print(getattr(g, "gi_frame").f_lineno, getattr(g, "gi_frame").f_back)
next(g)
show("suspended", g)
print(getattr(g, "gi_frame").f_lineno)
next(g)
show("delegating", g)
print(type(getattr(g, "gi_yieldfrom")).__name__, getattr(g, "gi_yieldfrom").gi_code.co_name)
print(getattr(getattr(g, "gi_yieldfrom"), "gi_frame").f_code.co_name)


def reads_itself():
    me = yield
    yield getattr(me, "gi_frame").f_code.co_name, getattr(me, "gi_running")


r = reads_itself()
next(r)
print(r.send(r))

print(getattr(g, "no_such", "default"), getattr(g, "gi_code", None).co_name)
try:
    getattr(g, "no_such")
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(g, "gi_code", 1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    getattr(g)
except TypeError as e:
    print("TypeError", e)
try:
    getattr(g, 42)
except TypeError as e:
    print("TypeError", e)

# other objects: the plain getattr
print(getattr(types.SimpleNamespace(gi_code=1), "gi_code"), getattr(show, "__name__"))
print(getattr.__name__, getattr.__module__, getattr.__doc__ == __builtins__.getattr.__doc__
      if hasattr(__builtins__, "getattr") else True)


def names_in_loop(n):
    out = []
    for i in range(n):
        gen = inner()
        out.append(getattr(gen, "gi_code").co_name + str(getattr(gen, "gi_frame").f_lineno))
    return out[-1], len(out)


print(names_in_loop(300))
