# Frameless calls (codegen/frameless.py, runtime_c/capi/pjframeless.c): small methods whose
# body only reads or sets attributes of their arguments (richards' isTaskHolding, setters
# returning self) run at object code's call sites without a frame or machine code. Each
# case below makes the plan give up (before any effect) or the call cache miss, so the
# ordinary call must run: an attribute missing (the traceback from inside the method),
# a property or __getattr__ appearing on the class mid-loop, an instance whose __dict__
# was materialised, the method replaced on the class and shadowed on an instance, a
# subclass override appearing, the truth of a non-bool operand, a comparison of strs, a
# setter whose old value has a __del__, a new attribute, a store aliasing another store,
# __slots__ members (empty: AttributeError), __code__ and __defaults__ replaced, the
# recursion limit reached through a getter, a generator method and sys._getframe.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles P.get, P.either, P.both, P.setall, P.lt, P.link, run_get, run_either, run_set, run_slots, S.get, S.put, run_code, run_defaults, pick, deep, run_deep, run_gen
# expect jit: rejects G.here (reflective access ._getframe reads the frame)
# expect jit: rejects run_props (lambda)
# run auto: --jit-threshold 3
import sys
import traceback


class P:
    def __init__(self, a, b=False, c=False):
        self.a = a
        self.b = b
        self.c = c

    def get(self):
        return self.a

    def either(self):
        return self.c or (not self.a and self.b)

    def both(self):
        return self.a and self.b and not self.c

    def setall(self, v):
        self.a = v
        self.b = True
        return self

    def lt(self, other):
        return self.a < other.a

    def link(self, other):
        self.a = other
        other.a = 5
        return self


def tb_lines(e):
    return [(f.name, f.lineno, f.line) for f in traceback.extract_tb(e.__traceback__)]


def run_get(objs):
    out = []
    for o in objs:
        try:
            out.append(o.get())
        except AttributeError as e:
            out.append(("AttributeError", str(e), tb_lines(e)))
    return out


class Q(P):
    def get(self):
        return ("Q", self.a)


objs = [P(i) for i in range(6)]
del objs[3].a                       # missing on one instance
objs[4].__dict__                    # a materialised dict
objs.append(Q(7))                   # a subclass override appearing
print(run_get(objs))


def run_props(o, n):
    out = []
    for i in range(n):
        out.append(o.get())
        if i == 2:
            P.a = property(lambda self: "prop")       # a data descriptor now wins
        if i == 4:
            del P.a
            del o.a
            P.__getattr__ = lambda self, name: "getattr:" + name
        if i == 6:
            del P.__getattr__
            o.a = "back"
            P.get = lambda self: "replaced"           # the method replaced on the class
        if i == 8:
            o.get = lambda: "shadowed"                # ... and shadowed on the instance
    del P.get
    return out


saved_get = P.__dict__["get"]
print(run_props(P(1), 11))
P.get = saved_get


class Truthy:
    def __bool__(self):
        print("bool of Truthy")
        return True

    def __repr__(self):
        return "Truthy()"


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag)


def run_either(cases):
    out = []
    for a, b, c in cases:
        p = P(a, b, c)
        out.append((p.either(), p.both()))
    return out


print(run_either([(True, False, False), (False, True, False), (0, 5, 0), (3, 0, None),
                  ([], "s", 0), (False, [1], 0), (Truthy(), True, False), (None, None, 2.5),
                  ("", "b", 0)]))
print([P(a).lt(P(b)) for a, b in [(1, 2), (2.5, 1), (True, 2), ("a", "b"), (3, 3)]])
try:
    P(1).lt(P("x"))
except TypeError as e:
    print("TypeError", e, tb_lines(e))


def run_set(pairs):
    out = []
    for p, v in pairs:
        q = p.setall(v)
        out.append((q is p, p.a, p.b))
    return out


fresh = P.__new__(P)                # no attributes yet: the setter adds them
noisy = P(Noisy("old-a"), Noisy("old-b"))
print(run_set([(P(1), 2), (P(True), None), (noisy, "v"), (fresh, 3.5), (P("s"), (1, 2))]))
print("after set")
p = P(1)
print([(p.link(p) is p, p.a) for _ in range(3)], P(1).link(P(2)).a.a)


class S:
    __slots__ = ("x",)

    def get(self):
        return self.x

    def put(self, v):
        self.x = v
        return v


def run_slots(n):
    s = S()
    out = []
    for i in range(n):
        if i == 0:
            try:
                s.get()
            except AttributeError as e:
                out.append(("AttributeError", str(e), tb_lines(e)))
            s.x = 0
        out.append((s.put(i * 2), s.get()))
    return out


print(run_slots(4))


def run_code(o, n):
    out = []
    for i in range(n):
        out.append(o.get())
        if i == 3:
            P.get.__code__ = P.both.__code__
    return out


get_code = P.get.__code__
print(run_code(P(7, 8), 6))
P.get.__code__ = get_code


def pick(o, v=1):
    return v


def run_defaults(o, n):
    out = []
    for i in range(n):
        out.append(pick(o, v=i) if i % 2 else pick(o))
        if i == 3:
            pick.__defaults__ = ("new",)
    return out


print(run_defaults(P(0), 7))


reached = [0]


def deep(o, n):
    reached[0] = n
    if o.get():
        return deep(o, n + 1)
    return n


def run_deep(o):
    try:
        return deep(o, 0)
    except RecursionError as e:
        return "RecursionError", reached[0], tb_lines(e)[-1]


sys.setrecursionlimit(200)
print(run_deep(P(True)))
sys.setrecursionlimit(1000)


class G:
    def __init__(self):
        self.a = 1

    def gen(self):
        yield self.a

    def here(self):
        return sys._getframe(1).f_code.co_name


def run_gen(g, n):
    out = []
    for _ in range(n):
        out.append((list(g.gen()), g.here()))
    return out


print(run_gen(G(), 3))
