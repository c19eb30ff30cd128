/* fuzz-pdf.c — the localised model (fuzz-model.h) through the PDF writer,
 * on its own because Pango and Cairo make it a hundred times slower than
 * the others: the writer returns success with a PDF file, or a clean
 * error (a status, no crash, nothing written). */
#include <config.h>
#include "fuzz-model.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_diag_handler h = fuzz_handler();
	uint8_t *copy = fuzz_model_copy(data, size);
	fuzz_model m;
	bool owned;

	if (fuzz_model_build(&m, copy, size, &owned)) {
		ms_buf out = MS_BUF_INIT;
		ms_status st = ms_plugin_render_buf(fuzz_plugin("pdf"), m.out,
		                                    &m.loc, &out, &h);
		if (st == MS_OK && (out.len < 5 || memcmp(out.ptr, "%PDF-", 5))) {
			fprintf(stderr, "fuzz-pdf: success without a PDF\n");
			abort();
		}
		ms_buf_release(&out);
	}
	fuzz_model_free(&m, owned);
	free(copy);
	return 0;
}
