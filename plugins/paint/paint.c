/* paint.c — the letter's images decoded and drawn with Cairo, librsvg
 * and gdk-pixbuf (paint.h). */
#include <config.h>

#include <string.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <librsvg/rsvg.h>

#include "paint.h"
#include "missive-kit.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("missive", s)
#else
#define _(s) (s)
#endif

struct ms_paint {
	cairo_surface_t *png;    /* a PNG or JPEG, decoded */
	RsvgHandle *svg;         /* or an SVG */
	double width, height;    /* its intrinsic size (0 when unknown) */
};

/* Cairo's PNG loader reads through this: the image's bytes in memory. */
typedef struct png_reader {
	const unsigned char *data;
	size_t len, off;
} png_reader;

static cairo_status_t
png_read(void *closure, unsigned char *out, unsigned int len)
{
	png_reader *r = closure;
	if (len > r->len - r->off)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->off, len);
	r->off += len;
	return CAIRO_STATUS_SUCCESS;
}

/* IMG, a JPEG, decoded by gdk-pixbuf's JPEG loader (no other: the bytes
 * are not sniffed) into a Cairo surface that also carries the JPEG
 * itself, which Cairo's PDF surface embeds as it is (DCT) rather than
 * compressing the pixels again.  NULL with *WHY (freshly allocated). */
static cairo_surface_t *
jpeg_surface(const ms_image *img, char **why)
{
	GError *err = NULL;
	GdkPixbufLoader *ld = gdk_pixbuf_loader_new_with_type("jpeg", &err);
	GdkPixbuf *pb = NULL;
	cairo_surface_t *s = NULL;

	if (ld && gdk_pixbuf_loader_write(ld, img->data, img->len, &err)
	    && gdk_pixbuf_loader_close(ld, &err))
		pb = gdk_pixbuf_loader_get_pixbuf(ld);
	else if (ld)
		gdk_pixbuf_loader_close(ld, NULL);
	if (pb && gdk_pixbuf_get_n_channels(pb) >= 3
	    && gdk_pixbuf_get_bits_per_sample(pb) == 8) {
		int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
		int n = gdk_pixbuf_get_n_channels(pb);
		int rs = gdk_pixbuf_get_rowstride(pb), ds;
		const guint8 *px = gdk_pixbuf_read_pixels(pb);
		unsigned char *dst;
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_surface_flush(s);
		dst = cairo_image_surface_get_data(s);
		ds = cairo_image_surface_get_stride(s);
		for (int y = 0; dst && y < h; y++) {
			uint32_t *row = (uint32_t *)(void *)(dst + (size_t)y * ds);
			const guint8 *p = px + (size_t)y * rs;
			for (int x = 0; x < w; x++, p += n)
				row[x] = 0xff000000u | (uint32_t)p[0] << 16
				         | (uint32_t)p[1] << 8 | p[2];
		}
		cairo_surface_mark_dirty(s);
		cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, img->data,
		                            img->len, NULL, NULL);
	} else {
		*why = ms_xstrdup(err ? err->message
		                  : _("the JPEG data is damaged or of a kind "
		                      "gdk-pixbuf cannot read"));
	}
	g_clear_error(&err);
	if (ld)
		g_object_unref(ld);
	return s;
}

/* Draw SVG once on a small scratch surface: what librsvg refuses to
 * draw (a <use> bomb past its limits, an element it cannot render) is
 * found here, before a writer has drawn half a page, and costs little
 * memory.  NULL, or why not (freshly allocated). */
static char *
try_svg(RsvgHandle *svg)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
	                                                32, 32);
	cairo_t *cr = cairo_create(s);
	RsvgRectangle box = { 0, 0, 32, 32 };
	GError *err = NULL;
	char *why = NULL;

	if (!rsvg_handle_render_document(svg, cr, &box, &err))
		why = ms_xstrdup(err ? err->message : "librsvg failed");
	g_clear_error(&err);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return why;
}

