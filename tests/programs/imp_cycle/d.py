from imp_cycle.c import C_NAME   # fails: c is partially initialised and has no C_NAME yet
D_NAME = 'd'
