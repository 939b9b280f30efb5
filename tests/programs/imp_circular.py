# Circular imports behave as in CPython: partially initialised modules are visible through
# sys.modules, attribute access works later, `from m import name` of a missing name fails.
import sys
import imp_cycle.a

print(imp_cycle.a.use_b())
print(imp_cycle.b.a is imp_cycle.a, imp_cycle.a.b is imp_cycle.b)
try:
    import imp_cycle.c
except ImportError as e:
    print(type(e).__name__, str(e).split(' (')[0])
    print('(most likely due to a circular import)' in str(e), e.name)
print('imp_cycle.c' in sys.modules, 'imp_cycle.d' in sys.modules)
import imp_cycle.self_import
print(imp_cycle.self_import.SELF_OK)
# Importing again does not re-run the module body.
import imp_cycle.a
import imp_cycle.b
print('done')
