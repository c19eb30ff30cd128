# plugins/local.mk — writer plugins, one libtool module each, all built
# into plugins/ so that MISSIVE_PLUGIN_PATH=$(abs_top_builddir)/plugins
# finds every fresh module.

plugin_ld_flags = -module -avoid-version -shared \
	-export-symbols-regex '^missive_plugin_describe$$' $(AM_LDFLAGS)
plugin_lib_add = core/libmissive.la

include plugins/paint/local.mk
include plugins/text/local.mk
include plugins/html/local.mk
include plugins/pdf/local.mk
include plugins/docx/local.mk
include plugins/json/local.mk
include plugins/markdown/local.mk
