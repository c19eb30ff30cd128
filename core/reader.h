/* reader.h — what the letter reader shares with the rest of libmissive
 * (missive.yaml's letterhead is read with the letter's code).  Not
 * installed. */
#ifndef MS_READER_H
#define MS_READER_H

#include "missive.h"
#include "yamltree.h"

/* The largest image a letter may name (a logo, a signature), in bytes,
 * and a PNG's or JPEG's largest size once decoded, in pixels (writers
 * decode it whole: 40 million pixels take 160 MB). */
#define MS_IMAGE_MAX (8 << 20)
#define MS_IMAGE_MAX_PIXELS 40000000.0

/* Read the image PATH (relative to BASE_DIR, NULL or "" for the working
 * folder): a PNG, JPEG or SVG file of at most MS_IMAGE_MAX bytes, and a
 * PNG or JPEG of at most MS_IMAGE_MAX_PIXELS pixels.  The file, once
 * '..' and symbolic links are resolved, must lie inside the project: the
 * nearest folder at or above BASE_DIR that holds a missive.yaml, or
 * BASE_DIR itself when none does.  A letter thus cannot embed a file
 * from elsewhere.  On success *OUT is freshly allocated (ms_image_free)
 * with its type, bytes and size; its position is left 0.  On failure
 * *WHY says why (freshly allocated, caller frees; lowercase, no final
 * stop) and nothing is reported: the caller locates the message. */
ms_status ms_image_load(const char *base_dir, const char *path,
                        ms_image **out, char **why);

/* Read NODE, a `letterhead` mapping in FILE, into *OUT (freshly allocated,
 * ms_sender_free), images relative to BASE_DIR.  Problems are reported
 * through H at FILE:LINE:COL; the status is that of the first.  A scalar
 * `false` gives MS_OK and *OUT NULL with *NONE true (no letterhead). */
ms_status ms_reader_letterhead(const char *file, const ms_ynode *node,
                               const char *base_dir, ms_sender **out,
                               bool *none, ms_diag_handler *h);

/* ms_reader_read_mem with the settings of the project CONFIG, as
 * ms_reader_read_letter reads a file: its letterhead and signatory-annex
 * threshold.  Every stage of a project reads its letters this way, so
 * that extract, build and report see the same letter. */
ms_status ms_reader_read_letter_mem(const char *name, const char *data,
                                    size_t len, const ms_config *config,
                                    ms_letter **out, ms_diag_handler *h);

#endif
