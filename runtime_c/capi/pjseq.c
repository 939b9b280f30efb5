/* Sequence helpers of native object code (codegen/lowerobj.py calls these directly).
 *
 *   pj_unpack_store   `a, b, c = seq` into object locals, when seq is an exact tuple or
 *                     list of the right length (CPython's UNPACK_SEQUENCE fast paths):
 *                     one call instead of a type check, n increfs and n stores with their
 *                     releases emitted inline at every site. A function made of hundreds
 *                     of such statements (pyperformance unpack_sequence: 400 per loop
 *                     body) had ~450 bytes of machine code per statement, and ran from
 *                     L2 rather than the instruction cache.
 *
 * Ownership: as the C API's. Released objects may run __del__ (guest code): the order of
 * releases is CPython's (the sequence's reference, then each local's old value as its
 * new one is stored, left to right).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define PJ_UNPACK_STORE_MAX 64   /* codegen/lowerobj.py UNPACK_STORE_MAX */

/* A tagged-number local (codegen/lowerobj.py NUMT: {i8, i64, double, ptr}): its tag
 * NUM_OBJ (0) with `p` the object (NULL: unbound), else an unboxed int/float/bool with
 * `p` its object or NULL. */
typedef struct {
    int8_t tag;
    int64_t i;
    double d;
    PyObject *p;
} PjNum;

/* Stores items[0..n-1] into the locals at slots[0..n-1] (bit i of num_mask set: slot i is
 * a PjNum, which takes the item as NUM_OBJ; else a PyObject * or NULL): every item taken
 * first (a release below may run guest code that changes a list), then `seq` released if
 * `owned`, then each slot's old reference released after its new one is stored. */
static void store_items(PyObject **items, Py_ssize_t n, void **slots, uint64_t num_mask,
                        PyObject *seq, int owned) {
    PyObject *got[PJ_UNPACK_STORE_MAX];
    for (Py_ssize_t i = 0; i < n; i++) {
        got[i] = items[i];
        Py_INCREF(got[i]);
    }
    if (owned)
        Py_DECREF(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *old;
        if ((num_mask >> i) & 1) {
            PjNum *num = slots[i];
            old = num->p;
            num->tag = 0;
            num->i = 0;
            num->d = 0.0;
            num->p = got[i];
        } else {
            PyObject **slot = slots[i];
            old = *slot;
            *slot = got[i];
        }
        Py_XDECREF(old);
    }
}

/* `a, b, ... = seq` into the n locals at slots[0..n-1] (n <= PJ_UNPACK_STORE_MAX; num_mask
 * as store_items'):
 * an exact tuple or list of n items gives its items as they are; anything else goes
 * through `generic(seq, n)` (codegen/slowpaths.py unpack: CPython's iteration and errors),
 * whose tuple then gives them. With `owned`, the caller's reference to seq is released
 * once its items are taken. Returns 0, or -1 with the exception set and nothing stored
 * or released. A __del__ run by a release reports its own exception (unraisable), as
 * for CPython's STORE_FAST. */
int pj_unpack_store(PyObject *seq, Py_ssize_t n, void **slots, int owned,
                    PyObject *generic, uint64_t num_mask) {
    if (PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == n) {
        store_items(&PyTuple_GET_ITEM(seq, 0), n, slots, num_mask, seq, owned);
        return 0;
    }
    if (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) == n) {
        store_items(((PyListObject *)seq)->ob_item, n, slots, num_mask, seq, owned);
        return 0;
    }
    PyObject *count = PyLong_FromSsize_t(n);
    if (count == NULL)
        return -1;
    PyObject *t = PyObject_CallFunctionObjArgs(generic, seq, count, NULL);
    Py_DECREF(count);
    if (t == NULL)
        return -1;
    if (!PyTuple_CheckExact(t) || PyTuple_GET_SIZE(t) != n) {
        Py_DECREF(t);
        PyErr_SetString(PyExc_SystemError, "protojit: unpack gave a tuple of another length");
        return -1;
    }
    if (owned)
        Py_DECREF(seq);
    store_items(&PyTuple_GET_ITEM(t, 0), n, slots, num_mask, t, 1);
    return 0;
}
