# Modules for imp_module_lock.py: their bodies wait for events the program sets, so that
# a second thread imports them while the first is still running their body.
import threading

slow_started = threading.Event()
slow_proceed = threading.Event()
x_started = threading.Event()
y_started = threading.Event()
