// Internal to CLazyLibraries: the libraries' own headers and the forwarding macro of LazyStubs.c.
#ifndef LOBBY_LAZYLIBRARIES_INTERNAL_H
#define LOBBY_LAZYLIBRARIES_INTERNAL_H

#include "../CCups/shim.h"
#include "../CRender/shim.h"
#include "../CLibUSB/shim.h"
#include "../CEvdev/shim.h"
#include "../CAlsa/shim.h"
#include "include/CLazyLibraries.h"

/// The address of `name` in `library`, loading the library on first use; ends the process with a
/// message naming both when either is missing (callers check `lobby_lazy_require` first).
void *lobby_lazy_symbol(int library, const char *name);

/// Defines `name` with its header's prototype; the first call looks the function up, every call forwards.
#define LOBBY_LAZY(library, name, result, formals, ret, actuals)                                   \
    result name formals {                                                                          \
        static __typeof__(&name) cached;                                                           \
        __typeof__(&name) function = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);                  \
        if (!function) {                                                                           \
            function = (__typeof__(&name))lobby_lazy_symbol(library, #name);                       \
            __atomic_store_n(&cached, function, __ATOMIC_RELEASE);                                 \
        }                                                                                          \
        ret function actuals;                                                                      \
    }

#endif
