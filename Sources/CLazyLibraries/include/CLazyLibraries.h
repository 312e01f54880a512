// The device libraries lobbyd loads on first use instead of at start (Docs/Decisions/0010).
#ifndef LOBBY_CLAZYLIBRARIES_H
#define LOBBY_CLAZYLIBRARIES_H

/// The libraries loaded on first use.
enum lobby_lazy_library {
    LOBBY_LIB_CUPS,
    LOBBY_LIB_CAIRO,
    LOBBY_LIB_PANGO,
    LOBBY_LIB_PANGOCAIRO,
    LOBBY_LIB_GOBJECT,
    LOBBY_LIB_GLIB,
    LOBBY_LIB_QRENCODE,
    LOBBY_LIB_USB,
    LOBBY_LIB_EVDEV,
    LOBBY_LIB_ASOUND,
    LOBBY_LIB_COUNT
};

/// Loads `library` now (if it is not yet): NULL when it is loaded, else why not (e.g. "libcups.so.2:
/// cannot open shared object file"); the text stays valid. Call before the library's first function,
/// so that a missing library becomes an error instead of ending the process.
const char *lobby_lazy_require(int library);

/// Whether `library` is loaded in this process.
int lobby_lazy_is_loaded(int library);

/// The shared object name of `library`, e.g. "libcups.so.2".
const char *lobby_lazy_soname(int library);

#endif
