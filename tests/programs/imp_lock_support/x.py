# Imported by thread A: waits until thread B runs y's body, then imports y (a cycle).
import sys

import imp_lock_support as sig

sig.x_started.set()
sig.y_started.wait(30)
__import__("imp_lock_support.y")
y = sys.modules["imp_lock_support.y"]

X_DONE = True
