/* The one process-wide application state (see app.h). */
#include "app.h"

app_t g_app;
