/* image.c — the images a letter names (a logo, a signature): read from
 * disk by the reader, checked, measured and kept in the model, so that
 * writers never open files (reader.h). */
#include "internal.h"
#include "reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

static const unsigned char png_magic[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16
	       | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* A PNG file: the signature, then chunks (length, type, data, CRC) that
 * all fit in the file, IHDR first with a size, at least one IDAT, IEND
 * last.  The CRCs are left to the writers' decoders. */
static const char *
png_check(const unsigned char *d, size_t len, double *w, double *h)
{
	size_t off = 8;
	bool ihdr = false, idat = false;

	while (off < len) {
		uint32_t n;
		const unsigned char *type;
		if (len - off < 12)
			return N_("the PNG image is cut short");
		n = be32(d + off);
		type = d + off + 4;
		if (n > len - off - 12)
			return N_("the PNG image is cut short");
		if (!ihdr) {
			if (memcmp(type, "IHDR", 4) != 0 || n != 13)
				return N_("the PNG image has no header (IHDR) chunk");
			*w = be32(d + off + 8);
			*h = be32(d + off + 12);
			if (*w == 0 || *h == 0)
				return N_("the PNG image has no size");
			if (*w * *h > MS_IMAGE_MAX_PIXELS || *w > 32767 || *h > 32767)
				return N_("the PNG image is larger than an image may be "
				          "once decoded (40 million pixels, 32767 on a side)");
			ihdr = true;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			idat = true;
		} else if (memcmp(type, "IEND", 4) == 0) {
			if (!idat)
				return N_("the PNG image has no image data (IDAT)");
			return off + 12 + n == len ? NULL
			       : N_("the PNG image has data after its end (IEND)");
		}
		off += 12 + (size_t)n;
	}
	return N_("the PNG image is cut short");
}

/* A JPEG file: the start-of-image marker, then segments (each marker
 * with a length that fits in the file) up to a start-of-frame one, which
 * gives the size; the entropy-coded data is the writers' decoder's, but
 * the file must end with the end-of-image marker. */
static const char *
jpeg_check(const unsigned char *d, size_t len, double *w, double *h)
{
	size_t off = 2;

	if (len < 4 || d[len - 2] != 0xFF || d[len - 1] != 0xD9)
		return N_("the JPEG image is cut short (no end-of-image marker)");
	while (off + 4 <= len) {
		unsigned char m = d[off + 1];
		size_t n;
		if (d[off] != 0xFF)
			return N_("the JPEG image is damaged (a segment without a marker)");
		if (m == 0xFF) {          /* fill byte */
			off++;
			continue;
		}
		n = (size_t)d[off + 2] << 8 | d[off + 3];
		if (n < 2 || n > len - off - 2)
			return N_("the JPEG image is cut short");
		/* SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC) */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8
		    && m != 0xCC) {
			if (n < 7)
				return N_("the JPEG image is damaged (a short frame header)");
			*h = (double)((unsigned)d[off + 5] << 8 | d[off + 6]);
			*w = (double)((unsigned)d[off + 7] << 8 | d[off + 8]);
			if (*w == 0 || *h == 0)
				return N_("the JPEG image has no size");
			if (*w * *h > MS_IMAGE_MAX_PIXELS || *w > 32767 || *h > 32767)
				return N_("the JPEG image is larger than an image may be "
				          "once decoded (40 million pixels, 32767 on a side)");
			return NULL;
		}
		if (m == 0xDA)            /* image data before any frame */
			break;
		off += 2 + n;
	}
	return N_("the JPEG image has no frame header (SOF)");
}

/* A length in an SVG attribute ("210mm", "120", "96px") in CSS pixels;
 * 0 for percentages, other units and non-numbers. */
static double
svg_length(const char *s)
{
	static const struct {
		const char *unit;
		double px;
	} units[] = {
		{ "", 1 }, { "px", 1 }, { "pt", 96.0 / 72 }, { "pc", 16 },
		{ "mm", 96 / 25.4 }, { "cm", 96 / 2.54 }, { "in", 96 },
	};
	char *end;
	double v;

	if (!s)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !(v > 0) || v > 1e7)
		return 0;
	while (*end == ' ')
		end++;
	for (size_t i = 0; i < MS_ARRAY_SIZE(units); i++)
		if (!strcmp(end, units[i].unit))
			return v * units[i].px;
	return 0;
}

static void
xml_init(void)
{
	xmlInitParser();
}

/* An SVG file: well-formed XML whose root is an <svg> element of the SVG
 * namespace.  No network, no DTD, no entity substitution. */
static const char *
svg_check(const unsigned char *d, size_t len, double *w, double *h)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	xmlDocPtr doc;
	xmlNodePtr root;
	const char *why = NULL;

	if (len > (size_t)INT32_MAX)
		return N_("the SVG image is too large");
	pthread_once(&once, xml_init);
	doc = xmlReadMemory((const char *)d, (int)len, "image.svg", NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR
	                    | XML_PARSE_NOWARNING);
	if (!doc)
		return N_("the SVG image is not well-formed XML");
	root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcmp(root->name, BAD_CAST "svg") != 0 || !root->ns
	    || xmlStrcmp(root->ns->href, BAD_CAST "http://www.w3.org/2000/svg") != 0) {
		why = N_("the file is XML but not an SVG image (its root must be <svg> in the SVG namespace)");
	} else {
		xmlChar *vb = xmlGetProp(root, BAD_CAST "viewBox");
		xmlChar *ws = xmlGetProp(root, BAD_CAST "width");
		xmlChar *hs = xmlGetProp(root, BAD_CAST "height");
		double x, y, vw, vh;
		*w = svg_length((const char *)ws);
		*h = svg_length((const char *)hs);
		if ((*w == 0 || *h == 0) && vb
		    && sscanf((const char *)vb, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf",
		              &x, &y, &vw, &vh) == 4 && vw > 0 && vh > 0) {
			*w = vw;
			*h = vh;
		}
		if (*w == 0 || *h == 0)
			*w = *h = 0;
		xmlFree(vb);
		xmlFree(ws);
		xmlFree(hs);
	}
	xmlFreeDoc(doc);
	return why;
}

