/* Exception handling of native object code (codegen/lowerobj.py calls these directly;
 * codegen/build.py transform_try/transform_with make the IR they serve).
 *
 *   pj_catch      a landing block takes the exception the failing op left set
 *   pj_exc_push   CPython's PUSH_EXC_INFO: the caught exception becomes the handled one
 *   pj_exc_pop    CPython's POP_EXCEPT: the handled exception saved by pj_exc_push again
 *   pj_exc_match  `except T`: CPython's check of T, then PyErr_GivenExceptionMatches
 *   pj_reraise    RERAISE / bare `raise`: an exception set again as it is
 *   pj_frame_keep an error exit's locals handed to the call's guest frame
 *
 * The handled exception lives where CPython 3.11 keeps it, the thread state's topmost
 * exc_info item (tstate->exc_info->exc_value; a generator's frame has its own item), so
 * sys.exc_info(), __context__ chaining of what a handler raises (_PyErr_SetObject) and
 * code that native code calls see exactly what they see under CPython.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pjexc.c uses CPython 3.11's exc_info stack"
#endif

/* The exception set in this thread (there must be one), normalised, with the traceback
 * it carries stored as its __traceback__: a new reference. `hook(exc, frame, line, flags)`
 * (codegen/slowpaths.py caught) then records the guest frame's traceback entry; its own
 * failure is ignored (it only adds to the traceback). Never NULL: without an exception
 * set (a bug in the caller) a SystemError instance stands in. */
PyObject *pj_catch(PyObject *hook, PyObject *frame, int64_t line, int32_t flags) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (t == NULL) {
        PyErr_SetString(PyExc_SystemError, "protojit: a landing block without an exception");
        PyErr_Fetch(&t, &v, &tb);
    }
    PyErr_NormalizeException(&t, &v, &tb);
    if (v == NULL) {   /* (normalising failed so badly that nothing is left) */
        Py_XDECREF(t);
        Py_XDECREF(tb);
        Py_INCREF(Py_None);
        return Py_None;
    }
    if (tb != NULL) PyException_SetTraceback(v, tb);
    Py_XDECREF(t);
    Py_XDECREF(tb);
    PyObject *lineno = PyLong_FromLongLong((long long)line);
    PyObject *flags_o = PyLong_FromLong((long)flags);
    if (lineno != NULL && flags_o != NULL) {
        PyObject *r = PyObject_CallFunctionObjArgs(hook, v, frame, lineno, flags_o, NULL);
        Py_XDECREF(r);
    }
    Py_XDECREF(lineno);
    Py_XDECREF(flags_o);
    if (PyErr_Occurred()) PyErr_Clear();
    return v;
}

/* `exc` (borrowed) becomes the handled exception; returns the one it replaces (a new
 * reference, possibly NULL or None), for pj_exc_pop. */
PyObject *pj_exc_push(PyObject *exc) {
    _PyErr_StackItem *info = PyThreadState_Get()->exc_info;
    PyObject *prev = info->exc_value;
    Py_INCREF(exc);
    info->exc_value = exc;
    return prev;
}

/* The handled exception is `prev` again (stolen; NULL allowed). */
void pj_exc_pop(PyObject *prev) {
    _PyErr_StackItem *info = PyThreadState_Get()->exc_info;
    PyObject *cur = info->exc_value;
    info->exc_value = prev;
    Py_XDECREF(cur);
}

#define CANNOT_CATCH_MSG "catching classes that do not inherit from BaseException is not allowed"

/* 1 when `except typ` takes `exc`, 0 when not, -1 with CPython's TypeError when `typ` is
 * neither an exception class nor a tuple of them (ceval.c check_except_type_valid). */
int pj_exc_match(PyObject *exc, PyObject *typ) {
    if (PyTuple_Check(typ)) {
        Py_ssize_t n = PyTuple_GET_SIZE(typ);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (!PyExceptionClass_Check(PyTuple_GET_ITEM(typ, i))) {
                PyErr_SetString(PyExc_TypeError, CANNOT_CATCH_MSG);
                return -1;
            }
        }
    } else if (!PyExceptionClass_Check(typ)) {
        PyErr_SetString(PyExc_TypeError, CANNOT_CATCH_MSG);
        return -1;
    }
    return PyErr_GivenExceptionMatches(exc, typ);
}

/* Set `exc` (borrowed) as the exception in flight again, with its own __traceback__;
 * NULL: the handled exception (a bare `raise`), or CPython's RuntimeError when there is
 * none. Always leaves an exception set. */
