/* verkan-group-catalog.h: Kolada's municipality groups, offline.
 *
 * The groups a project compares with: "Liknande kommuner ekonomiskt
 * bistånd, Hallsberg, 2022" (seven municipalities much like Hallsberg),
 * "Alla kommuner (ovägt medel)" (G2328), kommungrupper and län.  Shipped
 * as data/kolada/municipality_groups.json (made by
 * build-aux/make-group-catalog.py from ../shared/kolada/), saved in
 * January 2024.  Membership changes every year: the client looks groups
 * up by title when online; these are the fallback. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char  *id;        /* "G175966" */
  char  *title;     /* "Liknande kommuner ekonomiskt bistånd, Hallsberg, 2022" */
  GStrv  members;   /* municipality codes */
} VerkanMunicipalityGroup;

VerkanMunicipalityGroup *verkan_municipality_group_new  (const char              *id,
                                                         const char              *title,
                                                         const char *const       *members);
VerkanMunicipalityGroup *verkan_municipality_group_copy (const VerkanMunicipalityGroup *group);
void                     verkan_municipality_group_free (VerkanMunicipalityGroup *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanMunicipalityGroup, verkan_municipality_group_free)

#define VERKAN_GROUP_ALL_MUNICIPALITIES "G2328"

/* Everything returned is owned by the catalog and lives as long as the process */
const VerkanMunicipalityGroup *verkan_group_catalog_lookup      (const char *id);
/* "Liknande kommuner ekonomiskt bistånd, <name>, <year>" for @code, the
 * newest year; NULL when there is none */
const VerkanMunicipalityGroup *verkan_group_catalog_similar_for (const char *code);
/* Groups whose title contains every word of @query, ignoring case; at most
 * @limit (0: all); a GPtrArray of const VerkanMunicipalityGroup * */
GPtrArray                     *verkan_group_catalog_search      (const char *query,
                                                                 guint       limit);
/* "Riket", "Hallsberg", or a group's title: a label for any Kolada
 * municipality code or group id, or the bare id when unknown; newly
 * allocated.  The charts and the CLI use this for legends. */
char                          *verkan_kolada_area_label         (const char *id);
/* A short label for legends: "Liknande kommuner (Hallsberg)" instead of
 * the whole group title, "Alla kommuner" for G2328 */
char                          *verkan_kolada_area_short_label   (const char *id);

G_END_DECLS
