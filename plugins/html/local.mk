# plugins/html/local.mk — the "html" writer: a standalone HTML5 page.

pkglib_LTLIBRARIES += plugins/html.la
plugins_html_la_SOURCES = plugins/html/html.c
plugins_html_la_CPPFLAGS = $(AM_CPPFLAGS)
plugins_html_la_LDFLAGS = $(plugin_ld_flags)
plugins_html_la_LIBADD = $(plugin_lib_add)
