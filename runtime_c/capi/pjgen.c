/* The body of a guest generator whose code is native object code (codegen/generators.py).
 *
 * A GenBody is the iterator that the guest generator (protojit/runtime/coroutines.py
 * guest_generator: a real host generator) delegates to with `yield from`, as it does to
 * tier 0's compiled body. It resumes the machine code (codegen/genlower.py's entry:
 * `PyObject *entry(args, state, sent, err)`) once per step:
 *
 *   am_send / __next__ / send   resume with a sent value (None for next): the yielded
 *                               value, or the return value (PYGEN_RETURN / StopIteration)
 *   throw(typ, val, tb)         the exception (made by the Python helper: CPython's rules
 *                               and messages for throw()'s arguments) raised in the body at
 *                               its yield (state index | THROW_FLAG): its except/finally/with
 *   close()                     GeneratorExit thrown in; a body that yields again gives
 *                               RuntimeError("generator ignored GeneratorExit")
 *
 * `yield from`: the body hands over the sub-iterator (its yield's index | DELEGATE_FLAG)
 * and this object delegates to it as CPython's generator does (`sub`: send steps go to
 * it, throw() to its throw(), close() closes it first) until it returns, whose value
 * resumes the body, or raises, which is raised in the body at its `yield from`.
 *
 * While the machine code runs, the generator's guest frame is the thread's published one
 * (pjentry.c's t_frame), so the guest functions it calls see it as their caller. A
 * StopIteration leaving the body is handed on wrapped (StopIterationCarrier), which
 * guest_generator turns into CPython's RuntimeError (PEP 479). The state (index, yielded
 * value, the body's locals, owned references) is this object's; a body dropped while
 * suspended is closed first, as CPython finalises a generator.
 *
 * Ownership: `args` (the bound arguments, a tuple), `frame` (a frame list) and `owner`
 * (the spec, which keeps the machine code alive) are owned; results are new references.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define Py_BUILD_CORE 1
#include "internal/pycore_frame.h"   /* pj_gen_next reads the guest generator's host frame */
#undef Py_BUILD_CORE
#include <stdint.h>
#include <string.h>

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pjgen.c reads CPython 3.11's generator and interpreter frame"
#endif

#define F_LINENO 5                     /* protojit/frames.py */
#define IX_START 0                     /* codegen/genlower.py's state indexes */
#define IX_DONE (-1)
#define THROW_FLAG ((int64_t)1 << 32)
#define DELEGATE_FLAG ((int64_t)1 << 33)
#define GEN_ERR_SLOTS 64               /* >= codegen/lower.py ERR_SLOTS (checked by configure) */

typedef PyObject *(*gen_entry_fn)(PyObject *const *args, int64_t *state, PyObject *sent, int64_t *err);

PyObject **pj_published_frame(void);   /* pjentry.c: the thread's published guest frame */

static PyObject *g_carrier;   /* protojit.runtime.coroutines.StopIterationCarrier */
static PyObject *g_thrown;    /* generators._thrown(typ, val, tb): the exception to raise */
static Py_ssize_t g_err_line = -1, g_err_frame = -1;
static PyObject *g_str_close, *g_str_throw;   /* "close", "throw" (interned) */

typedef struct {
    PyObject_HEAD
    gen_entry_fn entry;
    PyObject *args;
    PyObject *frame;
    PyObject *owner;
    PyObject *sub;      /* the iterator a `yield from` delegates to, or NULL */
    int64_t *state;
    Py_ssize_t *refs;   /* byte offsets of the state's owned references (the locals) */
    Py_ssize_t nrefs;
    int running;
    /* The end of a step that pj_gen_next took (PEND_*), handed to the guest generator's
     * next step of its own: the return value (pend_value) or the exception (the three). */
    int pending;
    PyObject *pend_type, *pend_value, *pend_tb;
    int64_t err[GEN_ERR_SLOTS];
} GenBody;

#define PEND_NONE 0
#define PEND_RETURN 1
#define PEND_ERROR 2

static PyTypeObject GenBody_Type;

/* The error leaving the body: the frame's line is the failing op's; a StopIteration goes
 * on wrapped (see above). Returns NULL with the exception set. */
