/* verkan-report-body.c: the rich text of one report section, read from and
 * written to its small XML form (see verkan-report-body.h).
 *
 * Reading is forgiving, because a body may come from an older Verkan, a
 * template or a hand-written XML file: namespaces are ignored, unknown
 * elements give their text, and only XML that is not well-formed (or not
 * a <body>) is refused.  Writing is strict and always gives the canonical
 * form, so parse (to_xml (b)) is b again.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "verkan-report-body.h"

G_DEFINE_QUARK (verkan-report-body-error-quark, verkan_report_body_error)

const char *const verkan_report_block_kinds[] = {
  "project-facts", "municipalities", "organisation", "goal-outcomes", "time-plan",
  "resources", "model", "model-version", "chart", "appendices", "references", NULL,
};

/* In the order of verkan_report_block_kinds */
static const char *const block_kind_labels[] = {
  /* Translators: a generated block of the report: the table of project facts */
  N_("Project facts"),
  /* Translators: a generated block of the report: the list of municipalities */
  N_("Municipalities"),
  /* Translators: a generated block of the report: the table of people and roles */
  N_("Organisation"),
  /* Translators: a generated block of the report: goals with status and survey answers */
  N_("Goal outcomes"),
  /* Translators: a generated block of the report: milestones planned and actual */
  N_("Time plan"),
  /* Translators: a generated block of the report: hours planned and actual */
  N_("Resources"),
  /* Translators: a generated block of the report: a logic model as it is now */
  N_("Logic model"),
  /* Translators: a generated block of the report: a frozen, dated logic model */
  N_("Frozen logic model"),
  /* Translators: a generated block of the report: a Kolada chart */
  N_("Chart"),
  /* Translators: a generated block of the report: the list of appendices */
  N_("Appendices"),
  /* Translators: a generated block of the report: the list of references */
  N_("References"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (block_kind_labels) + 1 == G_N_ELEMENTS (verkan_report_block_kinds));

const char *
verkan_report_block_kind_label (const char *kind)
{
  for (guint i = 0; verkan_report_block_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, verkan_report_block_kinds[i]) == 0)
      return g_dgettext (GETTEXT_PACKAGE, block_kind_labels[i]);
  return kind;
}

/* --- memory --------------------------------------------------------------- */

static void
span_free (VerkanReportSpan *span)
{
  g_free (span->text);
  g_free (span->href);
  g_free (span->ref);
  g_free (span);
}

static void
item_free (VerkanReportItem *item)
{
  g_ptr_array_unref (item->spans);
  g_free (item->block_id);
  g_free (item->block_kind);
  g_free (item->block_ref);
  g_free (item->caption);
  g_free (item);
}

static VerkanReportItem *
item_new (VerkanReportItemKind kind)
{
  VerkanReportItem *item = g_new0 (VerkanReportItem, 1);

  item->kind = kind;
  item->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
  return item;
}

VerkanReportBody *
verkan_report_body_new (void)
{
  VerkanReportBody *body = g_new0 (VerkanReportBody, 1);

  body->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  return body;
}

void
verkan_report_body_free (VerkanReportBody *body)
{
  if (body == NULL)
    return;
  g_ptr_array_unref (body->items);
  g_free (body);
}

VerkanReportItem *
verkan_report_body_add_paragraph (VerkanReportBody     *body,
                                  VerkanReportItemKind  kind)
{
  VerkanReportItem *item;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (kind != VERKAN_REPORT_ITEM_BLOCK, NULL);

  item = item_new (kind);
  g_ptr_array_add (body->items, item);
  return item;
}

VerkanReportSpan *
verkan_report_item_add_span (VerkanReportItem      *item,
                             VerkanReportSpanKind   kind,
                             VerkanReportSpanFlags  flags,
                             const char            *text)
{
  VerkanReportSpan *span;

  g_return_val_if_fail (item != NULL, NULL);

  span = g_new0 (VerkanReportSpan, 1);
  span->kind = kind;
  span->flags = flags;
  span->text = g_strdup (text ? text : "");
  g_ptr_array_add (item->spans, span);
  return span;
}

VerkanReportItem *
verkan_report_body_add_block (VerkanReportBody *body,
                              const char       *block_kind,
                              const char       *block_ref,
                              const char       *block_id)
{
  VerkanReportItem *item;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (block_kind != NULL, NULL);

  item = item_new (VERKAN_REPORT_ITEM_BLOCK);
  item->block_kind = g_strdup (block_kind);
  item->block_ref = g_strdup (block_ref);
  item->block_id = block_id ? g_strdup (block_id) : g_uuid_string_random ();
  g_ptr_array_add (body->items, item);
  return item;
}

