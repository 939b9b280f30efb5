# Object code: dict(x for ...) inlined (build.py GENEXPR_CONSUMERS): pairs stored as they
# come (a later key wins), items that are lists, strings of two characters or generators,
# CPython's errors for an item that is not a sequence or not a pair (with its element
# number, after the earlier items' effects), a StopIteration inside the generator
# expression (RuntimeError), and `dict` rebound to another callable.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles index_of, pairs_of, bad_items, stop_inside
# expect jit: rejects rebound (generator expression)
# run auto: --jit-threshold 20
# expect auto: compiles index_of, pairs_of


def index_of(board):
    return dict((board[i], i) for i in range(len(board)))


def pairs_of(items, log):
    return dict(log.append(x) or x for x in items)


def bad_items(items, log):
    try:
        return dict(log.append(x) or x for x in items)
    except (TypeError, ValueError) as e:
        return type(e).__name__, str(e), e.__context__


def stop_inside(xs):
    try:
        return dict((x, next(iter(()))) if x == 2 else (x, x) for x in xs)
    except RuntimeError as e:
        return str(e), type(e.__cause__).__name__


def rebound(xs):
    dict = list
    return dict((x, x) for x in xs)


for round_ in range(30):
    log = []
    out = [
        index_of([5, 3, 5, 9]),
        pairs_of([("a", 1), ["b", 2], "cd", ("a", 3), (k for k in "ef")], log),
        bad_items([("a", 1), 7, ("b", 2)], log),
        bad_items([("a", 1), ("b", 2, 3)], log),
        bad_items([("a", 1), "xyz"], log),
        bad_items([[1, 2], {3, 4}, {"k": 1, "j": 2}, [[]]], log),
        stop_inside([1, 2, 3]),
        rebound([1, 2]),
        len(log),
    ]
    if round_ in (0, 29):
        for r in out:
            print(r)
