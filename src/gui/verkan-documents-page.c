/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-documents-page.h"

struct _VerkanDocumentsPage { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanDocumentsPage, verkan_documents_page, ADW_TYPE_BIN)
static void verkan_documents_page_class_init (VerkanDocumentsPageClass *klass) { }
static void verkan_documents_page_init (VerkanDocumentsPage *self) { }

GtkWidget *
verkan_documents_page_new (VerkanProject *project)
{
  return g_object_new (VERKAN_TYPE_DOCUMENTS_PAGE, NULL);
}

VerkanProject *
verkan_documents_page_get_project (VerkanDocumentsPage *self)
{
  return NULL;
}

void
verkan_documents_page_add_files (VerkanDocumentsPage *self, GListModel *files)
{
  
}

void
verkan_documents_page_set_search (VerkanDocumentsPage *self, const char *text)
{
  
}

GArray *
verkan_documents_page_dup_shown_ids (VerkanDocumentsPage *self)
{
  return NULL;
}

void
verkan_documents_page_select (VerkanDocumentsPage *self, gint64 document_id)
{
  
}

gint64
verkan_documents_page_get_selected (VerkanDocumentsPage *self)
{
  return 0;
}

void
verkan_documents_page_open_document (VerkanDocumentsPage *self, gint64 document_id)
{
  
}
