# plugins/docx/local.mk — the "docx" writer: WordprocessingML in a zip
# archive built in memory with libzip.

pkglib_LTLIBRARIES += plugins/docx.la
plugins_docx_la_SOURCES = plugins/docx/docx.c
plugins_docx_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBZIP_CFLAGS) \
	$(PANGOCAIRO_CFLAGS) -I$(top_srcdir)/plugins/paint
plugins_docx_la_LDFLAGS = $(plugin_ld_flags)
plugins_docx_la_LIBADD = plugins/libpaint.la $(plugin_lib_add) \
	$(LIBZIP_LIBS)