ms_paint *
ms_paint_open(const ms_image *img, const char *key, const ms_letter *letter,
              const char *plugin, ms_diag_handler *diag)
{
	ms_paint *p = ms_xcalloc(1, sizeof *p);
	char *why = NULL;

	p->width = img->width;
	p->height = img->height;
	if (img->type && !strcmp(img->type, "image/png")) {
		png_reader r = { img->data, img->len, 0 };
		p->png = cairo_image_surface_create_from_png_stream(png_read, &r);
		/* Cairo says "out of memory" for whatever libpng refuses
		 * (a damaged zlib stream, a bad CRC): say what it means */
		if (cairo_surface_status(p->png) != CAIRO_STATUS_SUCCESS)
			why = ms_xstrdup(_("the PNG data is damaged or of a kind "
			                   "libpng cannot read"));
	} else if (img->type && !strcmp(img->type, "image/jpeg")) {
		p->png = jpeg_surface(img, &why);
	} else if (img->type && !strcmp(img->type, "image/svg+xml")) {
		GError *err = NULL;
		GInputStream *in = g_memory_input_stream_new_from_data(
		        img->data, (gssize)img->len, NULL);
		/* no base file: librsvg resolves no reference outside it */
		p->svg = rsvg_handle_new_from_stream_sync(in, NULL,
		        RSVG_HANDLE_FLAGS_NONE, NULL, &err);
		g_object_unref(in);
		if (!p->svg) {
			why = ms_xstrdup(err ? err->message : "librsvg failed");
			g_clear_error(&err);
		} else {
			why = try_svg(p->svg);
		}
	} else {
		why = ms_xstrdup(_("not a PNG, JPEG or SVG image"));
	}
	if (why) {
		ms_diag_emit(diag, MS_ERROR, plugin, letter->path, img->pos.line,
		             img->pos.column, _("%s '%s': the image cannot be "
		             "decoded: %s"), key, img->path ? img->path : "", why);
		free(why);
		ms_paint_free(p);
		return NULL;
	}
	return p;
}

void
ms_paint_free(ms_paint *p)
{
	if (!p)
		return;
	if (p->png)
		cairo_surface_destroy(p->png);
	if (p->svg)
		g_object_unref(p->svg);
	free(p);
}

void
ms_paint_fit(const ms_image *img, double max_w, double max_h, double *w,
             double *h)
{
	double iw = img->width, ih = img->height, s;

	if (!(iw > 0) || !(ih > 0))
		iw = ih = 1;   /* an SVG without a size: a square */
	s = max_w / iw < max_h / ih ? max_w / iw : max_h / ih;
	*w = iw * s;
	*h = ih * s;
}

bool
ms_paint_draw(ms_paint *p, cairo_t *cr, double x, double y, double w,
              double h)
{
	bool ok = true;

	cairo_save(cr);
	if (p->svg) {
		RsvgRectangle box = { x, y, w, h };
		GError *err = NULL;
		ok = rsvg_handle_render_document(p->svg, cr, &box, &err);
		g_clear_error(&err);
	} else if (p->png) {
		int pw = cairo_image_surface_get_width(p->png);
		int ph = cairo_image_surface_get_height(p->png);
		cairo_rectangle(cr, x, y, w, h);
		cairo_clip(cr);
		cairo_translate(cr, x, y);
		cairo_scale(cr, w / pw, h / ph);
		cairo_set_source_surface(cr, p->png, 0, 0);
		/* a scan scaled down stays smooth in every viewer */
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint(cr);
	}
	cairo_restore(cr);
	return ok && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
png_write(void *closure, const unsigned char *data, unsigned int len)
{
	ms_buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

bool
ms_paint_png(ms_paint *p, int w_px, int h_px, unsigned char **data,
             size_t *len)
{
	cairo_surface_t *s;
	cairo_t *cr;
	ms_buf b = MS_BUF_INIT;
	bool ok;

	*data = NULL;
	*len = 0;
	if (w_px < 1 || h_px < 1 || w_px > MS_PAINT_MAX_SIDE
	    || h_px > MS_PAINT_MAX_SIDE)
		return false;
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w_px, h_px);
	cr = cairo_create(s);
	ok = ms_paint_draw(p, cr, 0, 0, w_px, h_px);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	ok = ok && cairo_surface_write_to_png_stream(s, png_write, &b)
	           == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	if (!ok) {
		ms_buf_release(&b);
		return false;
	}
	*data = (unsigned char *)ms_buf_detach(&b, len);
	return true;
}
