/* verkan-reorder.h: dragging a row of a list onto another to move it there */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lets @row be dragged onto the other rows of its list box.  A drop emits
 * ::move-requested (guint new_index) on the dragged row, the same signal
 * its Move Up and Move Down buttons emit; the row must have it. */
void verkan_reorder_enable (GtkListBoxRow *row);

G_END_DECLS
