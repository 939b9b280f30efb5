/*
 * sqlite.c - a bridge to the system SQLite library, loaded at run time.
 *
 * The build must not need SQLite's headers, so this file declares the few
 * prototypes it uses itself (from SQLite's documented, stable C API,
 * https://sqlite.org/c3ref/funclist.html) and resolves them with dlopen/dlsym
 * the first time any pj_sqlite_* function is called ("libsqlite3.so.0", then
 * "libsqlite3.so"). If the library or a required symbol is missing every
 * function returns -ENOENT and lib/sqlite3 raises ImportError.
 *
 * Conventions (see the sqlite bridge section of pj_runtime.h):
 *   - functions that wrap an SQLite call return its result code
 *     (SQLITE_OK = 0, SQLITE_ROW = 100, SQLITE_DONE = 101, ...), which is
 *     never negative;
 *   - bridge failures are negative errno values: -ENOENT (no library),
 *     -EINVAL (bad argument: NULL handle, bad length), -E2BIG (a length that
 *     SQLite's int-sized APIs cannot take), -ENOMEM;
 *   - text crosses as UTF-8 bytes with an explicit length, never relying on
 *     a terminating NUL; blobs as pointer + length. Pointers handed out
 *     (column text, error messages) belong to SQLite and stay valid only until
 *     the next call on the same statement / connection, as SQLite documents.
 */
#include "pj_runtime.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct sqlite3_context sqlite3_context;
typedef struct sqlite3_value sqlite3_value;
typedef struct sqlite3_backup sqlite3_backup;
typedef struct sqlite3_blob sqlite3_blob;
typedef int64_t sqlite3_int64;
typedef void (*sqlite3_destructor_type)(void *);

/* SQLite's "copy the buffer now" destructor marker, SQLITE_TRANSIENT. */
#define PJ_SQLITE_TRANSIENT ((sqlite3_destructor_type)-1)
#define PJ_SQLITE_UTF8 1

/* The function table, filled once by load_library() under pthread_once and
 * read-only afterwards, so readers need no lock. */
static struct {
    void *handle;
    int status; /* 0 loaded, -ENOENT missing library or symbol */
    int (*open_v2)(const char *, sqlite3 **, int, const char *);
    int (*close_v2)(sqlite3 *);
    int (*prepare_v2)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
    int (*step)(sqlite3_stmt *);
    sqlite3 *(*db_handle)(sqlite3_stmt *);
    int (*reset)(sqlite3_stmt *);
    int (*clear_bindings)(sqlite3_stmt *);
    int (*finalize)(sqlite3_stmt *);
    int (*bind_parameter_count)(sqlite3_stmt *);
    const char *(*bind_parameter_name)(sqlite3_stmt *, int);
    int (*bind_int64)(sqlite3_stmt *, int, sqlite3_int64);
    int (*bind_double)(sqlite3_stmt *, int, double);
    int (*bind_text)(sqlite3_stmt *, int, const char *, int, sqlite3_destructor_type);
    int (*bind_blob)(sqlite3_stmt *, int, const void *, int, sqlite3_destructor_type);
    int (*bind_null)(sqlite3_stmt *, int);
    int (*column_count)(sqlite3_stmt *);
    const char *(*column_name)(sqlite3_stmt *, int);
    const char *(*column_decltype)(sqlite3_stmt *, int);
    int (*column_type)(sqlite3_stmt *, int);
    sqlite3_int64 (*column_int64)(sqlite3_stmt *, int);
    double (*column_double)(sqlite3_stmt *, int);
    const unsigned char *(*column_text)(sqlite3_stmt *, int);
    const void *(*column_blob)(sqlite3_stmt *, int);
    int (*column_bytes)(sqlite3_stmt *, int);
    int (*stmt_readonly)(sqlite3_stmt *);
    const char *(*errmsg)(sqlite3 *);
    const char *(*errstr)(int);
    int (*errcode)(sqlite3 *);
    int (*extended_errcode)(sqlite3 *);
    sqlite3_int64 (*changes64)(sqlite3 *);       /* NULL before SQLite 3.37 */
    sqlite3_int64 (*total_changes64)(sqlite3 *); /* NULL before SQLite 3.37 */
    int (*changes)(sqlite3 *);
    int (*total_changes)(sqlite3 *);
    sqlite3_int64 (*last_insert_rowid)(sqlite3 *);
    int (*get_autocommit)(sqlite3 *);
    const char *(*libversion)(void);
    int (*libversion_number)(void);
    int (*threadsafe)(void);
    int (*busy_timeout)(sqlite3 *, int);
    int (*complete)(const char *);
    void (*interrupt)(sqlite3 *);
    int (*create_function_v2)(sqlite3 *, const char *, int, int, void *,
                              void (*)(sqlite3_context *, int, sqlite3_value **),
                              void (*)(sqlite3_context *, int, sqlite3_value **),
                              void (*)(sqlite3_context *), void (*)(void *));
    int (*create_collation_v2)(sqlite3 *, const char *, int, void *,
                               int (*)(void *, int, const void *, int, const void *),
                               void (*)(void *));
    sqlite3_backup *(*backup_init)(sqlite3 *, const char *, sqlite3 *, const char *);
    int (*backup_step)(sqlite3_backup *, int);
    int (*backup_finish)(sqlite3_backup *);
    int (*backup_remaining)(sqlite3_backup *);
    int (*backup_pagecount)(sqlite3_backup *);
    int (*trace_v2)(sqlite3 *, unsigned, int (*)(unsigned, void *, void *, void *), void *);
    char *(*expanded_sql)(sqlite3_stmt *);
    void (*sqlite_free)(void *);
    int (*set_authorizer)(sqlite3 *, int (*)(void *, int, const char *, const char *,
                                             const char *, const char *), void *);
    void (*progress_handler)(sqlite3 *, int, int (*)(void *), void *);
    int (*limit)(sqlite3 *, int, int);
    int (*create_window_function)(sqlite3 *, const char *, int, int, void *,
                                  void (*)(sqlite3_context *, int, sqlite3_value **),
                                  void (*)(sqlite3_context *), void (*)(sqlite3_context *),
                                  void (*)(sqlite3_context *, int, sqlite3_value **),
                                  void (*)(void *)); /* NULL before SQLite 3.25 */
    unsigned char *(*serialize)(sqlite3 *, const char *, sqlite3_int64 *, unsigned int);
    int (*deserialize)(sqlite3 *, const char *, unsigned char *, sqlite3_int64, sqlite3_int64,
                       unsigned int);                       /* both NULL before 3.23 */
    void *(*malloc64)(uint64_t);
    int (*blob_open)(sqlite3 *, const char *, const char *, const char *, sqlite3_int64, int,
                     sqlite3_blob **);
    int (*blob_bytes)(sqlite3_blob *);
    int (*blob_read)(sqlite3_blob *, void *, int, int);
    int (*blob_write)(sqlite3_blob *, const void *, int, int);
    int (*blob_close)(sqlite3_blob *);
    void *(*aggregate_context)(sqlite3_context *, int);
    void *(*user_data)(sqlite3_context *);
    int (*value_type)(sqlite3_value *);
    sqlite3_int64 (*value_int64)(sqlite3_value *);
    double (*value_double)(sqlite3_value *);
    const unsigned char *(*value_text)(sqlite3_value *);
    const void *(*value_blob)(sqlite3_value *);
    int (*value_bytes)(sqlite3_value *);
    void (*result_null)(sqlite3_context *);
    void (*result_int64)(sqlite3_context *, sqlite3_int64);
    void (*result_double)(sqlite3_context *, double);
    void (*result_text)(sqlite3_context *, const char *, int, sqlite3_destructor_type);
    void (*result_blob)(sqlite3_context *, const void *, int, sqlite3_destructor_type);
    void (*result_error)(sqlite3_context *, const char *, int);
    void (*result_error_toobig)(sqlite3_context *);
    void (*result_error_nomem)(sqlite3_context *);
} api;

