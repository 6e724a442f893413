/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-edit.h"

GQuark
verkan_report_error_quark (void)
{
  return 0;
}

void
verkan_report_section_free (VerkanReportSection *section)
{
  
}

GPtrArray *
verkan_report_list_sections (VerkanProject *project, GError **error)
{
  return NULL;
}

VerkanReportSection *
verkan_report_get_section (VerkanProject *project, gint64 section_id, GError **error)
{
  return NULL;
}

gint64
verkan_report_add_section (VerkanProject *project, gint64 parent_id, guint position, const char *title, GError **error)
{
  return 0;
}

gboolean
verkan_report_remove_section (VerkanProject *project, gint64 section_id, GError **error)
{
  return 0;
}

gboolean
verkan_report_rename_section (VerkanProject *project, gint64 section_id, const char *title, GError **error)
{
  return 0;
}

gboolean
verkan_report_move_section (VerkanProject *project, gint64 section_id, gint64 new_parent_id, guint position, GError **error)
{
  return 0;
}

gboolean
verkan_report_set_body (VerkanProject *project, gint64 section_id, const char *body_xml, GError **error)
{
  return 0;
}

GStrv
verkan_report_list_templates (void)
{
  return 0;
}

char *
verkan_report_dup_template_title (const char *name)
{
  return NULL;
}

gboolean
verkan_report_apply_template (VerkanProject *project, const char *name, GError **error)
{
  return 0;
}

gint64
verkan_report_add_reference (VerkanProject *project, const char *text, const char *url, GError **error)
{
  return 0;
}
