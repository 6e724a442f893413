/* verkan-chart-spec.c: a chart's specification and its JSON in chart.spec.
 *
 * The JSON is written with its members in one fixed order, so that equal
 * specs give equal text (and a diff of two files shows real changes).
 * Members this version does not know are kept as JSON in spec->extra and
 * written back after the known ones, so a file edited by an older Verkan
 * keeps what a newer one put there.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "verkan-chart-spec.h"

static const char *const kind_names[] = { "line", "bar", "gender" };

VerkanChartSpec *
verkan_chart_spec_new (void)
{
  VerkanChartSpec *spec = g_new0 (VerkanChartSpec, 1);

  spec->kind = VERKAN_CHART_KIND_LINE;
  spec->gender = 'T';
  spec->municipalities = g_new0 (char *, 1);
  spec->comparisons = g_new0 (char *, 1);
  spec->direction = VERKAN_DIRECTION_UNKNOWN;

  return spec;
}

VerkanChartSpec *
verkan_chart_spec_copy (const VerkanChartSpec *spec)
{
  VerkanChartSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (VerkanChartSpec, 1);
  *copy = *spec;
  copy->kpi = g_strdup (spec->kpi);
  copy->measure = g_strdup (spec->measure);
  copy->municipalities = spec->municipalities ? g_strdupv (spec->municipalities) : g_new0 (char *, 1);
  copy->comparisons = spec->comparisons ? g_strdupv (spec->comparisons) : g_new0 (char *, 1);
  copy->indicator = g_strdup (spec->indicator);
  copy->extra = g_strdup (spec->extra);

  return copy;
}

void
verkan_chart_spec_free (VerkanChartSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->kpi);
  g_free (spec->measure);
  g_strfreev (spec->municipalities);
  g_strfreev (spec->comparisons);
  g_free (spec->indicator);
  g_free (spec->extra);
  g_free (spec);
}

const char *
verkan_chart_kind_to_string (VerkanChartKind kind)
{
  if ((guint) kind < G_N_ELEMENTS (kind_names))
    return kind_names[kind];
  return "line";
}

int
verkan_chart_kind_from_string (const char *text)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      return (int) i;
  return -1;
}

const char *
verkan_chart_kind_label (VerkanChartKind kind)
{
  switch (kind)
    {
    case VERKAN_CHART_KIND_BAR:
      return _("Bar chart");
    case VERKAN_CHART_KIND_GENDER:
      /* Translators: a chart kind: a KPI split by kvinnor, män and totalt */
      return _("Women and men");
    case VERKAN_CHART_KIND_LINE:
    default:
      return _("Line chart");
    }
}

/* Reading: each member checked for its type, with a message naming it */

static gboolean
invalid (GError    **error,
         const char *member,
         const char *expected)
{
  /* Translators: the first %s is a member of a chart's JSON ("first_year"),
   * the second what it should be ("a whole number") */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The chart’s “%s” must be %s"), member, expected);
  return FALSE;
}

static gboolean
read_string (JsonNode    *node,
             const char  *member,
             char       **out,
             GError     **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (out, g_free);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, member, _("text"));
  g_free (*out);
  /* An empty id means none */
  *out = *json_node_get_string (node) ? g_strdup (json_node_get_string (node)) : NULL;
  return TRUE;
}

static gboolean
read_int (JsonNode   *node,
          const char *member,
          int        *out,
          GError    **error)
{
  gint64 value;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = 0;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, member, _("a whole number"));
  value = json_node_get_int (node);
  if (value < 0 || value > 9999)
    return invalid (error, member, _("a year between 0 and 9999"));
  *out = (int) value;
  return TRUE;
}

static gboolean
read_bool (JsonNode   *node,
           const char *member,
           gboolean   *out,
           GError    **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, member, _("true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_list (JsonNode   *node,
           const char *member,
           GStrv      *out,
           GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_strfreev (*out);
      *out = g_new0 (char *, 1);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, member, _("a list of codes"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        return invalid (error, member, _("a list of codes"));
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_direction (JsonNode        *node,
                VerkanDirection *out,
                GError         **error)
{
  const char *text;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = VERKAN_DIRECTION_UNKNOWN;
      return TRUE;
    }
  /* true/false as well, the way the indicator table keeps it */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node) ? VERKAN_DIRECTION_HIGHER_IS_BETTER
                                          : VERKAN_DIRECTION_LOWER_IS_BETTER;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      text = json_node_get_string (node);
      if (g_str_equal (text, "higher"))
        *out = VERKAN_DIRECTION_HIGHER_IS_BETTER;
      else if (g_str_equal (text, "lower"))
        *out = VERKAN_DIRECTION_LOWER_IS_BETTER;
      else if (g_str_equal (text, "") || g_str_equal (text, "unknown"))
        *out = VERKAN_DIRECTION_UNKNOWN;
      else
        return invalid (error, "higher_is_better", _("“higher” or “lower”"));
      return TRUE;
    }
  return invalid (error, "higher_is_better", _("“higher” or “lower”"));
}

