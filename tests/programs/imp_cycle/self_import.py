import imp_cycle.self_import as me
SELF_OK = me.__name__
