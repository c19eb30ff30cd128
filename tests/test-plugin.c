/* test-plugin.c — the plugin host (finding, checking, refusing modules,
 * rendering into memory and into files) and the "text" writer. */
#include <config.h>

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "localize.h"
#include "missive.h"
#include "plugin.h"
#include "model-build.h"
#include "tap.h"

#define PLUGINS TOP_BUILDDIR "/plugins"
#define TEST_PLUGINS TOP_BUILDDIR "/tests/plugins"
#define DATA TOP_SRCDIR "/tests/data/text"

/* ------------------------------------------------------------ helpers */

static void
collect(const ms_diag *d, void *data)
{
	ms_buf *b = data;
	static const char *const sev[] = { "note", "warning", "error" };
	ms_buf_printf(b, "%s: %s; ", sev[d->severity], d->message);
}

/* Columns S takes on a terminal: Hangul, CJK and fullwidth forms 2. */
static int
columns(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		int k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		cp = k == 1 ? c : c & (0x7f >> k);
		for (int j = 1; j < k && i + (size_t)j < n; j++)
			cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3f);
		i += (size_t)k;
		if ((cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1100 && cp <= 0x115f)
		    || (cp >= 0x3000 && cp <= 0x9fff) || (cp >= 0xff01 && cp <= 0xff60))
			w += 2;
		else
			w++;
	}
	return w;
}

/* The widest line of TEXT; sets *TRAILING when some line ends in a blank. */
static int
widest_line(const char *text, bool *trailing)
{
	int widest = 0;
	*trailing = false;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		int w = columns(text, n);
		if (w > widest)
			widest = w;
		if (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
			*trailing = true;
		text += n + (nl ? 1 : 0);
	}
	return widest;
}

/* True when every line of TEXT fits in WIDTH columns, but a line that is
 * one URL (a single word with "://" or "mailto:", after its indent),
 * which is never broken. */
static bool
fits_but_urls(const char *text, int width)
{
	while (*text) {
		const char *nl = strchr(text, '\n'), *w = text;
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		if (columns(text, n) > width) {
			char *line = ms_xstrndup(text, n);
			while (*w == ' ')
				w++;
			bool url = (strstr(line, "://") || strstr(line, "mailto:"))
			           && !strchr(line + (w - text), ' ');
			free(line);
			if (!url)
				return false;
		}
		text += n + (nl ? 1 : 0);
	}
	return true;
}

static char *
slurp(const char *path)
{
	char *data = NULL;
	size_t len;
	if (ms_read_file(path, &data, &len, NULL) != MS_OK)
		return NULL;
	return data;
}

static size_t
dir_entries(const char *dir)
{
	size_t n = 0;
	struct dirent *de;
	DIR *d = opendir(dir);
	if (!d)
		return (size_t)-1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void
write_junk(const char *path)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("this is not a shared object\n", f);
		fclose(f);
	}
}

static void
init_locale(ms_locale *loc, const char *lang, int width)
{
	memset(loc, 0, sizeof *loc);
	loc->lang = lang;
	loc->source_lang = "en";
	loc->paper = "a4";
	loc->text_width = width;
	loc->date_align = "left";
	loc->recipient_suffix = "";
	loc->generator = "missive test";
}

/* ------------------------------------------------------------ letters */

static ms_letter *
english_letter(void)
{
	ms_letter *l = ms_letter_new();
	ms_recipient *r;
	ms_block *ordered, *loose_list;

	l->id = ms_xstrdup("sample");
	l->lang = ms_xstrdup("en");
	l->source_lang = ms_xstrdup("en");
	l->date = (ms_date){ 2025, 10, 28 };
	l->date_text = ms_xstrdup("October 28, 2025");

	r = person("Lee Jae-myung", "President of the Republic of Korea", NULL);
	r->address = lines("Office of the President",
	                   "22, Itaewon-ro, Yongsan-gu, Seoul 04383",
	                   "Republic of Korea", NULL);
	r->fax = lines("+82 2-770-4721", NULL);
	r->email = lines("president.go.kr", NULL);
	l->recipients = r;
	r = person("Chung Dong-young", "Minister of Unification",
	           "Ministry of Unification");
	r->address = lines("209 Sejong-daero, Jongno-gu, Seoul 03171", NULL);
	l->recipients->next = r;

	r = person("Kim Min-seok", "Prime Minister",
	           "Office for Government Policy Coordination");
	r->address = lines("261 Dasom-ro, Sejong-si 30107", NULL);
	r->fax = lines("+82 44-200-2001", "+82 44-200-2002", NULL);
	l->cc = r;
	r->next = person("Cho Hyun", "Minister of Foreign Affairs",
	                 "Ministry of Foreign Affairs");

	ms_text_set(&l->subject,
	            "2025 North Korean Human Rights Resolution at the 80<sup>th</sup> Session of the United Nations General Assembly",
	            seq(txt("2025 North Korean Human Rights Resolution at the 80"),
	                span(MS_INLINE_SUP, txt("th")),
	                txt(" Session of the United Nations General Assembly"),
	                NULL));
	set(&l->salutation, "Dear President Lee Jae-myung,");

	ordered = block(MS_BLOCK_LIST, NULL,
	                blocks(item("First, co-sponsor."),
	                       item("Second, speak at the Third Committee."),
	                       NULL));
	ordered->ordered = true;
	ordered->start = 1;
	ordered->tight = false;
	loose_list = block(MS_BLOCK_LIST, NULL,
	                   blocks(item("Co-sponsor the resolution."),
	                          item("Support the work of the Special Rapporteur and of the Office of the High Commissioner for Human Rights in Seoul, including its accountability project."),
	                          NULL));
	loose_list->tight = true;

	l->body = blocks(
		block(MS_BLOCK_PARAGRAPH,
		      seq(txt("We, the undersigned "),
		          span(MS_INLINE_EMPH, txt("human rights organisations")),
		          txt(" and individuals, write to urge"),
		          node(MS_INLINE_SOFTBREAK, NULL),
		          txt("your government to "),
		          span(MS_INLINE_STRONG, txt("co-sponsor")),
		          txt(" the resolution on the situation of human rights in the Democratic People's Republic of Korea at the 80"),
		          span(MS_INLINE_SUP, txt("th")),
		          txt(" session."), NULL),
		      NULL),
		block(MS_BLOCK_HEADING, txt("Our requests"), NULL),
		loose_list,
		ordered,
		block(MS_BLOCK_PARAGRAPH,
		      seq(txt("Read "), link_to("https://example.org/report", "the report"),
		          txt(", see "), link_to("https://example.org", "https://example.org"),
		          txt(" or write to "), link_to("mailto:info@example.org", "info@example.org"),
		          txt("."), node(MS_INLINE_LINEBREAK, NULL),
		          txt("Run "), node(MS_INLINE_CODE, "missive build"),
		          node(MS_INLINE_HTML, "<!-- note -->"), txt("."),
		          NULL),
		      NULL),
		block(MS_BLOCK_QUOTE, NULL,
		      blocks(block(MS_BLOCK_PARAGRAPH,
		                   txt("Everyone has the right to life, liberty and security of person."),
		                   NULL),
		             block(MS_BLOCK_PARAGRAPH,
		                   txt("Universal Declaration of Human Rights, article 3"),
		                   NULL),
		             NULL)),
		NULL);
	l->body->next->level = 2;

	set(&l->closing, "Sincerely,");
	l->signed_as_of = (ms_date){ 2025, 7, 9 };
	l->as_of_text = ms_xstrdup("July 9, 2025");
	l->groups = signatory("Centro para la Apertura y el Desarrollo de América Latina (CADAL)", NULL,
	            signatory("Committee for Human Rights in North Korea (HRNK)", NULL, NULL));
	l->individuals = signatory("Lord Alton of Liverpool", "Independent Crossbench Member, House of Lords, United Kingdom",
	                 signatory("Roberta Cohen", "Former Co-Chair, Committee for Human Rights in North Korea; Non-Resident Senior Fellow, Brookings Institution", NULL));
	return l;
}

