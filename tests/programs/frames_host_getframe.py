# Host libraries that name their caller's module through sys._getframe(n) (namedtuple,
# the functional Enum API, typing's NamedTuple/TypedDict/NewType/TypeVar) see the guest
# module that called them, so such classes pickle; traceback.print_stack/extract_stack
# without a frame start at the guest caller.
import pickle
import sys
import traceback

from frames_support import shapes

for obj in (shapes.Point, shapes.Color, shapes.Rec, shapes.Pair, shapes.UserId, shapes.T, shapes.Movie,
            shapes.make()):
    print(getattr(obj, "__name__", obj), obj.__module__)
print(pickle.loads(pickle.dumps(shapes.Point(1, 2))), pickle.loads(pickle.dumps(shapes.Color.RED)),
      pickle.loads(pickle.dumps(shapes.Pair("a", 1))), pickle.loads(pickle.dumps(shapes.Rec(3))))


def deep(n):
    if n:
        return deep(n - 1)
    traceback.print_stack(limit=3, file=sys.stdout)
    print("".join(traceback.format_stack(limit=1)), end="")
    return [(f.name, f.lineno) for f in traceback.extract_stack()][-3:]


print(deep(2))


def hot(n):
    out = 0
    for i in range(n):
        out += len(shapes.make()._fields)
    return out, shapes.make().__module__


print(hot(300))
try:
    sys._getframe(10 ** 6)
except ValueError as e:
    print("ValueError", e)
