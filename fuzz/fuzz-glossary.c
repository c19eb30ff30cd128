/* fuzz-glossary.c — the glossary loader (ms_glossary_load_mem) and, when
 * the input loads, its matcher over a few fixed sentences. */
#include <config.h>
#include "fuzz-common.h"
#include "glossary.h"

static void
count(const ms_gloss_result *r, void *data)
{
	size_t *n = data;
	*n += strlen(r->term) + strlen(r->source);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const pairs[][3] = {
		{ "The refoulement of defectors must stop.",
		  "탈북민의 강제송환을 중단해야 합니다.", "ko" },
		{ "We urge the Government to end forced repatriation.",
		  "Instamos al Gobierno a poner fin a la devolución forzada.", "es" },
		{ "HanVoice and the <1>UN</1> Special Rapporteur", "HanVoice y <1>la ONU</1>", "es" },
		{ "", "", "ko" },
	};
	ms_diag_handler h = fuzz_handler();
	ms_glossary *g = NULL;
	ms_status st = ms_glossary_load_mem("glossary.yaml", (const char *)data,
	                                    size, &g, &h);
	if (st == MS_OK) {
		size_t i, n = 0, k;
		ms_buf b = MS_BUF_INIT;
		for (k = 0; k < ms_glossary_count(g); k++)
			n += strlen(ms_glossary_term_id(g, k));
		for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
			ms_glossary_match(g, pairs[i][0], pairs[i][1], pairs[i][2],
			                  count, &n);
			ms_glossary_hints(g, pairs[i][0], NULL, &b);
			(void)ms_glossary_is_verbatim(g, pairs[i][0], pairs[i][2]);
		}
		ms_buf_release(&b);
		ms_glossary_free(g);
	} else if (g) {
		abort();
	}
	return 0;
}
