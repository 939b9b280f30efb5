print('gamma runs', __name__, __package__)
from ..alpha import greet
from .. import beta
from . import delta


def shout(who):
    return greet(who).upper() + ' / ' + beta.WHO + ' / ' + delta.NAME
