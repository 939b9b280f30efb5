/* Guest functions as CPython's own function objects (issue 19 item 1; DESIGN decision 1).
 *
 * A guest `def` makes a real PyFunctionObject F: PyFunction_Check, type(f) is
 * types.FunctionType, repr, pickling, __get__ (a real bound method), __dict__ and every
 * attribute host code reads are CPython's. F's __code__ is the guest code's trampoline
 * (protojit/runtime/hostcode.py). protojit's record of the function (runtime/function.py
 * Function: the GuestCode, tier 0's invoke or the native Entry, the tiering state) lives in
 * one pointer-sized field after F's PyFunctionObject: F is allocated one pointer larger
 * than CPython's functions (make_function), and nothing else of F differs, so its __dict__
 * is F's own plain dict (`f.__dict__ = d` stores d, as in CPython).
 *
 *   F is a guest function  <=>  type(F) is FunctionType and F->vectorcall == func_vectorcall.
 *   Only make_function sets that vectorcall, on the larger objects it makes, and 3.11 never
 *   rewrites a function's vectorcall, so the check also says the field exists. The field
 *   holds a strong reference or NULL (a __code__ assignment of host code dropped it, or GC
 *   cleared it); FunctionType's tp_dealloc, tp_traverse and tp_clear are wrapped to release,
 *   visit and clear it (hook_function_type).
 *
 *   make_function(record, code, globals, name, qualname, doc, defaults, kwdefaults, closure,
 *                 annotations) -> F.  `code`: hostcode.py's placeholder taking (*args,
 *                 **kwargs), which a call from host bytecode runs (it hands the call to the
 *                 record); F.__code__ reads the record's code_object() instead (the guest's
 *                 metadata).
 *   func_vectorcall   F's vectorcall: a call from C code (sorted's key, PyObject_Call, map,
 *                 a C method call) goes straight to the record's vectorcall (FunctionBase:
 *                 the native entry or host_call), not through the trampoline's bytecode.
 *                 CPython 3.11's CALL instruction inlines Python functions without reading
 *                 the field, so host Python code calling F runs the trampoline, whose body
 *                 comes back through current_function().
 *   pj_func_record(callable)  the record behind F (borrowed) or NULL: object code's calls
 *                 (pjentry.c pj_call) take the guest call path with it.
 *   current_function()  the function of the running Python frame (the trampoline's F).
 *
 * __code__ assignment: FunctionType's __code__ descriptor is replaced by one that calls
 * CPython's own getter and setter, then tells the record (`code_assigned(code)`, True: keep
 * the link; False: F now runs host code, and its record is dropped).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pjfunc.c reads CPython 3.11's interpreter frame (current_function)"
#endif

static getter g_code_get;               /* CPython's __code__ getter and setter */
static setter g_code_set;
static destructor g_func_dealloc;       /* CPython's FunctionType slots, wrapped */
static traverseproc g_func_traverse;
static inquiry g_func_clear;
static PyObject *g_code_assigned_name, *g_code_object_name;

/* Counts __code__ assignments of guest functions, from 1 (pjentry.c: compiled code that runs
 * a callee's code as its own re-checks that code when this moved on). */
uint64_t pj_code_epoch = 1;

static PyObject *func_vectorcall(PyObject *f, PyObject *const *args, size_t nargsf, PyObject *kwnames);

/* The record field of a guest function (one pointer after CPython's PyFunctionObject;
 * sizeof keeps pointer alignment). Only for functions with is_guest(). */
#define RECORD_FIELD(f) ((PyObject **)((char *)(f) + sizeof(PyFunctionObject)))

static inline int is_guest(PyObject *f) {
    return ((PyFunctionObject *)f)->vectorcall == func_vectorcall;
}

/* The record behind guest function F (a borrowed reference), or NULL: not a guest
 * function (or no longer one: its __code__ was replaced by host code). No error set. */
/* The offset of a guest function's record field (object code's direct calls read it). */
Py_ssize_t pj_func_record_offset(void) {
    return (Py_ssize_t)sizeof(PyFunctionObject);
}

