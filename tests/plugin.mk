# tests/plugin.mk — the plugin host and the text writer.

check_PROGRAMS += tests/test-plugin
TESTS += tests/test-plugin
tests_test_plugin_SOURCES = tests/test-plugin.c tests/model-build.h
tests_test_plugin_CPPFLAGS = $(test_cpp_flags) $(ICU_CFLAGS)
tests_test_plugin_LDADD = $(test_ld_add)
EXTRA_DIST += tests/data/text/letter-en.txt tests/data/text/letter-ko.txt

# Broken modules the host must list without falling over.  -rpath makes
# libtool build shared objects although they are never installed.
test_module_ld_flags = -module -avoid-version -shared -rpath /nowhere \
	$(AM_LDFLAGS)
check_LTLIBRARIES += tests/plugins/badabi.la tests/plugins/newminor.la \
	tests/plugins/empty.la tests/plugins/noentry.la \
	tests/plugins/nulldesc.la tests/plugins/abi10.la
tests_plugins_badabi_la_SOURCES = tests/plugins/badabi.c
tests_plugins_badabi_la_LDFLAGS = $(test_module_ld_flags)
tests_plugins_newminor_la_SOURCES = tests/plugins/newminor.c
tests_plugins_newminor_la_LDFLAGS = $(test_module_ld_flags)
tests_plugins_empty_la_SOURCES = tests/plugins/empty.c
tests_plugins_empty_la_LDFLAGS = $(test_module_ld_flags)
tests_plugins_noentry_la_SOURCES = tests/plugins/noentry.c
tests_plugins_noentry_la_LDFLAGS = $(test_module_ld_flags)
tests_plugins_nulldesc_la_SOURCES = tests/plugins/nulldesc.c
tests_plugins_nulldesc_la_LDFLAGS = $(test_module_ld_flags)
# A plugin built against ABI 1.0 (its own copy of the 1.0 declarations):
# the host must still load and run it.
tests_plugins_abi10_la_SOURCES = tests/plugins/abi10.c
tests_plugins_abi10_la_LDFLAGS = $(test_module_ld_flags)
tests_plugins_abi10_la_LIBADD = core/libmissive.la

# The translation notice in every writer (render-letter: tests/web.mk).
TESTS += tests/test-notice.sh
EXTRA_DIST += tests/test-notice.sh