static PyObject *body_error(GenBody *g) {
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    PyObject *line = PyLong_FromLongLong(g->err[g_err_line]);
    if (line != NULL && PyList_CheckExact(g->frame) && PyList_GET_SIZE(g->frame) > F_LINENO)
        PyList_SetItem(g->frame, F_LINENO, line);   /* (steals line) */
    else
        Py_XDECREF(line);
    PyErr_Clear();
    if (et != NULL && PyErr_GivenExceptionMatches(et, PyExc_StopIteration)) {
        PyErr_NormalizeException(&et, &ev, &etb);
        if (etb != NULL) PyException_SetTraceback(ev, etb);
        PyObject *carrier = PyObject_CallOneArg(g_carrier, ev);
        Py_XDECREF(et);
        Py_XDECREF(ev);
        Py_XDECREF(etb);
        if (carrier == NULL) return NULL;
        PyErr_SetObject((PyObject *)Py_TYPE(carrier), carrier);
        Py_DECREF(carrier);
        return NULL;
    }
    PyErr_Restore(et, ev, etb);
    return NULL;
}

/* One resume of the machine code with `sent` (borrowed): the yielded value, or the return
 * value with the state's index IX_DONE, or NULL with an exception set (index IX_DONE). */
static PyObject *body_resume(GenBody *g, PyObject *sent) {
    if (g->running) {
        PyErr_SetString(PyExc_ValueError, "generator already executing");
        return NULL;
    }
    PyObject **slot = pj_published_frame();
    PyObject *prev = *slot;
    Py_INCREF(g->frame);
    *slot = g->frame;
    g->err[g_err_frame] = (int64_t)(intptr_t)g->frame;
    g->running = 1;
    PyObject *r = g->entry(&PyTuple_GET_ITEM(g->args, 0), g->state, sent, g->err);
    g->running = 0;
    PyObject *cur = *slot;
    *slot = prev;
    if (cur != NULL) {
        PyObject *et, *ev, *etb;
        PyErr_Fetch(&et, &ev, &etb);
        Py_DECREF(cur);
        PyErr_Restore(et, ev, etb);
    }
    if (r == NULL) {
        g->state[0] = IX_DONE;
        return body_error(g);
    }
    return r;
}

/* The exception set, normalised, with its traceback: a new reference (NULL if none). */
static PyObject *fetch_exc(void) {
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    if (et == NULL) return NULL;
    PyErr_NormalizeException(&et, &ev, &etb);
    if (etb != NULL && ev != NULL) PyException_SetTraceback(ev, etb);
    Py_XDECREF(et);
    Py_XDECREF(etb);
    return ev;
}

static int direct_step(PyObject *it, PyObject **out);

/* PyIter_Send(sub, arg, v) for the iterator the body delegates to (`yield from`), with the
 * body's frame published: a guest generator's step finds it as its caller (its host frame
 * is not on the stack when pj_gen_next stepped the body); a guest generator with a native
 * body is stepped here (pj_gen_next's step) when `arg` is None. */
static PySendResult sub_send(GenBody *g, PyObject *sub, PyObject *arg, PyObject **v) {
    PyObject **slot = pj_published_frame();
    PyObject *prev = *slot;       /* (its reference is kept while the body's frame is out) */
    Py_INCREF(g->frame);
    *slot = g->frame;
    PySendResult st = PYGEN_ERROR;
    int rc = arg == Py_None ? direct_step(sub, v) : 0;
    if (rc == 1)
        st = PYGEN_NEXT;
    else if (rc >= 0)
        st = PyIter_Send(sub, arg, v);
    else
        *v = NULL;
    PyObject *cur = *slot;
    *slot = prev;
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    Py_XDECREF(cur);
    PyErr_Restore(et, ev, etb);
    return st;
}

/* Resume the body: `throwing` 0 sends `arg`, 1 raises `arg` (an exception instance) at its
 * yield (both borrowed). A body that then delegates (`yield from`: the iterator it hands
 * over with DELEGATE_FLAG) becomes g->sub and takes the sub-iterator's first step: what it
 * yields is returned, its return value resumes the body, its exception is raised in the
 * body at the `yield from` (a loop, not a recursion: a run of empty sub-iterators). */
