/* test-profile.c — the shared utilities of issue 13's "one of each":
 * the hash table, language tags, the YAML tree reader's policy, and the
 * language profiles (lookup, inheritance, project folders, schema). */
#include "internal.h"
#include "hash.h"
#include "langtag.h"
#include "profile.h"
#include "yamltree.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static ms_buf msgs = MS_BUF_INIT;

static void
collect(const ms_diag *d, void *data)
{
	(void)data;
	ms_buf_printf(&msgs, "%s:%u:%u: %s: %s\n", d->file ? d->file : "-",
	              d->line, d->column,
	              d->severity == MS_ERROR ? "error" : "warning", d->message);
}

static ms_diag_handler handler = { collect, NULL, 0, 0 };

static void
reset(void)
{
	ms_buf_reset(&msgs);
	handler.errors = handler.warnings = 0;
}

static void
test_hash(void)
{
	ms_htab *t = ms_htab_new(0);
	char keys[2000][12];
	size_t seen = 0, iter = 0, len;
	const char *k;
	void *v;
	bool all = true;

	OK(ms_hash_str(MS_HASH_SEED, "") == MS_HASH_SEED, "empty string keeps the seed");
	/* FNV-1a test vector: "a" → 0xaf63dc4c8601ec8c */
	OK(ms_hash_str(MS_HASH_SEED, "a") == UINT64_C(0xaf63dc4c8601ec8c),
	   "FNV-1a 64 of \"a\"");
	OK(ms_hash_bytes(ms_hash_bytes(MS_HASH_SEED, "ab", 2), "c", 1)
	   == ms_hash_str(MS_HASH_SEED, "abc"), "chained calls hash the concatenation");

	for (int i = 0; i < 2000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		ms_htab_put(t, keys[i], strlen(keys[i]), keys[i]);
	}
	INT_EQ(ms_htab_count(t), 2000, "2000 keys stored through growth");
	for (int i = 0; i < 2000; i++)
		all &= ms_htab_get(t, keys[i], strlen(keys[i])) == keys[i];
	OK(all, "every key found after growth");
	OK(ms_htab_get(t, "k2000", 5) == NULL, "absent key is NULL");
	OK(ms_htab_put(t, keys[7], strlen(keys[7]), keys[8]) == keys[7],
	   "put on an existing key returns the old value");
	INT_EQ(ms_htab_count(t), 2000, "replacing does not count twice");
	OK(ms_htab_get(t, "k1", 1) == NULL, "a prefix of a key is another key");
	while (ms_htab_next(t, &iter, &k, &len, &v))
		seen++;
	INT_EQ(seen, 2000, "iteration visits every pair once");
	ms_htab_free(t);
	ms_htab_free(NULL);
}

static void
test_langtag(void)
{
	OK(ms_lang_is("ko", "ko"), "ko is ko");
	OK(ms_lang_is("ko-KR", "ko"), "ko-KR is ko");
	OK(ms_lang_is("KO_kr.UTF-8", "ko"), "POSIX spelling, any case");
	OK(!ms_lang_is("kok", "ko"), "kok is not ko");
	OK(!ms_lang_is("k", "ko"), "k is not ko");
	OK(ms_lang_is("es_419", "es-419"), "- and _ are the same separator");
	OK(!ms_lang_is("es", "es-419"), "es is not es-419");
	OK(!ms_lang_is(NULL, "es"), "NULL is nothing");
	INT_EQ(ms_lang_primary_len("es-419"), 2, "primary of es-419");
	INT_EQ(ms_lang_primary_len("fil"), 3, "primary of fil");
	OK(ms_lang_valid("ko") && ms_lang_valid("es-419") && ms_lang_valid("zh-Hant-TW"),
	   "valid tags");
	OK(!ms_lang_valid("k") && !ms_lang_valid("1a") && !ms_lang_valid("english")
	   && !ms_lang_valid("ko/../x") && !ms_lang_valid("ko KR"),
	   "invalid tags refused");
}

static ms_status
parse(const char *text, ms_ynode **root)
{
	reset();
	return ms_yaml_parse("t.yaml", text, strlen(text), 10, MS_YDOC_OTHER,
	                     root, &handler);
}

