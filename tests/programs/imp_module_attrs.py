# Module objects: PEP 562 module __getattr__/__dir__, from-import through __getattr__, reload,
# module attributes set from outside, and vars() of a module.
import importlib
import imp_names_pkg.lazy as lazy
from imp_names_pkg.lazy import lazy_value

print(lazy.EAGER, lazy.lazy_one, lazy_value, lazy._loads)
try:
    lazy.missing
except AttributeError as e:
    print('AttributeError', e)
try:
    from imp_names_pkg.lazy import other
except ImportError as e:
    print('ImportError', str(e).split(' (')[0])
print(dir(lazy))
lazy.EAGER = 'patched'
print(lazy.EAGER, lazy.__doc__)
again = importlib.reload(lazy)
print(again is lazy, lazy.EAGER, lazy._loads)
print(sorted(k for k in vars(lazy) if not k.startswith('__')))
import imp_names_pkg
print(hasattr(imp_names_pkg, 'lazy'), imp_names_pkg.lazy is lazy)
