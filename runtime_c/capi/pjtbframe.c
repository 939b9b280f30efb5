/* Frames of guest tracebacks (issue 19): the tb_frame of a traceback entry that stands for
 * a guest frame (protojit/runtime/tracebacks.py _convert).
 *
 * types.TracebackType takes only a real frame object (PyFrame_Check), so each guest frame
 * of a traceback gets one. It is made here of the guest function's own code object (its
 * __code__: runtime/hostcode.py's trampoline, whose co_varnames, co_cellvars and
 * co_freevars are CPython's for the guest function), so that tb_frame.f_code.co_varnames,
 * co_argcount, ... and tb_frame.f_locals are the guest's, and holds the guest frame's
 * locals in its own fast locals: as CPython's tb_frame, the traceback keeps them alive,
 * and releases them as CPython's does (tb_dealloc: the inner entries first, each frame's
 * locals in order).
 *
 *   tb_frame(code, globals, values, lineno, locals, hidden) -> frame
 *       code: a code object; globals: a dict; values: a dict {name: value} of the locals
 *       that have one (a cell or free variable's value is its cell), or None; lineno: the
 *       frame's f_lineno (> 0); locals: the f_locals mapping of a module or class body
 *       (the frame's f_locals dict), or None; hidden: a tuple of other values the frame
 *       keeps alive unseen (protojit's temporaries, a native frame's kept values; released
 *       from the last, before the locals), or None. The frame is finished (owned by
 *       itself, f_back None).
 *   tb_frame_fill(frame, values, hidden[, lineno])
 *       Give a frame tb_frame made the values of its locals that it has none for (an entry
 *       whose frame the exception left after a handler had read the traceback), and the
 *       line it was left at as its f_lineno (lineno > 0; 0: unchanged).
 *
 * `hidden` is held as the defaults of the frame's own function object (the one PyFrame_New
 * makes, which only the frame references and Python cannot reach: frame_dealloc clears
 * it before the fast locals).
 *
 * 3.11 only: writes _PyInterpreterFrame's fast locals (Include/internal/pycore_frame.h)
 * and PyFrameObject.f_lineno.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>      /* PyFrame_New */
#define Py_BUILD_CORE 1
#include "internal/pycore_frame.h"
#include "internal/pycore_code.h"
#undef Py_BUILD_CORE

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pjtbframe.c writes CPython 3.11's interpreter frame"
#endif

/* Store values[name] (a new reference, or NULL) in fast local i of frame f that has none.
 * Cell and free variables hold a cell: the guest's own cell when values has it, else a
 * new one around the value (empty without one: frame_get_var reads a free variable's
 * cell unchecked). Returns 0, or -1 with an exception set. */
static int fill_local(_PyInterpreterFrame *f, PyCodeObject *co, int i, PyObject *values) {
    if (f->localsplus[i] != NULL) return 0;
    PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, i);
    _PyLocals_Kind kind = _PyLocals_GetKind(co->co_localspluskinds, i);
    PyObject *value = NULL;      /* borrowed */
    if (values != NULL && values != Py_None) {
        value = PyDict_GetItemWithError(values, name);
        if (value == NULL && PyErr_Occurred()) return -1;
    }
    if (kind & (CO_FAST_CELL | CO_FAST_FREE)) {
        PyObject *cell = (value != NULL && PyCell_Check(value)) ? Py_NewRef(value) : PyCell_New(value);
        if (cell == NULL) return -1;
        f->localsplus[i] = cell;
    }
    else {
        f->localsplus[i] = Py_XNewRef(value);
    }
    return 0;
}

/* Hold `hidden` (a tuple, or None: nothing) in the frame's function object. */
static int hold_hidden(_PyInterpreterFrame *f, PyObject *hidden) {
    if (hidden == Py_None || f->f_func == NULL) return 0;
    if (!PyTuple_Check(hidden)) {
        PyErr_SetString(PyExc_TypeError, "tb_frame(): hidden must be a tuple or None");
        return -1;
    }
    if (PyTuple_GET_SIZE(hidden) == 0) return 0;
    return PyFunction_SetDefaults((PyObject *)f->f_func, hidden);
}

