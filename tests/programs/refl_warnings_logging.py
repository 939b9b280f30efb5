# warnings.warn(stacklevel=...), inspect.currentframe()/stack() and logging's %(filename)s,
# %(lineno)d and %(funcName)s name guest lines and functions, as in CPython.
import io
import logging
import sys
import warnings


def old():
    warnings.warn("old is deprecated", DeprecationWarning, stacklevel=2)


def user():
    old()


warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    user()
    warnings.warn("top level")
    warnings.warn(UserWarning("an instance"))
    warnings.warn("far", stacklevel=10)
for w in caught:
    print(w.category.__name__, w.message, w.filename.rpartition("/")[2], w.lineno)
try:
    warnings.warn("x", category=int)
except TypeError as e:
    print("TypeError", e)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        user()
    except DeprecationWarning as e:
        print("raised", e)

import inspect


def who():
    frame = inspect.currentframe()
    context = inspect.stack()[0].code_context
    return frame.f_code.co_name, frame.f_back.f_code.co_name, inspect.stack()[1].function, context


def caller():
    return who()


print(caller())

stream = io.StringIO()
logging.basicConfig(stream=stream, format="%(filename)s:%(lineno)d %(funcName)s %(levelname)s %(message)s")
log = logging.getLogger("demo")


def work():
    log.warning("from work")
    log.info("hidden")
    log.error("with stack", stack_info=False)


work()
log.warning("from module")
print(stream.getvalue())
