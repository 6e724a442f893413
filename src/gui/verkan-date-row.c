/* verkan-date-row.c: an entry row for a date, with a calendar
 *
 * The text stays the truth (people paste dates from e-mails); the
 * calendar only writes into it.  Checking the text is the job of the
 * field binding that stores it.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "verkan-date-row.h"
#include "verkan-format.h"

struct _VerkanDateRow
{
  AdwEntryRow     parent_instance;

  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkCalendar    *calendar;
  guint           updating;
};

G_DEFINE_FINAL_TYPE (VerkanDateRow, verkan_date_row, ADW_TYPE_ENTRY_ROW)

static GDateTime *
parse_date (const char *text)
{
  int year, month, day;

  if (text == NULL || !verkan_date_is_valid (text))
    return NULL;
  if (sscanf (text, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;

  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static void
on_popover_show (VerkanDateRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  g_autoptr(GDateTime) date = parse_date (text);

  if (date == NULL)
    date = g_date_time_new_now_local ();

  self->updating++;
  gtk_calendar_select_day (self->calendar, date);
  self->updating--;
}

static void
on_day_selected (VerkanDateRow *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->updating > 0)
    return;

  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self), text);
}

static gboolean
popdown_idle (gpointer data)
{
  VerkanDateRow *self = data;

  gtk_popover_popdown (self->popover);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

static void
on_calendar_released (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      VerkanDateRow   *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->calendar), x, y, GTK_PICK_DEFAULT);

  /* A click on a day picks it; clicks on the month and year arrows
   * only turn the pages. */
  for (; picked != NULL && picked != GTK_WIDGET (self->calendar);
       picked = gtk_widget_get_parent (picked))
    if (gtk_widget_has_css_class (picked, "day-number"))
      {
        g_idle_add (popdown_idle, g_object_ref (self));
        return;
      }
}

static gboolean
on_calendar_key (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 VerkanDateRow         *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      on_day_selected (self);
      gtk_popover_popdown (self->popover);
      return TRUE;
    }

  return FALSE;
}

static void
verkan_date_row_class_init (VerkanDateRowClass *klass)
{
}

/* The calendar is made when it is first wanted: a project shows dozens
 * of date rows, and most of them are never opened. */
static void
create_popup (GtkMenuButton *button, gpointer data)
{
  VerkanDateRow *self = data;
  GtkEventController *controller;
  GtkGesture *gesture;

  if (self->popover != NULL)
    return;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected",
                            G_CALLBACK (on_day_selected), self);

  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "released", G_CALLBACK (on_calendar_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_calendar_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), controller);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (on_popover_show), self);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->popover));
}

static void
verkan_date_row_init (VerkanDateRow *self)
{
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_create_popup_func (self->button, create_popup, self, NULL);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a Date"));
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));

  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self), GTK_INPUT_HINT_NO_SPELLCHECK);
}

GtkWidget *
verkan_date_row_new (void)
{
  return g_object_new (VERKAN_TYPE_DATE_ROW, NULL);
}