static const char korean_paragraph[] =
	"우리 서명 단체와 개인들은 대한민국 정부가 제80차 유엔 총회에서 "
	"북한 인권 결의안의 공동 제안국으로 참여할 것을 촉구하기 위하여 "
	"이 서한을 보냅니다. 북한 주민들의 인권 상황은 여전히 심각하며 "
	"국제 사회의 지속적인 관심이 필요합니다.";

static ms_letter *
korean_letter(void)
{
	ms_letter *l = ms_letter_new();
	ms_recipient *r;

	l->lang = ms_xstrdup("ko");
	l->source_lang = ms_xstrdup("en");
	l->date = (ms_date){ 2025, 10, 28 };
	l->date_text = ms_xstrdup("2025년 10월 28일");
	set_label(&l->labels.subject, "제목:");
	set_label(&l->labels.cc, "참조.");
	set_label(&l->labels.fax, "팩스:");
	set_label(&l->labels.signatories, "서명");
	set_label(&l->labels.as_of, "%s 기준");
	set_label(&l->labels.groups, "단체");

	r = person("이재명", "대한민국 대통령", NULL);
	r->address = lines("서울특별시 용산구 이태원로 22", NULL);
	r->fax = lines("+82 2-770-4721", NULL);
	l->recipients = r;
	r = person("김민석", "국무총리", "국무조정실");
	r->next = person("조현", "외교부 장관", NULL);
	l->cc = r;
	set(&l->subject, "2025년 북한 인권 결의안");
	set(&l->salutation, "이재명 대통령님께,");
	l->body = block(MS_BLOCK_PARAGRAPH, txt(korean_paragraph), NULL);
	set(&l->closing, "감사합니다.");
	l->as_of_text = ms_xstrdup("2025년 7월 9일");
	l->groups = signatory("북한인권시민연합", NULL, NULL);
	return l;
}

/* ------------------------------------------------------------ host */

static const ms_plugin_info *
info_by_path(const ms_plugin_host *host, const char *path)
{
	for (size_t i = 0; i < ms_plugin_host_count(host); i++) {
		const ms_plugin_info *in = ms_plugin_host_get(host, i);
		if (strcmp(in->path, path) == 0)
			return in;
	}
	return NULL;
}

static bool
contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