static pthread_once_t api_once = PTHREAD_ONCE_INIT;

/* Resolve one symbol into *slot; returns 0 or -ENOENT. */
static int resolve(void *handle, const char *name, void *slot)
{
    void *sym = dlsym(handle, name);
    if (sym == NULL)
        return -ENOENT;
    memcpy(slot, &sym, sizeof sym); /* object -> function pointer, POSIX-sanctioned */
    return 0;
}

#define REQUIRE(field, name)                                  \
    do {                                                      \
        if (resolve(handle, name, &api.field) != 0)           \
            goto missing;                                     \
    } while (0)

static void load_library(void)
{
    void *handle = dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL)
        handle = dlopen("libsqlite3.so", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        api.status = -ENOENT;
        return;
    }
    REQUIRE(open_v2, "sqlite3_open_v2");
    REQUIRE(close_v2, "sqlite3_close_v2");
    REQUIRE(prepare_v2, "sqlite3_prepare_v2");
    REQUIRE(step, "sqlite3_step");
    REQUIRE(db_handle, "sqlite3_db_handle");
    REQUIRE(reset, "sqlite3_reset");
    REQUIRE(clear_bindings, "sqlite3_clear_bindings");
    REQUIRE(finalize, "sqlite3_finalize");
    REQUIRE(bind_parameter_count, "sqlite3_bind_parameter_count");
    REQUIRE(bind_parameter_name, "sqlite3_bind_parameter_name");
    REQUIRE(bind_int64, "sqlite3_bind_int64");
    REQUIRE(bind_double, "sqlite3_bind_double");
    REQUIRE(bind_text, "sqlite3_bind_text");
    REQUIRE(bind_blob, "sqlite3_bind_blob");
    REQUIRE(bind_null, "sqlite3_bind_null");
    REQUIRE(column_count, "sqlite3_column_count");
    REQUIRE(column_name, "sqlite3_column_name");
    REQUIRE(column_type, "sqlite3_column_type");
    REQUIRE(column_int64, "sqlite3_column_int64");
    REQUIRE(column_double, "sqlite3_column_double");
    REQUIRE(column_text, "sqlite3_column_text");
    REQUIRE(column_blob, "sqlite3_column_blob");
    REQUIRE(column_bytes, "sqlite3_column_bytes");
    REQUIRE(stmt_readonly, "sqlite3_stmt_readonly");
    REQUIRE(errmsg, "sqlite3_errmsg");
    REQUIRE(errstr, "sqlite3_errstr");
    REQUIRE(errcode, "sqlite3_errcode");
    REQUIRE(extended_errcode, "sqlite3_extended_errcode");
    REQUIRE(changes, "sqlite3_changes");
    REQUIRE(total_changes, "sqlite3_total_changes");
    REQUIRE(last_insert_rowid, "sqlite3_last_insert_rowid");
    REQUIRE(get_autocommit, "sqlite3_get_autocommit");
    REQUIRE(libversion, "sqlite3_libversion");
    REQUIRE(libversion_number, "sqlite3_libversion_number");
    REQUIRE(threadsafe, "sqlite3_threadsafe");
    REQUIRE(busy_timeout, "sqlite3_busy_timeout");
    REQUIRE(complete, "sqlite3_complete");
    REQUIRE(interrupt, "sqlite3_interrupt");
    REQUIRE(create_function_v2, "sqlite3_create_function_v2");
    REQUIRE(create_collation_v2, "sqlite3_create_collation_v2");
    REQUIRE(backup_init, "sqlite3_backup_init");
    REQUIRE(backup_step, "sqlite3_backup_step");
    REQUIRE(backup_finish, "sqlite3_backup_finish");
    REQUIRE(backup_remaining, "sqlite3_backup_remaining");
    REQUIRE(backup_pagecount, "sqlite3_backup_pagecount");
    REQUIRE(trace_v2, "sqlite3_trace_v2");
    REQUIRE(expanded_sql, "sqlite3_expanded_sql");
    REQUIRE(sqlite_free, "sqlite3_free");
    REQUIRE(set_authorizer, "sqlite3_set_authorizer");
    REQUIRE(progress_handler, "sqlite3_progress_handler");
    REQUIRE(limit, "sqlite3_limit");
    REQUIRE(blob_open, "sqlite3_blob_open");
    REQUIRE(blob_bytes, "sqlite3_blob_bytes");
    REQUIRE(blob_read, "sqlite3_blob_read");
    REQUIRE(blob_write, "sqlite3_blob_write");
    REQUIRE(blob_close, "sqlite3_blob_close");
    REQUIRE(aggregate_context, "sqlite3_aggregate_context");
    REQUIRE(user_data, "sqlite3_user_data");
    REQUIRE(value_type, "sqlite3_value_type");
    REQUIRE(value_int64, "sqlite3_value_int64");
    REQUIRE(value_double, "sqlite3_value_double");
    REQUIRE(value_text, "sqlite3_value_text");
    REQUIRE(value_blob, "sqlite3_value_blob");
    REQUIRE(value_bytes, "sqlite3_value_bytes");
    REQUIRE(result_null, "sqlite3_result_null");
    REQUIRE(result_int64, "sqlite3_result_int64");
    REQUIRE(result_double, "sqlite3_result_double");
    REQUIRE(result_text, "sqlite3_result_text");
    REQUIRE(result_blob, "sqlite3_result_blob");
    REQUIRE(result_error, "sqlite3_result_error");
    REQUIRE(result_error_toobig, "sqlite3_result_error_toobig");
    REQUIRE(result_error_nomem, "sqlite3_result_error_nomem");
    REQUIRE(column_decltype, "sqlite3_column_decltype");
    /* Optional: window functions appeared in 3.25, 64-bit change counters in 3.37. */
    (void)resolve(handle, "sqlite3_create_window_function", &api.create_window_function);
    (void)resolve(handle, "sqlite3_serialize", &api.serialize);
    (void)resolve(handle, "sqlite3_deserialize", &api.deserialize);
    (void)resolve(handle, "sqlite3_malloc64", &api.malloc64);
    (void)resolve(handle, "sqlite3_changes64", &api.changes64);
    (void)resolve(handle, "sqlite3_total_changes64", &api.total_changes64);
    api.handle = handle;
    api.status = 0;
    return;
