/* The buffer protocol for guest ctypes objects (issue 19 item 4: memoryview(c_array),
 * bytearray(struct), struct.unpack_from(fmt, obj), file.write(obj)).
 *
 * Guest ctypes objects (lib/ctypes/_impl.py _CData) are instances of Python classes, and
 * CPython 3.11 gives a class defined in Python no buffer slots. BufferBase is an empty C
 * base class with them: _CData derives from it (its instances' layout is object's, so
 * object.__new__ still makes them). Getting a buffer asks the object for
 *
 *   obj._pj_buffer_info() -> (memory, offset, size, format, itemsize, shape)
 *
 * memory: an object exporting a buffer (a host c_char array) that holds the object's
 * `size` bytes from `offset`; format, itemsize, shape: what CPython's ctypes object of
 * that type exports (protojit/ctypesprims.py works them out from the host's ctypes).
 * The view keeps obj alive (view->obj), which keeps its memory; the info tuple lives
 * in view->internal until the view is released (format and shape point into it).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_NDIM 64   /* PyBUF_MAX_NDIM */

typedef struct {
    PyObject *info;                /* the tuple format points into */
    Py_ssize_t shape[MAX_NDIM];
} BufInternal;

static PyObject *g_info_name;

static int bufbase_getbuffer(PyObject *self, Py_buffer *view, int flags) {
    PyObject *info = PyObject_CallMethodNoArgs(self, g_info_name);
    if (info == NULL) return -1;
    PyObject *memory, *format, *shape;
    Py_ssize_t offset, size, itemsize;
    if (!PyTuple_Check(info)
        || !PyArg_ParseTuple(info, "OnnUnO!", &memory, &offset, &size, &format, &itemsize, &PyTuple_Type, &shape)) {
        if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_SystemError,
                            "_pj_buffer_info(): (memory, offset, size, format: str, itemsize, shape: tuple)");
        }
        Py_DECREF(info);
        return -1;
    }
    Py_ssize_t ndim = PyTuple_GET_SIZE(shape);
    const char *fmt = PyUnicode_AsUTF8(format);
    if (fmt == NULL) {
        Py_DECREF(info);
        return -1;
    }
    if (ndim > MAX_NDIM || offset < 0 || size < 0 || itemsize <= 0) {
        Py_DECREF(info);
        PyErr_SetString(PyExc_SystemError, "_pj_buffer_info(): bad offset, size, itemsize or shape");
        return -1;
    }
    Py_buffer inner;
    if (PyObject_GetBuffer(memory, &inner, PyBUF_SIMPLE) < 0) {
        Py_DECREF(info);
        return -1;
    }
    char *start = (char *)inner.buf + offset;
    int fits = offset <= inner.len && size <= inner.len - offset;
    int readonly = inner.readonly;
    PyBuffer_Release(&inner);      /* (obj keeps its memory alive: view->obj below) */
    if (readonly && (flags & PyBUF_WRITABLE)) {
        Py_DECREF(info);
        PyErr_SetString(PyExc_BufferError, "Object is not writable.");
        return -1;
    }
    if (!fits) {
        Py_DECREF(info);
        PyErr_SetString(PyExc_SystemError, "_pj_buffer_info(): the object's bytes are not in its memory");
        return -1;
    }
    BufInternal *internal = PyMem_Malloc(sizeof(BufInternal));
    if (internal == NULL) {
        Py_DECREF(info);
        PyErr_NoMemory();
        return -1;
    }
    internal->info = info;   /* (owned: released with the view) */
    for (Py_ssize_t i = 0; i < ndim; i++) {
        internal->shape[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(shape, i));
        if (internal->shape[i] < 0) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "_pj_buffer_info(): a negative shape");
            PyMem_Free(internal);
            Py_DECREF(info);
            return -1;
        }
    }
    view->buf = start;
    view->obj = Py_NewRef(self);
    view->len = size;
    view->readonly = readonly;
    view->itemsize = itemsize;
    view->format = (flags & PyBUF_FORMAT) ? (char *)fmt : NULL;
    view->ndim = (int)ndim;
    view->shape = (flags & PyBUF_ND) ? internal->shape : NULL;
    view->strides = NULL;          /* C-contiguous */
    view->suboffsets = NULL;
    view->internal = internal;
    return 0;
}

static void bufbase_releasebuffer(PyObject *self, Py_buffer *view) {
    BufInternal *internal = view->internal;
    if (internal != NULL) {
        Py_XDECREF(internal->info);
        PyMem_Free(internal);
        view->internal = NULL;
    }
}

static PyBufferProcs bufbase_as_buffer = {
    .bf_getbuffer = bufbase_getbuffer,
    .bf_releasebuffer = bufbase_releasebuffer,
};

static PyTypeObject BufferBaseType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "protojit._pjentry.BufferBase",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Base of guest ctypes objects: the buffer protocol over _pj_buffer_info() (pjbuf.c).",
    .tp_as_buffer = &bufbase_as_buffer,
};

/* Called by PyInit__pjentry: adds BufferBase to the module. */
int pj_buf_add_types(PyObject *m) {
    g_info_name = PyUnicode_InternFromString("_pj_buffer_info");
    /* object's own tp_new: object.__new__(cls) of a subclass is then safe (ctypesprims.py
     * makes ctypes objects so), as for any class whose C bases add nothing to object */
    BufferBaseType.tp_new = PyBaseObject_Type.tp_new;
    if (g_info_name == NULL || PyType_Ready(&BufferBaseType) < 0) return -1;
    Py_INCREF(&BufferBaseType);
    if (PyModule_AddObject(m, "BufferBase", (PyObject *)&BufferBaseType) < 0) {
        Py_DECREF(&BufferBaseType);
        return -1;
    }
    return 0;
}
