print('beta runs', __name__)
from .alpha import greet as _g
from . import alpha

WHO = 'beta'


def call():
    return _g(WHO), alpha is __import__('imp_pkg.alpha', fromlist=['x'])
