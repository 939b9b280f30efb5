# Abstract base classes: abstractmethod, instantiation errors, register, collections.abc checks.
import abc
import collections.abc as cabc


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    @abc.abstractmethod
    def name(self):
        ...

    def describe(self):
        return '%s:%s' % (self.name(), self.area())


class Half(Shape):
    def area(self):
        return 1


class Square(Half):
    def name(self):
        return 'square'


for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print('TypeError', e)
print(Square().describe(), isinstance(Square(), Shape), sorted(Shape.__abstractmethods__), Square.__abstractmethods__)


class Base(metaclass=abc.ABCMeta):
    @property
    @abc.abstractmethod
    def value(self):
        ...

    @classmethod
    @abc.abstractmethod
    def build(cls):
        ...


class Impl(Base):
    @property
    def value(self):
        return 'v'

    @classmethod
    def build(cls):
        return cls()


print(Impl.build().value)


class Duck:
    def quack(self):
        return 'quack'


class Quacker(abc.ABC):
    pass


Quacker.register(Duck)
print(isinstance(Duck(), Quacker), issubclass(Duck, Quacker), Quacker in Duck.__mro__)


class Sized2:
    def __len__(self):
        return 0


class MyMap(cabc.Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        return self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


mm = MyMap({'a': 1, 'b': 2})
print(isinstance(Sized2(), cabc.Sized), isinstance([], cabc.Sequence), isinstance({}, cabc.MutableMapping))
print(isinstance((x for x in []), cabc.Iterator), isinstance(5, cabc.Hashable), isinstance([], cabc.Hashable))
print(mm.get('a'), mm.get('z', 0), 'b' in mm, list(mm.keys()), list(mm.items()), mm == {'a': 1, 'b': 2})
