"""Control-flow signals returned by statement closures.

A statement closure returns None to fall through to the next statement, or
one of these to unwind: loops consume BREAK/CONTINUE, the function body
consumes RETURN (the value is in `frame[F_RETVAL]`). Returning a signal is much
cheaper than raising an exception for ordinary control flow.
"""


class Signal:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<signal {self.name}>"


BREAK = Signal("break")
CONTINUE = Signal("continue")
RETURN = Signal("return")
