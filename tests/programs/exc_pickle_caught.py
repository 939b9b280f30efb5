# A caught exception pickles and copies as in CPython: the engine's traceback bookkeeping
# (its guest frames) is not part of the state pickle and copy take from the exception.
import pickle, copy
class MyErr(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
class Custom(Exception):
    def __reduce__(self):
        return (Custom, ("rebuilt",))
def f():
    raise MyErr(3, "bad")
for exc_maker in (lambda: int("x"), f, lambda: {}["k"], lambda: open("/nonexistent/x"),
                  lambda: (_ for _ in ()).throw(Custom("c"))):
    try:
        exc_maker()
    except Exception as e:
        e2 = pickle.loads(pickle.dumps(e))
        print(type(e2).__name__, e2.args, vars(e2) == {k: v for k, v in vars(e).items() if not k.startswith("_pj")})
        e3 = copy.copy(e)
        print(type(e3).__name__, e3.args, getattr(e3, "code", None))
        print(sorted(k for k in vars(e2)))
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            print(proto, type(pickle.loads(pickle.dumps(e, proto))).__name__)
try:
    try:
        raise ValueError(1)
    except ValueError as e:
        raise KeyError(2) from e
except KeyError as e:
    e2 = pickle.loads(pickle.dumps(e))
    print(repr(e2), e2.__cause__)
eg = ExceptionGroup("g", [ValueError(1), TypeError(2)])
try:
    raise eg
except* ValueError as m:
    print(type(pickle.loads(pickle.dumps(m))).__name__)
except* TypeError:
    pass
