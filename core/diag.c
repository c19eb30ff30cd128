/* diag.c — delivering diagnostics to the caller's handler. */
#include "internal.h"

void
ms_diag_send(ms_diag_handler *h, const ms_diag *d)
{
	if (!h)
		return;
	/* atomic: one handler may serve several threads (the CLI's does) */
	if (d->severity == MS_ERROR)
		__atomic_fetch_add(&h->errors, 1, __ATOMIC_RELAXED);
	else if (d->severity == MS_WARNING)
		__atomic_fetch_add(&h->warnings, 1, __ATOMIC_RELAXED);
	if (h->fn)
		h->fn(d, h->data);
}

void
ms_diag_vemit(ms_diag_handler *h, ms_severity sev, const char *check,
              const char *file, unsigned line, unsigned column,
              const char *fmt, va_list ap)
{
	ms_buf msg = MS_BUF_INIT;
	ms_diag d;
	if (!h)
		return;
	ms_buf_vprintf(&msg, fmt, ap);
	d.severity = sev;
	d.check = check;
	d.file = file;
	d.line = line;
	d.column = column;
	d.message = msg.ptr;
	ms_diag_send(h, &d);
	ms_buf_release(&msg);
}

void
ms_diag_emit(ms_diag_handler *h, ms_severity sev, const char *check,
             const char *file, unsigned line, unsigned column,
             const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(h, sev, check, file, line, column, fmt, ap);
	va_end(ap);
}
