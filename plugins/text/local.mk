# plugins/text/local.mk — the "text" writer: wrapped plain text for e-mail.

pkglib_LTLIBRARIES += plugins/text.la
plugins_text_la_SOURCES = plugins/text/text.c
plugins_text_la_CPPFLAGS = $(AM_CPPFLAGS) $(ICU_CFLAGS)
plugins_text_la_LDFLAGS = $(plugin_ld_flags)
plugins_text_la_LIBADD = $(plugin_lib_add) $(ICU_LIBS)
