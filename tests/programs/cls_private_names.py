# Private name mangling: `__name` inside a class body means `_Class__name`.


class Account:
    __count = 0                        # class attribute _Account__count

    def __init__(self, owner, __pin=1234):
        self.__owner = owner
        self.__pin = __pin
        Account.__count += 1
        __local = owner.upper()        # a local: never a global
        self.tag = __local

    def __check(self, pin):
        return pin == self.__pin

    def unlock(self, pin):
        return self.__check(pin)

    @classmethod
    def count(cls):
        return cls.__count

    def keyword(self):
        try:
            return self.__init__("x", __pin=1)
        except TypeError as e:
            return f"TypeError: {e}"

    def special(self):
        return self.__dict__.get("__owner"), "__len__".startswith("__"), len([1, 2])

    class __Inner:
        def __init__(self):
            self.__secret = "inner"

        def reveal(self):
            return self.__secret

    def inner(self):
        obj = self.__Inner()
        return obj.reveal(), sorted(vars(obj)), type(obj).__name__, type(obj).__qualname__

    def lambdas(self):
        f = lambda __v: __v + self.__pin
        return f(1), [self.__pin + i for i in range(2)], {self.__owner: 1}

    def handlers(self):
        try:
            raise ValueError("boom")
        except ValueError as __err:
            caught = str(__err)
        match [1, 2]:
            case [__first, *__rest]:
                matched = (__first, __rest)
        return caught, matched

    def names_seen(self):
        __a = 1
        __b__ = 2
        return sorted(k for k in locals() if "a" in k or "b" in k)


a = Account("ann")
b = Account("bob", 99)
print(sorted(vars(a)))
print(Account.count(), a.unlock(1234), b.unlock(1234), b.unlock(99))
print(a.keyword())
print(a.special())
print(a.inner())
print(a.lambdas())
print(a.handlers())
print(a.names_seen())
print(hasattr(a, "__check"), hasattr(a, "_Account__check"), "_Account__Inner" in vars(Account))
print(getattr(a, "_Account__owner"), a.tag)
print("__local" in globals(), "_Account__local" in globals())


class _:
    def __init__(self):
        self.__x = 1          # a class named only with underscores mangles nothing


class __Lead:
    def __init__(self):
        self.__y = 2          # leading underscores of the class name are dropped


print(sorted(vars(_())), sorted(vars(__Lead())))


def outside():
    __z = 3                   # not in a class: not mangled
    return list(locals())


print(outside())
