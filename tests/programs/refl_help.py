"""help() with stdout not a terminal: pydoc's plain text for guest functions, classes and
modules, host objects, names given as strings, keywords and missing names."""
from refl_support import documented
from refl_support.documented import Shape, Square, scale


def local_function(a, b=(1, 2), *rest, key: int = 3, **extra) -> str:
    """A function of the program itself."""
    return str(a)


class Local:
    """A class of the program itself."""

    def method(self, x):
        """Return x."""
        return x


help(local_function)
help(lambda q, r=1: q)
help(scale)
help(documented.bump)
help(documented.fetch)
help(Shape)
help(Square)
help(Square.area)
help(Shape("s").area)
help(Local)
help(Local().method)
help(documented)
help("refl_support.documented.Shape")
help("refl_support.documented.scale")
help(len)
help(min)
help("pass")
help("no_such_name_for_help")
print("result:", help(scale))
print(repr(help))
print(type(help).__name__, type(help).__module__)