static PyObject *body_run(GenBody *g, PyObject *arg, int throwing) {
    PyObject *own = NULL;
    for (;;) {
        if (g->state[0] == IX_START && throwing) {
            /* not started (guest_generator never delegates then): raised here */
            g->state[0] = IX_DONE;
            PyObject *tb = PyException_GetTraceback(arg);
            Py_INCREF(Py_TYPE(arg));
            Py_INCREF(arg);
            PyErr_Restore((PyObject *)Py_TYPE(arg), arg, tb);
            Py_XDECREF(own);
            return NULL;
        }
        if (throwing) g->state[0] |= THROW_FLAG;
        PyObject *r = body_resume(g, arg);
        Py_CLEAR(own);
        if (r == NULL || g->state[0] == IX_DONE || !(g->state[0] & DELEGATE_FLAG)) return r;
        g->state[0] &= ~DELEGATE_FLAG;
        g->sub = r;
        PyObject *v = NULL;
        PySendResult st = sub_send(g, r, Py_None, &v);
        if (st == PYGEN_NEXT) return v;
        Py_CLEAR(g->sub);
        if (st == PYGEN_RETURN) {
            own = arg = v;
            throwing = 0;
            continue;
        }
        if ((own = arg = fetch_exc()) == NULL) return NULL;
        throwing = 1;
    }
}

/* The sub-iterator's step ended with `st` (`v`: its value, owned): go on as body_run. */
static PyObject *sub_continue(GenBody *g, PySendResult st, PyObject *v) {
    if (st == PYGEN_NEXT) return v;
    Py_CLEAR(g->sub);
    PyObject *r;
    if (st == PYGEN_RETURN) {
        r = body_run(g, v, 0);
        Py_DECREF(v);
        return r;
    }
    PyObject *exc = fetch_exc();
    if (exc == NULL) return NULL;
    r = body_run(g, exc, 1);
    Py_DECREF(exc);
    return r;
}

/* One step with a sent value (None: next()). */
static PyObject *body_step(GenBody *g, PyObject *arg) {
    if (g->sub != NULL) {
        PyObject *v = NULL;
        PySendResult st = sub_send(g, g->sub, arg, &v);
        return sub_continue(g, st, v);
    }
    return body_run(g, arg, 0);
}

/* The end of the step pj_gen_next took (g->pending set): the return value (a new
 * reference; the state's index is IX_DONE), or NULL with its exception set. */
static PyObject *take_pending(GenBody *g) {
    PyObject *v = g->pend_value;
    int kind = g->pending;
    g->pending = PEND_NONE;
    g->pend_value = NULL;
    if (kind == PEND_RETURN) return v;
    PyErr_Restore(g->pend_type, v, g->pend_tb);
    g->pend_type = g->pend_tb = NULL;
    return NULL;
}

static PySendResult body_am_send(GenBody *g, PyObject *arg, PyObject **result) {
    if (g->pending) {
        *result = take_pending(g);
        return *result == NULL ? PYGEN_ERROR : PYGEN_RETURN;
    }
    if (g->state[0] == IX_DONE) {
        Py_INCREF(Py_None);
        *result = Py_None;
        return PYGEN_RETURN;
    }
    PyObject *r = body_step(g, arg);
    *result = r;
    if (r == NULL) return PYGEN_ERROR;
    return g->state[0] == IX_DONE ? PYGEN_RETURN : PYGEN_NEXT;
}

