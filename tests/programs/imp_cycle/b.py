print('b: start')
from . import a   # a is partially initialised here: it exists but has no A_VALUE yet
print('b: a has A_VALUE?', hasattr(a, 'A_VALUE'))
B_VALUE = 'b-value'


def b_func():
    return 'b_func sees ' + a.A_VALUE
