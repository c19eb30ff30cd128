# data/local.mk — installed data files.

EXTRA_DIST += doc/segmentation.md

# Language profiles (core/profile.c, doc/language-profiles.md), one file
# per language, installed as $(pkgdatadir)/lang/<tag>.yaml.
langdatadir = $(pkgdatadir)/lang
dist_langdata_DATA = data/lang/und.yaml data/lang/en.yaml \
	data/lang/es.yaml data/lang/ko.yaml data/lang/ja.yaml \
	data/lang/zh.yaml
EXTRA_DIST += doc/language-profiles.md

# The same files compiled into libmissive, used when no file is found at
# run time: each file becomes one C string, verbatim (so that line numbers
# in messages about a built-in profile are the file's), with \ " and ?
# escaped (no trigraphs).
BUILT_SOURCES += data/lang-builtin.h
CLEANFILES += data/lang-builtin.h
$(core_libmissive_la_OBJECTS): | data/lang-builtin.h
data/lang-builtin.h: $(dist_langdata_DATA) $(srcdir)/data/local.mk
	$(AM_V_GEN)$(MKDIR_P) data && { \
	  echo '/* Generated from data/lang/<tag>.yaml by data/local.mk: do not edit. */'; \
	  for f in $(dist_langdata_DATA); do \
	    test -f "$$f" || f="$(srcdir)/$$f"; \
	    lang=`basename "$$f" .yaml`; \
	    echo "{ \"$$lang\","; \
	    LC_ALL=C sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' \
	      -e 's/^/"/' -e 's/$$/\\n"/' "$$f" || exit 1; \
	    echo '},'; \
	  done; \
	} > $@-t && mv -f $@-t $@