static gboolean
read_member (VerkanChartSpec *spec,
             const char      *name,
             JsonNode        *node,
             JsonObject      *extra,
             GError         **error)
{
  if (g_str_equal (name, "kind"))
    {
      int kind;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return invalid (error, name, _("“line”, “bar” or “gender”"));
      kind = verkan_chart_kind_from_string (json_node_get_string (node));
      if (kind < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown chart kind “%s”"), json_node_get_string (node));
          return FALSE;
        }
      spec->kind = kind;
      return TRUE;
    }
  if (g_str_equal (name, "kpi"))
    return read_string (node, name, &spec->kpi, error);
  if (g_str_equal (name, "measure"))
    return read_string (node, name, &spec->measure, error);
  if (g_str_equal (name, "indicator"))
    return read_string (node, name, &spec->indicator, error);
  if (g_str_equal (name, "gender"))
    {
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return invalid (error, name, _("“T”, “K” or “M”"));
      text = json_node_get_string (node);
      if (!(g_str_equal (text, "T") || g_str_equal (text, "K") || g_str_equal (text, "M")))
        return invalid (error, name, _("“T”, “K” or “M”"));
      spec->gender = text[0];
      return TRUE;
    }
  if (g_str_equal (name, "municipalities"))
    return read_list (node, name, &spec->municipalities, error);
  if (g_str_equal (name, "comparisons"))
    return read_list (node, name, &spec->comparisons, error);
  if (g_str_equal (name, "first_year"))
    return read_int (node, name, &spec->first_year, error);
  if (g_str_equal (name, "last_year"))
    return read_int (node, name, &spec->last_year, error);
  if (g_str_equal (name, "year"))
    return read_int (node, name, &spec->year, error);
  if (g_str_equal (name, "project_period"))
    return read_bool (node, name, &spec->project_period, error);
  if (g_str_equal (name, "quartiles"))
    return read_bool (node, name, &spec->quartiles, error);
  if (g_str_equal (name, "higher_is_better"))
    return read_direction (node, &spec->direction, error);

  json_object_set_member (extra, name, json_node_copy (node));
  return TRUE;
}

VerkanChartSpec *
verkan_chart_spec_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VerkanChartSpec) spec = verkan_chart_spec_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The chart’s specification is not valid JSON: %s"),
                   local_error ? local_error->message : "NULL");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The chart’s specification is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The chart’s specification is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  /* json-glib keeps the members in the order of the text */
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    if (!read_member (spec, l->data, json_object_get_member (object, l->data), extra, error))
      return NULL;

  if (json_object_get_size (extra) > 0)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, extra);
      spec->extra = json_to_string (node, FALSE);
    }

  return g_steal_pointer (&spec);
}

static void
add_list (JsonBuilder *builder,
          const char  *member,
          GStrv        list)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; list && list[i]; i++)
    json_builder_add_string_value (builder, list[i]);
  json_builder_end_array (builder);
}

char *
verkan_chart_spec_to_json (const VerkanChartSpec *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char gender[2] = { 'T', '\0' };

  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->gender == 'K' || spec->gender == 'M')
    gender[0] = spec->gender;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, verkan_chart_kind_to_string (spec->kind));
  if (spec->kpi)
    {
      json_builder_set_member_name (builder, "kpi");
      json_builder_add_string_value (builder, spec->kpi);
    }
  if (spec->measure)
    {
      json_builder_set_member_name (builder, "measure");
      json_builder_add_string_value (builder, spec->measure);
    }
  json_builder_set_member_name (builder, "gender");
  json_builder_add_string_value (builder, gender);
  add_list (builder, "municipalities", spec->municipalities);
  add_list (builder, "comparisons", spec->comparisons);
  json_builder_set_member_name (builder, "first_year");
  json_builder_add_int_value (builder, spec->first_year);
  json_builder_set_member_name (builder, "last_year");
  json_builder_add_int_value (builder, spec->last_year);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, spec->year);
  json_builder_set_member_name (builder, "project_period");
  json_builder_add_boolean_value (builder, spec->project_period);
  if (spec->indicator)
    {
      json_builder_set_member_name (builder, "indicator");
      json_builder_add_string_value (builder, spec->indicator);
    }
  json_builder_set_member_name (builder, "quartiles");
  json_builder_add_boolean_value (builder, spec->quartiles);
  if (spec->direction != VERKAN_DIRECTION_UNKNOWN)
    {
      json_builder_set_member_name (builder, "higher_is_better");
      json_builder_add_string_value (builder,
                                     spec->direction == VERKAN_DIRECTION_HIGHER_IS_BETTER
                                     ? "higher" : "lower");
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  /* The members this version does not know, after its own, as they came */
  if (spec->extra && *spec->extra)
    {
      g_autoptr(JsonNode) extra = json_from_string (spec->extra, NULL);

      if (extra && JSON_NODE_HOLDS_OBJECT (extra))
        {
          JsonObject *object = json_node_get_object (root);
          JsonObject *unknown = json_node_get_object (extra);
          g_autoptr(GList) members = json_object_get_members (unknown);

          for (GList *l = members; l; l = l->next)
            if (!json_object_has_member (object, l->data))
              json_object_set_member (object, l->data,
                                      json_node_copy (json_object_get_member (unknown, l->data)));
        }
    }

  return json_to_string (root, FALSE);
}
