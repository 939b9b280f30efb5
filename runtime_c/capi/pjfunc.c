/* Guest functions as CPython's own function objects (issue 19 item 1; DESIGN decision 1).
 *
 * A guest `def` makes a real PyFunctionObject F: PyFunction_Check, type(f) is
 * types.FunctionType, repr, pickling, __get__ (a real bound method) and every attribute
 * host code reads are CPython's. F's __code__ is the guest code's trampoline
 * (protojit/runtime/hostcode.py); F's __dict__ is a FuncDict (a dict subclass defined in
 * protojit/runtime/function.py) whose `record` slot holds protojit's record of the function
 * (runtime/function.py Function: the GuestCode, tier 0's invoke or the native Entry, the
 * tiering state); its items are F's attributes as usual.
 *
 *   make_function(record, code, globals, name, qualname, doc, defaults, kwdefaults, closure,
 *                 annotations, funcdict) -> F   (funcdict: a new FuncDict; its record slot is
 *                 set). `code`: hostcode.py's placeholder taking (*args, **kwargs), which a
 *                 call from host bytecode runs (it hands the call to the record); F.__code__
 *                 reads the record's code_object() instead (the guest's metadata).
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
 * the link; False: F now runs host code, its __dict__ becomes a plain dict copy).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pjfunc.c reads CPython 3.11's interpreter frame (current_function)"
#endif

static PyTypeObject *g_funcdict_type;   /* runtime/function.py FuncDict */
static Py_ssize_t g_record_offset;      /* its `record` slot */
static getter g_code_get;               /* CPython's __code__ getter and setter */
static setter g_code_set;
static PyObject *g_code_assigned_name, *g_code_object_name;

static PyObject *func_vectorcall(PyObject *f, PyObject *const *args, size_t nargsf, PyObject *kwnames);

static inline PyObject *record_of_dict(PyObject *d) {
    if (d == NULL || Py_TYPE(d) != g_funcdict_type) return NULL;
    return *(PyObject **)((char *)d + g_record_offset);
}

/* The record behind guest function F (a borrowed reference), or NULL: not a guest
 * function (or no longer one: its __dict__ or __code__ was replaced). No error set. */
PyObject *pj_func_record(PyObject *f) {
    if (!Py_IS_TYPE(f, &PyFunction_Type) || ((PyFunctionObject *)f)->vectorcall != func_vectorcall) return NULL;
    return record_of_dict(((PyFunctionObject *)f)->func_dict);
}

static PyObject *func_vectorcall(PyObject *f, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    PyObject *record = record_of_dict(((PyFunctionObject *)f)->func_dict);
    if (record == NULL) return _PyFunction_Vectorcall(f, args, nargsf, kwnames);
    Py_INCREF(record);   /* (the call may replace F's __dict__) */
    PyObject *r = PyObject_Vectorcall(record, args, nargsf, kwnames);
    Py_DECREF(record);
    return r;
}

static PyObject *make_function(PyObject *mod, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 11) {
        PyErr_SetString(PyExc_TypeError, "make_function: 11 arguments");
        return NULL;
    }
    PyObject *record = args[0], *code = args[1], *globals = args[2], *name = args[3], *qualname = args[4];
    PyObject *doc = args[5], *defaults = args[6], *kwdefaults = args[7], *closure = args[8];
    PyObject *annotations = args[9], *funcdict = args[10];
    if (g_funcdict_type == NULL || Py_TYPE(funcdict) != g_funcdict_type || !PyCode_Check(code)
        || !PyDict_Check(globals) || !PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "make_function: (record, code, globals: dict, name: str, qualname, "
                        "doc, defaults, kwdefaults, closure, annotations, funcdict: FuncDict)");
        return NULL;
    }
    PyObject *f = PyFunction_NewWithQualName(code, globals, qualname);
    if (f == NULL) return NULL;
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
    PyObject **slot = (PyObject **)((char *)funcdict + g_record_offset);
    Py_INCREF(record);
    Py_XSETREF(*slot, record);
    Py_INCREF(funcdict);
    Py_XSETREF(op->func_dict, funcdict);
    op->vectorcall = func_vectorcall;
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

/* A guest function's code object is its record's (`code_object()`: the trampoline with the
 * guest's metadata, made on first use, or the code assigned); F's own func_code is a
 * placeholder taking (*args, **kwargs) that host bytecode calls run (hostcode.py). */
static PyObject *code_get(PyObject *f, void *closure) {
    PyObject *record = record_of_dict(((PyFunctionObject *)f)->func_dict);
    if (record == NULL || ((PyFunctionObject *)f)->vectorcall != func_vectorcall) return g_code_get(f, closure);
    return PyObject_CallMethodNoArgs(record, g_code_object_name);
}

