# Class machinery: __prepare__ and metaclass keywords, class bodies reading enclosing function
# scopes, __init_subclass__ keywords, __set_name__, class decorators, __slots__, operator dunders, qualnames.
import collections
class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print('prepare', name, kw)
        return collections.OrderedDict()
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.order = [k for k in ns if not k.startswith('__')]
        return cls
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
class A(metaclass=OrderedMeta, flag=1):
    z = 1
    a = 2
    def m(self): pass
print(A.order, type(A).__name__)
def outer():
    v = 'enclosed'
    class K:
        print('class body sees', v)
        w = v + '!'
        def get(self): return v, __class__.__name__
    return K
print(outer().w, outer()().get())
class Base:
    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
class Child(Base, tag='c'): pass
class Grand(Child): pass
print(Child.tag, Grand.tag)
class D:
    def __set_name__(self, owner, name): print('set_name', owner.__name__, name)
class Holder:
    first = D()
    second = D()
def deco(cls):
    cls.decorated = True
    return cls
@deco
class E: pass
print(E.decorated)
class WithSlots:
    __slots__ = ('x', 'y')
    def __init__(self): self.x = 1
w = WithSlots()
print(w.x, hasattr(w, 'y'), WithSlots.__slots__, '__dict__' in dir(w))
try:
    w.y
except AttributeError as e: print(e)
class P:
    def __init__(self, v): self.v = v
    def __repr__(self): return f'P({self.v})'
    def __eq__(self, o): return isinstance(o, P) and o.v == self.v
    def __hash__(self): return hash(self.v)
    def __lt__(self, o): return self.v < o.v
    def __add__(self, o): return P(self.v + o.v)
    def __radd__(self, o): return P(o + self.v)
    def __iadd__(self, o): self.v += o; return self
    def __len__(self): return self.v
    def __bool__(self): return self.v != 0
    def __getitem__(self, i): return i * 2
    def __contains__(self, x): return x == 'in'
    def __call__(self, *a): return a
print(sorted([P(3), P(1)]), P(1) + P(2), 5 + P(1), {P(1), P(1)}, len(P(4)), bool(P(0)), P(1)[3], 'in' in P(1), P(1)(1, 2))
p = P(1); p += 5; print(p)
print(super(Child, Child()).__init_subclass__ is not None)
class Multi(Child, collections.UserDict): pass
print([c.__name__ for c in Multi.__mro__])
class Abstract:
    def __init_subclass__(cls): print('init_subclass', cls.__name__)
class Impl(Abstract): pass
print(type(Impl.__dict__['__module__']), Impl.__qualname__, outer().__qualname__)
class Outer:
    class Inner:
        def method(self): pass
print(Outer.Inner.__qualname__, Outer.Inner.method.__qualname__)
