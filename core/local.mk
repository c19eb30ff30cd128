# core/local.mk — libmissive and the missive command.

# libmissive.la is the installed library: it exports exactly the names in
# core/libmissive.sym, the functions the installed headers declare
# (tests/test-abi.sh holds the three together).  Everything is compiled once
# into the convenience library libmissive-core.la; the command and the tests
# link that one, internal functions included, and export its symbols
# (-export-dynamic) so that the plugins they load bind to the same copy.
lib_LTLIBRARIES += core/libmissive.la
noinst_LTLIBRARIES += core/libmissive-core.la
include_HEADERS += core/missive.h core/missive-plugin.h core/missive-locale.h \
	core/missive-kit.h
noinst_HEADERS += core/internal.h core/plugin.h core/localize.h \
	core/segment.h core/catalog.h core/catalog-impl.h core/catalog-match.h \
	core/units.h core/glossary.h core/glossary-impl.h core/spell.h \
	core/check.h core/cli.h core/hash.h \
	core/langtag.h core/linemap.h core/yamltree.h core/profile.h \
	core/fileio.h core/reader.h core/layout.h \
	core/project.h core/project-impl.h core/project-po.h

core_libmissive_core_la_SOURCES = \
	core/status.c \
	core/buf.c \
	core/hash.c \
	core/langtag.c \
	core/linemap.c \
	core/yamltree.c \
	core/profile.c \
	core/diag.c \
	core/utf8.c \
	core/url.c \
	core/fileio.c \
	core/letter.c \
	core/image.c \
	core/layout.c \
	core/reader.c \
	core/config.c \
	core/localize.c \
	core/kit.c \
	core/plugin.c \
	core/segment.c \
	core/catalog.c \
	core/catalog-gettext.c \
	core/catalog-merge.c \
	core/catalog-match.c \
	core/po-read.c \
	core/po-write.c \
	core/units.c \
	core/glossary-text.c \
	core/morph.c \
	core/glossary-load.c \
	core/glossary-match.c \
	core/spell.c \
	core/check.c \
	core/project.c \
	core/project-rec.c \
	core/project-store.c \
	core/project-manifest.c \
	core/project-lock.c \
	core/project-extract.c \
	core/project-update.c \
	core/project-check.c \
	core/project-state.c \
	core/project-build.c \
	core/project-import.c \
	core/project-report.c
core_libmissive_core_la_CPPFLAGS = $(AM_CPPFLAGS) $(ICU_CFLAGS) $(YAML_CFLAGS) \
	$(CMARK_CFLAGS) $(HUNSPELL_CFLAGS)
core_libmissive_core_la_LIBADD = $(ICU_LIBS) $(YAML_LIBS) $(CMARK_LIBS) \
	$(GETTEXTPO_LIBS) $(UNISTRING_LIBS) $(LTDL_LIBS) $(STEMMER_LIBS) \
	$(HUNSPELL_LIBS)
core_libmissive_la_SOURCES =
core_libmissive_la_LIBADD = core/libmissive-core.la
# relink when the list of exported names changes
EXTRA_core_libmissive_la_DEPENDENCIES = $(srcdir)/core/libmissive.sym
core_libmissive_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(MS_LT_VERSION_INFO) \
	-export-symbols $(srcdir)/core/libmissive.sym
EXTRA_DIST += core/libmissive.sym

core_libmissive_core_la_SOURCES += core/xliff.c core/xliff.h
core_libmissive_core_la_CPPFLAGS += $(XML_CFLAGS)
core_libmissive_core_la_LIBADD += $(XML_LIBS)

# The command: option dispatch (main.c), what commands print with
# (cli.c), one file per command.
bin_PROGRAMS += core/missive
core_missive_SOURCES = core/main.c core/cli.c \
	core/cli-extract.c core/cli-update.c core/cli-check.c core/cli-build.c \
	core/cli-segment.c core/cli-plugins.c core/cli-stats.c core/cli-report.c \
	core/cli-import.c
core_missive_CPPFLAGS = $(AM_CPPFLAGS)
core_missive_LDADD = core/libmissive-core.la
core_missive_LDFLAGS = $(AM_LDFLAGS) -export-dynamic
# translation memory, TMX and machine translation (doc/tm.md)
noinst_HEADERS += core/tm.h core/tm-tags.h core/tmx.h core/mt.h
core_libmissive_core_la_SOURCES += core/tm.c core/tm-pretranslate.c \
	core/tm-tags.c core/tmx.c core/mt.c core/mt-apertium.c
core_missive_SOURCES += core/cli-pretranslate.c core/cli-tm.c
