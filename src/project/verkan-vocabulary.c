/* verkan-vocabulary.c: roles, goal kinds and outcome statuses */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "verkan-vocabulary.h"

/* Tokens are stored in files: never rename one. Order is display order. */
static const VerkanTerm person_roles[] = {
  { "project-owner",   N_("Project owner") },
  { "steering-group",  N_("Steering group") },
  { "project-leader",  N_("Project leader") },
  { "project-group",   N_("Project group") },
  { "reference-group", N_("Reference group") },
  { "contact-person",  N_("Contact person") },
};

static const VerkanTerm goal_kinds[] = {
  { "project-goal", N_("Project goal") },
  { "effect-goal",  N_("Effect goal") },
};

static const VerkanTerm goal_statuses[] = {
  { "achieved",        N_("Achieved") },
  { "partly-achieved", N_("Partly achieved") },
  { "not-achieved",    N_("Not achieved") },
  { "unclear",         N_("Unclear") },
  { "not-assessed",    N_("Not assessed") },
};

const VerkanTerm *
verkan_vocabulary_terms (VerkanVocabulary vocabulary, guint *n_terms)
{
  switch (vocabulary)
    {
    case VERKAN_VOCABULARY_PERSON_ROLE:
      *n_terms = G_N_ELEMENTS (person_roles);
      return person_roles;
    case VERKAN_VOCABULARY_GOAL_KIND:
      *n_terms = G_N_ELEMENTS (goal_kinds);
      return goal_kinds;
    case VERKAN_VOCABULARY_GOAL_STATUS:
      *n_terms = G_N_ELEMENTS (goal_statuses);
      return goal_statuses;
    default:
      g_return_val_if_reached (NULL);
    }
}

int
verkan_vocabulary_index (VerkanVocabulary vocabulary, const char *token)
{
  guint n = 0;
  const VerkanTerm *terms = verkan_vocabulary_terms (vocabulary, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (terms[i].token, token) == 0)
      return (int) i;
  return -1;
}

gboolean
verkan_vocabulary_has (VerkanVocabulary vocabulary, const char *token)
{
  return verkan_vocabulary_index (vocabulary, token) >= 0;
}

const char *
verkan_vocabulary_label (VerkanVocabulary vocabulary, const char *token)
{
  guint n = 0;
  const VerkanTerm *terms = verkan_vocabulary_terms (vocabulary, &n);
  int index = verkan_vocabulary_index (vocabulary, token);

  if (index < 0)
    return token;
  return g_dgettext (GETTEXT_PACKAGE, terms[index].label);
}