missing:
    dlclose(handle);
    memset(&api, 0, sizeof api);
    api.status = -ENOENT;
}

#undef REQUIRE

/* 0 when the library is usable, else -ENOENT. */
static int ready(void)
{
    if (pthread_once(&api_once, load_library) != 0)
        return -ENOENT;
    return api.status;
}

/* Check a caller's int64 length: non-negative and at most INT_MAX (SQLite's
 * int-sized length parameters). 0 or -EINVAL / -E2BIG. */
static int check_len(const void *p, int64_t len)
{
    if (len < 0 || (p == NULL && len != 0))
        return -EINVAL;
    if (len > INT_MAX)
        return -E2BIG;
    return 0;
}

/* A NUL-terminated heap copy of p[0..len) (SQLite wants C strings for names
 * and paths). Rejects embedded NULs with -EINVAL. Caller frees *out. */
static int dup_cstring(const char *p, int64_t len, char **out)
{
    int rc = check_len(p, len);
    if (rc != 0)
        return rc;
    if (len > 0 && memchr(p, '\0', (size_t)len) != NULL)
        return -EINVAL;
    char *copy = malloc((size_t)len + 1);
    if (copy == NULL)
        return -ENOMEM;
    if (len > 0)
        memcpy(copy, p, (size_t)len);
    copy[len] = '\0';
    *out = copy;
    return 0;
}

/* ---- library --------------------------------------------------------------- */

/* Load the library now: 0 or -ENOENT. See pj_runtime.h. */
int pj_sqlite_load(void)
{
    return ready();
}

/* SQLite's version string (static) and number. See pj_runtime.h. */
int pj_sqlite_libversion(const char **version, int *number)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (version == NULL || number == NULL)
        return -EINVAL;
    *version = api.libversion();
    *number = api.libversion_number();
    return 0;
}

