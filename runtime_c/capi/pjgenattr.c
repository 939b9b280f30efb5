/* The guest's builtin getattr: a guest generator's gi_code, gi_frame and gi_yieldfrom as
 * CPython shows them (issue 19).
 *
 * A guest generator is a host generator running the engine's step function
 * (runtime/coroutines.py): its own gi_code and gi_frame are the engine's. Guest code that
 * names the attribute (`g.gi_code`) reads it through coroutines.generator_attribute; the
 * builtin getattr(g, "gi_code") read the host's. This getattr is the host's, except for
 * a generator and one of those names: then the reader registered for the name.
 *
 *   guest_getattr(object, name[, default])   the guest's builtins.getattr
 *   set_generator_readers(dict)              name -> reader(generator), from coroutines.py
 *
 * The test costs a type check per call; every other call goes to the host's C function
 * directly, as the host's own builtin call does.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *g_host_getattr;   /* builtins.getattr (a PyCFunction, METH_FASTCALL) */
static PyObject *g_readers;        /* name -> reader(generator): runtime/coroutines.py */

static PyObject *guest_getattr(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs == 2 || nargs == 3) && g_readers != NULL && PyGen_CheckExact(args[0])
            && PyUnicode_CheckExact(args[1])) {
        PyObject *read = PyDict_GetItemWithError(g_readers, args[1]);
        if (read != NULL) {
            PyObject *r = PyObject_CallOneArg(read, args[0]);
            if (r == NULL && nargs == 3 && PyErr_ExceptionMatches(PyExc_AttributeError)) {
                PyErr_Clear();
                return Py_NewRef(args[2]);
            }
            return r;
        }
        if (PyErr_Occurred()) return NULL;
    }
    PyCFunctionObject *host = (PyCFunctionObject *)g_host_getattr;
    return ((_PyCFunctionFast)(void (*)(void))host->m_ml->ml_meth)(host->m_self, args, nargs);
}

static PyObject *set_generator_readers(PyObject *mod, PyObject *readers) {
    if (!PyDict_CheckExact(readers)) {
        PyErr_SetString(PyExc_TypeError, "set_generator_readers() needs a dict");
        return NULL;
    }
    Py_INCREF(readers);
    Py_XSETREF(g_readers, readers);
    Py_RETURN_NONE;
}

static PyMethodDef g_guest_getattr_def = {"getattr", (PyCFunction)(void (*)(void))guest_getattr,
                                          METH_FASTCALL, NULL};

static PyMethodDef genattr_methods[] = {
    {"set_generator_readers", set_generator_readers, METH_O,
     "set_generator_readers(dict): name -> reader(generator) for guest_getattr (pjgenattr.c)."},
    {NULL, NULL, 0, NULL},
};

/* Called by PyInit__pjentry: adds guest_getattr (looking as the host's builtin: name,
 * documentation, module builtins) and set_generator_readers to the module. */
int pj_genattr_add_methods(PyObject *m) {
    if (PyModule_AddFunctions(m, genattr_methods) < 0) return -1;
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (builtins == NULL) return -1;
    PyObject *host = PyObject_GetAttrString(builtins, "getattr");
    if (host == NULL || !PyCFunction_Check(host)
            || PyCFunction_GET_FLAGS(host) != METH_FASTCALL) {
        Py_XDECREF(host);
        Py_DECREF(builtins);
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "builtins.getattr is not METH_FASTCALL");
        return -1;
    }
    g_host_getattr = host;   /* (kept for the process) */
    g_guest_getattr_def.ml_doc = ((PyCFunctionObject *)host)->m_ml->ml_doc;
    PyObject *modname = PyUnicode_FromString("builtins");
    PyObject *fn = modname == NULL ? NULL : PyCFunction_NewEx(&g_guest_getattr_def, builtins, modname);
    Py_XDECREF(modname);
    Py_DECREF(builtins);
    if (fn == NULL) return -1;
    if (PyModule_AddObject(m, "guest_getattr", fn) < 0) {
        Py_DECREF(fn);
        return -1;
    }
    return 0;
}
