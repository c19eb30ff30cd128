# plugins/markdown/local.mk — the "markdown" writer: CommonMark with YAML
# front matter for static-site generators.

pkglib_LTLIBRARIES += plugins/markdown.la
plugins_markdown_la_SOURCES = plugins/markdown/markdown.c
plugins_markdown_la_CPPFLAGS = $(AM_CPPFLAGS) $(ICU_CFLAGS)
plugins_markdown_la_LDFLAGS = $(plugin_ld_flags)
plugins_markdown_la_LIBADD = $(plugin_lib_add) $(ICU_LIBS)
