"""A test package: imports its submodules relatively."""
print('imp_pkg/__init__ runs', __name__)
from .alpha import greet
from . import beta
from .sub import gamma as g

VERSION = '1.0'
__all__ = ['greet', 'VERSION', 'beta']
