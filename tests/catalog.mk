# tests/catalog.mk — gettext catalogues: read, write, merge.
check_PROGRAMS += tests/test-catalog
TESTS += tests/test-catalog
tests_test_catalog_SOURCES = tests/test-catalog.c
tests_test_catalog_CPPFLAGS = $(test_cpp_flags)
tests_test_catalog_LDADD = $(test_ld_add)
TESTS += tests/test-catalog-valgrind.sh
check_PROGRAMS += tests/test-catalog-match
TESTS += tests/test-catalog-match
tests_test_catalog_match_SOURCES = tests/test-catalog-match.c
tests_test_catalog_match_CPPFLAGS = $(test_cpp_flags)
tests_test_catalog_match_LDADD = $(test_ld_add)
check_PROGRAMS += tests/catalog-lines
tests_catalog_lines_SOURCES = tests/catalog-lines.c
tests_catalog_lines_CPPFLAGS = $(test_cpp_flags)
tests_catalog_lines_LDADD = $(test_ld_add)
TESTS += tests/test-catalog-scaling.sh

EXTRA_DIST += \
	tests/test-catalog-valgrind.sh \
	tests/test-catalog-scaling.sh \
	tests/data/po/libgettextpo.supp \
	tests/data/po/basic.po \
	tests/data/po/plural.po \
	tests/data/po/obsolete.po \
	tests/data/po/ko.po \
	tests/data/po/escapes.po \
	tests/data/po/nowrap.po \
	tests/data/po/noheader.po \
	tests/data/po/template.pot \
	tests/data/po/broken-eol.po \
	tests/data/po/broken-keyword.po \
	tests/data/po/broken-dup.po \
	tests/data/po/broken-utf8.po \
	tests/data/po/merge-old.po \
	tests/data/po/merge-new.pot \
	bench/po-merge-bench.c

# The merge benchmark against msgmerge is not built by default:
#   make po-merge-bench && ./po-merge-bench -n 50000 /tmp/po-bench
po-merge-bench$(EXEEXT): $(top_srcdir)/bench/po-merge-bench.c core/libmissive.la
	$(AM_V_CCLD)$(LIBTOOL) $(AM_V_lt) --tag=CC --mode=link $(CC) \
		$(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS) \
		$(AM_CFLAGS) $(CFLAGS) $(AM_LDFLAGS) $(LDFLAGS) -o $@ \
		$(top_srcdir)/bench/po-merge-bench.c core/libmissive.la
CLEANFILES += po-merge-bench$(EXEEXT)
