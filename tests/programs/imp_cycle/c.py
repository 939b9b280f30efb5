from imp_cycle.d import D_NAME
C_NAME = 'c'