/* Returns the text plugin; *KEEP is the host that holds it loaded. */
static const ms_plugin *
test_host(const char *junk_dir, const char *shadow_dir, ms_plugin_host **keep)
{
	ms_buf diags = MS_BUF_INIT, search = MS_BUF_INIT, want = MS_BUF_INIT;
	ms_diag_handler h = { collect, &diags, 0, 0 };
	ms_plugin_host *host = NULL, *first;
	const ms_plugin_info *in;
	const ms_plugin *text, *p;
	char junk[4096];
	size_t before;

	ms_buf_printf(&search, "%s:%s:%s:%s", PLUGINS, TEST_PLUGINS, junk_dir,
	              PLUGINS);
	INT_EQ(ms_plugin_host_new(search.ptr, &host, &h), MS_OK,
	       "host scans the build tree");
	INT_EQ(h.errors, 0, "broken modules are not errors");

	in = info_by_path(host, PLUGINS "/text.la");
	OK(in != NULL, "text.la is listed");
	if (!in) {
		ms_plugin_host_free(host);
		ms_buf_release(&diags);
		ms_buf_release(&search);
		ms_buf_release(&want);
		return NULL;
	}
	INT_EQ(in->state, MS_PLUGIN_OK, "text is OK");
	STR_EQ(in->name, "text", "text is named by its descriptor");
	OK(in->version && *in->version, "text has a version");
	OK(in->summary && *in->summary, "text has a summary");
	STR_EQ(in->extensions ? in->extensions[0] : NULL, "txt", "text writes txt");
	OK(in->plugin != NULL, "text has a descriptor");
	INT_EQ(in->abi_major, MS_PLUGIN_ABI_MAJOR, "text's ABI major");
	INT_EQ(in->abi_minor, MS_PLUGIN_ABI_MINOR, "text's ABI minor");
	OK(in->reason == NULL, "text has no reason to be unusable");
	text = in->plugin;

	/* The build tree's plugins folder was given twice: scanned once. */
	{
		size_t texts = 0;
		for (size_t i = 0; i < ms_plugin_host_count(host); i++)
			if (strcmp(ms_plugin_host_get(host, i)->path, PLUGINS "/text.la") == 0)
				texts++;
		INT_EQ(texts, 1, "a folder given twice is scanned once");
	}
	OK(ms_plugin_host_get(host, ms_plugin_host_count(host)) == NULL,
	   "get past the end is NULL");

	in = info_by_path(host, TEST_PLUGINS "/badabi.la");
	OK(in != NULL, "badabi.la is listed");
	if (in) {
		ms_buf_reset(&want);
		ms_buf_printf(&want, "built for plugin ABI %d.0, this missive speaks %d.%d",
		              MS_PLUGIN_ABI_MAJOR + 1, MS_PLUGIN_ABI_MAJOR,
		              MS_PLUGIN_ABI_MINOR);
		INT_EQ(in->state, MS_PLUGIN_REFUSED, "badabi is refused");
		OK(contains(in->reason, TEST_PLUGINS "/badabi.la"),
		   "badabi's reason names the path: %s", in->reason);
		OK(contains(in->reason, want.ptr),
		   "badabi's reason gives both versions");
		INT_EQ(in->abi_major, MS_PLUGIN_ABI_MAJOR + 1, "badabi's ABI as found");
		OK(in->plugin == NULL && in->extensions == NULL,
		   "badabi is not usable");
	}

	in = info_by_path(host, TEST_PLUGINS "/newminor.la");
	OK(in != NULL, "newminor.la is listed");
	if (in) {
		ms_buf_reset(&want);
		ms_buf_printf(&want, "built for plugin ABI %d.%d, this missive speaks %d.%d",
		              MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR + 1,
		              MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR);
		INT_EQ(in->state, MS_PLUGIN_REFUSED, "a newer minor ABI is refused");
		OK(contains(in->reason, want.ptr), "newminor's reason: %s", in->reason);
		STR_EQ(in->name, "newminor", "a newer minor's name is still read");
	}

	in = info_by_path(host, TEST_PLUGINS "/noentry.la");
	OK(in != NULL, "noentry.la is listed");
	if (in) {
		INT_EQ(in->state, MS_PLUGIN_FAILED, "noentry failed");
		OK(contains(in->reason, "does not export missive_plugin_describe: not a missive plugin, or built for another version?"),
		   "noentry's reason has the hint: %s", in->reason);
		OK(contains(in->reason, TEST_PLUGINS "/noentry.la"),
		   "noentry's reason names the path");
		STR_EQ(in->name, "noentry", "a failed module is named by its file");
		OK(in->version == NULL, "no version when not loaded");
	}

	in = info_by_path(host, TEST_PLUGINS "/empty.la");
	OK(in != NULL, "empty.la is listed");
	if (in) {
		INT_EQ(in->state, MS_PLUGIN_REFUSED, "empty is refused");
		OK(contains(in->reason, "lists no file extensions"),
		   "empty's reason: %s", in->reason);
	}

	in = info_by_path(host, TEST_PLUGINS "/nulldesc.la");
	OK(in != NULL, "nulldesc.la is listed");
	if (in) {
		INT_EQ(in->state, MS_PLUGIN_FAILED, "no descriptor: failed");
		OK(contains(in->reason, "returned no descriptor"),
		   "nulldesc's reason: %s", in->reason);
	}

	snprintf(junk, sizeof junk, "%s/junk.so", junk_dir);
	in = info_by_path(host, junk);
	OK(in != NULL, "junk.so is listed");
	if (in) {
		INT_EQ(in->state, MS_PLUGIN_FAILED, "junk.so failed");
		OK(contains(in->reason, junk), "junk's reason names the path: %s",
		   in->reason);
		OK(contains(in->reason, "run ldd on it"), "junk's reason has the ldd hint");
		STR_EQ(in->name, "junk", "junk is named by its file");
	}

	/* Stable order: file names sorted within each folder. */
	{
		const char *order[] = { "badabi", "empty", "newminor", "noentry",
		                        "nulldesc" };
		size_t k = 0;
		for (size_t i = 0; i < ms_plugin_host_count(host) && k < 5; i++) {
			in = ms_plugin_host_get(host, i);
			if (strncmp(in->path, TEST_PLUGINS "/", strlen(TEST_PLUGINS) + 1) == 0
			    && strcmp(in->name, order[k]) == 0)
				k++;
		}
		INT_EQ(k, 5, "test modules come in file name order");
	}

	p = ms_plugin_host_find(host, "txt", &h);
	OK(p == text, "find(\"txt\")");
	p = ms_plugin_host_find(host, "TXT", &h);
	OK(p == text, "find is case-insensitive");
	p = ms_plugin_host_find(host, "text", &h);
	OK(p == text, "find(\"text\") by name");
	p = ms_plugin_host_find(host, ".txt", &h);
	OK(p == text, "find(\".txt\")");
	INT_EQ(h.errors, 0, "no errors when found");

	before = h.errors;
	ms_buf_reset(&diags);
	p = ms_plugin_host_find(host, "nope", &h);
	OK(p == NULL, "find(\"nope\") fails");
	INT_EQ(h.errors, before + 1, "one error for an unknown format");
	OK(contains(diags.ptr, "no plugin writes \"nope\"; available: ")
	   && contains(diags.ptr, "txt (text)"),
	   "the error lists what is available: %s", diags.ptr);
	OK(!contains(diags.ptr, "bad (badabi)"), "refused modules are not offered");

	ms_buf_reset(&diags);
	p = ms_plugin_host_find(host, "badabi", &h);
	OK(p == NULL, "a refused module is not found");
	OK(contains(diags.ptr, "plugin \"badabi\" is unusable: ")
	   && contains(diags.ptr, "this missive speaks"),
	   "and the note says why: %s", diags.ptr);
	ms_buf_reset(&diags);
	p = ms_plugin_host_find(host, "junk", &h);
	OK(p == NULL && contains(diags.ptr, "run ldd"),
	   "a failed module's note says why");
	p = ms_plugin_host_find(host, "", &h);
	OK(p == NULL, "find(\"\") fails");
	first = host;

	/* A second copy of a plugin later in the path is shadowed. */
	if (shadow_dir) {
		ms_buf_reset(&search);
		ms_buf_printf(&search, "%s:%s", PLUGINS, shadow_dir);
		INT_EQ(ms_plugin_host_new(search.ptr, &host, &h), MS_OK,
		       "host with a shadowed copy");
		ms_buf_reset(&want);
		ms_buf_printf(&want, "%s/text.so", shadow_dir);
		in = info_by_path(host, want.ptr);
		OK(in && in->state == MS_PLUGIN_REFUSED
		   && contains(in->reason, "shadowed by \"text\"")
		   && contains(in->reason, PLUGINS "/text.la"),
		   "the later copy is listed as shadowed: %s",
		   in ? in->reason : "(missing)");
		in = info_by_path(host, PLUGINS "/text.la");
		OK(in && in->state == MS_PLUGIN_OK, "the first copy stays OK");
		ms_plugin_host_free(host);
	}

	/* NULL search: $MISSIVE_PLUGIN_PATH, then PKGLIBDIR. */
	setenv("MISSIVE_PLUGIN_PATH", junk_dir, 1);
	INT_EQ(ms_plugin_host_new(NULL, &host, &h), MS_OK,
	       "host from MISSIVE_PLUGIN_PATH");
	in = info_by_path(host, junk);
	OK(in && in->state == MS_PLUGIN_FAILED,
	   "MISSIVE_PLUGIN_PATH is searched");
	ms_plugin_host_free(host);

	/* No plugins at all: find says where it looked. */
	INT_EQ(ms_plugin_host_new(TOP_BUILDDIR "/no/such/folder", &host, &h),
	       MS_OK, "a missing folder is not an error");
	INT_EQ(ms_plugin_host_count(host), 0, "and holds no plugins");
	ms_buf_reset(&diags);
	OK(ms_plugin_host_find(host, "txt", &h) == NULL
	   && contains(diags.ptr, "no/such/folder"),
	   "find names the folders searched: %s", diags.ptr);
	ms_plugin_host_free(host);
	ms_plugin_host_free(NULL);

	ms_buf_release(&diags);
	ms_buf_release(&search);
	ms_buf_release(&want);
	*keep = first;
	return text;
}

