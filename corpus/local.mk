# corpus/local.mk — the corpus letters and `make translate`.
EXTRA_DIST += corpus/000_b6b6d3f049d4ab14.md