/* sqlite3_threadsafe(): the compile-time threading mode. See pj_runtime.h. */
int pj_sqlite_threadsafe(int *mode)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (mode == NULL)
        return -EINVAL;
    *mode = api.threadsafe();
    return 0;
}

/* SQLite's English text (static) for a result code. See pj_runtime.h. */
int pj_sqlite_errstr(int code, const char **out)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (out == NULL)
        return -EINVAL;
    *out = api.errstr(code);
    return 0;
}

/* *out = sqlite3_complete(sql[0..len)); -EINVAL for an embedded NUL. See pj_runtime.h. */
int pj_sqlite_complete(const char *sql, int64_t len, int *out)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (out == NULL)
        return -EINVAL;
    char *copy = NULL;
    rc = dup_cstring(sql, len, &copy);
    if (rc != 0)
        return rc;
    *out = api.complete(copy);
    free(copy);
    return 0;
}

/* ---- connections ----------------------------------------------------------- */

/* Open path[0..len) with SQLITE_OPEN_* flags; the caller closes *db even on failure.
 * See pj_runtime.h. */
int pj_sqlite_open(const char *path, int64_t path_len, int flags, struct sqlite3 **db)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    *db = NULL;
    char *cpath = NULL;
    rc = dup_cstring(path, path_len, &cpath);
    if (rc != 0)
        return rc;
    rc = api.open_v2(cpath, db, flags, NULL);
    free(cpath);
    return rc;
}

/* sqlite3_close_v2 (NULL is a no-op). See pj_runtime.h. */
int pj_sqlite_close(struct sqlite3 *db)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    return api.close_v2(db); /* NULL is a harmless no-op for SQLite */
}

/* The connection's last error: message (owned by SQLite), code, extended code. See pj_runtime.h. */
int pj_sqlite_errmsg(struct sqlite3 *db, const char **msg, int *code, int *extended)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (msg == NULL || code == NULL || extended == NULL)
        return -EINVAL;
    /* A NULL db means "out of memory at open" for SQLite; it answers that. */
    *msg = api.errmsg(db);
    *code = api.errcode(db);
    *extended = api.extended_errcode(db);
    return 0;
}

/* changes, total_changes, last_insert_rowid and autocommit in one call. See pj_runtime.h. */
int pj_sqlite_counters(struct sqlite3 *db, int64_t *changes, int64_t *total_changes,
                       int64_t *last_rowid, int *autocommit)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || changes == NULL || total_changes == NULL || last_rowid == NULL
        || autocommit == NULL)
        return -EINVAL;
    *changes = api.changes64 ? api.changes64(db) : api.changes(db);
    *total_changes = api.total_changes64 ? api.total_changes64(db) : api.total_changes(db);
    *last_rowid = api.last_insert_rowid(db);
    *autocommit = api.get_autocommit(db);
    return 0;
}

/* *autocommit = sqlite3_get_autocommit(db). See pj_runtime.h. */
int pj_sqlite_autocommit(struct sqlite3 *db, int *autocommit)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || autocommit == NULL)
        return -EINVAL;
    *autocommit = api.get_autocommit(db);
    return 0;
}

/* sqlite3_busy_timeout; a negative ms means no waiting. See pj_runtime.h. */
int pj_sqlite_busy_timeout(struct sqlite3 *db, int ms)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    return api.busy_timeout(db, ms < 0 ? 0 : ms);
}

/* sqlite3_interrupt; safe from any thread. See pj_runtime.h. */
int pj_sqlite_interrupt(struct sqlite3 *db)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    api.interrupt(db);
    return 0;
}

/* ---- statements ------------------------------------------------------------ */

/* Compile the first statement of sql[0..len); *tail = offset after it;
 * the caller finalizes *stmt. See pj_runtime.h. */
int pj_sqlite_prepare(struct sqlite3 *db, const char *sql, int64_t len,
                      struct sqlite3_stmt **stmt, int64_t *tail)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || stmt == NULL || tail == NULL)
        return -EINVAL;
    rc = check_len(sql, len);
    if (rc != 0)
        return rc;
    const char *end = NULL;
    *stmt = NULL;
    /* SQLite reads at most len bytes; no terminating NUL is needed. */
    rc = api.prepare_v2(db, len ? sql : "", (int)len, stmt, &end);
    *tail = (end != NULL && sql != NULL && end >= sql && end <= sql + len) ? end - sql : len;
    return rc;
}

/* sqlite3_step: SQLITE_ROW, SQLITE_DONE or an error code. See pj_runtime.h. */
int pj_sqlite_step(struct sqlite3_stmt *stmt)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL)
        return -EINVAL;
    return api.step(stmt);
}

/* Step once; on SQLITE_DONE also read the changes and reset (see pj_runtime.h). */
int pj_sqlite_step_reset(struct sqlite3_stmt *stmt, int64_t *changes)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL || changes == NULL)
        return -EINVAL;
    *changes = 0;
    rc = api.step(stmt);
    if (rc == 101 /* SQLITE_DONE */) {
        sqlite3 *db = api.db_handle(stmt);
        *changes = api.changes64 ? api.changes64(db) : api.changes(db);
        (void)api.reset(stmt);  /* after SQLITE_DONE it reports SQLITE_OK */
    }
    return rc;
}

