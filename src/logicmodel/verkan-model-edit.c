/* stub: to be written */
#include "config.h"
#include "verkan-model-edit.h"

gint64
verkan_model_create (VerkanProject *project, const char *title, const char *municipality, const char *template_token, GError **error)
{
  (void) project;
  (void) title;
  (void) municipality;
  (void) template_token;
  (void) error;
  return 0;
}

gint64
verkan_model_duplicate (VerkanProject *project, gint64 model_id, const char *title, GError **error)
{
  (void) project;
  (void) model_id;
  (void) title;
  (void) error;
  return 0;
}

gint64
verkan_model_add_card (VerkanProject *project, gint64 model_id, VerkanModelColumn column, int index, const char *title, GError **error)
{
  (void) project;
  (void) model_id;
  (void) column;
  (void) index;
  (void) title;
  (void) error;
  return 0;
}

gboolean
verkan_model_move_card (VerkanProject *project, gint64 element_id, VerkanModelColumn column, guint index, GError **error)
{
  (void) project;
  (void) element_id;
  (void) column;
  (void) index;
  (void) error;
  return 0;
}

gint64
verkan_model_add_link (VerkanProject *project, gint64 from_id, gint64 to_id, const char *rationale, GError **error)
{
  (void) project;
  (void) from_id;
  (void) to_id;
  (void) rationale;
  (void) error;
  return 0;
}

gboolean
verkan_model_delete_items (VerkanProject *project, const gint64 *element_ids, guint n_elements, const gint64 *link_ids, guint n_links, GError **error)
{
  (void) project;
  (void) element_ids;
  (void) n_elements;
  (void) link_ids;
  (void) n_links;
  (void) error;
  return 0;
}

char     *
verkan_model_copy_cards (VerkanProject *project, const gint64 *element_ids, guint n_elements, GError **error)
{
  (void) project;
  (void) element_ids;
  (void) n_elements;
  (void) error;
  return NULL;
}

gboolean
verkan_model_paste_cards (VerkanProject *project, gint64 model_id, const char *clipboard, GArray *new_ids, GError **error)
{
  (void) project;
  (void) model_id;
  (void) clipboard;
  (void) new_ids;
  (void) error;
  return 0;
}

gint64
verkan_model_freeze (VerkanProject *project, gint64 model_id, const char *date, GError **error)
{
  (void) project;
  (void) model_id;
  (void) date;
  (void) error;
  return 0;
}

VerkanModelSnapshot *
verkan_model_snapshot_load_version (VerkanProject *project, gint64 version_id, GError **error)
{
  (void) project;
  (void) version_id;
  (void) error;
  return NULL;
}

