"""CPython 3.11's "Did you mean: 'x'?" for uncaught NameError and AttributeError.

In 3.11 only the interpreter's own printer (PyErr_Display: uncaught exceptions and
sys.__excepthook__) adds the suggestion, not the `traceback` module, and only for
exceptions of exactly those two types. The candidates, as CPython's Python/suggestions.c
takes them: for an AttributeError, dir(exc.obj); for a NameError, the co_varnames of the
innermost traceback frame's code, then its globals, then its builtins, each list tried in
turn until one gives a match. The distance and its limits are that file's (a Levenshtein
distance on the UTF-8 bytes where a move costs 2 and a case change 1, at most a third of
the characters changed, names longer than 40 bytes after trimming common affixes never
match, lists of 750 names or more never searched).
"""
from __future__ import annotations

_MAX_CANDIDATE_ITEMS = 750
_MAX_STRING_SIZE = 40
_MOVE_COST = 2
_CASE_COST = 1


def _substitution_cost(a: int, b: int) -> int:
    if a & 31 != b & 31:
        return _MOVE_COST
    if a == b:
        return 0
    if 65 <= a <= 90:
        a += 32
    if 65 <= b <= 90:
        b += 32
    return _CASE_COST if a == b else _MOVE_COST


def _distance(a: bytes, b: bytes, max_cost: int) -> int:
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    end = 0
    while end < len(a) and end < len(b) and a[-1 - end] == b[-1 - end]:
        end += 1
    if end:
        a, b = a[:-end], b[:-end]
    if not a or not b:
        return (len(a) + len(b)) * _MOVE_COST
    if len(a) > _MAX_STRING_SIZE or len(b) > _MAX_STRING_SIZE:
        return max_cost + 1
    if len(b) < len(a):
        a, b = b, a
    if (len(b) - len(a)) * _MOVE_COST > max_cost:
        return max_cost + 1
    row = [(i + 1) * _MOVE_COST for i in range(len(a))]   # cost of b[:0] -> a[:i+1]
    result = 0
    for b_index, code in enumerate(b):
        distance = result = b_index * _MOVE_COST
        minimum = None
        for index, other in enumerate(a):
            substitute = distance + _substitution_cost(code, other)
            distance = row[index]
            result = min(min(result, distance) + _MOVE_COST, substitute)
            row[index] = result
            if minimum is None or result < minimum:
                minimum = result
        if minimum > max_cost:
            return max_cost + 1
    return result


def _best(candidates, name: str):
    if len(candidates) >= _MAX_CANDIDATE_ITEMS:
        return None
    name_bytes = name.encode("utf-8", "surrogatepass")
    best, best_distance = None, None
    for item in candidates:
        if not isinstance(item, str) or item == name:
            continue
        item_bytes = item.encode("utf-8", "surrogatepass")
        max_distance = (len(name_bytes) + len(item_bytes) + 3) * _MOVE_COST // 6
        if best_distance is not None:
            max_distance = min(max_distance, best_distance - 1)
        d = _distance(name_bytes, item_bytes, max_distance)
        if d > max_distance:
            continue
        if best is None or d < best_distance:
            best, best_distance = item, d
    return best


def suggestion(exc: BaseException, varnames, globals_, builtins):
    """The name to suggest for `exc`, or None. `varnames`, `globals_`, `builtins`: those
    of the innermost frame of its traceback (only a NameError uses them)."""
    try:
        if type(exc) is AttributeError:
            name, obj = exc.name, exc.obj
            if obj is None or type(name) is not str:
                return None
            return _best(list(dir(obj)), name)
        if type(exc) is NameError:
            name = exc.name
            if type(name) is not str or globals_ is None:
                return None
            for names in (varnames, globals_, builtins):
                found = _best(list(names or ()), name)
                if found is not None:
                    return found
    except Exception:   # noqa: BLE001 - as CPython: a failing dir() means no suggestion
        return None
    return None
