/* The buffer protocol for guest ctypes objects (issue 19 item 4: memoryview(c_array),
 * bytearray(struct), struct.unpack_from(fmt, obj), numpy.frombuffer(obj), file.write(obj)).
 *
 * Guest ctypes objects (lib/ctypes/_impl.py _CData) are instances of Python classes, and
 * CPython 3.11 gives a class defined in Python no buffer slots (no __buffer__ before 3.12).
 * give_buffer(cls) fills the buffer slots of the heap type cls itself (its
 * PyHeapTypeObject.as_buffer), before any subclass exists: every subclass made later
 * inherits them in PyType_Ready (inherit_slots). No class is added to the MRO -- a C base
 * under _CData showed in every ctypes type's __mro__ and broke numpy.ctypeslib, which
 * walks it (88b6473). Getting a buffer asks the object for
 *
 *   obj._pj_buffer_info() -> (memory, offset, size, format, itemsize, shape)
 *
 * memory: an object exporting a buffer (a host c_char array) that holds the object's
 * `size` bytes from `offset`; format, itemsize, shape: what CPython's ctypes object of
 * that type exports (lib/ctypes/_impl.py _buffer_layout reads them off the host's ctypes).
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

/* give_buffer(cls): cls (a heap type without subclasses yet) and every class later derived
 * from it export the buffer that obj._pj_buffer_info() describes. Returns None. */
static PyObject *give_buffer(PyObject *module, PyObject *cls) {
    (void)module;
    if (!PyType_Check(cls) || !PyType_HasFeature((PyTypeObject *)cls, Py_TPFLAGS_HEAPTYPE)) {
        PyErr_SetString(PyExc_TypeError, "give_buffer() takes a class defined in Python");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    PyHeapTypeObject *heap = (PyHeapTypeObject *)cls;
    if (type->tp_as_buffer != &heap->as_buffer) {
        PyErr_SetString(PyExc_TypeError, "give_buffer(): the class's buffer slots are not its own");
        return NULL;
    }
    /* Subclasses copied the (empty) slots when they were made: they would not export. */
    PyObject *subs = PyObject_CallMethod(cls, "__subclasses__", NULL);
    if (subs == NULL) return NULL;
    Py_ssize_t nsubs = PyList_Check(subs) ? PyList_GET_SIZE(subs) : -1;
    Py_DECREF(subs);
    if (nsubs != 0) {
        PyErr_SetString(PyExc_TypeError, "give_buffer(): the class already has subclasses");
        return NULL;
    }
    if (g_info_name == NULL) {
        g_info_name = PyUnicode_InternFromString("_pj_buffer_info");
        if (g_info_name == NULL) return NULL;
    }
    heap->as_buffer.bf_getbuffer = bufbase_getbuffer;
    heap->as_buffer.bf_releasebuffer = bufbase_releasebuffer;
    PyType_Modified(type);
    Py_RETURN_NONE;
}

static PyMethodDef buf_methods[] = {
    {"give_buffer", give_buffer, METH_O,
     "give_buffer(cls): instances of cls and of its later subclasses export the buffer "
     "obj._pj_buffer_info() describes (pjbuf.c)."},
    {NULL, NULL, 0, NULL},
};

/* Called by PyInit__pjentry: adds give_buffer to the module. */
int pj_buf_add_methods(PyObject *m) {
    return PyModule_AddFunctions(m, buf_methods);
}