PyObject *pj_func_record(PyObject *f) {
    if (!Py_IS_TYPE(f, &PyFunction_Type) || !is_guest(f)) return NULL;
    return *RECORD_FIELD(f);
}

static PyObject *func_vectorcall(PyObject *f, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    PyObject *record = *RECORD_FIELD(f);
    if (record == NULL) return _PyFunction_Vectorcall(f, args, nargsf, kwnames);
    Py_INCREF(record);   /* (the call may replace F's __code__, dropping the record) */
    PyObject *r = PyObject_Vectorcall(record, args, nargsf, kwnames);
    Py_DECREF(record);
    return r;
}

static void func_dealloc_hook(PyObject *f) {
    if (!is_guest(f)) {
        g_func_dealloc(f);
        return;
    }
    PyObject *record = *RECORD_FIELD(f);
    *RECORD_FIELD(f) = NULL;
    g_func_dealloc(f);
    Py_XDECREF(record);   /* (after F: the record holds F weakly, its callback saw F die) */
}

static int func_traverse_hook(PyObject *f, visitproc visit, void *arg) {
    if (is_guest(f)) Py_VISIT(*RECORD_FIELD(f));
    return g_func_traverse(f, visit, arg);
}

static int func_clear_hook(PyObject *f) {
    if (is_guest(f)) Py_CLEAR(*RECORD_FIELD(f));
    return g_func_clear(f);
}

static PyObject *make_function(PyObject *mod, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError, "make_function: 10 arguments");
        return NULL;
    }
    PyObject *record = args[0], *code = args[1], *globals = args[2], *name = args[3], *qualname = args[4];
    PyObject *doc = args[5], *defaults = args[6], *kwdefaults = args[7], *closure = args[8];
    PyObject *annotations = args[9];
    if (g_func_dealloc == NULL || !PyCode_Check(code) || !PyDict_Check(globals) || !PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "make_function: (record, code, globals: dict, name: str, qualname, "
                        "doc, defaults, kwdefaults, closure, annotations), after hook_function_type()");
        return NULL;
    }
    /* One pointer more than CPython's functions: PyFunction_NewWithQualName allocates
     * tp_basicsize bytes (PyObject_GC_New). The GIL is held; code it may run meanwhile (a
     * globals key's __eq__) only makes other functions larger, which nothing reads. */
    PyFunction_Type.tp_basicsize += sizeof(PyObject *);
    PyObject *f = PyFunction_NewWithQualName(code, globals, qualname);
    PyFunction_Type.tp_basicsize -= sizeof(PyObject *);
    if (f == NULL) return NULL;
    Py_INCREF(record);
    *RECORD_FIELD(f) = record;
    ((PyFunctionObject *)f)->vectorcall = func_vectorcall;
    if ((defaults != Py_None && PyFunction_SetDefaults(f, defaults) < 0)
        || (kwdefaults != Py_None && PyFunction_SetKwDefaults(f, kwdefaults) < 0)
        || (closure != Py_None && PyFunction_SetClosure(f, closure) < 0)
        || (annotations != Py_None && PyFunction_SetAnnotations(f, annotations) < 0)) {
        Py_DECREF(f);
        return NULL;
    }
    PyFunctionObject *op = (PyFunctionObject *)f;
    Py_INCREF(name);
    Py_XSETREF(op->func_name, name);
    Py_INCREF(doc);
    Py_XSETREF(op->func_doc, doc);
    return f;
}

/* The function whose frame is running (the trampoline calling this), a new reference, or
 * None. 3.11: tstate->cframe->current_frame is a _PyInterpreterFrame, whose first field is
 * f_func (Include/internal/pycore_frame.h); a C function called from it pushes no frame. */
