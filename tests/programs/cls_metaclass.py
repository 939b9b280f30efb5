# Metaclasses: __new__, __init__, __prepare__, __call__, class keywords, registries, inheritance.
class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print('prepare', name, sorted(kw))
        ns = {'injected': 'by prepare'}
        return ns

    def __new__(mcs, name, bases, ns, **kw):
        print('new', name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith('__')))
        cls = super().__new__(mcs, name, bases, ns)
        cls.flavor = kw.get('flavor', 'plain')
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print('init', name)
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        print('call', cls.__name__, args)
        inst = super().__call__(*args, **kwargs)
        inst.made_by_meta = True
        return inst


class Thing(metaclass=Meta, flavor='spicy'):
    def __init__(self, v):
        print('Thing.__init__', v)
        self.v = v


t = Thing(3)
print(t.v, t.made_by_meta, Thing.injected, Thing.flavor, type(Thing).__name__, isinstance(Thing, Meta))


class SubThing(Thing):
    pass


print(SubThing.flavor, type(SubThing).__name__)


class Singleton(type):
    _instances = {}

    def __call__(cls, *a):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*a)
        return cls._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self):
        print('Config created once')


print(Config() is Config())


class OrderedMeta(type):
    def __new__(mcs, name, bases, ns):
        ns['fields'] = [k for k in ns if not k.startswith('_')]
        return super().__new__(mcs, name, bases, ns)


class Rec(metaclass=OrderedMeta):
    z = 1
    a = 2
    m = 3


print(Rec.fields)
Dyn = type('Dyn', (object,), {'x': 1, 'hello': lambda self: 'hi from Dyn'})
print(Dyn.__name__, Dyn().x, Dyn().hello(), type(Dyn).__name__)


class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass


try:
    class Both(A1, A2):
        pass
except TypeError as e:
    print('TypeError', e)


class MetaAttr(type):
    def describe(cls):
        return 'class ' + cls.__name__

    @property
    def upper_name(cls):
        return cls.__name__.upper()


class WithMetaAttr(metaclass=MetaAttr):
    pass


print(WithMetaAttr.describe(), WithMetaAttr.upper_name, hasattr(WithMetaAttr(), 'describe'))
