/* project-po.h — catalogues rewritten safely, for every command that
 * reads a catalogue, changes it and writes it back (update, import,
 * pretranslate): what the file was when it was read is kept, and the new
 * catalogue replaces it only while it still is that file, checked once
 * before the write and again as late as the system allows (the new file
 * is swapped in and the one it displaced compared; see ms_atomic_replace
 * in fileio.h).  A translator who saves meanwhile keeps the save.  Not
 * installed. */
#ifndef MS_PROJECT_PO_H
#define MS_PROJECT_PO_H

#include "project.h"
#include "catalog.h"
#include "fileio.h"

/* Read the catalogue PATH to rewrite it: *PO (freshly allocated), and in
 * *AS_READ what the file was (identity and content hash), taken before
 * it is parsed. */
ms_status ms_project_po_read(const char *path, ms_catalog **po,
                             ms_file_id *as_read, ms_diag_handler *h);
/* Write PO to PATH, unless the file is no longer what AS_READ describes
 * (NULL: the file did not exist, and must still not): then nothing is
 * written, CHANGED_MSG (the command's own words) or fileio's message is
 * reported, and MS_ERR_CHANGED returned.  *CHANGED (may be NULL) tells
 * whether the file was written (not when only its dates would change). */
ms_status ms_project_po_write(const ms_catalog *po, const char *path,
                              const ms_file_id *as_read, const char *changed_msg,
                              bool *changed, ms_diag_handler *h);

#endif