static void
test_yaml(void)
{
	ms_ynode *r = NULL;
	ms_status st;

	st = parse("a: 1\nb: [x, 'y']\nc: {d: e}\n", &r);
	INT_EQ(st, MS_OK, "plain document parses");
	OK(r && r->type == MS_YMAP, "root is a mapping");
	STR_EQ(ms_ynode_get(r, "a")->str, "1", "scalar value");
	OK(ms_ynode_get(r, "a")->plain, "plain style seen");
	OK(!ms_ynode_get(r, "b")->kids->next->plain, "quoted style seen");
	INT_EQ(ms_ynode_get(r, "b")->kids->next->vpos.column, 9,
	       "a quoted value's text starts after the quote");
	INT_EQ(ms_ynode_key(r, "c")->pos.line, 12, "lines are counted from FIRST_LINE");
	OK(ms_ynode_get(r, "zz") == NULL, "absent key");
	ms_ynode_free(r);

	st = parse("a: &x 1\nb: *x\n", &r);
	INT_EQ(st, MS_ERR_INVALID, "anchors refused");
	OK(strstr(msgs.ptr, "t.yaml:10:4: error: YAML anchors ('&x') are not allowed") != NULL,
	   "anchor located: %s", msgs.ptr);
	st = parse("a: !!binary aGk=\n", &r);
	INT_EQ(st, MS_ERR_INVALID, "foreign tag refused");
	st = parse("a: 1\nb: 2\na: 3\n", &r);
	INT_EQ(st, MS_ERR_PARSE, "duplicate key refused");
	OK(strstr(msgs.ptr, "t.yaml:12:1: error: duplicate key 'a' (first at line 10)") != NULL,
	   "duplicate located: %s", msgs.ptr);
	st = parse("a: 1\n---\nb: 2\n", &r);
	INT_EQ(st, MS_ERR_PARSE, "a second document refused");
	st = parse("a: [1, 2\n", &r);
	INT_EQ(st, MS_ERR_PARSE, "malformed YAML refused");
	OK(strstr(msgs.ptr, "malformed YAML") != NULL, "and said so");
	st = parse("? [a]\n: 1\n", &r);
	INT_EQ(st, MS_ERR_INVALID, "a list as a key refused");
	{
		ms_buf deep = MS_BUF_INIT;
		for (int i = 0; i < 100; i++)
			ms_buf_puts(&deep, "[");
		for (int i = 0; i < 100; i++)
			ms_buf_puts(&deep, "]");
		st = parse(deep.ptr, &r);
		INT_EQ(st, MS_ERR_INVALID, "nesting deeper than 64 refused");
		ms_buf_release(&deep);
	}
	st = parse("", &r);
	OK(st == MS_OK && r == NULL, "an empty document is NULL");
	st = parse("~\n", &r);
	OK(st == MS_OK && ms_ynode_is_null(r), "null recognised");
	ms_ynode_free(r);

	st = parse("colour: red\nformats: [a]\n", &r);
	{
		static const char *const known[] = { "color", "formats", NULL };
		reset();
		ms_ynode_warn_unknown(r, known, "t.yaml", &handler);
		OK(strstr(msgs.ptr, "t.yaml:10:1: warning: unknown key 'colour' ignored (did you mean 'color'?)") != NULL,
		   "unknown key warned with a suggestion: %s", msgs.ptr);
		INT_EQ(handler.warnings, 1, "one warning");
	}
	ms_ynode_free(r);
}

static char tmp[] = "/tmp/missive-profile-XXXXXX";

static void
write_file(const char *name, const char *text)
{
	ms_buf p = MS_BUF_INIT;
	FILE *f;
	ms_buf_printf(&p, "%s/%s", tmp, name);
	f = fopen(p.ptr, "w");
	fputs(text, f);
	fclose(f);
	ms_buf_release(&p);
}

