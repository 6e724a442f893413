/* verkan-vocabulary.h: the fixed choices a project uses (roles, statuses,
 * goal kinds), as stable tokens stored in files and labels shown to people */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VERKAN_VOCABULARY_PERSON_ROLE,
  VERKAN_VOCABULARY_GOAL_KIND,
  VERKAN_VOCABULARY_GOAL_STATUS,
} VerkanVocabulary;

typedef struct {
  const char *token;  /* as stored: "project-leader" */
  const char *label;  /* untranslated: "Project leader"; use verkan_vocabulary_label() */
} VerkanTerm;

const VerkanTerm *verkan_vocabulary_terms  (VerkanVocabulary  vocabulary,
                                            guint            *n_terms);
gboolean          verkan_vocabulary_has    (VerkanVocabulary  vocabulary,
                                            const char       *token);
/* translated label; the token itself when unknown */
const char       *verkan_vocabulary_label  (VerkanVocabulary  vocabulary,
                                            const char       *token);
int               verkan_vocabulary_index  (VerkanVocabulary  vocabulary,
                                            const char       *token);

G_END_DECLS
