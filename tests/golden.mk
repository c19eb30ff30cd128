# tests/golden.mk — every letter × language × format compared byte for
# byte with tests/data/golden/expected (see tests/test-golden.sh).
#
#   make golden   regenerate the expected outputs after a change that
#                 alters outputs on purpose (look at the diff, then commit
#                 it with the change that explains it)

TESTS += tests/test-golden.sh
EXTRA_DIST += tests/test-golden.sh tests/data/golden

golden: all
	$(AM_V_GEN)srcdir='$(srcdir)/tests' top_srcdir='$(abs_top_srcdir)' \
	top_builddir='$(abs_top_builddir)' \
	$(SHELL) '$(srcdir)/tests/test-golden.sh' --update
.PHONY: golden
