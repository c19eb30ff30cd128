/* langtag.c — language tags (langtag.h). */
#include "internal.h"
#include "langtag.h"

#include <string.h>

static bool
is_sep(char c)
{
	return c == '-' || c == '_' || c == '.' || c == '@';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool
ms_lang_is(const char *tag, const char *lang)
{
	size_t i;
	if (!tag || !lang || !*lang)
		return false;
	for (i = 0; lang[i]; i++) {
		char a = tag[i], b = lang[i];
		if (is_sep(a) && is_sep(b))
			continue;
		if (!a || lower(a) != lower(b))
			return false;
	}
	return tag[i] == '\0' || is_sep(tag[i]);
}

size_t
ms_lang_primary_len(const char *tag)
{
	size_t n = 0;
	while (tag[n] && !is_sep(tag[n]))
		n++;
	return n;
}

bool
ms_lang_valid(const char *tag)
{
	size_t n = strlen(tag), letters = 0;
	if (n < 2 || n > 35)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = lower(tag[i]);
		if (c >= 'a' && c <= 'z') {
			if (letters == i)
				letters++;
		} else if (!((c >= '0' && c <= '9') || c == '-' || c == '_')) {
			return false;
		}
	}
	return letters >= 2 && letters <= 3 && (tag[letters] == '\0'
	                                        || tag[letters] == '-'
	                                        || tag[letters] == '_');
}
