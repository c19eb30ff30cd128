# plugins/pdf/local.mk — the "pdf" writer: paged PDF through Pango and Cairo.

pkglib_LTLIBRARIES += plugins/pdf.la
plugins_pdf_la_SOURCES = plugins/pdf/pdf.c
plugins_pdf_la_CPPFLAGS = $(AM_CPPFLAGS) $(PANGOCAIRO_CFLAGS)
plugins_pdf_la_LDFLAGS = $(plugin_ld_flags)
plugins_pdf_la_LIBADD = $(plugin_lib_add) $(PANGOCAIRO_LIBS) -lm