/* sqlite3_reset (reports the last step's error), then optionally clear_bindings.
 * See pj_runtime.h. */
int pj_sqlite_reset(struct sqlite3_stmt *stmt, int clear_bindings)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL)
        return -EINVAL;
    rc = api.reset(stmt);
    if (clear_bindings)
        (void)api.clear_bindings(stmt); /* always SQLITE_OK */
    return rc;
}

/* sqlite3_finalize (NULL is a no-op). See pj_runtime.h. */
int pj_sqlite_finalize(struct sqlite3_stmt *stmt)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    return api.finalize(stmt); /* NULL is a harmless no-op for SQLite */
}

/* Parameter count, column count and read-only flag of stmt. See pj_runtime.h. */
int pj_sqlite_stmt_info(struct sqlite3_stmt *stmt, int *nparams, int *ncolumns, int *readonly)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL || nparams == NULL || ncolumns == NULL || readonly == NULL)
        return -EINVAL;
    *nparams = api.bind_parameter_count(stmt);
    *ncolumns = api.column_count(stmt);
    *readonly = api.stmt_readonly(stmt);
    return 0;
}

/* Name of parameter index (1-based), NULL for an anonymous '?'. See pj_runtime.h. */
int pj_sqlite_param_name(struct sqlite3_stmt *stmt, int index, const char **name)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL || name == NULL)
        return -EINVAL;
    if (index < 1 || index > api.bind_parameter_count(stmt))
        return -EINVAL;
    *name = api.bind_parameter_name(stmt, index);
    return 0;
}

/* Name and declared type (NULL if none) of result column col. See pj_runtime.h. */
int pj_sqlite_column_info(struct sqlite3_stmt *stmt, int col, const char **name,
                          const char **decltype_)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL || name == NULL || decltype_ == NULL)
        return -EINVAL;
    if (col < 0 || col >= api.column_count(stmt))
        return -EINVAL;
    *name = api.column_name(stmt, col);
    *decltype_ = api.column_decltype(stmt, col);
    return *name == NULL ? -ENOMEM : 0;
}

/* Bind NULL to parameter index (1-based). See pj_runtime.h. */
int pj_sqlite_bind_null(struct sqlite3_stmt *stmt, int index)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL)
        return -EINVAL;
    return api.bind_null(stmt, index);
}

/* Bind a 64-bit integer to parameter index. See pj_runtime.h. */
int pj_sqlite_bind_int64(struct sqlite3_stmt *stmt, int index, int64_t value)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL)
        return -EINVAL;
    return api.bind_int64(stmt, index, value);
}

/* Bind a double to parameter index. See pj_runtime.h. */
int pj_sqlite_bind_double(struct sqlite3_stmt *stmt, int index, double value)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL)
        return -EINVAL;
    return api.bind_double(stmt, index, value);
}

/* Bind utf8[0..len) (copied) to parameter index; -E2BIG over INT_MAX bytes. See pj_runtime.h. */
int pj_sqlite_bind_text(struct sqlite3_stmt *stmt, int index, const char *utf8, int64_t len)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL)
        return -EINVAL;
    rc = check_len(utf8, len);
    if (rc != 0)
        return rc;
    /* A non-NULL pointer even for "", or SQLite would bind NULL. */
    return api.bind_text(stmt, index, len ? utf8 : "", (int)len, PJ_SQLITE_TRANSIENT);
}

/* Bind data[0..len) (copied) to parameter index; -E2BIG over INT_MAX bytes. See pj_runtime.h. */
int pj_sqlite_bind_blob(struct sqlite3_stmt *stmt, int index, const void *data, int64_t len)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL)
        return -EINVAL;
    rc = check_len(data, len);
    if (rc != 0)
        return rc;
    return api.bind_blob(stmt, index, len ? data : "", (int)len, PJ_SQLITE_TRANSIENT);
}

/* Bind parameters 1..n from parallel arrays; *failed = the index that failed. See pj_runtime.h. */
int pj_sqlite_bind_row(struct sqlite3_stmt *stmt, int n, const int *types, const int64_t *ints,
                       const double *doubles, const void *const *ptrs, const int64_t *lens,
                       int *failed)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL || failed == NULL || n < 0 || (n > 0 && (types == NULL || ints == NULL
        || doubles == NULL || ptrs == NULL || lens == NULL)))
        return -EINVAL;
    *failed = 0;
    for (int i = 0; i < n; i++) {
        int index = i + 1;
        switch (types[i]) {
        case PJ_SQLITE_NULL:
            rc = api.bind_null(stmt, index);
            break;
        case PJ_SQLITE_INTEGER:
            rc = api.bind_int64(stmt, index, ints[i]);
            break;
        case PJ_SQLITE_FLOAT:
            rc = api.bind_double(stmt, index, doubles[i]);
            break;
        case PJ_SQLITE_TEXT:
            rc = check_len(ptrs[i], lens[i]);
            if (rc == 0)
                rc = api.bind_text(stmt, index, lens[i] ? ptrs[i] : "", (int)lens[i],
                                   PJ_SQLITE_TRANSIENT);
            break;
        case PJ_SQLITE_BLOB:
            rc = check_len(ptrs[i], lens[i]);
            if (rc == 0)
                rc = api.bind_blob(stmt, index, lens[i] ? ptrs[i] : "", (int)lens[i],
                                   PJ_SQLITE_TRANSIENT);
            break;
        default:
            rc = -EINVAL;
        }
        if (rc != 0) {
            *failed = index;
            return rc;
        }
    }
    return 0;
}

