# The collector's lists do not show the engine's frames: gc.get_referrers of a local
# variable is what CPython 3.11 returns (a running frame's locals are not traversed), and
# comprehensions over gc.get_referrers / gc.get_objects / gc.get_referents results that
# iterate the lists found bind real values (tier 0's frame lists, and the slot lists a
# call builds them from, hold an empty-slot sentinel: UnboundLocalError before).
import gc


class Marker:
    pass


def lists_holding(obj):
    return sum(1 for o in gc.get_objects() if type(o) is list for x in o if x is obj)


def in_function():
    m = Marker()
    holder = [m]
    print("local:", sorted([type(r).__name__ for r in gc.get_referrers(m)]))
    items = [str(type(x).__name__) for r in gc.get_referrers(m) if isinstance(r, list) for x in r]
    print("items of lists holding it:", items)
    for r in gc.get_referrers(m):
        if isinstance(r, list):
            r.remove(m)
    print("removed from lists:", holder, type(m).__name__)
    print("lists in get_objects holding it:", lists_holding(m))
    print("referents of a local list:", [type(r).__name__ for r in gc.get_referents(holder)])
    print("lists holding the holder:", lists_holding(holder))


def with_cells(a, b=2, *rest, **kw):
    # (the general binding path: defaults, *args, **kwargs, cells)
    def inner():
        return a, b
    return sum(1 for o in gc.get_objects() if type(o) is list for x in o if x is inner)


class Body:
    found = sum(1 for o in gc.get_objects() if type(o) is list for x in o if x is Marker)


def generator(x):
    yield x
    yield x


in_function()
print("general call:", with_cells(1, 3, 4, k=5))
print("class body:", Body.found)
g = Marker()
print("global:", sorted(type(r).__name__ for r in gc.get_referrers(g)))
it = generator(Marker())
next(it)
print("bound in a suspended generator:", [type(x).__name__ for r in gc.get_referents(it)
                                            if isinstance(r, list) for x in r])
print([len(r) for r in gc.get_referrers(g) if isinstance(r, list)])
