# Generator functions in object code with yields inside expressions: call arguments
# before and after a yield (CPython's left-to-right order), displays, conditions of
# if/while, boolean operators, conditional
# expressions, f-strings, return (yield), int arithmetic on both sides of a yield (the
# values alive across it are spilled to the generator's state) and a yield in an
# unpacking assignment.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles args_order, displays, conditions, shortcut, fstrings, returner, arith, unpacker, drive
# run auto: --jit-threshold 20
# expect auto: compiles args_order, arith, drive


def show(*args):
    return "show" + repr(args)


def args_order(log):
    r = show(log.append("a") or 1, (yield "first"), log.append("c") or 3, (yield "second"))
    log.append(r)


def displays():
    a = [1, (yield "l"), 3]
    b = {"k": (yield "d"), (yield "key"): 2}
    c = {(yield "s"), 9}
    d = (a, (yield "t"))
    yield a, b, c, d


def conditions(n):
    while (yield "test"):
        if (yield "if"):
            n += 1
        else:
            n -= 1
    yield n


def shortcut(x):
    v = x and (yield "and")
    w = x or (yield "or")
    z = (yield "then") if x else (yield "else")
    yield v, w, z


def fstrings(name):
    yield f"{name}:{(yield 'inner')!r}:{len(name)}"


def returner():
    return (yield "r")


def arith(n):
    total = n * 3
    total = total + (yield total) * 2 - (yield total + 1)
    big = 2 ** 62
    big = big + (yield big) + big      # past int64 across the yield
    yield total, big


def unpacker():
    a, b = yield "pair"
    (c, d), e = (yield "nested"), a
    yield a, b, c, d, e


def run(gen, sends):
    out = [next(gen)]
    try:
        for s in sends:
            out.append(gen.send(s))
    except StopIteration as e:
        out.append(("stop", e.value))
    return out


def drive():
    log = []
    res = [run(args_order(log), ["B", "D"]), log]
    res.append(run(displays(), [2, "dv", "kk", 8, "tv"]))
    res.append(run(conditions(10), [True, True, True, False, False]))
    res.append(run(shortcut(0), ["A", "O", "E"]))
    res.append(run(shortcut(5), ["T"]))
    res.append(run(fstrings("nm"), ["in"]))
    res.append(run(returner(), ["back"]))
    res.append(run(arith(7), [100, 5, 1]))
    res.append(run(arith(2 ** 61), [2 ** 62, -1, 2 ** 63]))
    res.append(run(unpacker(), [(1, 2), ("x", "y")]))
    return res


for round_ in range(25):
    res = drive()
    if round_ in (0, 24):
        for r in res:
            print(r)