/* Columns 0..n-1 of the current row into parallel arrays (text/blob owned by
 * SQLite until the next step/reset). See pj_runtime.h. */
int pj_sqlite_row(struct sqlite3_stmt *stmt, int n, int *types, int64_t *ints, double *doubles,
                  const void **ptrs, int64_t *lens)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL || n < 0 || (n > 0 && (types == NULL || ints == NULL || doubles == NULL
        || ptrs == NULL || lens == NULL)))
        return -EINVAL;
    if (n > api.column_count(stmt))
        return -EINVAL;
    for (int i = 0; i < n; i++) {
        int type = api.column_type(stmt, i);
        types[i] = type;
        ptrs[i] = NULL;
        lens[i] = 0;
        switch (type) {
        case PJ_SQLITE_INTEGER:
            ints[i] = api.column_int64(stmt, i);
            break;
        case PJ_SQLITE_FLOAT:
            doubles[i] = api.column_double(stmt, i);
            break;
        case PJ_SQLITE_TEXT:
            /* Pointer first, then the length, as SQLite's docs require. */
            ptrs[i] = api.column_text(stmt, i);
            lens[i] = api.column_bytes(stmt, i);
            if (ptrs[i] == NULL && lens[i] != 0)
                return -ENOMEM;
            break;
        case PJ_SQLITE_BLOB:
            ptrs[i] = api.column_blob(stmt, i);
            lens[i] = api.column_bytes(stmt, i);
            if (ptrs[i] == NULL && lens[i] != 0)
                return -ENOMEM;
            break;
        default:
            break;
        }
    }
    return 0;
}

/* ---- user functions -------------------------------------------------------- */

/* Create (or delete, with NULL callbacks) a UTF-8 scalar or aggregate function.
 * See pj_runtime.h. */
int pj_sqlite_create_function(struct sqlite3 *db, const char *name, int64_t name_len, int nargs,
                              int flags, void *app,
                              void (*func)(struct sqlite3_context *, int, struct sqlite3_value **),
                              void (*step)(struct sqlite3_context *, int, struct sqlite3_value **),
                              void (*final)(struct sqlite3_context *))
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || nargs < -1 || nargs > 127)
        return -EINVAL;
    char *cname = NULL;
    rc = dup_cstring(name, name_len, &cname);
    if (rc != 0)
        return rc;
    rc = api.create_function_v2(db, cname, nargs, PJ_SQLITE_UTF8 | (flags & ~0xf), app,
                                func, step, final, NULL);
    free(cname);
    return rc;
}

/* Create (or delete, with a NULL cmp) the UTF-8 collation name[0..len).
 * See pj_runtime.h. */
int pj_sqlite_create_collation(struct sqlite3 *db, const char *name, int64_t name_len, void *app,
                               int (*cmp)(void *, int, const void *, int, const void *))
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    char *cname = NULL;
    rc = dup_cstring(name, name_len, &cname);
    if (rc != 0)
        return rc;
    rc = api.create_collation_v2(db, cname, PJ_SQLITE_UTF8, app, cmp, NULL);
    free(cname);
    return rc;
}

/* ---- backup and tracing --------------------------------------------------- */

/* Start copying database src_name of src into dest_name of dest.
 * See pj_runtime.h. */
int pj_sqlite_backup_init(struct sqlite3 *dest, const char *dest_name, int64_t dest_len,
                          struct sqlite3 *src, const char *src_name, int64_t src_len,
                          struct sqlite3_backup **out)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (dest == NULL || src == NULL || out == NULL)
        return -EINVAL;
    *out = NULL;
    char *dname = NULL, *sname = NULL;
    rc = dup_cstring(dest_name, dest_len, &dname);
    if (rc != 0)
        return rc;
    rc = dup_cstring(src_name, src_len, &sname);
    if (rc != 0) {
        free(dname);
        return rc;
    }
    *out = api.backup_init(dest, dname, src, sname);
    free(sname);
    free(dname);
    if (*out == NULL) {
        rc = api.errcode(dest);
        return rc != 0 ? rc : 1 /* SQLITE_ERROR */;
    }
    return 0;
}

/* Copy up to pages pages (< 0: all); remaining/pagecount after the step.
 * See pj_runtime.h. */
int pj_sqlite_backup_step(struct sqlite3_backup *backup, int pages, int *remaining,
                          int *pagecount)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (backup == NULL || remaining == NULL || pagecount == NULL)
        return -EINVAL;
    rc = api.backup_step(backup, pages);
    *remaining = api.backup_remaining(backup);
    *pagecount = api.backup_pagecount(backup);
    return rc;
}

/* sqlite3_backup_finish: frees the backup; SQLite's code of the whole copy.
 * See pj_runtime.h. */
int pj_sqlite_backup_finish(struct sqlite3_backup *backup)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    return api.backup_finish(backup); /* NULL is a harmless no-op */
}

/* sqlite3_trace_v2 (a NULL callback or 0 mask stops tracing). See pj_runtime.h. */
int pj_sqlite_trace(struct sqlite3 *db, unsigned mask,
                    int (*callback)(unsigned, void *, void *, void *), void *app)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    return api.trace_v2(db, callback != NULL ? mask : 0, callback, app);
}

