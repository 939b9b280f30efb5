# __repr__/__str__/__eq__/__hash__ interplay: str falls back to repr, __eq__ disables hash, containers use repr.
class R:
    def __repr__(self):
        return 'R()'


class S:
    def __str__(self):
        return 'S-str'

    def __repr__(self):
        return 'S-repr'


print(R(), str(R()), [R()], S(), [S()], '%s %r' % (S(), S()), f'{S()} {S()!r}', {'k': S()}, (S(),))


class Eq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return isinstance(o, Eq) and self.v == o.v


print(Eq.__hash__, Eq(1) == Eq(1), Eq(1) != Eq(1), Eq(1) in [Eq(1)])
try:
    {Eq(1)}
except TypeError as e:
    print('TypeError', e)


class Hashable(Eq):
    def __hash__(self):
        return hash(self.v)


s = {Hashable(1), Hashable(1), Hashable(2)}
print(len(s), Hashable(2) in s, {Hashable(1): 'a'}[Hashable(1)])


class Id:
    pass


a, b = Id(), Id()
print(a == a, a == b, len({a, a, b}), hash(a) == hash(a))


class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        print('hash', self.k)
        return 1

    def __eq__(self, o):
        print('eq', self.k, o.k)
        return self.k == o.k


d = {Key('x'): 1}
print(d[Key('x')])


class BadRepr:
    def __repr__(self):
        return 5


try:
    repr(BadRepr())
except TypeError as e:
    print('TypeError', e)


class Nested:
    def __init__(self, *kids):
        self.kids = kids

    def __repr__(self):
        return 'N%r' % (list(self.kids),)


print(Nested(Nested(), Nested(Nested())), str(Nested()), repr('q'), str('q'), repr(1.0), str(None))
print(format(S()), format(R(), ''), '{}'.format(S()), ascii(S()))


class Bytes:
    def __bytes__(self):
        return b'custom'


print(bytes(Bytes()))
