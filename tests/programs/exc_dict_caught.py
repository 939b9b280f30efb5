# A caught exception's __dict__ holds only what the program put there: vars(), dir(),
# __reduce__(), copy, pickle and the exception as a dict key / set member / weakly
# referenced object behave as CPython's.
import copy
import pickle
import weakref


class E(Exception):
    pass


def raiser(cls, *args):
    raise cls(*args)


def caught(cls, *args):
    try:
        raiser(cls, *args)
    except BaseException as e:
        return e


for cls, args in ((E, ("x",)), (ValueError, (1, 2)), (KeyError, ("k",)), (OSError, (2, "nope"))):
    e = caught(cls, *args)
    print(cls.__name__, vars(e), e.__dict__, e.__reduce__())
    print("  dir extra:", [n for n in dir(e) if not n.startswith("__")])
    c = copy.copy(e)
    print("  copy:", repr(c), vars(c), c.__traceback__)
    p = pickle.loads(pickle.dumps(e))
    print("  pickle:", repr(p), vars(p), type(p).__name__)
    d = copy.deepcopy(e)
    print("  deepcopy:", repr(d), vars(d))

try:
    raise E("again")
except E as e:
    try:
        raise
    except E as e2:
        print("bare re-raise:", vars(e2), e2 is e)

e = caught(E, "attrs")
e.code = 7
e.add_note("a note")
print(vars(e), e.__reduce__())
print(pickle.loads(pickle.dumps(e)).__dict__)

try:
    raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
except* ValueError as eg:
    print("except*:", vars(eg), [vars(x) for x in eg.exceptions])
except* KeyError as eg:
    print("except*:", vars(eg))

seen = {caught(E, 1): "a", caught(E, 2): "b"}
print(sorted(v for v in seen.values()), len({caught(ValueError, 3), caught(ValueError, 3)}))
e = caught(E, "weak")
w = weakref.ref(e)
print(w() is e, vars(w()))
ws = weakref.WeakSet([e])
print(len(ws))
del e
print(w(), len(ws))
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("outer")
except ValueError as e:
    print(vars(e), vars(e.__context__), e.__context__.__reduce__())
fresh = caught(ValueError, "fresh")
print(fresh.__reduce__(), fresh.__reduce_ex__(2))     # (no __dict__ made yet: two items)
