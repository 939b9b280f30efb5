# A big object-code function (several hundred typed-IR ops, thousands of LLVM IR
# instructions): at --tier auto its machine code is made at level 0 (codegen/jit.py
# codegen_level: LLVM's level-1 codegen time grows faster than the function). Many
# locals live across raises caught inside it and escaping it, early returns from
# several depths, loops, attribute and subscript traffic, big ints.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles big
# run auto: --jit-threshold 3
# expect auto: compiles big


class Box:
    def __init__(self, name, v):
        self.name = name
        self.v = v


class Stop(Exception):
    pass


def big(n, mode):
    a = Box("a", n)
    b = Box("b", [n, n + 1, n + 2])
    c = {"k": n, "j": [a.v, b.v[0]]}
    d = [Box("d%d" % i, i * n) for i in range(3)]
    e = (a, b, c)
    total = 0
    for x in b.v:
        total += x * a.v
        if x % 7 == 3:
            total -= 1
    words = []
    for i, item in enumerate(d):
        words.append("%s=%s" % (item.name, item.v))
        c["k"] += item.v
    s = ",".join(words)
    if mode == 1:
        return ("early", total, s, c["k"], len(e))
    try:
        if mode == 2:
            raise Stop("two %d" % n)
        f = Box("f", 2 ** 70 + n)
        g = f.v * 3 - total
        h = [g, g // 7, g % 11, -g]
        c["j"].extend(h)
    except Stop as exc:
        f = Box("f", str(exc))
        g = len(f.v)
        h = [g]
    k = 0
    while k < len(h):
        total += h[k] if isinstance(h[k], int) else 0
        k += 1
    if mode == 3:
        raise ValueError("three %d %s" % (n, s))
    m = {w: len(w) for w in words}
    o = sorted(m.items())
    p = [q for q, _ in o]
    r = Box("r", p)
    t = r.v[0] if r.v else None
    u = (t, total % 1000, c["k"], len(c["j"]))
    if mode == 4:
        for z in d:
            if z.v > n:
                return ("loop", z.name, u)
    try:
        y = c["missing"]
    except KeyError as exc:
        y = "missing:" + str(exc)
    v = [a.name, b.name, f.name, r.name, y]
    w = "/".join(v)
    if mode == 5:
        del a
        del b
        return ("deleted", w)
    try:
        try:
            if mode == 6:
                c["j"][99]
            z = 1 / (n - n) if mode == 7 else 0
        finally:
            total += 1
    except ZeroDivisionError as exc:
        return ("zero", str(exc), total % 97)
    return ("end", w, u, total % 1000003, len(c["j"]), z)


for n in range(8):
    for mode in range(8):
        try:
            print(n, mode, big(n, mode))
        except (ValueError, IndexError) as exc:
            print(n, mode, type(exc).__name__, exc)
