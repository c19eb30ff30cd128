/* fuzz-config.c — missive.yaml (ms_config_load on a temporary file). */
#include <config.h>
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_diag_handler h = fuzz_handler();
	ms_config *c = NULL;
	const char *path = fuzz_tmpfile(data, size, ".yaml");
	if (ms_config_load(path, &c, &h) == MS_OK) {
		bool on;
		if (!c)
			abort();
		(void)ms_config_check_severity(c, "glossary/forbidden",
		                               MS_ERROR, &on);
		(void)ms_config_check_severity(c, "numbers", MS_ERROR, &on);
		(void)ms_config_paper(c, "ko");
		(void)ms_config_paper(c, "es");
		ms_config_free(c);
	}
	return 0;
}