/* ------------------------------------------------------------ text */

static char *
render(const ms_plugin *text, const ms_letter *l, const ms_locale *loc)
{
	ms_buf out = MS_BUF_INIT;
	ms_diag_handler h = { NULL, NULL, 0, 0 };
	ms_status st = ms_plugin_render_buf(text, l, loc, &out, &h);
	if (st != MS_OK || h.errors) {
		printf("# render failed: %s\n", ms_strerror(st));
		ms_buf_release(&out);
		return NULL;
	}
	return ms_buf_detach(&out, NULL);
}

static void
check_expected(const char *got, const char *file, const char *what)
{
	char *want = slurp(file);
	STR_EQ(got, want, "%s matches %s", what, file);
	if (getenv("MISSIVE_TEST_DUMP") && got) {
		/* MISSIVE_TEST_DUMP=DIR writes what was made to DIR, to be
		 * reviewed and copied over the expected file by hand. */
		ms_buf dump = MS_BUF_INIT;
		FILE *f;
		ms_buf_printf(&dump, "%s/%s", getenv("MISSIVE_TEST_DUMP"),
		              strrchr(file, '/') + 1);
		f = fopen(dump.ptr, "w");
		if (f) {
			fputs(got, f);
			fclose(f);
		}
		ms_buf_release(&dump);
	}
	free(want);
}

static void
test_text_english(const ms_plugin *text)
{
	ms_letter *l = english_letter();
	ms_locale loc;
	char *out;
	bool trailing;

	init_locale(&loc, "en", 0);
	out = render(text, l, &loc);
	OK(out != NULL, "English letter renders");
	if (out) {
		size_t n = strlen(out);
		check_expected(out, DATA "/letter-en.txt", "English letter");
		OK(strncmp(out, "October 28, 2025\n\nLee Jae-myung\nPresident of the Republic of Korea\n", 67) == 0,
		   "date line, then the recipient block");
		OK(contains(out, "\nFax: +82 2-770-4721\nE-mail: president.go.kr\n\nChung Dong-young\n"),
		   "fax and e-mail lines, blank line between recipients");
		OK(contains(out, "\nCC. Prime Minister Kim Min-seok\n    Office for Government Policy Coordination\n    261 Dasom-ro, Sejong-si 30107\n    Fax: +82 44-200-2001\n    Fax: +82 44-200-2002\n\n    Minister of Foreign Affairs Cho Hyun\n"),
		   "cc entries align after the label");
		OK(contains(out, "80th Session"), "sup is flattened");
		OK(contains(out, "\nRe: 2025 North Korean Human Rights Resolution at the 80th Session of the\n    United Nations General Assembly\n"),
		   "subject wraps with a hanging indent");
		OK(contains(out, "the report <https://example.org/report>"),
		   "link as text <url>");
		OK(contains(out, "see https://example.org or\nwrite to info@example.org.\n"),
		   "links whose text is the url (or mailto) print once");
		OK(contains(out, ".\nRun missive build.\n"),
		   "hard break, code as is, inline HTML dropped");
		OK(contains(out, "\nOur requests\n------------\n"), "level 2 heading underlined");
		OK(contains(out, "\n- Co-sponsor the resolution.\n- Support"), "tight list");
		OK(contains(out, "\n1. First, co-sponsor.\n\n2. Second,"), "loose ordered list");
		OK(contains(out, "\n> Everyone has the right to life, liberty and security of person.\n>\n> Universal"),
		   "block quote");
		OK(contains(out, "\nSignatories (as of July 9, 2025)\n\nGroups\n"),
		   "signatories heading with the as-of date");
		OK(contains(out, "\nLord Alton of Liverpool / Independent Crossbench Member, House of Lords,\n  United Kingdom\n"),
		   "individuals as name / affiliation, wrapped");
		OK(n > 2 && out[n - 1] == '\n' && out[n - 2] != '\n',
		   "ends with exactly one newline");
		INT_EQ(widest_line(out, &trailing) <= 72, 1, "no line wider than 72");
		OK(!trailing, "no trailing blanks");
		OK(!contains(out, "DRAFT"), "no draft mark unless asked");
		free(out);
	}

	/* Narrower: every wrapped line still fits, but a URL, which is
	 * never broken. */
	for (int width = 20; width <= 60; width += 8) {
		init_locale(&loc, "en", width);
		out = render(text, l, &loc);
		widest_line(out ? out : "", &trailing);
		OK(out && fits_but_urls(out, width) && !trailing,
		   "width %d: no line wider but a URL, no trailing blanks", width);
		free(out);
	}

	/* Draft mark. */
	init_locale(&loc, "en", 0);
	loc.draft = true;
	out = render(text, l, &loc);
	OK(out && strncmp(out, "[DRAFT]\n\nOctober 28, 2025\n", 26) == 0,
	   "draft mark first, then a blank line");
	free(out);
	ms_letter_free(l);
}