/* The project an image must stay in: the nearest folder at or above
 * DIR that holds a missive.yaml, or DIR itself; resolved (realpath),
 * freshly allocated, or NULL when DIR cannot be resolved. */
static char *
project_root(const char *dir)
{
	char *start = realpath(dir && *dir ? dir : ".", NULL), *d;
	ms_buf conf = MS_BUF_INIT;

	if (!start)
		return NULL;
	d = ms_xstrdup(start);
	for (;;) {
		char *slash;
		struct stat st;
		ms_buf_reset(&conf);
		ms_buf_printf(&conf, "%s/missive.yaml", strcmp(d, "/") ? d : "");
		if (stat(conf.ptr, &st) == 0 && S_ISREG(st.st_mode))
			break;
		slash = strrchr(d, '/');
		if (!slash || slash == d) {   /* no project: the folder itself */
			free(d);
			d = ms_xstrdup(start);
			break;
		}
		*slash = '\0';
	}
	ms_buf_release(&conf);
	free(start);
	return d;
}

/* Whether FULL, with '..' and symbolic links resolved, lies inside the
 * resolved folder ROOT.  A FULL that does not exist passes: reading it
 * says so. */
static bool
inside(const char *root, const char *full)
{
	char *f = realpath(full, NULL);
	size_t n = root ? strlen(root) : 0;
	bool ok = !f || (root && !strncmp(f, root, n)
	                 && (f[n] == '/' || f[n] == '\0' || !strcmp(root, "/")));
	free(f);
	return ok;
}

/* Remembers the message of a diagnostic (ms_read_file's reason). */
static void
keep_message(const ms_diag *d, void *data)
{
	char **msg = data;
	free(*msg);
	*msg = ms_xstrdup(d->message);
}

ms_status
ms_image_load(const char *base_dir, const char *path, ms_image **out,
              char **why)
{
	ms_buf full = MS_BUF_INIT;
	char *data = NULL, *msg = NULL;
	size_t len = 0;
	struct stat st;
	double w = 0, h = 0;
	const char *type = NULL, *bad = NULL;
	ms_diag_handler keep = { keep_message, &msg, 0, 0 };
	char *root;
	ms_status s;

	*out = NULL;
	*why = NULL;
	if (!*path) {
		*why = ms_xstrdup(_("the path is empty"));
		return MS_ERR_INVALID;
	}
	if (path[0] == '/') {
		*why = ms_xstrdup(_("the path must be relative (to the file that names it), not absolute"));
		return MS_ERR_INVALID;
	}
	if (base_dir && *base_dir)
		ms_buf_printf(&full, "%s/", base_dir);
	ms_buf_puts(&full, path);
	/* a regular file, outside the project once links are followed (what
	 * is not a regular file, ms_read_file refuses with its own reason) */
	root = project_root(base_dir);
	if (stat(full.ptr, &st) == 0 && S_ISREG(st.st_mode)
	    && !inside(root, full.ptr)) {
		free(root);
		ms_buf_release(&full);
		*why = ms_xstrdup(_("the file lies outside the project's folder (through '..' or a symbolic link)"));
		return MS_ERR_INVALID;
	}
	free(root);
	if (stat(full.ptr, &st) == 0 && S_ISREG(st.st_mode)
	    && st.st_size > MS_IMAGE_MAX) {
		ms_buf_reset(&full);
		ms_buf_printf(&full, _("the file has %jd bytes, more than the %d MiB an image may have"),
		              (intmax_t)st.st_size, MS_IMAGE_MAX >> 20);
		*why = ms_buf_detach(&full, NULL);
		return MS_ERR_INVALID;
	}
	s = ms_read_file(full.ptr, &data, &len, &keep);
	ms_buf_release(&full);
	if (s != MS_OK) {
		*why = msg ? msg : ms_xstrdup(ms_strerror(s));
		return s;
	}
	free(msg);
	if (len >= 8 && !memcmp(data, png_magic, 8)) {
		type = "image/png";
		bad = png_check((const unsigned char *)data, len, &w, &h);
	} else if (len >= 3 && !memcmp(data, "\xFF\xD8\xFF", 3)) {
		type = "image/jpeg";
		bad = jpeg_check((const unsigned char *)data, len, &w, &h);
	} else {
		size_t i = 0;
		/* XML may start with a byte order mark and blanks */
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
			i = 3;
		while (i < len && (data[i] == ' ' || data[i] == '\t'
		                   || data[i] == '\r' || data[i] == '\n'))
			i++;
		if (i < len && data[i] == '<') {
			type = "image/svg+xml";
			bad = svg_check((const unsigned char *)data, len, &w, &h);
		} else {
			bad = N_("the file is not a PNG, JPEG or SVG image");
		}
	}
	if (bad) {
		*why = ms_xstrdup(_(bad));
		free(data);
		return MS_ERR_INVALID;
	}
	*out = ms_xcalloc(1, sizeof **out);
	(*out)->path = ms_xstrdup(path);
	(*out)->type = ms_xstrdup(type);
	(*out)->data = (unsigned char *)data;
	(*out)->len = len;
	(*out)->width = w;
	(*out)->height = h;
	return MS_OK;
}
