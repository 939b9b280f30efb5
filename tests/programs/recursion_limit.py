# Guest recursion depth equals CPython's at every limit and tier (issue 18): the deepest
# level reached, the message, and the program going on after catching RecursionError.
import sys

reached = 0


def plain(n):
    global reached
    reached = n
    return plain(n + 1)


def in_expression(n):
    global reached
    reached = n
    if n >= 0:
        return 1 + in_expression(n + 1) * 2
    return 0


def with_default(n, step=1):
    global reached
    reached = n
    return with_default(n + step, step=step)


def with_cell(n):
    global reached
    reached = n

    def inner():
        return n
    return with_cell(inner() + 1)


def ping(n):
    global reached
    reached = n
    return pong(n + 1)


def pong(n):
    global reached
    reached = n
    return ping(n + 1)


class Node:
    def down(self, n):
        global reached
        reached = n
        return self.down(n + 1)


def comprehension(n):
    global reached
    reached = n
    return [comprehension(n + 1) for _ in range(1)]


def gen(n):
    global reached
    reached = n
    yield n
    yield from gen(n + 1)


def total(n):
    # numeric: compiled at jit/auto once hot
    if n == 0:
        return 0
    return n + total(n - 1)


def deepest(fn, *args):
    global reached
    reached = 0
    try:
        fn(*args)
    except RecursionError as e:
        return reached, str(e), type(e.__context__).__name__
    return reached, "no error"


def in_handler(n):
    global reached
    reached = n
    try:
        raise KeyError(n)
    except KeyError:
        return in_handler(n + 1)


def deepest_total(limit):
    # the largest n for which total(n) runs (searching near the limit)
    for _ in range(300):
        total(50)     # hot: native at jit/auto
    best = None
    for n in range(limit - 12, limit + 3):
        try:
            total(n)
            best = n
        except RecursionError as e:
            return best, str(e)
    return best, "no error"


for limit in (100, 1000, 3000):
    sys.setrecursionlimit(limit)
    print("limit", limit, sys.getrecursionlimit())
    print(" plain", deepest(plain, 1))
    print(" expression", deepest(in_expression, 1))
    print(" default", deepest(with_default, 1))
    print(" cell", deepest(with_cell, 1))
    print(" mutual", deepest(ping, 1))
    print(" method", deepest(Node().down, 1))
    print(" comprehension", deepest(comprehension, 1))
    print(" generator", deepest(lambda: list(gen(1))))
    # (its message: CPython 3.11's C-level check of the KeyError(n) call at the limit
    # depth says "while calling a Python object"; protojit does not count C calls)
    print(" in handler", deepest(in_handler, 1)[::2])
    print(" numeric", deepest_total(limit))
    # and the program goes on normally
    print(" after", total(limit // 2))

sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError", e)


def set_deep(n):
    if n == 0:
        sys.setrecursionlimit(30)
        return
    set_deep(n - 1)


try:
    set_deep(40)
except RecursionError as e:
    print("RecursionError", e)
print(sys.getrecursionlimit())