/* A step's result as a method returns it: the return value becomes StopIteration(value). */
static PyObject *step_result(GenBody *g, PyObject *r) {
    if (r != NULL && g->state[0] == IX_DONE) {
        if (r != Py_None) _PyGen_SetStopIterationValue(r);
        else PyErr_SetNone(PyExc_StopIteration);
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

static PyObject *body_iternext(GenBody *g) {
    if (g->state[0] == IX_DONE && !g->pending) return NULL;
    PyObject *r = g->pending ? take_pending(g) : body_step(g, Py_None);
    if (r != NULL && g->state[0] == IX_DONE && r == Py_None) {
        Py_DECREF(r);
        return NULL;
    }
    return step_result(g, r);
}

static PyObject *body_send(GenBody *g, PyObject *arg) {
    if (g->pending) return step_result(g, take_pending(g));
    if (g->state[0] == IX_DONE) {
        PyErr_SetNone(PyExc_StopIteration);
        return NULL;
    }
    return step_result(g, body_step(g, arg));
}

/* CPython's gen_close_iter: close() of a sub-iterator that has one. 0, or -1 with an
 * exception set. */
static int close_iter(PyObject *sub) {
    PyObject *meth;
    if (_PyObject_LookupAttr(sub, g_str_close, &meth) < 0) return -1;
    if (meth == NULL) return 0;
    PyObject *r = PyObject_CallNoArgs(meth);
    Py_DECREF(meth);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

/* Raise `exc` (an exception instance, borrowed) at the body's yield, as CPython's
 * _gen_throw: while delegating, GeneratorExit closes the sub-iterator first (an error of
 * its close is raised instead); another exception goes to the sub-iterator's throw() when
 * it has one (what that yields, returns or raises then goes on as any step). */
static PyObject *body_throw_exc(GenBody *g, PyObject *exc) {
    if (g->state[0] == IX_DONE) {
        PyObject *tb = PyException_GetTraceback(exc);
        Py_INCREF(Py_TYPE(exc));
        Py_INCREF(exc);
        PyErr_Restore((PyObject *)Py_TYPE(exc), exc, tb);
        return NULL;
    }
    PyObject *sub = g->sub;
    if (sub == NULL) return body_run(g, exc, 1);
    if (PyErr_GivenExceptionMatches(exc, PyExc_GeneratorExit)) {
        g->sub = NULL;
        int err = close_iter(sub);
        Py_DECREF(sub);
        if (err < 0) {
            PyObject *exc2 = fetch_exc();
            if (exc2 == NULL) return NULL;
            PyObject *r = body_run(g, exc2, 1);
            Py_DECREF(exc2);
            return r;
        }
        return body_run(g, exc, 1);
    }
    PyObject *meth;
    if (_PyObject_LookupAttr(sub, g_str_throw, &meth) < 0) return NULL;
    if (meth == NULL) {
        Py_CLEAR(g->sub);
        return body_run(g, exc, 1);
    }
    PyObject *r = PyObject_CallOneArg(meth, exc);
    Py_DECREF(meth);
    if (r != NULL) return r;
    Py_CLEAR(g->sub);
    PyObject *v = NULL;
    if (_PyGen_FetchStopIterationValue(&v) == 0) {
        r = body_run(g, v, 0);
        Py_DECREF(v);
        return r;
    }
    PyObject *exc2 = fetch_exc();
    if (exc2 == NULL) return NULL;
    r = body_run(g, exc2, 1);
    Py_DECREF(exc2);
    return r;
}

static PyObject *body_throw(GenBody *g, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 1 || nargs > 3) {
        PyErr_SetString(PyExc_TypeError, "throw expected 1 to 3 arguments");
        return NULL;
    }
    PyObject *exc = PyObject_Vectorcall(g_thrown, args, nargs, NULL);
    if (exc == NULL) {
        /* arguments that fail throw()'s checks: their TypeError is raised in the body, as
         * tier 0's generators do (guest_generator delegates to its body first) */
        if ((exc = fetch_exc()) == NULL) return NULL;
        PyException_SetTraceback(exc, Py_None);
    }
    PyObject *r = body_throw_exc(g, exc);
    Py_DECREF(exc);
    return step_result(g, r);
}

/* close(): 0, or -1 with an exception set. A close while the body runs is its guest
 * generator's finaliser, run because the body, finishing, released the last reference to
 * it (the cycle collector finalised the body first): the body is ending anyway. (Guest
 * code cannot get here: its guest generator refuses a close while it runs.) */
static int body_close_impl(GenBody *g) {
    if (g->running) return 0;
    if (g->state[0] == IX_START || g->state[0] == IX_DONE) {
        g->state[0] = IX_DONE;
        return 0;
    }
    PyObject *exc = PyObject_CallNoArgs(PyExc_GeneratorExit);
    if (exc == NULL) return -1;
    PyObject *r = body_throw_exc(g, exc);
    Py_DECREF(exc);
    if (r != NULL) {
        int yielded = g->state[0] != IX_DONE;
        Py_DECREF(r);
        if (yielded) {
            PyErr_SetString(PyExc_RuntimeError, "generator ignored GeneratorExit");
            return -1;
        }
        return 0;
    }
    /* (a StopIteration leaving the body went on wrapped: the guest generator makes it
     * CPython's RuntimeError) */
    if (PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
        PyErr_Clear();
        return 0;
    }
    return -1;
}

static PyObject *body_close(GenBody *g, PyObject *unused) {
    if (body_close_impl(g) < 0) return NULL;
    Py_RETURN_NONE;
}

/* A body dropped while suspended (its guest generator was not closed) is closed, as
 * CPython finalises a generator: its finally clauses and __exit__ run. */
static void body_finalize(GenBody *g) {
    if (g->state == NULL || g->state[0] == IX_START || g->state[0] == IX_DONE || _Py_IsFinalizing())
        return;
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    if (body_close_impl(g) < 0) PyErr_WriteUnraisable((PyObject *)g);
    PyErr_Restore(et, ev, etb);
}

static void body_dealloc(GenBody *g) {
    if (PyObject_CallFinalizerFromDealloc((PyObject *)g) < 0) return;   /* resurrected */
    PyObject_GC_UnTrack(g);
    Py_CLEAR(g->args);
    Py_CLEAR(g->frame);
    Py_CLEAR(g->owner);
    Py_CLEAR(g->sub);
    Py_CLEAR(g->pend_type);
    Py_CLEAR(g->pend_value);
    Py_CLEAR(g->pend_tb);
    PyMem_Free(g->state);
    g->state = NULL;
    PyMem_Free(g->refs);
    g->refs = NULL;
    Py_TYPE(g)->tp_free((PyObject *)g);
}

/* The locals' references count only while the body is suspended at a yield: before its
 * start and after its end the slots hold nothing (or freed pointers), and while it runs
 * they change (the running body is reachable anyway). */
static int body_traverse(GenBody *g, visitproc visit, void *arg) {
    if (g->state != NULL && !g->running && g->state[0] > IX_START) {
        for (Py_ssize_t i = 0; i < g->nrefs; i++) {
            PyObject *p = *(PyObject **)((char *)g->state + g->refs[i]);
            Py_VISIT(p);
        }
    }
    Py_VISIT(g->args);
    Py_VISIT(g->frame);
    Py_VISIT(g->owner);
    Py_VISIT(g->sub);
    Py_VISIT(g->pend_type);
    Py_VISIT(g->pend_value);
    Py_VISIT(g->pend_tb);
    return 0;
}

/* GenBody(entry_address, args, frame, owner, state_size, ref_offsets) */
static PyObject *body_new(PyTypeObject *type, PyObject *a, PyObject *kw) {
    unsigned long long address;
    PyObject *args, *frame, *owner, *offsets;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(a, "KO!OOnO!", &address, &PyTuple_Type, &args, &frame, &owner, &size,
                          &PyTuple_Type, &offsets))
        return NULL;
    Py_ssize_t nrefs = PyTuple_GET_SIZE(offsets);
    for (Py_ssize_t i = 0; i < nrefs; i++) {
        Py_ssize_t off = PyLong_AsSsize_t(PyTuple_GET_ITEM(offsets, i));
        if (off == -1 && PyErr_Occurred()) return NULL;
        if (off < 16 || off % (Py_ssize_t)sizeof(void *) != 0 || off > size - (Py_ssize_t)sizeof(void *)) {
            PyErr_SetString(PyExc_ValueError, "GenBody: bad reference offset");
            return NULL;
        }
    }
    if (g_carrier == NULL || g_err_line < 0) {
        PyErr_SetString(PyExc_RuntimeError, "GenBody: configure() was not called");
        return NULL;
    }
    if (size < 16 || address == 0) {
        PyErr_SetString(PyExc_ValueError, "GenBody: bad entry or state size");
        return NULL;
    }
    GenBody *g = PyObject_GC_New(GenBody, type);
    if (g == NULL) return NULL;
    g->args = g->frame = g->owner = g->sub = NULL;
    g->pend_type = g->pend_value = g->pend_tb = NULL;
    g->pending = PEND_NONE;
    g->running = 0;
    g->nrefs = nrefs;
    g->refs = PyMem_Calloc(nrefs ? (size_t)nrefs : 1, sizeof(Py_ssize_t));
    g->state = PyMem_Calloc(1, (size_t)size);
    if (g->state == NULL || g->refs == NULL) {
        Py_DECREF(g);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < nrefs; i++)
        g->refs[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(offsets, i));
    g->entry = (gen_entry_fn)(uintptr_t)address;
    Py_INCREF(args);
    g->args = args;
    Py_INCREF(frame);
    g->frame = frame;
    Py_INCREF(owner);
    g->owner = owner;
    g->sub = NULL;
    g->running = 0;
    memset(g->err, 0, sizeof g->err);
    PyObject_GC_Track(g);
    return (PyObject *)g;
}

/* GenBody.configure(carrier, thrown, err_slots, err_line, err_frame): once, at import of
 * codegen/generators.py. */
static PyObject *body_configure(PyObject *cls, PyObject *a) {
    PyObject *carrier, *thrown;
    Py_ssize_t slots, line, frame;
    if (!PyArg_ParseTuple(a, "OOnnn", &carrier, &thrown, &slots, &line, &frame)) return NULL;
    if (slots > GEN_ERR_SLOTS || line < 0 || line >= slots || frame < 0 || frame >= slots) {
        PyErr_SetString(PyExc_ValueError, "GenBody.configure: error record layout");
        return NULL;
    }
    if (g_str_close == NULL && (g_str_close = PyUnicode_InternFromString("close")) == NULL)
        return NULL;
    if (g_str_throw == NULL && (g_str_throw = PyUnicode_InternFromString("throw")) == NULL)
        return NULL;
    Py_INCREF(carrier);
    Py_XSETREF(g_carrier, carrier);
    Py_INCREF(thrown);
    Py_XSETREF(g_thrown, thrown);
    g_err_line = line;
    g_err_frame = frame;
    Py_RETURN_NONE;
}

/* ---- pj_gen_next: a step of a guest generator taken from object code --------------------
 *
 * A guest generator is a host generator running protojit/runtime/coroutines.py
 * _run_guest_generator over its body. Each step of it runs that function's loop (find the
 * resumer, the frame's depth, send to the body, restore the published frame): most of the
 * cost of a step of a small native body. When object code's for-loop asks a guest
 * generator whose body is a GenBody for its next item, and the generator is suspended at
 * that loop's `yield`, the step is taken here instead with the same effects, as the host
 * generator's resume would make them: the generator is running (gi_running, "generator
 * already executing" for a resume from inside), its exception state is the thread's
 * current one (an except clause in the body across a yield sees its own), the guest frame's
 * caller and depth are the resumer's, found as host_caller finds them (pjcaller.c). A step
 * that yields returns the value. A step that ends the body (a return, an exception) is
 * kept in the body (pending) and the generator's own next step hands it on: its traceback
 * entry, PEP 479 and its end are the host generator's, as before. Anything else (a
 * generator not yet started, running, a tier-0 body, the recursion limit) takes
 * PyIter_Next. */
static PyObject *g_runner_codes;       /* (_run_guest_generator's code, its iterable-coroutine copy) */
static PyObject *g_recursion_limit;    /* protojit/frames.py recursion_limit: [limit] */
static int g_ix_frame = -1, g_ix_body = -1, g_ix_value = -1;   /* their local slots */
#define F_BACK 4                       /* protojit/frames.py */
#define F_DEPTH 9

int pj_host_entry(PyObject *published, long entry_units, PyObject **back, long *units);
void pj_give_back_budget(void);
int pj_c_stack_low(void);

static int is_runner_code(PyObject *code) {
    return g_runner_codes != NULL && (code == PyTuple_GET_ITEM(g_runner_codes, 0)
                                      || code == PyTuple_GET_ITEM(g_runner_codes, 1));
}

/* Links the guest frame to its resumer for one step: 1 done, 0 the step must take the
 * generator's own path (beyond the recursion limit: it raises there), -1 an error. */
static int link_resumer(PyObject *frame, PyObject *published) {
    PyObject *back;
    long units;
    pj_give_back_budget();
    if (pj_host_entry(published != NULL ? published : Py_None, 0, &back, &units) < 0) return -1;
    if (back == NULL) back = Py_None;
    long depth = 1;
    if (back != Py_None) {
        if (!PyList_CheckExact(back) || PyList_GET_SIZE(back) <= F_DEPTH) return 0;
        depth = PyLong_AsLong(PyList_GET_ITEM(back, F_DEPTH)) + 1;
        if (depth == 0 && PyErr_Occurred()) return -1;
    }
    depth += units;
    long limit = PyLong_AsLong(PyList_GET_ITEM(g_recursion_limit, 0));
    if (limit == -1 && PyErr_Occurred()) return -1;
    if (depth > limit) return 0;
    PyObject *d = PyLong_FromLong(depth);
    if (d == NULL) return -1;
    Py_INCREF(back);
    PyList_SetItem(frame, F_BACK, back);    /* (steal; drop the old items) */
    PyList_SetItem(frame, F_DEPTH, d);
    return 1;
}

/* A step of guest generator `it` taken here (see above): 1 it yielded (*out: the value, a
 * new reference), 2 the body ended (the generator's own next step hands the end on), 0
 * not taken (nothing done: `it` is not such a generator or not in that state), -1 an
 * error (set). */
static int direct_step(PyObject *it, PyObject **out) {
    if (Py_TYPE(it) != &PyGen_Type) return 0;
    PyGenObject *gen = (PyGenObject *)it;
    if (gen->gi_frame_state != FRAME_SUSPENDED || !is_runner_code((PyObject *)gen->gi_code))
        return 0;
    _PyInterpreterFrame *hf = (_PyInterpreterFrame *)gen->gi_iframe;
    PyObject *body = hf->localsplus[g_ix_body], *frame = hf->localsplus[g_ix_frame];
    if (body == NULL || Py_TYPE(body) != &GenBody_Type || frame == NULL || !PyList_CheckExact(frame)
            || PyList_GET_SIZE(frame) <= F_DEPTH)
        return 0;
    GenBody *g = (GenBody *)body;
    if (g->running || g->pending || g->state[0] == IX_DONE || g->state[0] == IX_START
            || pj_c_stack_low())
        return 0;
    PyObject **slot = pj_published_frame();
    PyObject *published = *slot;
    Py_XINCREF(published);
    Py_INCREF(body);
    Py_INCREF(frame);
    int linked = link_resumer(frame, published);
    if (linked <= 0) {
        Py_DECREF(body);
        Py_DECREF(frame);
        Py_XDECREF(published);
        return linked;
    }
    /* the yielded value the host frame still holds goes now (CPython's frame holds none) */
    Py_CLEAR(hf->localsplus[g_ix_value]);
    /* running, with its exception state on the thread's stack (as gen_send_ex2) */
    PyThreadState *ts = PyThreadState_Get();
    gen->gi_exc_state.previous_item = ts->exc_info;
    ts->exc_info = &gen->gi_exc_state;
    gen->gi_frame_state = FRAME_EXECUTING;
    PyObject *r = body_step(g, Py_None);
    gen->gi_frame_state = FRAME_SUSPENDED;
    ts->exc_info = gen->gi_exc_state.previous_item;
    gen->gi_exc_state.previous_item = NULL;
    /* as the host generator leaves each step: its resumer's frame published, no caller */
    PyObject *cur = *slot;
    *slot = published;     /* (its reference moves to the slot) */
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    Py_XDECREF(cur);
    Py_INCREF(Py_None);
    PyList_SetItem(frame, F_BACK, Py_None);
    int rc = 1;
    if (r != NULL && g->state[0] != IX_DONE) {
        PyErr_Restore(et, ev, etb);
        *out = r;
    } else if (r != NULL) {    /* returned: kept for the generator's own step */
        g->pending = PEND_RETURN;
        g->pend_value = r;
        Py_XDECREF(et);
        Py_XDECREF(ev);
        Py_XDECREF(etb);
        rc = 2;
    } else {                   /* raised: the same */
        g->pending = PEND_ERROR;
        g->pend_type = et;
        g->pend_value = ev;
        g->pend_tb = etb;
        rc = 2;
    }
    Py_DECREF(body);
    Py_DECREF(frame);
    return rc;
}

/* The next item of iterator `it` (a new reference), or NULL at its end (no exception set)
 * or with an exception set, as PyIter_Next; a guest generator with a native body steps it
 * here (see above). */
PyObject *pj_gen_next(PyObject *it) {
    if (Py_IS_TYPE(it, &PyGen_Type)) {
        PyObject *v;
        int rc = direct_step(it, &v);
        if (rc == 1) return v;
        if (rc < 0) return NULL;
    }
    /* PyIter_Next's own steps, without its call (a set iterator's loop: meteor_contest) */
    PyObject *r = Py_TYPE(it)->tp_iternext(it);
    if (r == NULL && PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_StopIteration))
        PyErr_Clear();
    return r;
}

