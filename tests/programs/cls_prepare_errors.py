# __prepare__ must return a mapping: CPython names the metaclass when it is a type and
# says <metaclass> when it is not.
class BadMeta(type):
    @classmethod
    def __prepare__(*args):
        return None


try:
    class Foo(metaclass=BadMeta):
        pass
except TypeError as e:
    print(e)


class NotAType:
    @classmethod
    def __prepare__(*args):
        return 42


try:
    class Bar(metaclass=NotAType()):
        pass
except TypeError as e:
    print(e)
