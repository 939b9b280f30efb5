"""A guest module documented by help() in refl_help.py."""

LIMIT = 10


def scale(value, factor=2, *, clamp=None):
    """Multiply value by factor.

    With clamp, the result is at most clamp.
    """
    result = value * factor
    return result if clamp is None else min(result, clamp)


# Adds one; documented only by this comment.
def bump(x):
    return x + 1


async def fetch(key):
    """Fetch a key (a coroutine)."""
    return key


class Shape:
    """A shape with a name."""

    sides = 0

    def __init__(self, name):
        self.name = name

    def area(self):
        """The area (0 for an abstract shape)."""
        return 0

    @property
    def label(self):
        """Name and sides."""
        return f"{self.name}/{self.sides}"

    @classmethod
    def unit(cls):
        """A unit shape."""
        return cls("unit")

    @staticmethod
    def describe(count):
        return f"{count} shapes"


class Square(Shape):
    sides = 4

    def area(self):
        return 1


def _hidden():
    pass
