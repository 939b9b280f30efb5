# A frame that raised and caught an exception releases its locals when it returns, as in
# CPython (reference counting, no collection): __del__ runs at once.
live = 0


class Box:
    def __init__(self):
        global live
        live += 1

    def __del__(self):
        global live
        live -= 1


def caught_bare():
    a = Box()
    try:
        raise KeyError("x")
    except KeyError:
        pass


def caught_named():
    a = Box()
    try:
        raise KeyError("x")
    except KeyError as exc:
        pass


def raiser():
    b = Box()
    raise ValueError("deep")


def caught_from_callee():
    a = Box()
    try:
        raiser()
    except ValueError:
        pass


def caught_raise_from():
    a = Box()
    try:
        try:
            raise KeyError("inner")
        except KeyError as e:
            raise ValueError("outer") from e
    except ValueError:
        pass


def caught_reraise():
    a = Box()
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            raise
    except KeyError:
        pass


def caught_operation():
    a = Box()
    try:
        return 1 / 0
    except ZeroDivisionError:
        return -1


def caught_in_finally():
    a = Box()
    try:
        try:
            raise OSError("x")
        finally:
            c = Box()
    except OSError:
        pass


def caught_with_class(cls):
    a = Box()
    try:
        raise cls
    except Exception:
        pass


for fn in (caught_bare, caught_named, caught_from_callee, caught_raise_from, caught_reraise,
           caught_operation, caught_in_finally):
    for i in range(3):
        fn()
        print(fn.__name__, live)
for i in range(3):
    caught_with_class(RuntimeError)
    print("caught_with_class", live)