static PyObject *tb_frame(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "tb_frame(code, globals, values, lineno, locals, hidden)");
        return NULL;
    }
    PyObject *code = args[0], *globals = args[1], *values = args[2], *locals = args[4];
    if (!PyCode_Check(code) || !PyDict_Check(globals)
        || (values != Py_None && !PyDict_Check(values))) {
        PyErr_SetString(PyExc_TypeError, "tb_frame(): a code object, a globals dict, a dict of values or None");
        return NULL;
    }
    long lineno = PyLong_AsLong(args[3]);
    if (lineno == -1 && PyErr_Occurred()) return NULL;
    if (lineno <= 0 || lineno > INT_MAX) {
        PyErr_SetString(PyExc_ValueError, "tb_frame(): the line must be positive");
        return NULL;
    }
    PyCodeObject *co = (PyCodeObject *)code;
    PyFrameObject *frame = PyFrame_New(PyThreadState_Get(), co, globals,
                                       locals == Py_None ? NULL : locals);
    if (frame == NULL) return NULL;
    _PyInterpreterFrame *f = frame->f_frame;
    f->previous = NULL;          /* (a finished frame: f_back None) */
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        Py_CLEAR(f->localsplus[i]);
    }
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        if (fill_local(f, co, i, values) < 0) {
            Py_DECREF(frame);
            return NULL;
        }
    }
    if (hold_hidden(f, args[5]) < 0) {
        Py_DECREF(frame);
        return NULL;
    }
    frame->f_lineno = (int)lineno;
    return (PyObject *)frame;
}

static PyObject *tb_frame_fill(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if ((nargs != 3 && nargs != 4) || !PyFrame_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "tb_frame_fill(frame, values: dict, hidden[, lineno])");
        return NULL;
    }
    long lineno = 0;
    if (nargs == 4) {
        lineno = PyLong_AsLong(args[3]);
        if (lineno == -1 && PyErr_Occurred()) return NULL;
        if (lineno < 0 || lineno > INT_MAX) {
            PyErr_SetString(PyExc_ValueError, "tb_frame_fill(): the line must be positive");
            return NULL;
        }
    }
    PyFrameObject *frame = (PyFrameObject *)args[0];
    _PyInterpreterFrame *f = frame->f_frame;
    /* Only a finished frame that owns its data (tb_frame's): a running frame's fast
     * locals belong to the eval loop. */
    if (f->owner != FRAME_OWNED_BY_FRAME_OBJECT) {
        PyErr_SetString(PyExc_ValueError, "tb_frame_fill(): not a finished frame");
        return NULL;
    }
    PyCodeObject *co = f->f_code;
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        _PyLocals_Kind kind = _PyLocals_GetKind(co->co_localspluskinds, i);
        if (kind & (CO_FAST_CELL | CO_FAST_FREE)) {
            /* tb_frame left an empty cell here: the guest's own cell replaces it */
            PyObject *cell = f->localsplus[i];
            PyObject *value = PyDict_GetItemWithError(args[1], PyTuple_GET_ITEM(co->co_localsplusnames, i));
            if (value == NULL && PyErr_Occurred()) return NULL;
            if (value != NULL && cell != NULL && PyCell_Check(cell) && PyCell_GET(cell) == NULL) {
                Py_CLEAR(f->localsplus[i]);
            }
        }
        if (fill_local(f, co, i, args[1]) < 0) return NULL;
    }
    if (hold_hidden(f, args[2]) < 0) return NULL;
    if (lineno > 0) ((PyFrameObject *)args[0])->f_lineno = (int)lineno;
    Py_RETURN_NONE;
}

static PyMethodDef tbframe_methods[] = {
    {"tb_frame", (PyCFunction)(void (*)(void))tb_frame, METH_FASTCALL,
     "tb_frame(code, globals, values, lineno, locals, hidden) -> a finished frame standing for a "
     "guest frame in a traceback (pjtbframe.c)."},
    {"tb_frame_fill", (PyCFunction)(void (*)(void))tb_frame_fill, METH_FASTCALL,
     "tb_frame_fill(frame, values, hidden[, lineno]): give a tb_frame frame the locals it has none for."},
    {NULL, NULL, 0, NULL},
};

/* Called by PyInit__pjentry: adds tb_frame and tb_frame_fill to the module. */
int pj_tbframe_add_methods(PyObject *m) {
    return PyModule_AddFunctions(m, tbframe_methods);
}
