/* The guest frame of a comprehension inlined in object code (codegen/build.py
 * transform_comprehension), in C: codegen/slowpaths.py's enter_comprehension and
 * leave_comprehension as builtin functions, so that each comprehension or generator
 * expression a native loop runs costs two C calls, not two Python frames (nqueens: three
 * per permutation).
 *
 *   enter(code, line)   publishes [code, globals, builtins, None, back, line, None,
 *                       NATIVE_FRAME, None, depth + 1] (protojit/frames.py's layout) as the
 *                       thread's frame and returns `back`, the frame published before (a
 *                       new reference). What the Python version does otherwise (no frame
 *                       published; past the recursion limit: its RecursionError) is left to
 *                       it.
 *   leave(back)         publishes `back` again (None: nothing to do).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define F_GLOBALS 1      /* protojit/frames.py */
#define F_BUILTINS 2
#define F_DEPTH 9
#define HEADER 10

PyObject **pj_published_frame(void);   /* pjentry.c */

static PyObject *g_enter_slow;    /* slowpaths.enter_comprehension */
static PyObject *g_native_frame;  /* frames.NATIVE_FRAME */
static PyObject *g_limit;         /* frames.recursion_limit: a list of one int */

static PyObject *comp_enter(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "enter_comprehension(code, line)");
        return NULL;
    }
    PyObject **slot = pj_published_frame();
    PyObject *back = *slot;
    if (back == NULL || !PyList_CheckExact(back) || PyList_GET_SIZE(back) < HEADER
            || g_limit == NULL || !PyList_CheckExact(g_limit) || PyList_GET_SIZE(g_limit) < 1)
        return PyObject_Vectorcall(g_enter_slow, args, nargs, NULL);
    long long depth = PyLong_AsLongLong(PyList_GET_ITEM(back, F_DEPTH));
    if (depth == -1 && PyErr_Occurred()) return NULL;
    long long limit = PyLong_AsLongLong(PyList_GET_ITEM(g_limit, 0));
    if (limit == -1 && PyErr_Occurred()) return NULL;
    if (depth + 1 > limit)
        return PyObject_Vectorcall(g_enter_slow, args, nargs, NULL);   /* its RecursionError */
    PyObject *d = PyLong_FromLongLong(depth + 1);
    if (d == NULL) return NULL;
    PyObject *frame = PyList_New(HEADER);
    if (frame == NULL) {
        Py_DECREF(d);
        return NULL;
    }
    PyObject *items[HEADER] = {args[0], PyList_GET_ITEM(back, F_GLOBALS),
                               PyList_GET_ITEM(back, F_BUILTINS), Py_None, back, args[1],
                               Py_None, g_native_frame, Py_None, d};
    for (int i = 0; i < HEADER; i++) {
        Py_INCREF(items[i]);
        PyList_SET_ITEM(frame, i, items[i]);
    }
    Py_DECREF(d);
    *slot = frame;     /* the slot's reference to `back` moves to the result */
    return back;
}

static PyObject *comp_leave(PyObject *self, PyObject *back) {
    if (back != Py_None) {
        PyObject **slot = pj_published_frame();
        PyObject *old = *slot;
        Py_INCREF(back);
        *slot = back;
        Py_XDECREF(old);   /* (after the write: a finaliser it runs sees the new frame) */
    }
    Py_RETURN_NONE;
}

static PyMethodDef comp_defs[] = {
    {"enter_comprehension", (PyCFunction)(void (*)(void))comp_enter, METH_FASTCALL,
     "publish an inlined comprehension's guest frame (pjcomp.c)"},
    {"leave_comprehension", (PyCFunction)comp_leave, METH_O,
     "publish the frame before the comprehension again (pjcomp.c)"},
};

/* (enter, leave) as builtin functions, with the Python fallback and the frame facts they
 * need; a new reference, NULL with an exception set. Reached through ctypes by
 * codegen/slowpaths.py. */
PyObject *pj_comprehension_functions(PyObject *slow, PyObject *native_frame, PyObject *limit) {
    Py_INCREF(slow);
    Py_XSETREF(g_enter_slow, slow);
    Py_INCREF(native_frame);
    Py_XSETREF(g_native_frame, native_frame);
    Py_INCREF(limit);
    Py_XSETREF(g_limit, limit);
    PyObject *enter = PyCFunction_New(&comp_defs[0], NULL);
    if (enter == NULL) return NULL;
    PyObject *leave = PyCFunction_New(&comp_defs[1], NULL);
    if (leave == NULL) {
        Py_DECREF(enter);
        return NULL;
    }
    return Py_BuildValue("(NN)", enter, leave);
}
