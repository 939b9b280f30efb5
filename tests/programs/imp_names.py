# __name__, __file__, __package__, __spec__ of the main script and of imported guest modules;
# lib/-provided modules (protojit's own, shadowing the host stdlib) behave like CPython's.
import os
import sys

print(__name__, os.path.basename(__file__), __package__, __spec__)
print(os.path.isabs(__file__) or __file__ == 'imp_names.py', sys.argv[0].endswith('imp_names.py'))
import imp_names_pkg.info as info
print(info.MODULE_NAME, info.MODULE_FILE, info.FOLDER, info.AS_MAIN, info.where())
print(info.__spec__.name, info.__spec__.origin.endswith(os.path.join('imp_names_pkg', 'info.py')))
print(sys.modules['__main__'].__name__, sys.modules['imp_names_pkg.info'] is info)
print(type(sys.modules['__main__']).__name__, 'imp_names_pkg' in sys.modules)
# Modules protojit provides in lib/ are found before the host's standard library; they must
# behave exactly like the standard ones.
import hashlib
import threading

print(hashlib.sha256(b'protojit').hexdigest()[:16], hashlib.md5(b'').hexdigest())
print(hashlib.new('sha1', b'abc').hexdigest())
results = []
t = threading.Thread(target=lambda: results.append(threading.current_thread().name), name='worker')
t.start()
t.join()
print(results, threading.current_thread().name, t.is_alive())
lock = threading.Lock()
with lock:
    print('locked', lock.locked())
print('unlocked', lock.locked())
# Host stdlib modules are imported as usual.
import json
import collections
print(json.dumps({'b': [1, 2], 'a': None}, sort_keys=True), collections.Counter('abca').most_common(1))
print(__builtins__.__name__ if hasattr(__builtins__, '__name__') else 'dict', len.__module__)
