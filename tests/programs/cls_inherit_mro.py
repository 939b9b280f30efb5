# Inheritance, method resolution order (diamond, C3), attribute lookup order, MRO errors.
class A:
    def who(self):
        return 'A'

    def hello(self):
        return 'hello from ' + self.who()


class B(A):
    def who(self):
        return 'B'


class C(A):
    def who(self):
        return 'C'

    def only_c(self):
        return 'only C'


class D(B, C):
    pass


print([k.__name__ for k in D.__mro__], D().who(), D().hello(), D().only_c())
print(issubclass(D, A), isinstance(D(), C), D.__bases__ == (B, C), A.__bases__ == (object,))


class X: pass
class Y: pass
class Z(X, Y): pass
class W(Y, X): pass


try:
    class Bad(Z, W):
        pass
except TypeError as e:
    print('TypeError', e)
try:
    class Bad2(A, B):
        pass
except TypeError as e:
    print('TypeError', e)


class O: pass
class K1(O): pass
class K2(O): pass
class K3(O): pass
class M1(K1, K2): pass
class M2(K2, K3): pass
class Big(M1, M2): pass


print([k.__name__ for k in Big.mro()])


class Base:
    cls_attr = 'base'

    def __init__(self):
        self.inst = 'base-init'


class Child(Base):
    cls_attr = 'child'


c = Child()
print(c.cls_attr, c.inst, Base.cls_attr, vars(c))
c.cls_attr = 'instance'
print(c.cls_attr, Child.cls_attr)
del c.cls_attr
print(c.cls_attr)
Base.new_attr = 'added later'
print(c.new_attr, type(c).__name__, type(c).__qualname__, Child.__name__)


class Shape:
    def area(self):
        raise NotImplementedError('subclass must implement')

    def describe(self):
        return '%s with area %s' % (type(self).__name__, self.area())


class Sq(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2


print(Sq(3).describe())
try:
    Shape().describe()
except NotImplementedError as e:
    print('NotImplementedError', e)
print(type(True).__mro__, bool.__bases__, int.__subclasses__ is not None)