static int local_index(PyCodeObject *co, const char *name) {
    for (int i = 0; i < co->co_nlocalsplus; i++)
        if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(co->co_localsplusnames, i), name) == 0)
            return i;
    return -1;
}

/* GenBody.configure_runner(codes, recursion_limit): the guest generator's host code objects
 * (coroutines.py: both share their locals) and the guest recursion limit list, once. */
static PyObject *body_configure_runner(PyObject *cls, PyObject *a) {
    PyObject *codes, *limit;
    if (!PyArg_ParseTuple(a, "O!O!", &PyTuple_Type, &codes, &PyList_Type, &limit)) return NULL;
    if (PyTuple_GET_SIZE(codes) != 2 || !PyCode_Check(PyTuple_GET_ITEM(codes, 0))
            || !PyCode_Check(PyTuple_GET_ITEM(codes, 1)) || PyList_GET_SIZE(limit) < 1) {
        PyErr_SetString(PyExc_ValueError, "configure_runner((code, code), [limit])");
        return NULL;
    }
    PyCodeObject *co = (PyCodeObject *)PyTuple_GET_ITEM(codes, 0);
    int fr = local_index(co, "frame"), bo = local_index(co, "body"), va = local_index(co, "value");
    PyCodeObject *co2 = (PyCodeObject *)PyTuple_GET_ITEM(codes, 1);
    if (fr < 0 || bo < 0 || va < 0 || local_index(co2, "frame") != fr || local_index(co2, "body") != bo
            || local_index(co2, "value") != va) {
        PyErr_SetString(PyExc_ValueError, "configure_runner: the runner's locals");
        return NULL;
    }
    g_ix_frame = fr;
    g_ix_body = bo;
    g_ix_value = va;
    Py_INCREF(codes);
    Py_XSETREF(g_runner_codes, codes);
    Py_INCREF(limit);
    Py_XSETREF(g_recursion_limit, limit);
    Py_RETURN_NONE;
}

