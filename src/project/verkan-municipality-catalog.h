/* verkan-municipality-catalog.h: Sweden's 290 municipalities, Riket and the
 * regions, with their Kolada codes, from the offline list shipped with Verkan */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;   /* "1861" */
  const char *name;   /* "Hallsberg" */
  char        kind;   /* 'K' municipality, 'L' region or Riket */
} VerkanMunicipality;

/* sorted by name, Swedish collation; valid for the life of the process */
const VerkanMunicipality *verkan_municipality_catalog_get_all  (guint      *n);
const VerkanMunicipality *verkan_municipality_catalog_lookup   (const char *code);
/* by name, case-insensitively ("örebro" finds 1880) */
const VerkanMunicipality *verkan_municipality_catalog_find     (const char *name);

G_END_DECLS
