# Class decorators and dataclasses: fields, defaults, ordering, frozen, post_init, replace, asdict.
import dataclasses
from dataclasses import dataclass, field


@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)


p = Point(1)
print(p, p == Point(1, 0, []), p != Point(2), Point(3, 4, ['t']))
p.tags.append('a')
print(p, Point(1).tags)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0

    def bump(self):
        return dataclasses.replace(self, minor=self.minor + 1)


vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), max(vs), Version(1) < Version(1, 1), Version(2).bump())
try:
    vs[0].major = 5
except dataclasses.FrozenInstanceError as e:
    print('FrozenInstanceError', e)
print(hash(Version(1, 2)) == hash(Version(1, 2)), len({Version(1), Version(1), Version(2)}))


@dataclass
class Derived:
    a: int
    b: int = field(init=False)
    c: str = field(default='c', repr=False)

    def __post_init__(self):
        self.b = self.a * 2


d = Derived(5)
print(d, d.b, d.c, dataclasses.asdict(d), dataclasses.astuple(d))
print([f.name for f in dataclasses.fields(Derived)], dataclasses.is_dataclass(d))
try:
    @dataclass
    class BadOrder:
        a: int = 1
        b: int
except TypeError as e:
    print('TypeError', e)
try:
    Point()
except TypeError as e:
    print('TypeError', e)


def add_repr(cls):
    cls.__repr__ = lambda self: '<%s %s>' % (cls.__name__, sorted(vars(self).items()))
    return cls


def counted(cls):
    orig = cls.__init__

    def __init__(self, *a, **k):
        cls.instances += 1
        orig(self, *a, **k)
    cls.instances = 0
    cls.__init__ = __init__
    return cls


@add_repr
@counted
class Widget:
    def __init__(self, name):
        self.name = name


print(Widget('w1'), Widget('w2'), Widget.instances)


@dataclass
class Inherit(Point):
    z: int = 9


print(Inherit(1, 2), Inherit(1, 2, ['q'], 3).z)