static void
test_text_korean(const ms_plugin *text)
{
	ms_letter *l = korean_letter();
	ms_locale loc;
	char *out;
	bool trailing;

	init_locale(&loc, "ko", 40);
	loc.name_after_title = true;
	loc.recipient_suffix = "귀하";
	loc.date_align = "right";
	loc.line_break = "keep-all";   /* what the Korean profile says */
	out = render(text, l, &loc);
	OK(out != NULL, "Korean letter renders");
	if (out) {
		ms_buf joined = MS_BUF_INIT;
		const char *p = strstr(out, "\n우리 ");
		check_expected(out, DATA "/letter-ko.txt", "Korean letter");
		/* 2025년 10월 28일: 16 columns, after 24 spaces. */
		OK(strncmp(out, "                        2025년 10월 28일\n", 44) == 0,
		   "date right-aligned in 40 columns");
		OK(contains(out, "\n대한민국 대통령 이재명 귀하\n서울특별시 용산구 이태원로 22\n팩스: +82 2-770-4721\n"),
		   "title before name, then the suffix");
		OK(contains(out, "\n참조. 국무총리 김민석 귀하\n      국무조정실\n\n      외교부 장관 조현 귀하\n"),
		   "cc aligned by the label's display width");
		OK(contains(out, "\n서명 (2025년 7월 9일 기준)\n\n단체\n북한인권시민연합\n"),
		   "as-of label with the date in its place");
		INT_EQ(widest_line(out, &trailing) <= 40, 1,
		       "no line wider than 40 columns, Hangul counted as 2");
		OK(!trailing, "no trailing blanks");
		/* The paragraph breaks only at spaces: joined back with spaces
		 * it is whole again, and it took several lines. */
		if (p) {
			int count = 0;
			p++;
			while (*p && *p != '\n') {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				if (joined.len)
					ms_buf_putc(&joined, ' ');
				ms_buf_put(&joined, p, n);
				count++;
				p += n + (nl ? 1 : 0);
			}
			STR_EQ(joined.ptr, korean_paragraph,
			       "the Korean paragraph loses nothing and breaks between words");
			OK(count >= 5, "and takes %d lines", count);
		} else {
			OK(0, "the Korean paragraph is there");
		}
		ms_buf_release(&joined);
		free(out);
	}
	ms_letter_free(l);
}

/* Keep-all keeps a Korean word whole with what is attached to it: ICU
 * would end a line before "(" after Hangul, after a middle dot, or
 * before a particle after ")" ("조선민주주의인민공화국⏎(북한)",
 * "인종·⏎성별"), which a Korean reader sees as a word cut in two. */
static void
test_text_keep_all_attached(const ms_plugin *text)
{
	static const char para[] =
		"유엔 총회는 조선민주주의인민공화국(북한)은 인종·성별·종교에 "
		"따른 차별을 멈추라고 「북한인권법」(2016년)과 함께 "
		"\u201c즉시\u201d 촉구했습니다.";
	ms_letter *l = ms_letter_new();
	ms_locale loc;
	int bad = 0, first_bad = 0;

	l->body = block(MS_BLOCK_PARAGRAPH, txt(para), NULL);
	/* the longest word, "조선민주주의인민공화국(북한)은", is 30 columns */
	for (int width = 30; width <= 60; width++) {
		ms_buf joined = MS_BUF_INIT;
		char *out;
		init_locale(&loc, "ko", width);
		loc.line_break = "keep-all";
		out = render(text, l, &loc);
		for (const char *p = out ? out : ""; *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			if (joined.len)
				ms_buf_putc(&joined, ' ');
			ms_buf_put(&joined, p, n);
			p += n + (nl ? 1 : 0);
		}
		if (!out || strcmp(joined.ptr ? joined.ptr : "", para)) {
			if (!bad++)
				first_bad = width;
			printf("# width %d:\n%s", width, out ? out : "(failed)\n");
		}
		ms_buf_release(&joined);
		free(out);
	}
	INT_EQ(bad, 0, "keep-all: lines end only at spaces, never before an "
	       "attached bracket or after a middle dot (widths 30 to 60; "
	       "first wrong: %d)", first_bad);

	/* without keep-all, ICU's rules: Hangul may break anywhere */
	init_locale(&loc, "ko", 30);
	{
		char *out = render(text, l, &loc);
		OK(out && strstr(out, "조선민주주의인민공화국(북한)은") == NULL,
		   "normal line breaking does split that word at 30 columns");
		free(out);
	}
	ms_letter_free(l);
}

