# tests/local.mk — the test suite (Automake parallel harness, TAP).
# Each area adds its tests in its own fragment, included below.

TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	srcdir='$(srcdir)/tests'; top_srcdir='$(abs_top_srcdir)'; \
	top_builddir='$(abs_top_builddir)'; \
	MISSIVE_PLUGIN_PATH='$(abs_top_builddir)/plugins'; \
	export srcdir top_srcdir top_builddir MISSIVE_PLUGIN_PATH;

test_cpp_flags = $(AM_CPPFLAGS) -I$(top_srcdir)/tests \
	-DTOP_SRCDIR=\"$(abs_top_srcdir)\" -DTOP_BUILDDIR=\"$(abs_top_builddir)\"
# The tests link the convenience library (internal functions included) and
# export it to the plugins they load, as the command does.
test_ld_add = core/libmissive-core.la @MS_EXPORT_DYNAMIC@

EXTRA_DIST += tests/tap.h tests/tap.sh

include tests/model.mk
include tests/reader.mk
include tests/plugin.mk
include tests/cli.mk
include tests/segment.mk
include tests/catalog.mk
include tests/po-read.mk
include tests/po-write.mk
include tests/glossary.mk
include tests/pdf-docx.mk
include tests/web.mk
include tests/xliff.mk
include tests/report.mk
include tests/reliability.mk
include tests/tm.mk
include tests/golden.mk