void pj_reraise(PyObject *exc) {
    if (exc == NULL) {
        exc = PyErr_GetHandledException();
        if (exc == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
            return;
        }
    } else {
        Py_INCREF(exc);
    }
    if (!PyExceptionInstance_Check(exc)) {   /* (cannot happen: only instances are caught) */
        Py_DECREF(exc);
        PyErr_SetString(PyExc_SystemError, "protojit: re-raising a non-exception");
        return;
    }
    PyObject *type = (PyObject *)Py_TYPE(exc);
    Py_INCREF(type);
    PyErr_Restore(type, exc, PyException_GetTraceback(exc));
}

/* ---- the engine's bookkeeping on an exception ------------------------------------------
 *
 * protojit/runtime/tracebacks.py keeps, per exception, the guest frames it passed, the
 * traceback it built and re-raise marks: a dict it owns. It lives in the exception's
 * `notes` slot, which CPython 3.11 declares in every BaseException but never uses
 * (__notes__ lives in __dict__; 3.12 moved it here): the slot is traversed, cleared and
 * freed with the exception, so the dict dies with it, and it stays out of __dict__,
 * vars(), dir(), __reduce__, pickle and copy, where CPython has nothing. (pjexc.c builds
 * only against 3.11: the #error above.) */

/* exc_state(exc): the dict (a new reference), or None if exc has none or is no exception. */
static PyObject *exc_state(PyObject *mod, PyObject *exc) {
    if (!PyExceptionInstance_Check(exc)) Py_RETURN_NONE;
    PyObject *state = ((PyBaseExceptionObject *)exc)->notes;
    if (state == NULL) Py_RETURN_NONE;
    Py_INCREF(state);
    return state;
}

/* The bookkeeping dict of exception instance `exc`, made empty if it has none yet (a
 * borrowed reference; NULL with an error set). For C callers (pjcaller.c). */
PyObject *pj_exc_state_of(PyObject *exc) {
    PyBaseExceptionObject *e = (PyBaseExceptionObject *)exc;
    if (e->notes == NULL)
        e->notes = PyDict_New();
    return e->notes;
}

/* exc_state_new(exc): the dict, made empty if exc has none yet (a new reference); None if
 * exc is no exception. */
static PyObject *exc_state_new(PyObject *mod, PyObject *exc) {
    if (!PyExceptionInstance_Check(exc)) Py_RETURN_NONE;
    PyObject *state = pj_exc_state_of(exc);
    Py_XINCREF(state);
    return state;
}

static PyMethodDef exc_methods[] = {
    {"exc_state", exc_state, METH_O,
     "exc_state(exc): the engine's bookkeeping dict of an exception, or None (pjexc.c)."},
    {"exc_state_new", exc_state_new, METH_O,
     "exc_state_new(exc): the engine's bookkeeping dict of an exception, made if missing."},
    {NULL},
};

/* The error exit of object code: the n references in `values` (NULL entries are unbound
 * locals) are stolen and appended to the call's guest frame (a list; the header only, for a
 * native frame), which the exception's traceback entry holds (tracebacks.add_frame): as
 * CPython's tb_frame keeps the raising frame's locals, their __del__ runs when the
 * exception is dropped, not at the raise. `names` (a tuple of n: each value's local name,
 * or None for the engine's own) is borrowed: the frame gets first the tuple of the names
 * of the values appended (tracebacks._local_values names them by it), then the values.
 * Without a frame (NULL) they are released. The exception being raised stays set: a failed
 * append only releases the value. */
void pj_frame_keep(PyObject *frame, PyObject **values, int64_t n, PyObject *names) {
    int ok = frame != NULL && PyList_CheckExact(frame) && PyTuple_Check(names)
             && PyTuple_GET_SIZE(names) == n;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *bound = NULL;
    if (ok) {
        Py_ssize_t count = 0;
        for (int64_t i = 0; i < n; i++) count += values[i] != NULL;
        bound = PyTuple_New(count);
        if (bound != NULL) {
            Py_ssize_t k = 0;
            for (int64_t i = 0; i < n; i++) {
                if (values[i] == NULL) continue;
                PyTuple_SET_ITEM(bound, k++, Py_NewRef(PyTuple_GET_ITEM(names, i)));
            }
        }
        if (bound == NULL || PyList_Append(frame, bound) < 0) {
            ok = 0;
            PyErr_Clear();
        }
        Py_XDECREF(bound);
    }
    for (int64_t i = 0; i < n; i++) {
        PyObject *x = values[i];
        if (x == NULL) continue;
        if (ok && PyList_Append(frame, x) < 0) {
            ok = 0;
            PyErr_Clear();
        }
        Py_DECREF(x);
    }
    PyErr_Restore(t, v, tb);
}

int pj_exc_add_methods(PyObject *m) {
    return PyModule_AddFunctions(m, exc_methods);
}
