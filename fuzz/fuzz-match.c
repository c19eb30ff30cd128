/* fuzz-match.c — the glossary matcher with the project's real glossary
 * (po/glossary.yaml).  Input: LANG-BYTE MSGID '\0' MSGSTR.  The matcher is
 * fed what the catalogue hands it: NUL-free valid UTF-8 (libgettextpo
 * refuses the rest, see fuzz-po.c). */
#include <config.h>
#include "fuzz-common.h"
#include "glossary.h"

static void
count(const ms_gloss_result *r, void *data)
{
	size_t *n = data;
	*n += strlen(r->term);
	if (r->expected)
		*n += strlen(r->expected);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ms_glossary *g;
	static const char *const langs[] = { "ko", "es", "en", "fr" };
	char *msgid, *msgstr;
	const uint8_t *nul;
	const char *lang;
	size_t n = 0;
	ms_buf b = MS_BUF_INIT;
	if (!g) {
		ms_diag_handler h = fuzz_handler();
		if (ms_glossary_load(FUZZ_SRCDIR "/po/glossary.yaml", &g, &h) != MS_OK)
			abort();
	}
	if (size < 1)
		return 0;
	lang = langs[data[0] % 4];
	msgid = ms_xstrndup((const char *)data + 1, size - 1);
	nul = memchr(data + 1, '\0', size - 1);
	msgstr = nul ? ms_xstrndup((const char *)nul + 1,
	                           (size_t)((const char *)data + size -
	                                    ((const char *)nul + 1)))
	             : ms_xstrdup("");
	if (ms_utf8_validate(msgid, strlen(msgid), NULL, NULL, NULL) &&
	    ms_utf8_validate(msgstr, strlen(msgstr), NULL, NULL, NULL)) {
		ms_glossary_match(g, msgid, msgstr, lang, count, &n);
		ms_glossary_hints(g, msgid, NULL, &b);
		(void)ms_glossary_is_verbatim(g, msgstr, lang);
	}
	ms_buf_release(&b);
	free(msgid);
	free(msgstr);
	return 0;
}
