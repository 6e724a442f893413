/* verkan-reorder.h: moving a row of a list up, down, or onto another row */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives the rows of @widget_class ::move-requested (guint new_index), which
 * their list carries out, and emits it for Alt+Up and Alt+Down and for the
 * template callbacks on_move_up and on_move_down (the Move Up and Move
 * Down buttons).  Call it after setting the class's template. */
void verkan_reorder_install        (GtkWidgetClass *widget_class);
/* Lets @row be dragged onto the other rows of its list box; a drop emits
 * ::move-requested on the dragged row. */
void verkan_reorder_enable         (GtkListBoxRow  *row);
/* Shows the Move Up and Move Down buttons of the row at @index of @n_items */
void verkan_reorder_update_buttons (GtkWidget      *move_up_button,
                                    GtkWidget      *move_down_button,
                                    guint           index,
                                    guint           n_items);

G_END_DECLS