VerkanReportBody *
verkan_report_body_copy (const VerkanReportBody *body)
{
  VerkanReportBody *copy = verkan_report_body_new ();

  g_return_val_if_fail (body != NULL, copy);

  for (guint i = 0; i < body->items->len; i++)
    {
      const VerkanReportItem *item = g_ptr_array_index (body->items, i);
      VerkanReportItem *to = item_new (item->kind);

      to->block_id = g_strdup (item->block_id);
      to->block_kind = g_strdup (item->block_kind);
      to->block_ref = g_strdup (item->block_ref);
      to->caption = g_strdup (item->caption);
      for (guint j = 0; j < item->spans->len; j++)
        {
          const VerkanReportSpan *span = g_ptr_array_index (item->spans, j);
          VerkanReportSpan *s = verkan_report_item_add_span (to, span->kind, span->flags,
                                                             span->text);
          s->href = g_strdup (span->href);
          s->ref = g_strdup (span->ref);
        }
      g_ptr_array_add (copy->items, to);
    }
  return copy;
}

/* --- reading -------------------------------------------------------------- */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
dup_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *text;

  if (value == NULL)
    return NULL;
  text = g_strdup ((const char *) value);
  xmlFree (value);
  return text;
}

static char *
dup_content (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *text = g_strdup (value ? (const char *) value : "");

  xmlFree (value);
  return text;
}

/* The inline content of a paragraph, with the flags and link of the
 * elements around it */
static void
read_inline (VerkanReportItem      *item,
             xmlNode               *parent,
             VerkanReportSpanFlags  flags,
             const char            *href)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          VerkanReportSpan *span;

          if (node->content == NULL || node->content[0] == '\0')
            continue;
          span = verkan_report_item_add_span (item, VERKAN_REPORT_SPAN_TEXT, flags,
                                              (const char *) node->content);
          span->href = g_strdup (href);
        }
      else if (node->type != XML_ELEMENT_NODE)
        continue;
      else if (is_element (node, "b") || is_element (node, "strong"))
        read_inline (item, node, flags | VERKAN_REPORT_SPAN_BOLD, href);
      else if (is_element (node, "i") || is_element (node, "em"))
        read_inline (item, node, flags | VERKAN_REPORT_SPAN_ITALIC, href);
      else if (is_element (node, "a"))
        {
          g_autofree char *target = dup_attribute (node, "href");
          read_inline (item, node, flags, target ? target : href);
        }
      else if (is_element (node, "note"))
        {
          g_autofree char *text = dup_content (node);
          verkan_report_item_add_span (item, VERKAN_REPORT_SPAN_NOTE, 0, text);
        }
      else if (is_element (node, "ref"))
        {
          VerkanReportSpan *span = verkan_report_item_add_span (item, VERKAN_REPORT_SPAN_REF,
                                                                0, NULL);
          span->ref = dup_attribute (node, "to");
          if (span->ref == NULL)
            span->ref = g_strdup ("");
        }
      else
        read_inline (item, node, flags, href);  /* unknown: its text */
    }
}

static VerkanReportItemKind
list_kind (xmlNode *node)
{
  g_autofree char *list = dup_attribute (node, "list");

  if (g_strcmp0 (list, "bullet") == 0)
    return VERKAN_REPORT_ITEM_BULLET;
  if (g_strcmp0 (list, "numbered") == 0)
    return VERKAN_REPORT_ITEM_NUMBERED;
  return VERKAN_REPORT_ITEM_PARAGRAPH;
}

static gboolean
has_visible_text (xmlNode *node)
{
  g_autofree char *text = dup_content (node);

  return text[strspn (text, " \t\r\n")] != '\0';
}

static VerkanReportBody *
read_body (xmlNode *root)
{
  VerkanReportBody *body = verkan_report_body_new ();

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;  /* text outside <p> is ignored */

      if (is_element (node, "block"))
        {
          g_autofree char *kind = dup_attribute (node, "kind");
          g_autofree char *ref = dup_attribute (node, "ref");
          g_autofree char *id = dup_attribute (node, "id");
          VerkanReportItem *item;

          if (kind == NULL || kind[0] == '\0')
            continue;  /* a block of no kind draws nothing */
          item = verkan_report_body_add_block (body, kind, ref && ref[0] ? ref : NULL,
                                               id && id[0] ? id : NULL);
          item->caption = dup_attribute (node, "caption");
        }
      else if (is_element (node, "p"))
        read_inline (verkan_report_body_add_paragraph (body, list_kind (node)), node, 0, NULL);
      else if (has_visible_text (node))
        read_inline (verkan_report_body_add_paragraph (body, VERKAN_REPORT_ITEM_PARAGRAPH),
                     node, 0, NULL);
    }
  return body;
}

