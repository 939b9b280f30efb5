# CPython 3.11's "Did you mean: 'x'?" on uncaught NameError/AttributeError (the
# interpreter's printer only: the traceback module of 3.11 adds none), from a function's
# locals, the module's globals, the builtins, and dir() of the object.
import sys
import traceback


class Point:
    def __init__(self):
        self.x_coord = 1


class NotExactly(AttributeError):
    pass


def area(p):
    return p.x_cord * 2


def raise_(e):
    raise e


def show(thunk):
    try:
        thunk()
    except Exception as e:
        sys.__excepthook__(type(e), e, e.__traceback__)


counter_global = 0
show(lambda: countr_global)                       # a global
show(lambda: lenn([]))                            # a builtin
show(lambda: Point().x_cord)                      # dir() of the instance
show(lambda: sys.pathh)                           # a module's attribute
show(lambda: Point.__int__)                       # nothing close enough
show(lambda: raise_(NotExactly("n", name="x_cord", obj=Point())))   # a subclass: none
try:
    area(Point())
except AttributeError:
    traceback.print_exc()                         # the traceback module: none in 3.11


def chained():
    try:
        area(Point())
    except AttributeError as e:
        raise KeyError("wrapped") from e


try:
    chained()
except KeyError as e:
    sys.__excepthook__(type(e), e, e.__traceback__)   # both exceptions of the chain


def compute(values):
    total = 0
    for v in values:
        total += v
    return totl                                   # uncaught: a local of the frame


print(compute([1, 2]))