static PyMethodDef body_methods[] = {
    {"configure_runner", (PyCFunction)body_configure_runner, METH_VARARGS | METH_CLASS,
     "set the guest generator's runner (pj_gen_next)"},
    {"send", (PyCFunction)body_send, METH_O, "resume with a value"},
    {"throw", (PyCFunction)(void (*)(void))body_throw, METH_FASTCALL, "raise an exception at the yield"},
    {"close", (PyCFunction)body_close, METH_NOARGS, "raise GeneratorExit at the yield"},
    {"configure", (PyCFunction)body_configure, METH_VARARGS | METH_CLASS, "set the helpers"},
    {NULL, NULL, 0, NULL},
};

static PyAsyncMethods body_as_async = {
    .am_send = (sendfunc)body_am_send,
};

static PyTypeObject GenBody_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "protojit._pjentry.GenBody",
    .tp_basicsize = sizeof(GenBody),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "the machine-code body of a guest generator (codegen/generators.py)",
    .tp_new = body_new,
    .tp_dealloc = (destructor)body_dealloc,
    .tp_finalize = (destructor)body_finalize,
    .tp_traverse = (traverseproc)body_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)body_iternext,
    .tp_methods = body_methods,
    .tp_as_async = &body_as_async,
};

/* The GenBody type (a new reference), ready; NULL with an exception set. Reached through
 * ctypes by codegen/generators.py (pjentry.c's module knows nothing of it). */
PyObject *pj_gen_body_type(void) {
    if (PyType_Ready(&GenBody_Type) < 0) return NULL;
    Py_INCREF(&GenBody_Type);
    return (PyObject *)&GenBody_Type;
}
