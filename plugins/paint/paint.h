/* paint.h — the letter's images (a logo, a signature) for the paged
 * writers: decoded and drawn with Cairo, PNG through Cairo's own loader,
 * JPEG through gdk-pixbuf's JPEG loader (the JPEG itself goes into a PDF
 * as it is), SVG through librsvg.  A convenience library linked into
 * the pdf and docx modules; not installed.
 *
 * The reader has already checked the bytes (core/image.c: a whole PNG
 * or JPEG file of at most MS_IMAGE_MAX_PIXELS pixels, or well-formed
 * SVG); what can still fail here is the decoding itself (compressed data
 * that is broken, an SVG librsvg refuses), which ms_paint_open reports
 * as an error located at the line that names the image.
 *
 * SVG is loaded without a base file, so librsvg resolves no reference to
 * another file or address: an SVG cannot make a writer read anything.
 * Nothing here is shared between threads: each call works on its own
 * handle and surfaces. */
#ifndef MS_PAINT_H
#define MS_PAINT_H

#include <stddef.h>

#include <cairo.h>

#include "missive-plugin.h"

/* A decoded image: a Cairo image surface (PNG, JPEG) or a librsvg
 * handle (SVG). */
typedef struct ms_paint ms_paint;

/* Decode IMG.  On failure, report an error through DIAG located at
 * LETTER's path and the line that names the image, with KEY ("logo",
 * "signature") and the image's path, and return NULL.  PLUGIN names the
 * writer in the message. */
ms_paint *ms_paint_open(const ms_image *img, const char *key,
                        const ms_letter *letter, const char *plugin,
                        ms_diag_handler *diag);
void ms_paint_free(ms_paint *p);

/* The size (*W, *H) of IMG fitted in a box of MAX_W × MAX_H keeping its
 * aspect ratio (an SVG that gives no size is taken as square). */
void ms_paint_fit(const ms_image *img, double max_w, double max_h,
                  double *w, double *h);

/* Draw P on CR into the rectangle X, Y, W, H (user units): an SVG as
 * vector paths, a PNG scaled.  False when Cairo or librsvg failed. */
bool ms_paint_draw(ms_paint *p, cairo_t *cr, double x, double y, double w,
                   double h);

/* P rendered as a PNG file of W_PX × H_PX pixels (each side at most
 * MS_PAINT_MAX_SIDE): freshly allocated bytes in *DATA, *LEN (caller
 * frees).  False on failure. */
#define MS_PAINT_MAX_SIDE 2000
bool ms_paint_png(ms_paint *p, int w_px, int h_px, unsigned char **data,
                  size_t *len);

#endif
