#ifndef LOBBY_CCUPS_SHIM_H
#define LOBBY_CCUPS_SHIM_H
/* libcups 2.4 (Debian 12: libcups2-dev, no cups.pc, so no pkg-config): the destination API
   (cupsGetNamedDest, cupsCreateDestJob, cupsStartDestDocument, ...) and IPP requests. */
#include <cups/cups.h>
#include <cups/ipp.h>
#endif
