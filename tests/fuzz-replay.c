/* fuzz-replay.c — run a libFuzzer harness (fuzz/fuzz-*.c, linked in)
 * over files, without libFuzzer: how `make check` replays the fuzzing
 * reproducers and the bad input table through the harnesses, with gcc
 * and, under --enable-sanitizers, with ASan and UBSan.
 *   fuzz-replay-NAME FILE...   prints one TAP line per file */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "missive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++) {
		char *data = NULL;
		size_t len = 0;
		if (ms_read_file(argv[i], &data, &len, NULL) != MS_OK) {
			printf("not ok %d - %s: cannot read\n", i, argv[i]);
			continue;
		}
		/* a crash, a sanitizer report or an abort() in the harness's
		 * own checks ends the program: the driver reports it */
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
		printf("ok %d - %s\n", i, argv[i]);
	}
	printf("1..%d\n", argc - 1);
	return 0;
}