/* The statement's SQL with its bound values inlined, allocated by SQLite.
 * See pj_runtime.h. */
int pj_sqlite_expanded_sql(struct sqlite3_stmt *stmt, char **out, int64_t *len)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (stmt == NULL || out == NULL || len == NULL)
        return -EINVAL;
    *out = api.expanded_sql(stmt);
    *len = 0;
    if (*out == NULL)
        return -ENOMEM;
    *len = (int64_t)strlen(*out);
    return 0;
}

/* sqlite3_free for memory SQLite handed out (NULL is a no-op). See pj_runtime.h. */
int pj_sqlite_free(void *p)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    api.sqlite_free(p);
    return 0;
}

/* ---- hooks and limits ---------------------------------------------------- */

/* sqlite3_set_authorizer (NULL callback: none). See pj_runtime.h. */
int pj_sqlite_set_authorizer(struct sqlite3 *db,
                             int (*callback)(void *, int, const char *, const char *,
                                             const char *, const char *),
                             void *app)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    return api.set_authorizer(db, callback, app);
}

/* sqlite3_progress_handler (NULL callback or n < 1: none). See pj_runtime.h. */
int pj_sqlite_progress_handler(struct sqlite3 *db, int n, int (*callback)(void *), void *app)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    api.progress_handler(db, n, callback, app);
    return 0;
}

/* sqlite3_limit: *old = the limit before; new_value < 0 only reads it.
 * See pj_runtime.h. */
int pj_sqlite_limit(struct sqlite3 *db, int category, int new_value, int *old)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || old == NULL || category < 0)
        return -EINVAL;
    *old = api.limit(db, category, new_value);
    return *old < 0 ? -EINVAL : 0;
}

/* sqlite3_create_window_function with UTF-8 text; -ENOSYS before SQLite 3.25.
 * See pj_runtime.h. */
int pj_sqlite_create_window_function(struct sqlite3 *db, const char *name, int64_t name_len,
                                     int nargs, int flags, void *app,
                                     void (*step)(struct sqlite3_context *, int,
                                                  struct sqlite3_value **),
                                     void (*final)(struct sqlite3_context *),
                                     void (*value)(struct sqlite3_context *),
                                     void (*inverse)(struct sqlite3_context *, int,
                                                     struct sqlite3_value **))
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL)
        return -EINVAL;
    if (api.create_window_function == NULL)
        return -ENOSYS;
    char *cname = NULL;
    rc = dup_cstring(name, name_len, &cname);
    if (rc != 0)
        return rc;
    rc = api.create_window_function(db, cname, nargs, PJ_SQLITE_UTF8 | (flags & ~0xf), app,
                                    step, final, value, inverse, NULL);
    free(cname);
    return rc;
}

/* ---- incremental blob I/O ---------------------------------------------------- */

/* Open the blob in column of row of table in database dbname. See pj_runtime.h. */
int pj_sqlite_blob_open(struct sqlite3 *db, const char *dbname, int64_t dbname_len,
                        const char *table, int64_t table_len, const char *column,
                        int64_t column_len, int64_t row, int writable, struct sqlite3_blob **out)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || out == NULL)
        return -EINVAL;
    *out = NULL;
    char *names[3] = {NULL, NULL, NULL};
    rc = dup_cstring(dbname, dbname_len, &names[0]);
    if (rc == 0)
        rc = dup_cstring(table, table_len, &names[1]);
    if (rc == 0)
        rc = dup_cstring(column, column_len, &names[2]);
    if (rc == 0)
        rc = api.blob_open(db, names[0], names[1], names[2], row, writable != 0, out);
    free(names[2]);
    free(names[1]);
    free(names[0]);
    return rc;
}

/* *size = the blob's length in bytes. See pj_runtime.h. */
int pj_sqlite_blob_bytes(struct sqlite3_blob *blob, int *size)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (blob == NULL || size == NULL)
        return -EINVAL;
    *size = api.blob_bytes(blob);
    return 0;
}

/* Read n bytes at offset into buf (cap >= n). See pj_runtime.h. */
int pj_sqlite_blob_read(struct sqlite3_blob *blob, void *buf, int64_t n, int64_t offset)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (blob == NULL || n < 0 || offset < 0 || (buf == NULL && n > 0))
        return -EINVAL;
    if (n > INT_MAX || offset > INT_MAX)
        return -E2BIG;
    return api.blob_read(blob, buf, (int)n, (int)offset);
}

/* Write n bytes of data at offset. See pj_runtime.h. */
int pj_sqlite_blob_write(struct sqlite3_blob *blob, const void *data, int64_t n, int64_t offset)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (blob == NULL || n < 0 || offset < 0 || (data == NULL && n > 0))
        return -EINVAL;
    if (n > INT_MAX || offset > INT_MAX)
        return -E2BIG;
    return api.blob_write(blob, n > 0 ? data : "", (int)n, (int)offset);
}

/* sqlite3_blob_close (NULL is a no-op). See pj_runtime.h. */
int pj_sqlite_blob_close(struct sqlite3_blob *blob)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    return api.blob_close(blob);
}

/* ---- serialization ---------------------------------------------------------- */

#define PJ_SERIALIZE_NOCOPY 0x001
#define PJ_DESERIALIZE_FREEONCLOSE 1
#define PJ_DESERIALIZE_RESIZEABLE 2

