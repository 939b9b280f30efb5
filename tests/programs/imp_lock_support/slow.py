import imp_lock_support as sig

FIRST = "set before the wait"
sig.slow_started.set()
sig.slow_proceed.wait(30)
LAST = "set after the wait"
