/* status.c — ms_status descriptions. */
#include "internal.h"

const char *
ms_strerror(ms_status status)
{
	switch (status) {
	case MS_OK: return _("success");
	case MS_ERR_NOMEM: return _("out of memory");
	case MS_ERR_IO: return _("input/output error");
	case MS_ERR_PARSE: return _("malformed input");
	case MS_ERR_INVALID: return _("invalid input");
	case MS_ERR_ENCODING: return _("invalid UTF-8 or NUL byte");
	case MS_ERR_NOT_FOUND: return _("not found");
	case MS_ERR_PLUGIN: return _("plugin could not be loaded");
	case MS_ERR_ABI: return _("plugin built against another ABI");
	case MS_ERR_UNSUPPORTED: return _("not supported");
	case MS_ERR_ICU: return _("ICU error");
	case MS_ERR_FINDINGS: return _("checks found errors");
	case MS_ERR_BLOCKED: return _("publication blocked");
	case MS_ERR_USAGE: return _("invalid arguments");
	case MS_ERR_LOCKED: return _("locked by another process");
	case MS_ERR_CHANGED: return _("file changed during the operation");
	case MS_ERR_RENDER: return _("rendering failed");
	}
	return _("unknown status");
}

const char *
ms_version(void)
{
	return PACKAGE_VERSION;
}