VerkanReportBody *
verkan_report_body_parse (const char  *xml,
                          GError     **error)
{
  xmlDoc *doc;
  xmlNode *root;
  VerkanReportBody *body;

  if (xml == NULL || xml[strspn (xml, " \t\r\n")] == '\0')
    return verkan_report_body_new ();

  xmlInitParser ();
  doc = xmlReadMemory (xml, strlen (xml), NULL, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                       XML_PARSE_NOCDATA);
  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !is_element (root, "body"))
    {
      g_set_error_literal (error, VERKAN_REPORT_BODY_ERROR, VERKAN_REPORT_BODY_ERROR_INVALID,
                           root == NULL
                           ? _("The section’s text is damaged and cannot be read.")
                           : _("The section’s text does not start with <body>."));
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  body = read_body (root);
  xmlFreeDoc (doc);
  return body;
}

/* --- writing -------------------------------------------------------------- */

/* Escapes for text (@attribute FALSE) or a double-quoted attribute; leaves
 * out the control characters XML cannot hold */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;
        case '\n':
          g_string_append (out, attribute ? "&#10;" : "\n");
          break;
        case '\t':
          g_string_append (out, attribute ? "&#9;" : "\t");
          break;
        default:
          if (c >= 0x20)
            g_string_append_c (out, (char) c);
          break;
        }
    }
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static void
append_span (GString                *out,
             const VerkanReportSpan *span)
{
  switch (span->kind)
    {
    case VERKAN_REPORT_SPAN_NOTE:
      g_string_append (out, "<note>");
      append_escaped (out, span->text, FALSE);
      g_string_append (out, "</note>");
      break;

    case VERKAN_REPORT_SPAN_REF:
      g_string_append (out, "<ref");
      append_attribute (out, "to", span->ref ? span->ref : "");
      g_string_append (out, "/>");
      break;

    case VERKAN_REPORT_SPAN_TEXT:
    default:
      if (span->text == NULL || span->text[0] == '\0')
        break;
      if (span->href != NULL)
        {
          g_string_append (out, "<a");
          append_attribute (out, "href", span->href);
          g_string_append_c (out, '>');
        }
      if (span->flags & VERKAN_REPORT_SPAN_BOLD)
        g_string_append (out, "<b>");
      if (span->flags & VERKAN_REPORT_SPAN_ITALIC)
        g_string_append (out, "<i>");
      append_escaped (out, span->text, FALSE);
      if (span->flags & VERKAN_REPORT_SPAN_ITALIC)
        g_string_append (out, "</i>");
      if (span->flags & VERKAN_REPORT_SPAN_BOLD)
        g_string_append (out, "</b>");
      if (span->href != NULL)
        g_string_append (out, "</a>");
      break;
    }
}

char *
verkan_report_body_to_xml (const VerkanReportBody *body)
{
  GString *out;

  if (body == NULL || body->items->len == 0)
    return g_strdup ("<body/>");  /* as the column's default */

  out = g_string_new ("<body>");
  for (guint i = 0; i < body->items->len; i++)
    {
      const VerkanReportItem *item = g_ptr_array_index (body->items, i);

      if (item->kind == VERKAN_REPORT_ITEM_BLOCK)
        {
          g_string_append (out, "<block");
          append_attribute (out, "id", item->block_id);
          append_attribute (out, "kind", item->block_kind);
          append_attribute (out, "ref", item->block_ref);
          append_attribute (out, "caption", item->caption);
          g_string_append (out, "/>");
          continue;
        }

      g_string_append (out, "<p");
      if (item->kind == VERKAN_REPORT_ITEM_BULLET)
        append_attribute (out, "list", "bullet");
      else if (item->kind == VERKAN_REPORT_ITEM_NUMBERED)
        append_attribute (out, "list", "numbered");
      g_string_append_c (out, '>');
      for (guint j = 0; j < item->spans->len; j++)
        append_span (out, g_ptr_array_index (item->spans, j));
      g_string_append (out, "</p>");
    }

  g_string_append (out, "</body>");
  return g_string_free (out, FALSE);
}

char *
verkan_report_body_to_plain (const VerkanReportBody *body)
{
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint i = 0; body != NULL && i < body->items->len; i++)
    {
      const VerkanReportItem *item = g_ptr_array_index (body->items, i);

      if (item->kind == VERKAN_REPORT_ITEM_BLOCK)
        continue;
      if (!first)
        g_string_append_c (out, '\n');
      first = FALSE;
      for (guint j = 0; j < item->spans->len; j++)
        {
          const VerkanReportSpan *span = g_ptr_array_index (item->spans, j);

          if (span->kind == VERKAN_REPORT_SPAN_TEXT)
            g_string_append (out, span->text);
        }
    }
  return g_string_free (out, FALSE);
}