static PyObject *current_function(PyObject *mod, PyObject *unused) {
    PyThreadState *ts = PyThreadState_Get();
    if (ts->cframe != NULL && ts->cframe->current_frame != NULL) {
        PyObject *f = *(PyObject **)ts->cframe->current_frame;
        if (f != NULL && Py_IS_TYPE(f, &PyFunction_Type)) {
            Py_INCREF(f);
            return f;
        }
    }
    Py_RETURN_NONE;
}

/* enter_placeholder(args, kwargs): the body of the placeholder code (hostcode.py
 * placeholder) that host bytecode calling a guest function F runs: a positional call goes to
 * F's record as a call from C would (its tp_call: the native entry if one applies, else
 * host_call); with keywords, or F without a record, `slow(F, args, kwargs)`
 * (hostcode.py _enter_any: binding, CPython's errors). In C, so that a positional host call
 * of a compiled function costs one C call here, not two Python calls (perf/bench_entry.py). */
static PyObject *g_enter_slow;

static PyObject *enter_placeholder(PyObject *mod, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyTuple_Check(args[0]) || !PyDict_Check(args[1]) || g_enter_slow == NULL) {
        PyErr_SetString(PyExc_SystemError, "enter_placeholder(args, kwargs) before set_enter_slow");
        return NULL;
    }
    PyObject *face = current_function(mod, NULL);
    if (face == NULL) return NULL;
    PyObject *record = pj_func_record(face);
    PyObject *r;
    if (record != NULL && PyDict_GET_SIZE(args[1]) == 0)
        r = PyObject_Call(record, args[0], NULL);
    else
        r = PyObject_CallFunctionObjArgs(g_enter_slow, face, args[0], args[1], NULL);
    Py_DECREF(face);
    return r;
}

static PyObject *set_enter_slow(PyObject *mod, PyObject *fn) {
    Py_INCREF(fn);
    Py_XSETREF(g_enter_slow, fn);
    Py_RETURN_NONE;
}

/* A guest function's code object is its record's (`code_object()`: the trampoline with the
 * guest's metadata, made on first use, or the code assigned); F's own func_code is a
 * placeholder taking (*args, **kwargs) that host bytecode calls run (hostcode.py). */
static PyObject *code_get(PyObject *f, void *closure) {
    PyObject *record = pj_func_record(f);
    if (record == NULL) return g_code_get(f, closure);
    return PyObject_CallMethodNoArgs(record, g_code_object_name);
}

static int code_set(PyObject *f, PyObject *value, void *closure) {
    if (g_code_set(f, value, closure) < 0) return -1;
    PyObject *record = pj_func_record(f);
    if (record == NULL) return 0;
    pj_code_epoch++;
    Py_INCREF(record);
    PyObject *keep = PyObject_CallMethodOneArg(record, g_code_assigned_name, value);
    int rc = 0;
    if (keep == NULL) {
        rc = -1;
    } else if (!PyObject_IsTrue(keep) && *RECORD_FIELD(f) == record) {
        /* F now runs host code: no guest path may take it for a guest function */
        Py_CLEAR(*RECORD_FIELD(f));
    }
    Py_XDECREF(keep);
    Py_DECREF(record);
    return rc;
}

static PyGetSetDef code_getset = {"__code__", code_get, code_set, NULL, NULL};

/* Replace FunctionType's getset descriptor `def` (named def->name) by one that calls the
 * original getter (*get) and setter (*set). 0, or -1 with an exception set. */
static int wrap_getset(PyGetSetDef *def, getter *get, setter *set) {
    PyObject *dict = PyFunction_Type.tp_dict;
    PyObject *orig = dict ? PyDict_GetItemString(dict, def->name) : NULL;
    if (orig == NULL || !PyObject_TypeCheck(orig, &PyGetSetDescr_Type)) {
        PyErr_Format(PyExc_RuntimeError, "hook_function_type: FunctionType.%s is not a getset", def->name);
        return -1;
    }
    PyGetSetDef *od = ((PyGetSetDescrObject *)orig)->d_getset;
    def->doc = od->doc;
    PyObject *mine = PyDescr_NewGetSet(&PyFunction_Type, def);
    if (mine == NULL) return -1;
    *get = od->get;
    *set = od->set;
    int rc = PyDict_SetItemString(dict, def->name, mine);
    Py_DECREF(mine);
    return rc;
}

