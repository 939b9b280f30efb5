# enum.Enum, IntEnum, Flag, auto, lookups, iteration, aliases, unique, errors.
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1


print(Color.RED, repr(Color.GREEN), Color(3), Color['BLUE'], Color.RED.name, Color.RED.value)
print(list(Color), len(Color), Color.CRIMSON is Color.RED, Color.RED == 1, isinstance(Color.RED, Color))
print([m for m in Color.__members__], Color.RED in Color, {Color.RED: 'r'}[Color.CRIMSON])
try:
    Color(9)
except ValueError as e:
    print('ValueError', e)
try:
    Color['PINK']
except KeyError as e:
    print('KeyError', e)
try:
    Color.RED = 5
except AttributeError as e:
    print('AttributeError', e)


class Prio(enum.IntEnum):
    LOW = 1
    HIGH = 2


print(Prio.LOW < Prio.HIGH, Prio.HIGH + 1, sorted([Prio.HIGH, Prio.LOW]), Prio(2).name, int(Prio.HIGH))


class Perm(enum.Flag):
    R = enum.auto()
    W = enum.auto()
    X = enum.auto()


rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, Perm.R.value, Perm.X.value, bool(Perm(0)))


class Auto(enum.Enum):
    A = enum.auto()
    B = enum.auto()

    def describe(self):
        return '%s=%d' % (self.name, self.value)

    @classmethod
    def first(cls):
        return next(iter(cls))


print(Auto.B.describe(), Auto.first(), [a.value for a in Auto])
try:
    @enum.unique
    class Dup(enum.Enum):
        X = 1
        Y = 1
except ValueError as e:
    print('ValueError', e)


class Planet(enum.Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius


print(Planet.EARTH.mass, Planet.MERCURY.value, Planet((5.976e+24, 6.37814e6)).name)


class Str(str, enum.Enum):
    A = 'a'


print(Str.A == 'a', Str.A.value, Str('a').name)
Animal = enum.Enum('Animal', 'CAT DOG')
print(Animal.DOG.value, list(Animal))
match Color.GREEN:
    case Color.RED:
        print('matched red')
    case Color.GREEN:
        print('matched green')
