# Generator functions in object code (codegen/generators.py): yields in loops and
# branches, values sent in, return values (StopIteration.value), yields inside
# expressions, defaults bound at the call, int locals that overflow into big ints across
# yields, generator methods, closures, recursive generators, and generators consumed by
# host code (list, sorted, zip, dict, join, sum, map) and by tier 0.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles countdown, echo, accumulate, fib_big, walk, with_default, Bag.items, pairs, outer.<locals>.inner, first_n
# run auto: --jit-threshold 20
# expect auto: compiles countdown, fib_big, walk


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


def echo(first):
    got = yield first
    while got is not None:
        if got == "skip":
            got = yield "skipped"
            continue
        got = yield got * 2
    return ("echo done", first)


def accumulate():
    total = 0
    count = 0
    while True:
        total += (yield total, count)     # a yield inside an expression
        count += 1
        if total > 100:
            return total


def fib_big(n):
    a, b = 0, 1
    for i in range(n):
        yield i, a
        a, b = b, a + b      # past int64: exact big ints, kept across the yields


class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)


def walk(node, depth):
    yield depth, node.value
    for child in node.children:
        for item in walk(child, depth + 1):
            yield item


def with_default(xs, scale=10, label="x"):
    for x in xs:
        yield f"{label}{x * scale}"


class Bag:
    def __init__(self, items):
        self.data = list(items)

    def items(self, reverse=False):
        seq = reversed(self.data) if reverse else self.data
        for i, x in enumerate(seq):
            if x is None:
                continue
            yield i, x


def outer(k):
    def inner(xs):
        for x in xs:
            yield x + k
    return inner


def pairs(xs):
    it = iter(xs)
    for a in it:
        for b in it:
            yield a, b
            break
        else:
            yield a, None


def first_n(gen, n):
    for i, x in enumerate(gen):
        if i >= n:
            break
        yield x


def consume_countdown():
    g = countdown(3)
    out = list(g)
    try:
        next(g)
    except StopIteration as e:
        out.append(("again", e.value))
    g = countdown(2)
    next(g)
    next(g)
    try:
        next(g)
    except StopIteration as e:
        out.append(("returned", e.value))
    return out


def drive_echo():
    g = echo(5)
    out = [next(g), g.send(3), g.send("skip"), g.send("ab")]
    try:
        g.send(None)
    except StopIteration as e:
        out.append(e.value)
    return out


def drive_accumulate():
    g = accumulate()
    out = [next(g)]
    try:
        for v in (10, 20, 30.5, 41, 7):
            out.append(g.send(v))
    except StopIteration as e:
        out.append(("stop", e.value))
    return out


tree = Node(1, [Node(2, [Node(4), Node(5, [Node(8)])]), Node(3, [Node(6), Node(7)])])
inner = outer(100)
for round_ in range(30):
    results = [
        consume_countdown(),
        drive_echo(),
        drive_accumulate(),
        list(fib_big(95))[-3:],
        list(walk(tree, 0)),
        sorted(walk(tree, 0), key=lambda t: (-t[0], t[1]))[:4],
        list(with_default([1, 2, 3])),
        list(with_default([1, 2], 2)),
        "|".join(with_default([4, 5], label="y", scale=-1)),
        dict(Bag(["a", None, "c"]).items()),
        list(Bag([1, 2, None, 4]).items(reverse=True)),
        list(zip(countdown(4), inner([1, 2, 3]))),
        sum(inner(range(10))),
        list(map(str, countdown(3))),
        list(pairs([1, 2, 3, 4, 5])),
        list(first_n(fib_big(1000), 5)),
        [x for x in first_n(countdown(10 ** 6), 3)],
    ]
    if round_ in (0, 29):
        for r in results:
            print(r)

# a default changed after the generator was made: the call bound the old one
g = with_default([1])
with_default.__defaults__ = (7, "z")
print(list(g), list(with_default([1])))
with_default.__defaults__ = (10, "x")

# from tier 0 at module level, partly consumed, then dropped
total = 0
for n, v in fib_big(50):
    total += v
    if n == 20:
        break
print(total)
print(type(countdown(1)).__name__, countdown.__name__, countdown(1).__name__, countdown(1).__qualname__)
print(Bag([]).items().__qualname__, inner([]).__qualname__)