static int code_set(PyObject *f, PyObject *value, void *closure) {
    if (g_code_set(f, value, closure) < 0) return -1;
    PyObject *d = ((PyFunctionObject *)f)->func_dict;
    PyObject *record = record_of_dict(d);
    if (record == NULL) return 0;
    Py_INCREF(d);
    Py_INCREF(record);
    PyObject *keep = PyObject_CallMethodOneArg(record, g_code_assigned_name, value);
    int rc = 0;
    if (keep == NULL) {
        rc = -1;
    } else if (!PyObject_IsTrue(keep)) {
        /* F now runs host code: a plain dict with the same items, so that no guest path
         * takes it for a guest function */
        PyObject *plain = PyDict_Copy(d);
        if (plain == NULL) rc = -1;
        else if (((PyFunctionObject *)f)->func_dict == d) Py_SETREF(((PyFunctionObject *)f)->func_dict, plain);
        else Py_DECREF(plain);
    }
    Py_XDECREF(keep);
    Py_DECREF(record);
    Py_DECREF(d);
    return rc;
}

static PyGetSetDef code_getset = {"__code__", code_get, code_set, NULL, NULL};

/* __dict__ assignment keeps a guest function one: its new __dict__ is a FuncDict with the
 * items of the dict assigned (not that dict itself, unlike CPython) and the same record. */
static getter g_dict_get;
static setter g_dict_set;

static PyObject *dict_get(PyObject *f, void *closure) {
    return g_dict_get(f, closure);
}

static int dict_set(PyObject *f, PyObject *value, void *closure) {
    PyObject *record = pj_func_record(f);
    if (record == NULL || value == NULL || !PyDict_Check(value)) return g_dict_set(f, value, closure);
    PyObject *d = PyObject_CallNoArgs((PyObject *)g_funcdict_type);
    if (d == NULL) return -1;
    if (PyDict_Update(d, value) < 0) {
        Py_DECREF(d);
        return -1;
    }
    PyObject **slot = (PyObject **)((char *)d + g_record_offset);
    Py_INCREF(record);
    Py_XSETREF(*slot, record);
    int rc = g_dict_set(f, d, closure);
    Py_DECREF(d);
    return rc;
}

static PyGetSetDef dict_getset = {"__dict__", dict_get, dict_set, NULL, NULL};

/* Replace FunctionType's getset descriptor `def` (named def->name) by one that calls the
 * original getter (*get) and setter (*set). 0, or -1 with an exception set. */
static int wrap_getset(PyGetSetDef *def, getter *get, setter *set) {
    PyObject *dict = PyFunction_Type.tp_dict;
    PyObject *orig = dict ? PyDict_GetItemString(dict, def->name) : NULL;
    if (orig == NULL || !PyObject_TypeCheck(orig, &PyGetSetDescr_Type)) {
        PyErr_Format(PyExc_RuntimeError, "set_func_dict: FunctionType.%s is not a getset", def->name);
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

/* set_func_dict(FuncDict): the dict subclass guest functions' __dict__ is, and the __code__
 * descriptor (once). */
static PyObject *set_func_dict(PyObject *mod, PyObject *cls) {
    if (!PyType_Check(cls) || !PyType_IsSubtype((PyTypeObject *)cls, &PyDict_Type)) {
        PyErr_SetString(PyExc_TypeError, "set_func_dict: a dict subclass with a `record` slot");
        return NULL;
    }
    PyObject *descr = PyObject_GetAttrString(cls, "record");
    if (descr == NULL) return NULL;
    if (!PyObject_TypeCheck(descr, &PyMemberDescr_Type)
        || ((PyMemberDescrObject *)descr)->d_member->type != T_OBJECT_EX) {
        Py_DECREF(descr);
        PyErr_SetString(PyExc_TypeError, "set_func_dict: `record` must be a __slots__ slot");
        return NULL;
    }
    g_record_offset = ((PyMemberDescrObject *)descr)->d_member->offset;
    Py_DECREF(descr);
    Py_INCREF(cls);
    Py_XSETREF(g_funcdict_type, (PyTypeObject *)cls);
    if (g_code_get == NULL) {
        g_code_assigned_name = PyUnicode_InternFromString("code_assigned");
        g_code_object_name = PyUnicode_InternFromString("code_object");
        if (g_code_assigned_name == NULL || g_code_object_name == NULL) return NULL;
        if (wrap_getset(&code_getset, &g_code_get, &g_code_set) < 0
            || wrap_getset(&dict_getset, &g_dict_get, &g_dict_set) < 0) return NULL;
        PyType_Modified(&PyFunction_Type);
    }
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
     "annotations, funcdict): a guest function as a CPython function object (pjfunc.c)."},
    {"current_function", current_function, METH_NOARGS,
     "current_function(): the function of the running Python frame, or None."},
    {"set_func_dict", set_func_dict, METH_O,
     "set_func_dict(FuncDict): the __dict__ type of guest functions (its `record` slot)."},
    {NULL},
};

/* Called by PyInit__pjentry: adds this file's functions to the module. */
int pj_func_add_methods(PyObject *m) {
    return PyModule_AddFunctions(m, func_methods);
}
