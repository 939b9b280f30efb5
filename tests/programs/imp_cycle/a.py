print('a: start')
from . import b
A_VALUE = 'a-value'
print('a: sees b.B_VALUE =', b.B_VALUE)


def use_b():
    return b.b_func()
