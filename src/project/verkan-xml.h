/* verkan-xml.h: the XML exchange format (data/schema/verkan.rng) */
#pragma once

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_XML_ERROR (verkan_xml_error_quark ())

typedef enum {
  VERKAN_XML_ERROR_PARSE,    /* not well-formed XML */
  VERKAN_XML_ERROR_INVALID,  /* does not follow the schema */
  VERKAN_XML_ERROR_WRITE,
} VerkanXmlError;

GQuark         verkan_xml_error_quark  (void);

gboolean       verkan_xml_export       (VerkanProject  *project,
                                        const char     *xml_path,
                                        GError        **error);
/* Validates, then writes a new project file; the file must not exist.
 * Nothing is left behind on failure. */
VerkanProject *verkan_xml_import       (const char     *xml_path,
                                        const char     *project_path,
                                        GError        **error);
gboolean       verkan_xml_validate     (const char     *xml_path,
                                        GError        **error);

/* One logic model as one <logic-model> element, in the canonical form a
 * frozen version keeps in model_version.content: one line, the namespace
 * declared, read back before it is returned */
char          *verkan_xml_dup_model       (VerkanProject  *project,
                                           gint64          model_id,
                                           GError        **error);
/* The same, holding only the cards @element_ids of the model (with their
 * indicators) and the links between two of them: copied cards */
char          *verkan_xml_dup_model_cards (VerkanProject  *project,
                                           gint64          model_id,
                                           const gint64   *element_ids,
                                           guint           n_elements,
                                           GError        **error);
/* Reads such an element, with the checks of an import, into rows a{sv} in
 * document order: the model's, then each element's followed by its
 * indicators', then the links'.  Each row holds "table" (the SQL table),
 * "uuid", "position" (x) where the table has one, "parent" (the uuid of
 * the row it nests in) and its columns that are not NULL: text "s",
 * integers and booleans "x", numbers "d", a link's from_id/to_id as the
 * uuid "s" of the element. */
GPtrArray     *verkan_xml_read_model      (const char     *content,
                                           GError        **error);

G_END_DECLS
