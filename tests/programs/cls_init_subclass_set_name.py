# __init_subclass__ with keyword arguments, __set_name__, class creation order.
class Plugin:
    registry = []

    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
        print('registered', cls.plugin_name)


class Alpha(Plugin):
    pass


class Beta(Plugin, name='the-beta'):
    pass


class Gamma(Beta):
    pass


print(Plugin.registry, Gamma.plugin_name, hasattr(Plugin, 'plugin_name'))
try:
    class Wrong(Plugin, unknown=1):
        pass
except TypeError as e:
    print('TypeError', e)


class Field:
    def __set_name__(self, owner, name):
        print('set_name', owner.__name__, name)
        self.name = name
        self.private = '_' + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, 'unset')

    def __set__(self, obj, value):
        setattr(obj, self.private, value)


class Model:
    first = Field()
    second = Field()

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)


m = Model(first=1)
print(m.first, m.second, Model.first.name, sorted(vars(m)))
f = Field()
Model.late = f
print(hasattr(f, 'name'))


class Base:
    def __init_subclass__(cls):
        cls.depth = getattr(cls, 'depth', -1) + 1


class L1(Base): pass
class L2(L1): pass
class L3(L2): pass


print(L1.depth, L2.depth, L3.depth)


class Ordered:
    b = 1
    a = 2

    def c(self):
        pass


print([k for k in Ordered.__dict__ if not k.startswith('__')])
