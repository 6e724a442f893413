/* verkan-report-outline-item.c: one section in the Rapport page's outline
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "verkan-report-outline-item.h"

struct _VerkanReportOutlineItem
{
  GObject     parent_instance;

  gint64      id;
  char       *number;
  char       *title;
  GListStore *children;
};

G_DEFINE_FINAL_TYPE (VerkanReportOutlineItem, verkan_report_outline_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
verkan_report_outline_item_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  VerkanReportOutlineItem *self = VERKAN_REPORT_OUTLINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verkan_report_outline_item_finalize (GObject *object)
{
  VerkanReportOutlineItem *self = VERKAN_REPORT_OUTLINE_ITEM (object);

  g_free (self->number);
  g_free (self->title);
  g_object_unref (self->children);

  G_OBJECT_CLASS (verkan_report_outline_item_parent_class)->finalize (object);
}

static void
verkan_report_outline_item_class_init (VerkanReportOutlineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = verkan_report_outline_item_get_property;
  object_class->finalize = verkan_report_outline_item_finalize;

  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
verkan_report_outline_item_init (VerkanReportOutlineItem *self)
{
  self->number = g_strdup ("");
  self->title = g_strdup ("");
  self->children = g_list_store_new (VERKAN_TYPE_REPORT_OUTLINE_ITEM);
}

VerkanReportOutlineItem *
verkan_report_outline_item_new (gint64 id)
{
  VerkanReportOutlineItem *self = g_object_new (VERKAN_TYPE_REPORT_OUTLINE_ITEM, NULL);

  self->id = id;
  return self;
}

gint64
verkan_report_outline_item_get_id (VerkanReportOutlineItem *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_OUTLINE_ITEM (self), 0);

  return self->id;
}

const char *
verkan_report_outline_item_get_number (VerkanReportOutlineItem *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_OUTLINE_ITEM (self), "");

  return self->number;
}

const char *
verkan_report_outline_item_get_title (VerkanReportOutlineItem *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_OUTLINE_ITEM (self), "");

  return self->title;
}

void
verkan_report_outline_item_set_section (VerkanReportOutlineItem *self,
                                        const char              *number,
                                        const char              *title)
{
  g_return_if_fail (VERKAN_IS_REPORT_OUTLINE_ITEM (self));

  if (number == NULL)
    number = "";
  if (title == NULL)
    title = "";

  if (g_strcmp0 (self->number, number) != 0)
    {
      g_free (self->number);
      self->number = g_strdup (number);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
    }

  if (g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

GListStore *
verkan_report_outline_item_get_children (VerkanReportOutlineItem *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_OUTLINE_ITEM (self), NULL);

  return self->children;
}
