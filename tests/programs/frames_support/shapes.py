import collections, enum, typing
Point = collections.namedtuple("Point", "x y")
Color = enum.Enum("Color", "RED GREEN")
class Rec(typing.NamedTuple):
    a: int
Pair = typing.NamedTuple("Pair", [("k", str), ("v", int)])
UserId = typing.NewType("UserId", int)
T = typing.TypeVar("T")
Movie = typing.TypedDict("Movie", {"title": str})
def make():
    return collections.namedtuple("Inner", "q")