static void
test_text_edges(const ms_plugin *text)
{
	ms_letter *l = ms_letter_new();
	ms_locale loc;
	ms_buf word = MS_BUF_INIT, flat = MS_BUF_INIT;
	char *out;
	bool trailing;

	/* A 200-character word in 30 columns is cut at the width. */
	while (word.len < 200)
		ms_buf_putc(&word, 'x' + (int)(word.len % 3));
	l->body = block(MS_BLOCK_PARAGRAPH, txt(word.ptr), NULL);
	init_locale(&loc, "en", 30);
	out = render(text, l, &loc);
	OK(out != NULL, "a long word renders");
	if (out) {
		for (const char *p = out; *p; p++)
			if (*p != '\n')
				ms_buf_putc(&flat, *p);
		STR_EQ(flat.ptr, word.ptr, "the long word is whole across its lines");
		INT_EQ(widest_line(out, &trailing), 30, "cut at exactly the width");
		OK(strchr(out, '\n') != out + strlen(out) - 1, "on several lines");
		free(out);
	}

	/* A URL is never broken: on a line of its own, longer than the
	 * width, and the words around it wrap as usual. */
	ms_buf_reset(&word);
	ms_buf_puts(&word, "https://example.org/a/b-c/");
	while (word.len < 90)
		ms_buf_putc(&word, 'x' + (int)(word.len % 3));
	ms_buf_reset(&flat);
	ms_buf_printf(&flat, "See %s, then mailto:someone@example.org.", word.ptr);
	ms_block_free(l->body);
	l->body = block(MS_BLOCK_PARAGRAPH, txt(flat.ptr), NULL);
	out = render(text, l, &loc);
	ms_buf_reset(&flat);
	ms_buf_printf(&flat, "See\n%s,\nthen\nmailto:someone@example.org.\n",
	              word.ptr);
	STR_EQ(out, flat.ptr, "a URL is whole on one line, even past the width");
	free(out);

	/* Wide characters with no break opportunity at all. */
	ms_block_free(l->body);
	l->body = block(MS_BLOCK_PARAGRAPH,
	                txt("가나다라마바사아자차카타파하가나다라마바사아자차카타파하"),
	                NULL);
	init_locale(&loc, "ko", 11);
	out = render(text, l, &loc);
	STR_EQ(out, "가나다라마\n바사아자차\n카타파하가\n나다라마바\n사아자차카\n타파하\n",
	       "a long Korean word is cut at 10 columns, never 12");
	free(out);

	/* Quotes nested 60 deep: the prefix stops growing at half the line,
	 * with one warning, and the text keeps whole words per line. */
	{
		ms_block *deep = block(MS_BLOCK_PARAGRAPH,
		                       txt("the deepest words of the letter"), NULL);
		ms_buf got = MS_BUF_INIT, diags = MS_BUF_INIT;
		ms_diag_handler h = { collect, &diags, 0, 0 };
		for (int i = 0; i < 60; i++)
			deep = block(MS_BLOCK_QUOTE, NULL, deep);
		ms_block_free(l->body);
		l->body = deep;
		init_locale(&loc, "en", 72);
		INT_EQ(ms_plugin_render_buf(text, l, &loc, &got, &h), MS_OK,
		       "quotes nested 60 deep render");
		OK(contains(got.ptr, "> the deepest words of the letter\n"),
		   "the deepest text is whole on its line");
		OK(widest_line(got.ptr, &trailing) <= 72, "and fits the width");
		INT_EQ(h.warnings, 1, "one warning says the nesting was capped: %s",
		       diags.ptr);
		ms_buf_release(&got);
		ms_buf_release(&diags);
	}

	/* How a link's address is shown on paper (missive.yaml paper-links). */
	ms_block_free(l->body);
	l->body = block(MS_BLOCK_PARAGRAPH,
	                seq(txt("Read "), link_to("https://a.org/x", "our site"),
	                    txt(" and "), link_to("https://b.org/", "https://b.org/"),
	                    txt("."), NULL), NULL);
	{
		static const struct { const char *mode, *want; } modes[] = {
			{ "after", "Read our site <https://a.org/x> and https://b.org/.\n" },
			{ "hidden", "Read our site and https://b.org/.\n" },
			{ "footnote", "Read our site[1] and https://b.org/.\n\n"
			              "[1] https://a.org/x\n" },
		};
		for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
			init_locale(&loc, "en", 72);
			loc.paper_links = modes[i].mode;
			out = render(text, l, &loc);
			STR_EQ(out, modes[i].want, "paper-links: %s", modes[i].mode);
			free(out);
		}
	}

	/* Terminal controls from a translation never reach the file. */
	ms_block_free(l->body);
	l->body = block(MS_BLOCK_PARAGRAPH,
	                txt("red \x1b[31mtext\x1b[0m, bell \x07, back\x08space, "
	                    "csi \xc2\x9b" "2J, del \x7f, bad \xff byte"), NULL);
	set_label(&l->labels.subject, "Re\x1b]0;title\x07:");
	set(&l->subject, "a \x1b[5m subject");
	init_locale(&loc, "en", 72);
	out = render(text, l, &loc);
	OK(out != NULL, "text with terminal controls renders");
	if (out) {
		bool clean = true;
		for (const unsigned char *p = (const unsigned char *)out; *p; p++)
			if ((*p < 0x20 && *p != '\n') || *p == 0x7f
			    || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
				clean = false;
		OK(clean, "no C0 control but line feed, no DEL, no C1 control");
		OK(contains(out, "red [31mtext[0m, bell , backspace, csi 2J, del , "
		            "bad \xef\xbf\xbd byte"),
		   "the rest of the text stays, a bad byte as U+FFFD: %s", out);
		OK(contains(out, "Re]0;title: a [5m subject"),
		   "a label is cleaned too");
		free(out);
	}
	set_label(&l->labels.subject, "Re:");
	ms_text_release(&l->subject);

	/* ISO date when the letter was not localised; nothing else set. */
	ms_block_free(l->body);
	l->body = NULL;
	l->date = (ms_date){ 2025, 10, 28 };
	init_locale(&loc, "en", 0);
	out = render(text, l, &loc);
	STR_EQ(out, "2025-10-28\n", "ISO date fallback, one newline");
	free(out);

	/* An empty letter is one empty line. */
	l->date = (ms_date){ 0, 0, 0 };
	out = render(text, l, &loc);
	STR_EQ(out, "\n", "an empty letter");
	free(out);

	/* Odd but possible input: a copy with only a fax, empty fields,
	 * a link without a url, a text node without text, bad UTF-8, a
	 * tab; a list nested in a list in a quote. */
	{
		ms_block *inner, *outer, *it;
		l->cc = person(NULL, NULL, NULL);
		l->cc->fax = lines("+1 555 0100", NULL);
		l->cc->next = person("", "", "");
		inner = block(MS_BLOCK_LIST, NULL, item("nested"));
		inner->tight = true;
		it = item("one");
		it->children->next = inner;
		outer = block(MS_BLOCK_LIST, NULL, blocks(it, item("two"), NULL));
		outer->tight = true;
		outer->ordered = true;
		outer->start = 9;
		l->body = blocks(
			block(MS_BLOCK_PARAGRAPH,
			      seq(txt("a"), span(MS_INLINE_LINK, txt("b")),
			          node(MS_INLINE_TEXT, NULL), txt("c\xff" "d\te"),
			          NULL),
			      NULL),
			block(MS_BLOCK_QUOTE, NULL, outer),
			block(MS_BLOCK_BREAK, NULL, NULL),
			block(MS_BLOCK_HEADING, txt("Title"), NULL),
			NULL);
		l->body->next->next->next->level = 1;
		out = render(text, l, &loc);
		STR_EQ(out, "CC. Fax: +1 555 0100\n\n"
		            "abc\xef\xbf\xbd" "d e\n\n"
		            "> 9.  one\n"
		            ">     - nested\n"
		            "> 10. two\n\n"
		            "* * *\n\n"
		            "Title\n=====\n",
		       "odd input renders without loss or crash");
		free(out);
	}

	ms_buf_release(&word);
	ms_buf_release(&flat);
	ms_letter_free(l);
}

