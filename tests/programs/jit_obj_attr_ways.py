# Attribute sites whose cache entries machine code checks inline (codegen/lowerobj.py
# attr_slot): any of a site's four entries (receivers of several classes), a __slots__
# member at its offset, and an instance dict read at the remembered hint (pyperformance
# go's Square: CPython's LOAD_ATTR_WITH_HINT). Each way it must give way: a fifth class at
# a site (entries replaced in turn), a slot emptied (AttributeError) and set again, a
# class attribute set (version tag), a data descriptor added to the class, __class__
# assigned, a dict-backed instance whose attribute is deleted, moved (dict re-ordered),
# shadowed by the class again, or whose dict took a non-str key; float and int
# subclasses as values. Also the locals that machine code reads without a reference of
# its own (lowerobj.borrowed_loads): a local rebound while its old value is still in use
# (`a, b = b, a`, `node = node.next` chains), and deleted.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles total_w, total_s, total_d, walk, swap, drop
# run auto: --jit-threshold 5


class Base:
    def __init__(self, w):
        self.w = w


class A(Base):
    pass


class B(Base):
    pass


class C(Base):
    pass


class D(Base):
    pass


class E(Base):
    pass


class F(float):
    pass


class I(int):
    pass


def total_w(items):
    t = 0
    for o in items:
        t += o.w
    return t


class S:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class S2:
    __slots__ = ("b", "a")

    def __init__(self, a, b):
        self.a = a
        self.b = b


def total_s(items):
    t = 0
    for o in items:
        try:
            t += o.a * 10 + o.b
        except AttributeError as e:
            print("S", e)
    return t


class Dd:
    kind = "class"

    def __init__(self, n):
        self.n = n
        self.kind2 = n


def total_d(items):
    out = []
    for o in items:
        try:
            out.append((o.n, o.kind))
        except AttributeError as e:
            out.append(str(e))
    return out


class Node:
    def __init__(self, v, nxt):
        self.v = v
        self.next = nxt


def walk(node):
    t = 0
    while node is not None:
        t += node.v
        node = node.next
    return t


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def show(a, b):
    return f"{a.name}/{b}"


def swap(n):
    a = Noisy("a")
    b = Noisy("b")
    out = []
    for i in range(n):
        a, b = b, a          # (each object's only references are the locals)
        out.append(a.name + b.name)
        a, b = Noisy(a.name + "'"), a
    del a      # (explicitly: tier 0 releases the locals at exit in another order than CPython)
    del b
    return out


def drop(n):
    out = []
    for i in range(n):
        x = Noisy(f"d{i}")
        y = x.name
        del x
        out.append(y)
    return out


def main():
    objs = [A(1), B(2.5), C(F(0.5)), D(I(7)), A(-0.0)]
    for r in range(8):
        print("w", total_w(objs))
    objs.append(E(10**20))       # a fifth class: entries replaced in turn
    for r in range(4):
        print("w", total_w(objs))
    B.w = "class attr"           # (the instance's own w still wins)
    print("w", total_w(objs))
    objs[2].__class__ = D
    print("w", total_w(objs))
    objs[0].w = float("nan")
    print("w", total_w(objs))

    ss = [S(1, 2), S(3, 4), S2(5, 6)]
    for r in range(6):
        print("s", total_s(ss))
    del ss[1].b
    print("s", total_s(ss))
    ss[1].b = F(1.5)
    print("s", total_s(ss))
    S.a = property(lambda self: 100)    # the member replaced by a property
    print("s", total_s(ss))

    ds = [Dd(i) for i in range(4)]
    for d in ds:
        d.__dict__          # (their dicts exist from here on)
    for r in range(6):
        print("d", total_d(ds))
    ds[0].kind = "own"       # shadows the class attribute
    print("d", total_d(ds))
    del ds[0].kind          # the class's again
    del ds[1].n              # AttributeError
    print("d", total_d(ds))
    ds[1].n = "back"
    d = ds[2].__dict__
    n = d.pop("n")
    d["n"] = n * 100          # moved to another entry (the hint)
    print("d", total_d(ds))
    n = d.pop("n")
    d["".join(["n"])] = n + 1     # an equal key, not the interned name
    print("d", total_d(ds))
    d[1] = "non-str key"     # a dict with general keys
    print("d", total_d(ds))
    Dd.extra = property(lambda self: 0)   # a class change: version tag
    print("d", total_d(ds))

    chain = None
    for i in range(50):
        chain = Node(i, chain)
    for r in range(5):
        print("walk", walk(chain))
    print(swap(3))
    print(drop(3))


main()
