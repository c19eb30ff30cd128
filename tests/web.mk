# tests/web.mk — the web writers: markdown, html and json.
#
# render-letter renders a letter file with any plugin (the shell tests
# use it; so may other writers' tests).  test-markdown reads the Markdown
# back with cmark and its front matter with libyaml; test-html.sh loads
# the page in headless Chromium; test-json.sh loads the JSON with python3;
# test-web feeds all three writers letters no reader would produce.

check_PROGRAMS += tests/render-letter tests/test-markdown tests/test-web
tests_render_letter_SOURCES = tests/render-letter.c tests/web-hostile.h
tests_render_letter_CPPFLAGS = $(test_cpp_flags)
tests_render_letter_LDADD = $(test_ld_add)

TESTS += tests/test-web tests/test-markdown tests/test-html.sh \
	tests/test-json.sh
tests_test_web_SOURCES = tests/test-web.c
tests_test_web_CPPFLAGS = $(test_cpp_flags)
tests_test_web_LDADD = $(test_ld_add)
tests_test_markdown_SOURCES = tests/test-markdown.c tests/web-hostile.h
tests_test_markdown_CPPFLAGS = $(test_cpp_flags) $(CMARK_CFLAGS) \
	$(YAML_CFLAGS)
tests_test_markdown_LDADD = $(test_ld_add) $(CMARK_LIBS) $(YAML_LIBS)

EXTRA_DIST += tests/test-html.sh tests/test-json.sh doc/json-schema.md \
	doc/letter.schema.json \
	tests/data/web/letter-ko.md