/* The bytes of database name[0..len) of db. See pj_runtime.h. */
int pj_sqlite_serialize(struct sqlite3 *db, const char *name, int64_t name_len, void **out,
                        int64_t *size, int *owned)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || out == NULL || size == NULL || owned == NULL)
        return -EINVAL;
    if (api.serialize == NULL)
        return -ENOSYS;
    char *cname = NULL;
    rc = dup_cstring(name, name_len, &cname);
    if (rc != 0)
        return rc;
    sqlite3_int64 n = 0;
    /* The database's own contiguous memory if it has one, else a copy. */
    unsigned char *data = api.serialize(db, cname, &n, PJ_SERIALIZE_NOCOPY);
    *owned = 0;
    if (data == NULL) {
        data = api.serialize(db, cname, &n, 0);
        *owned = data != NULL;
    }
    free(cname);
    *out = data;
    *size = data != NULL ? n : 0;
    return data != NULL ? 0 : -ENOENT;
}

/* Replace database name of db by a copy of data[0..size). See pj_runtime.h. */
int pj_sqlite_deserialize(struct sqlite3 *db, const char *name, int64_t name_len,
                          const void *data, int64_t size)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (db == NULL || size < 0 || (data == NULL && size > 0))
        return -EINVAL;
    if (api.deserialize == NULL || api.malloc64 == NULL)
        return -ENOSYS;
    char *cname = NULL;
    rc = dup_cstring(name, name_len, &cname);
    if (rc != 0)
        return rc;
    unsigned char *copy = api.malloc64((uint64_t)size);
    if (copy == NULL) {
        free(cname);
        return -ENOMEM;
    }
    if (size > 0)
        memcpy(copy, data, (size_t)size);
    /* SQLite owns copy from here on, even when it fails (FREEONCLOSE). */
    rc = api.deserialize(db, cname, copy, size, size,
                         PJ_DESERIALIZE_FREEONCLOSE | PJ_DESERIALIZE_RESIZEABLE);
    free(cname);
    return rc;
}

/* Inside a callback: the app pointer given at creation. See pj_runtime.h. */
int pj_sqlite_user_data(struct sqlite3_context *ctx, void **app)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (ctx == NULL || app == NULL)
        return -EINVAL;
    *app = api.user_data(ctx);
    return 0;
}

/* sqlite3_aggregate_context: nbytes zeroed bytes per aggregate invocation. See pj_runtime.h. */
int pj_sqlite_aggregate_context(struct sqlite3_context *ctx, int nbytes, void **out)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (ctx == NULL || out == NULL || nbytes < 0)
        return -EINVAL;
    *out = api.aggregate_context(ctx, nbytes);
    return (*out == NULL && nbytes > 0) ? -ENOMEM : 0;
}

/* Type and value of one callback argument (text/blob owned by SQLite). See pj_runtime.h. */
int pj_sqlite_value(struct sqlite3_value *value, int *type, int64_t *i, double *d,
                    const void **ptr, int64_t *len)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (value == NULL || type == NULL || i == NULL || d == NULL || ptr == NULL || len == NULL)
        return -EINVAL;
    *type = api.value_type(value);
    *ptr = NULL;
    *len = 0;
    switch (*type) {
    case PJ_SQLITE_INTEGER:
        *i = api.value_int64(value);
        break;
    case PJ_SQLITE_FLOAT:
        *d = api.value_double(value);
        break;
    case PJ_SQLITE_TEXT:
        *ptr = api.value_text(value);
        *len = api.value_bytes(value);
        break;
    case PJ_SQLITE_BLOB:
        *ptr = api.value_blob(value);
        *len = api.value_bytes(value);
        break;
    default:
        break;
    }
    return (*ptr == NULL && *len != 0) ? -ENOMEM : 0;
}

/* Set a callback's result or error (text/blob copied). See pj_runtime.h. */
int pj_sqlite_result(struct sqlite3_context *ctx, int type, int64_t i, double d,
                     const void *ptr, int64_t len)
{
    int rc = ready();
    if (rc != 0)
        return rc;
    if (ctx == NULL)
        return -EINVAL;
    if (type == PJ_SQLITE_TEXT || type == PJ_SQLITE_BLOB || type == PJ_SQLITE_ERROR_RESULT) {
        rc = check_len(ptr, len);
        if (rc != 0)
            return rc;
        if (len == 0)
            ptr = "";
    }
    switch (type) {
    case PJ_SQLITE_NULL:
        api.result_null(ctx);
        return 0;
    case PJ_SQLITE_INTEGER:
        api.result_int64(ctx, i);
        return 0;
    case PJ_SQLITE_FLOAT:
        api.result_double(ctx, d);
        return 0;
    case PJ_SQLITE_TEXT:
        api.result_text(ctx, ptr, (int)len, PJ_SQLITE_TRANSIENT);
        return 0;
    case PJ_SQLITE_BLOB:
        api.result_blob(ctx, ptr, (int)len, PJ_SQLITE_TRANSIENT);
        return 0;
    case PJ_SQLITE_ERROR_RESULT:
        api.result_error(ctx, ptr, (int)len);
        return 0;
    case PJ_SQLITE_ERROR_TOOBIG:
        api.result_error_toobig(ctx);
        return 0;
    case PJ_SQLITE_ERROR_NOMEM:
        api.result_error_nomem(ctx);
        return 0;
    default:
        return -EINVAL;
    }
}