/* ------------------------------------------------------------ files */

static ms_status
failing_render(const ms_letter *l, const ms_locale *loc, ms_output *out,
               ms_diag_handler *h)
{
	ms_output_puts(out, "half a letter");
	return MS_ERR_RENDER;
}

static ms_status
naming_render(const ms_letter *l, const ms_locale *loc, ms_output *out,
              ms_diag_handler *h)
{
	const char *name = ms_output_name(out);
	ms_status st = ms_output_printf(out, "%s|%d|", name ? name : "(none)", 42);
	if (st == MS_OK)
		st = ms_output_write(out, "ab\0c", 4);
	return st;
}

static const char *const fake_exts[] = { "fake", NULL };
static const ms_plugin failing_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"failing", "fails", "1", fake_exts, 0, failing_render, { NULL }
};
static const ms_plugin naming_plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"naming", "names", "1", fake_exts, 0, naming_render, { NULL }
};

static void
test_files(const ms_plugin *text, const char *dir)
{
	ms_buf diags = MS_BUF_INIT, buf = MS_BUF_INIT, path = MS_BUF_INIT;
	ms_diag_handler h = { collect, &diags, 0, 0 };
	ms_letter *l = english_letter();
	ms_locale loc;
	char *got, *mem;
	struct stat st;

	init_locale(&loc, "en", 0);
	ms_buf_printf(&path, "%s/letter.txt", dir);
	INT_EQ(ms_plugin_render_file(text, l, &loc, path.ptr, &h), MS_OK,
	       "render_file succeeds");
	INT_EQ(h.errors, 0, "without errors");
	got = slurp(path.ptr);
	mem = render(text, l, &loc);
	OK(got && mem && strcmp(got, mem) == 0, "the file holds what render_buf makes");
	INT_EQ(dir_entries(dir), 1, "no temporary file is left beside it");
	free(got);
	free(mem);

	/* A failed render leaves the old file alone and no new one. */
	INT_EQ(ms_plugin_render_file(&failing_plugin, l, &loc, path.ptr, &h),
	       MS_ERR_RENDER, "a failing plugin's status comes back");
	OK(contains(diags.ptr, "plugin \"failing\" failed"),
	   "and is reported: %s", diags.ptr);
	got = slurp(path.ptr);
	OK(got && strncmp(got, "October 28, 2025\n", 17) == 0,
	   "the previous file is intact");
	free(got);
	ms_buf_reset(&path);
	ms_buf_printf(&path, "%s/failed.txt", dir);
	ms_plugin_render_file(&failing_plugin, l, &loc, path.ptr, &h);
	OK(stat(path.ptr, &st) != 0, "a failed render leaves no file");
	INT_EQ(dir_entries(dir), 1, "nor any temporary file");

	ms_buf_puts(&buf, "keep");
	INT_EQ(ms_plugin_render_buf(&failing_plugin, l, &loc, &buf, &h),
	       MS_ERR_RENDER, "render_buf reports the failure");
	STR_EQ(buf.ptr, "keep", "and takes back what the plugin wrote");

	/* The output sink: name, printf, binary-safe write. */
	ms_buf_reset(&path);
	ms_buf_printf(&path, "%s/named.fake", dir);
	INT_EQ(ms_plugin_render_file(&naming_plugin, l, &loc, path.ptr, &h),
	       MS_OK, "a plugin sees the output's name");
	{
		char *data = NULL;
		size_t len = 0;
		ms_buf want = MS_BUF_INIT;
		ms_buf_printf(&want, "%s|42|ab", path.ptr);
		ms_buf_put(&want, "\0c", 2);
		ms_read_file(path.ptr, &data, &len, NULL);
		OK(data && len == want.len && memcmp(data, want.ptr, len) == 0,
		   "ms_output_name, _printf and _write");
		free(data);
		ms_buf_release(&want);
		unlink(path.ptr);
	}
	ms_buf_reset(&buf);
	INT_EQ(ms_plugin_render_buf(&naming_plugin, l, &loc, &buf, &h), MS_OK,
	       "render into memory");
	OK(strncmp(buf.ptr, "(none)|42|ab", 12) == 0 && buf.len == 14,
	   "memory output has no name");

	/* Into a folder that does not exist: an error, and nothing made. */
	ms_buf_reset(&diags);
	ms_buf_reset(&path);
	ms_buf_printf(&path, "%s/missing/letter.txt", dir);
	INT_EQ(ms_plugin_render_file(text, l, &loc, path.ptr, &h), MS_ERR_IO,
	       "render into a missing folder fails");
	OK(diags.len > 0, "with an error: %s", diags.ptr);
	ms_buf_reset(&path);
	ms_buf_printf(&path, "%s/missing", dir);
	OK(stat(path.ptr, &st) != 0, "and creates nothing");
	INT_EQ(dir_entries(dir), 1, "the folder holds only the first file");

	/* Bad arguments are errors, not crashes. */
	INT_EQ(ms_plugin_render_buf(NULL, l, &loc, &buf, &h), MS_ERR_USAGE,
	       "no plugin: usage error");
	INT_EQ(ms_plugin_render_file(text, l, &loc, NULL, &h), MS_ERR_USAGE,
	       "no path: usage error");
	INT_EQ(ms_output_puts(NULL, "x"), MS_ERR_USAGE, "no output: usage error");

	ms_buf_reset(&path);
	ms_buf_printf(&path, "%s/letter.txt", dir);
	unlink(path.ptr);
	ms_letter_free(l);
	ms_buf_release(&diags);
	ms_buf_release(&buf);
	ms_buf_release(&path);
}

