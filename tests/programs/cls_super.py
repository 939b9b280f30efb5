# super() with no args, explicit super(C, self), cooperative __init__, __class__ cell, super in classmethods.
class A:
    def __init__(self):
        print('A.__init__')
        self.trail = ['A']

    def go(self):
        return ['A.go']

    @classmethod
    def make(cls):
        return 'A.make for ' + cls.__name__


class B(A):
    def __init__(self):
        print('B.__init__')
        super().__init__()
        self.trail.append('B')

    def go(self):
        return ['B.go'] + super().go()


class C(A):
    def __init__(self):
        print('C.__init__')
        super(C, self).__init__()
        self.trail.append('C')

    def go(self):
        return ['C.go'] + super(C, self).go()

    @classmethod
    def make(cls):
        return 'C.make -> ' + super().make()


class D(B, C):
    def __init__(self):
        print('D.__init__')
        super().__init__()
        self.trail.append('D')

    def go(self):
        return ['D.go'] + super().go()

    def cls_cell(self):
        return __class__.__name__


d = D()
print(d.trail, d.go(), D.make(), d.cls_cell())


class E(D):
    pass


print(E().cls_cell(), super(B, d).go(), super(D, D).make())


class Mixin:
    def __init__(self, **kw):
        print('Mixin kw', sorted(kw))
        super().__init__(**kw)


class Root:
    def __init__(self, **kw):
        print('Root got', sorted(kw))


class Leaf(Mixin, Root):
    def __init__(self, **kw):
        super().__init__(**kw)


Leaf(a=1, b=2)


class P:
    @property
    def val(self):
        return 'P.val'

    def __repr__(self):
        return 'P-repr'


class Q(P):
    @property
    def val(self):
        return 'Q+' + super().val

    def __repr__(self):
        return 'Q(' + super().__repr__() + ')'

    @staticmethod
    def st():
        return super(Q, Q).val


print(Q().val, repr(Q()), Q.st().__class__.__name__)


def outside(self):
    return super(Q, self).val


print(outside(Q()))


class NoArg:
    def method(self):
        def inner():
            return __class__.__name__
        return inner()


print(NoArg().method())
try:
    super(int, 'str')
except TypeError as e:
    print('TypeError', e)