/* hook_function_type(): FunctionType's __code__ descriptor and its dealloc, traverse and
 * clear slots wrapped for guest functions (once). */
static PyObject *hook_function_type(PyObject *mod, PyObject *unused) {
    if (g_func_dealloc != NULL) Py_RETURN_NONE;
    g_code_assigned_name = PyUnicode_InternFromString("code_assigned");
    g_code_object_name = PyUnicode_InternFromString("code_object");
    if (g_code_assigned_name == NULL || g_code_object_name == NULL) return NULL;
    if (wrap_getset(&code_getset, &g_code_get, &g_code_set) < 0) return NULL;
    PyType_Modified(&PyFunction_Type);
    g_func_traverse = PyFunction_Type.tp_traverse;
    g_func_clear = PyFunction_Type.tp_clear;
    PyFunction_Type.tp_traverse = func_traverse_hook;
    PyFunction_Type.tp_clear = func_clear_hook;
    g_func_dealloc = PyFunction_Type.tp_dealloc;    /* (last: make_function checks it) */
    PyFunction_Type.tp_dealloc = func_dealloc_hook;
    Py_RETURN_NONE;
}

/* set_type_attr(cls, name, value): put `value` in a class's own dict, as type.__setattr__
 * would if `name` were not one of type's own attributes (a property named __qualname__ for
 * instances of cls: runtime/function.py). */
static PyObject *set_type_attr(PyObject *mod, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyType_Check(args[0]) || !PyUnicode_Check(args[1])
        || !(((PyTypeObject *)args[0])->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        PyErr_SetString(PyExc_TypeError, "set_type_attr(cls: a class, name: str, value)");
        return NULL;
    }
    PyTypeObject *t = (PyTypeObject *)args[0];
    if (PyDict_SetItem(t->tp_dict, args[1], args[2]) < 0) return NULL;
    PyType_Modified(t);
    Py_RETURN_NONE;
}

/* record_of(obj): the record of guest function obj, or None (tier 0's calls: one C call
 * instead of reading obj.__dict__ and checking its type in bytecode). */
static PyObject *record_of(PyObject *mod, PyObject *obj) {
    PyObject *r = pj_func_record(obj);
    return Py_NewRef(r != NULL ? r : Py_None);
}

static PyMethodDef func_methods[] = {
    {"record_of", record_of, METH_O,
     "record_of(obj): the record (runtime/function.py Function) of guest function obj, or None."},
    {"set_type_attr", (PyCFunction)(void (*)(void))set_type_attr, METH_FASTCALL,
     "set_type_attr(cls, name, value): value in cls's own dict (a property named __qualname__)."},
    {"make_function", (PyCFunction)(void (*)(void))make_function, METH_FASTCALL,
     "make_function(record, code, globals, name, qualname, doc, defaults, kwdefaults, closure, "
     "annotations): a guest function as a CPython function object (pjfunc.c)."},
    {"enter_placeholder", (PyCFunction)(void (*)(void))enter_placeholder, METH_FASTCALL,
     "enter_placeholder(args, kwargs): a host bytecode call of the running guest function."},
    {"set_enter_slow", set_enter_slow, METH_O,
     "set_enter_slow(fn): fn(function, args, kwargs) for enter_placeholder's other calls."},
    {"current_function", current_function, METH_NOARGS,
     "current_function(): the function of the running Python frame, or None."},
    {"hook_function_type", hook_function_type, METH_NOARGS,
     "hook_function_type(): FunctionType's __code__ and dealloc/traverse/clear wrapped for guest functions."},
    {NULL},
};

/* Called by PyInit__pjentry: adds this file's functions to the module. */
int pj_func_add_methods(PyObject *m) {
    return PyModule_AddFunctions(m, func_methods);
}