/* A plugin built against plugin ABI 1.0 (tests/plugins/abi10.c, with its
 * own copy of the 1.0 declarations) is loaded and run by this host, and
 * reads through the 1.0 layout the locale this host filled. */
static void
test_abi10(void)
{
	ms_buf diags = MS_BUF_INIT, want = MS_BUF_INIT;
	ms_diag_handler h = { collect, &diags, 0, 0 };
	ms_plugin_host *host = NULL;
	const ms_plugin_info *in;
	const ms_plugin *p;
	ms_letter *l = ms_letter_new();
	ms_locale loc;
	char *out;

	INT_EQ(ms_plugin_host_new(TEST_PLUGINS, &host, &h), MS_OK,
	       "host scans the test modules");
	in = info_by_path(host, TEST_PLUGINS "/abi10.la");
	OK(in && in->state == MS_PLUGIN_OK,
	   "a plugin built against ABI 1.0 is accepted: %s",
	   in && in->reason ? in->reason : "(no reason)");
	OK(in && in->abi_major == 1 && in->abi_minor == 0
	   && MS_PLUGIN_ABI_MINOR > 0,
	   "it says 1.0, this host speaks %d.%d", MS_PLUGIN_ABI_MAJOR,
	   MS_PLUGIN_ABI_MINOR);
	p = ms_plugin_host_find(host, "abi10", &h);
	OK(p != NULL, "and is found by its extension");

	ms_text_set(&l->subject, "Subject", ms_reader_parse_inline("*Subject*", 9));
	l->date.year = 2025;
	l->date.month = 10;
	l->date.day = 28;
	free(l->lang);
	l->lang = ms_xstrdup("ko");
	ms_localize_dates(l, NULL);
	ms_locale_init(&loc, NULL, "ko", true);
	ms_buf_printf(&want,
	        "lang=ko\nsource_lang=en\npaper=a4\nsize=%.3f x %.3f\n"
	        "text_width=72\ndraft=1\ndate_align=right\nname_after_title=1\n"
	        "recipient_suffix=귀하\nfont_serif=%s\nfont_sans=%s\n"
	        "generator=%s\nsubject=Subject\ndate_text=2025년 10월 28일\n",
	        loc.paper_width_pt, loc.paper_height_pt, loc.font_serif,
	        loc.font_sans, loc.generator);
	out = p ? render(p, l, &loc) : NULL;
	STR_EQ(out, want.ptr, "it reads the 1.0 members of the locale as filled");
	free(out);
	ms_letter_free(l);
	ms_plugin_host_free(host);
	ms_buf_release(&diags);
	ms_buf_release(&want);
}

int
main(void)
{
	char tmpl[] = "/tmp/missive-test-plugin-XXXXXX";
	char *dir = mkdtemp(tmpl);
	ms_buf junk_dir = MS_BUF_INIT, junk = MS_BUF_INIT, shadow = MS_BUF_INIT,
	       link_path = MS_BUF_INIT, files = MS_BUF_INIT;
	const ms_plugin *text;
	ms_plugin_host *host = NULL;
	bool have_shadow;

	if (!dir) {
		OK(0, "cannot make a temporary folder");
		return done_testing();
	}
	ms_buf_printf(&junk_dir, "%s/junk", dir);
	ms_buf_printf(&junk, "%s/junk.so", junk_dir.ptr);
	ms_buf_printf(&shadow, "%s/shadow", dir);
	ms_buf_printf(&link_path, "%s/text.so", shadow.ptr);
	ms_buf_printf(&files, "%s/files", dir);
	mkdir(junk_dir.ptr, 0700);
	mkdir(shadow.ptr, 0700);
	mkdir(files.ptr, 0700);
	write_junk(junk.ptr);
	have_shadow = symlink(PLUGINS "/.libs/text.so", link_path.ptr) == 0
	              && access(link_path.ptr, R_OK) == 0;

	text = test_host(junk_dir.ptr, have_shadow ? shadow.ptr : NULL, &host);
	if (text) {
		test_text_english(text);
		test_text_korean(text);
		test_text_keep_all_attached(text);
		test_text_edges(text);
		test_files(text, files.ptr);
	}
	ms_plugin_host_free(host);
	test_abi10();

	unlink(junk.ptr);
	unlink(link_path.ptr);
	rmdir(junk_dir.ptr);
	rmdir(shadow.ptr);
	rmdir(files.ptr);
	rmdir(dir);
	ms_buf_release(&junk_dir);
	ms_buf_release(&junk);
	ms_buf_release(&shadow);
	ms_buf_release(&link_path);
	ms_buf_release(&files);
	return done_testing();
}