static void
test_profiles(void)
{
	ms_profiles *set;
	const ms_profile *p;
	const ms_pvalue *items;
	const char *const *names;
	size_t n;
	char *dirs[2] = { tmp, NULL };
	ms_status st;

	/* the installed (or built-in) profiles */
	set = ms_profiles_new(NULL);
	reset();
	st = ms_profiles_get(set, "ko", &p, &handler);
	INT_EQ(st, MS_OK, "ko profile loads");
	STR_EQ(ms_profile_file_lang(p), "ko", "ko from ko.yaml");
	STR_EQ(ms_profile_str(p, "layout.recipient-suffix"), "귀하", "ko honorific");
	OK(ms_profile_bool(p, "layout.name-after-title", false), "ko title before name");
	STR_EQ(ms_profile_str(p, "dates.style"), "long", "ko inherits dates from und");
	INT_EQ(handler.errors + handler.warnings, 0, "no messages for the shipped profiles: %s", msgs.ptr);

	st = ms_profiles_get(set, "es-419", &p, &handler);
	INT_EQ(st, MS_OK, "es-419 loads");
	STR_EQ(ms_profile_lang(p), "es-419", "asked for es-419");
	STR_EQ(ms_profile_file_lang(p), "es", "found es.yaml");
	STR_EQ(ms_profile_str(p, "layout.date-align"), "right", "es date on the right");

	st = ms_profiles_get(set, "fr", &p, &handler);
	INT_EQ(st, MS_OK, "a language without a profile gets the root");
	STR_EQ(ms_profile_file_lang(p), "und", "fr falls back to und");
	STR_EQ(ms_profile_str(p, "layout.date-align"), "left", "root: date on the left");
	OK(ms_profile_str(p, "layout.no-such-key") == NULL, "unset key is NULL");
	STR_EQ(ms_profile_str_or(p, "layout.no-such-key", "dflt"), "dflt", "str_or");
	{
		const ms_profile *again;
		ms_profiles_get(set, "fr", &again, &handler);
		OK(again == p, "profiles are cached");
	}
	st = ms_profiles_get(set, "../etc", &p, &handler);
	INT_EQ(st, MS_ERR_INVALID, "a path is no language tag");
	ms_profiles_free(set);

	/* a project's own folder: adding French is adding a file */
	if (!mkdtemp(tmp)) {
		OK(0, "mkdtemp");
		return;
	}
	write_file("fr.yaml",
	           "language: fr\nname: French\nlayout:\n  date-align: right\n"
	           "typography:\n  sentence-separator: \" \"\n"
	           "segment:\n  prefix: [M., Mme]\n  number: n°\n");
	write_file("fr-CA.yaml", "language: fr-CA\ninherits: fr\nfonts:\n  serif: X Serif\n");
	write_file("xx.yaml", "language: xx\nlayout:\n  date-align: centre\n  datealign: left\n");
	write_file("yy.yaml", "language: yy\ninherits: yy\n");
	write_file("zz.yaml", "language: zz\nlayout: [a]\n");
	write_file("ww.yaml", "language: ww\nlayuot:\n  date-align: left\n");
	set = ms_profiles_new(dirs);
	reset();
	st = ms_profiles_get(set, "fr", &p, &handler);
	INT_EQ(st, MS_OK, "fr from the project folder");
	STR_EQ(ms_profile_str(p, "layout.date-align"), "right", "fr layout from the file");
	STR_EQ(ms_profile_str(p, "fonts.serif"), "Noto Serif", "fr fonts from und");
	items = ms_profile_list(p, "segment.prefix", &n);
	INT_EQ(n, 2, "a list of two");
	STR_EQ(n == 2 ? items[1].text : NULL, "Mme", "list items in order");
	INT_EQ(n == 2 ? items[1].line : 0, 8, "list items know their line");
	items = ms_profile_list(p, "segment.number", &n);
	INT_EQ(n, 1, "a single value where a list goes is a list of one");
	n = ms_profile_keys(p, "segment", &names);
	INT_EQ(n, 2, "the sections under segment");
	n = ms_profile_keys(p, "layout", &names);
	OK(n >= 3, "layout keys merged with the parent's (%zu)", n);

	st = ms_profiles_get(set, "fr-CA", &p, &handler);
	INT_EQ(st, MS_OK, "fr-CA inherits fr");
	STR_EQ(ms_profile_str(p, "fonts.serif"), "X Serif", "own key");
	STR_EQ(ms_profile_str(p, "layout.date-align"), "right", "inherited from fr");
	STR_EQ(ms_profile_str(p, "dates.style"), "long", "inherited from und through fr");

	reset();
	st = ms_profiles_get(set, "xx", &p, &handler);
	INT_EQ(st, MS_ERR_INVALID, "a value outside the allowed words is an error");
	OK(strstr(msgs.ptr, "xx.yaml:3:15: error: 'layout.date-align' must be one of left|right, not 'centre'") != NULL,
	   "located: %s", msgs.ptr);
	OK(strstr(msgs.ptr, "xx.yaml:4:3: warning: unknown profile key 'layout.datealign' ignored") != NULL,
	   "unknown key warned: %s", msgs.ptr);
	reset();
	st = ms_profiles_get(set, "yy", &p, &handler);
	INT_EQ(st, MS_ERR_INVALID, "inheriting from itself refused");
	reset();
	st = ms_profiles_get(set, "zz", &p, &handler);
	INT_EQ(st, MS_ERR_INVALID, "a section of the wrong type refused");
	OK(strstr(msgs.ptr, "zz.yaml:2:9: error: 'layout' must be a mapping, not a list") != NULL,
	   "located: %s", msgs.ptr);
	reset();
	st = ms_profiles_get(set, "ww", &p, &handler);
	INT_EQ(st, MS_OK, "an unknown section is only a warning");
	OK(strstr(msgs.ptr, "ww.yaml:2:1: warning: unknown profile key 'layuot' ignored") != NULL,
	   "unknown section warned: %s", msgs.ptr);
	ms_profiles_free(set);

	/* $MISSIVE_DATADIR/lang takes precedence over the built-in copy */
	{
		ms_buf d = MS_BUF_INIT;
		ms_buf_printf(&d, "%s/lang", tmp);
		mkdir(d.ptr, 0700);
		ms_buf_puts(&d, "/ko.yaml");
		FILE *f = fopen(d.ptr, "w");
		fputs("language: ko\nlayout:\n  recipient-suffix: 님\n", f);
		fclose(f);
		setenv("MISSIVE_DATADIR", tmp, 1);
		set = ms_profiles_new(NULL);
		st = ms_profiles_get(set, "ko", &p, &handler);
		STR_EQ(st == MS_OK ? ms_profile_str(p, "layout.recipient-suffix") : NULL,
		       "님", "$MISSIVE_DATADIR/lang is searched");
		ms_profiles_free(set);
		unlink(d.ptr);
		ms_buf_truncate(&d, strlen(tmp) + 5);
		rmdir(d.ptr);
		ms_buf_release(&d);
		unsetenv("MISSIVE_DATADIR");
	}
	/* the built-in copies when nothing is installed */
	setenv("MISSIVE_DATADIR", "/nonexistent", 1);
	set = ms_profiles_new(NULL);
	st = ms_profiles_get(set, "ko", &p, &handler);
	INT_EQ(st, MS_OK, "built-in ko");
	OK(st == MS_OK && strstr(ms_profile_value(p, "layout.recipient-suffix")->file,
	                         "<built-in lang/ko.yaml>") != NULL,
	   "the value says where it came from");
	ms_profiles_free(set);
	unsetenv("MISSIVE_DATADIR");

	{
		const char *names_[] = { "fr.yaml", "fr-CA.yaml", "xx.yaml", "yy.yaml",
		                         "zz.yaml", "ww.yaml" };
		for (size_t i = 0; i < MS_ARRAY_SIZE(names_); i++) {
			ms_buf p2 = MS_BUF_INIT;
			ms_buf_printf(&p2, "%s/%s", tmp, names_[i]);
			unlink(p2.ptr);
			ms_buf_release(&p2);
		}
		rmdir(tmp);
	}
}

int
main(void)
{
	setenv("MISSIVE_DATADIR", TOP_SRCDIR "/data", 1);
	STR_EQ(ms_version(), PACKAGE_VERSION, "ms_version names the package version");
	test_hash();
	test_langtag();
	test_yaml();
	test_profiles();
	ms_buf_release(&msgs);
	return done_testing();
}
