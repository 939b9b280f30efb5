# Evaluation order, temporaries' lifetimes and errors in plain function bodies
# (assignments, expressions, ifs, returns): everything printed must match CPython.
import gc
import weakref

log = []


def note(tag, value):
    log.append(tag)
    return value


class Probe:
    def __init__(self, name):
        self.name = name

    def __getattr__(self, attr):
        log.append(f"{self.name}.{attr}")
        return lambda *args: note(f"call {self.name}.{attr}{args}", len(args))

    def __getitem__(self, key):
        log.append(f"{self.name}[{key!r}]")
        return key

    def __setitem__(self, key, value):
        log.append(f"{self.name}[{key!r}] = {value!r}")


def callee_then_args():
    p = Probe("p")
    r = note("callee", p).m(note("a", 1), note("b", 2), note("c", 3))
    s = note("left", 1) + note("right", 2) * note("third", 3)
    t = note("x", 1) < note("y", 2) < note("z", 0) < note("never", 9)
    u = note("o", p)[note("i", 1):note("j", 2)]
    note("target", p)[note("key", "k")] = note("value", "v")
    return r, s, t, u


print(callee_then_args(), log)
log.clear()


def augmented():
    p = Probe("q")
    box = [10]
    box[note("index", 0)] += note("rhs", 5)
    p[note("k", 1)] += 2
    return box


print(augmented(), log)
log.clear()


def rebinding_global_in_arguments():
    # The callee is looked up before the arguments run (the arguments rebind it).
    return target(rebind())


def target(x):
    return ("old target", x)


def rebind():
    global target
    target = lambda x: ("new target", x)
    return 1


print(rebinding_global_in_arguments(), target(2))


class Tracked:
    alive = 0

    def __init__(self):
        Tracked.alive += 1

    def __del__(self):
        Tracked.alive -= 1

    def value(self):
        return Tracked.alive


def temporaries_die_at_once():
    # The object behind a bound method dies when its call returns, before the next item.
    return (Tracked().value(), Tracked.alive, Tracked().value(), Tracked.alive)


print(temporaries_die_at_once())


def file_closed_by_refcount(path):
    pair = (open(path, "w").write("hello"), open(path).read())
    return pair


import os
import tempfile

fd, path = tempfile.mkstemp()
os.close(fd)
print(file_closed_by_refcount(path))
os.unlink(path)


def weak_target():
    obj = Tracked()
    ref = weakref.ref(obj)
    obj = None
    return ref() is None, Tracked.alive


print(weak_target())


def short_circuits(a, b):
    x = a and note("and-right", b)
    y = a or note("or-right", b)
    z = note("then", 1) if a else note("else", 2)
    w = not a
    return x, y, z, w


print(short_circuits(0, 5), short_circuits(3, 5), log)
log.clear()


def errors_keep_their_line(n):
    a = n + 1
    if a > 2:
        b = a // (n - n)
    return a


for n in (1, 5):
    try:
        print(errors_keep_their_line(n))
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)


def unbound_local(flag):
    if flag:
        v = 1
    v += 1
    return v


try:
    unbound_local(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
print(unbound_local(True))


def deep_expression(x):
    return ((((((((((((((((((((((((((((((((((((((((x + 1) * 2) - 3) + 4) * 5) - 6) + 7) * 8) - 9)
        + 10) * 11) - 12) + 13) * 14) - 15) + 16) * 17) - 18) + 19) * 20) - 21) + 22) * 23) - 24)
        + 25) * 26) - 27) + 28) * 29) - 30) + 31) * 32) - 33) + 34) * 35) - 36) + 37) * 38) - 39)
        + 40)


print(deep_expression(3))


def nested_ifs(n):
    if n > 0:
        if n > 10:
            if n > 100:
                return "huge"
            else:
                kind = "big"
        elif n > 5:
            kind = "medium"
        else:
            kind = "small"
    else:
        return "non-positive"
    return kind


print([nested_ifs(n) for n in (-1, 3, 7, 50, 500)])


class Mangled:
    def __init__(self):
        self.__secret = 41

    def reveal(self):
        self.__secret += 1
        return self.__secret, sorted(k for k in vars(self))


print(Mangled().reveal())


def tuples_and_lists(a, b):
    t = (a,)
    u = (a, b, a + b)
    v = [a, [b, (a, b)]]
    e = ()
    return t, u, v, e, len(u), u[1:], v[1][1][0]


print(tuples_and_lists(1, 2))


def chained_with_calls(xs):
    return len(xs) > 2 and xs[0] < xs[1] < xs[2] and max(xs) == xs[-1]


print(chained_with_calls([1, 2, 3]), chained_with_calls([3, 2, 1]), chained_with_calls([]))
gc.collect()
print("alive at end", Tracked.alive)
