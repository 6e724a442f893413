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

G_END_DECLS
