# core/local.mk — libmissive and the missive command.

lib_LTLIBRARIES += core/libmissive.la
include_HEADERS += core/missive.h core/missive-plugin.h core/missive-locale.h \
	core/missive-kit.h
noinst_HEADERS += core/internal.h core/plugin.h core/localize.h \
	core/segment.h core/catalog.h core/catalog-impl.h core/catalog-match.h \
	core/units.h core/glossary.h core/glossary-impl.h core/spell.h \
	core/check.h core/cli.h core/hash.h \
	core/langtag.h core/linemap.h core/yamltree.h core/profile.h \
	core/fileio.h core/reader.h core/layout.h

core_libmissive_la_SOURCES = \
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
	core/check.c
core_libmissive_la_CPPFLAGS = $(AM_CPPFLAGS) $(ICU_CFLAGS) $(YAML_CFLAGS) \
	$(CMARK_CFLAGS) $(HUNSPELL_CFLAGS)
core_libmissive_la_LIBADD = $(ICU_LIBS) $(YAML_LIBS) $(CMARK_LIBS) \
	$(GETTEXTPO_LIBS) $(UNISTRING_LIBS) $(LTDL_LIBS) $(STEMMER_LIBS) \
	$(HUNSPELL_LIBS)
core_libmissive_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(MS_LT_VERSION_INFO) \
	-export-symbols-regex '^ms_'

bin_PROGRAMS += core/missive
core_missive_SOURCES = core/main.c
core_missive_CPPFLAGS = $(AM_CPPFLAGS) $(ICU_CFLAGS)
core_missive_LDADD = core/libmissive.la $(ICU_LIBS)
core_missive_SOURCES += core/cli-report.c core/report.h
core_libmissive_la_SOURCES += core/xliff.c core/xliff.h
core_libmissive_la_CPPFLAGS += $(XML_CFLAGS)
core_libmissive_la_LIBADD += $(XML_LIBS)
core_missive_SOURCES += core/cli-import.c core/cli-xliff.h
# translation memory, TMX and machine translation (doc/tm.md)
noinst_HEADERS += core/tm.h core/tm-tags.h core/tmx.h core/mt.h
core_libmissive_la_SOURCES += core/tm.c core/tm-pretranslate.c \
	core/tm-tags.c core/tmx.c core/mt.c core/mt-apertium.c
core_missive_SOURCES += core/cli-pretranslate.c core/cli-tm.c
