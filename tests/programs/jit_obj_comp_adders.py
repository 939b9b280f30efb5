# The step of a comprehension's accumulator (and of a list()/set()/tuple()/frozenset()
# over a generator expression, build.py _consume) is PyList_Append / PySet_Add inline
# (lowerobj.call_adder), as CPython's LIST_APPEND / SET_ADD. Its failure paths: an
# unhashable item, a __hash__ that raises, an __eq__ that raises on a hash collision, an
# element expression raising part way (the partial result dropped), items whose __eq__
# says equal (one kept, the first), a generator closed early by an exception in its
# consumer's step, and nested comprehensions.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles build, as_set, set_gen, frozenset_gen, collide, partial, nested
# run auto: --jit-threshold 5
# expect auto: compiles build, as_set, set_gen, frozenset_gen, collide, partial, nested


class Key:
    def __init__(self, k, fail=False):
        self.k = k
        self.fail = fail

    def __hash__(self):
        if self.fail == "hash":
            raise KeyError("hash of %r" % self.k)
        return hash(self.k % 3)

    def __eq__(self, other):
        if self.fail == "eq" or other.fail == "eq":
            raise ValueError("eq of %r" % self.k)
        return self.k % 3 == other.k % 3

    def __repr__(self):
        return "Key(%r)" % self.k


def as_list(items):
    return [x for x in items]


def as_set(items):
    return {x for x in items}


def list_gen(items):
    return list(x for x in items)


def set_gen(items):
    return set(x for x in items)


def tuple_gen(items):
    return tuple(x for x in items)


def frozenset_gen(items):
    return frozenset(x for x in items)


def build(items):
    out = []
    for make in [as_list, as_set, list_gen, set_gen, tuple_gen, frozenset_gen]:
        try:
            r = make(items)
            out.append((make.__name__, sorted(r, key=repr) if isinstance(r, (set, frozenset)) else r))
        except Exception as e:
            out.append((make.__name__, type(e).__name__, str(e)))
    return out


def collide(n):
    return sorted({Key(i) for i in range(n)}, key=repr), len(set(Key(i) for i in range(n)))


made = []


def item(i, n):
    if i == n - 1:
        raise ZeroDivisionError("item %d" % i)
    made.append(i)
    return i


def partial(n):
    made.clear()
    try:
        r = {item(i, n) for i in range(n)}
    except ZeroDivisionError as e:
        r = str(e)
    try:
        g = [item(i, n) for i in range(n)]
    except ZeroDivisionError as e:
        g = str(e)
    return r, g, list(made)


def nested(n):
    return [{(i, j) for j in range(i)} for i in range(n)], set(frozenset(range(i)) for i in range(n))


cases = [[1, 2, 2, 3], [[1], [2]], [Key(1), Key(4), Key(2)], [Key(1), Key(2, "hash")],
         [Key(1), Key(4, "eq")], "abca", []]
for _ in range(10):
    r = [build(c) for c in cases]
for line in r:
    print(line)
for _ in range(10):
    r = collide(7), partial(4), nested(4)
print(r)
