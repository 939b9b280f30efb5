# Object code iterating dicts, sets and lists while they change: CPython's RuntimeError for
# a dict or set that changes size during iteration, a dict whose keys change without a
# size change, lists growing and shrinking under a for loop, and views kept across changes.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles grow, discard_each, rekey, view_after_change, list_grows, list_shrinks, values_changed, popitems


def grow(d, seen):
    for k in d:
        seen.append(k)
        d[k * 10] = k


def grow_while_iterating(d):
    seen = []
    try:
        grow(d, seen)
    except RuntimeError as e:
        seen.append(str(e))
    return seen


def discard_each(s, out):
    for x in s:
        out.append(x)
        s.discard(x)


def shrink_set(s):
    out = []
    try:
        discard_each(s, out)
    except RuntimeError as e:
        out.append(str(e))
    return sorted(map(str, out))


def rekey(d, out):
    for k in d:
        out.append(k)
        d.pop(k)
        d[k + 100] = 0


def same_size_other_keys(d):
    out = []
    try:
        rekey(d, out)
    except RuntimeError as e:
        out.append(str(e))
    return out


def view_after_change(d):
    keys = d.keys()
    items = d.items()
    d["new"] = 1
    d.pop("a")
    return list(keys), sorted(items), len(keys), "new" in keys, ("b", 2) in items


def list_grows(xs):
    out = []
    for x in xs:
        out.append(x)
        if x < 5:
            xs.append(x + 10)
    return out, xs


def list_shrinks(xs):
    out = []
    for x in xs:
        out.append(x)
        if xs:
            xs.pop(0)
    return out, xs


def values_changed(d):
    total = 0
    for k in d:
        d[k] = d[k] + 1   # no size change: allowed
        total += d[k]
    return total, d


def popitems(d, out):
    for v in d.values():
        out.append(v)
        d.popitem()


def pop_in_values(d):
    out = []
    try:
        popitems(d, out)
    except RuntimeError as e:
        out.append(str(e))
    return out


for _ in range(3):
    print(grow_while_iterating({1: 1, 2: 2}))
    print(shrink_set({1, 2, 3}))
    print(same_size_other_keys({1: 0, 2: 0, 3: 0}))
    print(view_after_change({"a": 1, "b": 2}))
    print(list_grows([1, 2, 7]))
    print(list_shrinks([1, 2, 3, 4, 5, 6]))
    print(values_changed({"x": 1, "y": 2}))
    print(pop_in_values({1: "a", 2: "b", 3: "c"}))
