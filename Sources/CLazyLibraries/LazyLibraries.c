// Loads the device libraries on first use (dlopen) and finds their functions (dlsym).
#include "LazyLibraries.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sonames[LOBBY_LIB_COUNT] = {
    [LOBBY_LIB_CUPS] = "libcups.so.2",
    [LOBBY_LIB_CAIRO] = "libcairo.so.2",
    [LOBBY_LIB_PANGO] = "libpango-1.0.so.0",
    [LOBBY_LIB_PANGOCAIRO] = "libpangocairo-1.0.so.0",
    [LOBBY_LIB_GOBJECT] = "libgobject-2.0.so.0",
    [LOBBY_LIB_GLIB] = "libglib-2.0.so.0",
    [LOBBY_LIB_QRENCODE] = "libqrencode.so.4",
    [LOBBY_LIB_USB] = "libusb-1.0.so.0",
    [LOBBY_LIB_EVDEV] = "libevdev.so.2",
    [LOBBY_LIB_ASOUND] = "libasound.so.2",
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *handles[LOBBY_LIB_COUNT];
static char failures[LOBBY_LIB_COUNT][256];

const char *lobby_lazy_soname(int library) {
    return library >= 0 && library < LOBBY_LIB_COUNT ? sonames[library] : "unknown library";
}

const char *lobby_lazy_require(int library) {
    if (library < 0 || library >= LOBBY_LIB_COUNT) return "unknown library";
    const char *failure = NULL;
    pthread_mutex_lock(&lock);
    if (!handles[library]) {
        handles[library] = dlopen(sonames[library], RTLD_NOW | RTLD_LOCAL);
        if (!handles[library]) {
            const char *reason = dlerror();
            snprintf(failures[library], sizeof failures[library], "%s", reason ? reason : sonames[library]);
            failure = failures[library];
        }
    }
    pthread_mutex_unlock(&lock);
    return failure;
}

int lobby_lazy_is_loaded(int library) {
    if (library < 0 || library >= LOBBY_LIB_COUNT) return 0;
    pthread_mutex_lock(&lock);
    int loaded = handles[library] != NULL;
    pthread_mutex_unlock(&lock);
    return loaded;
}

void *lobby_lazy_symbol(int library, const char *name) {
    const char *failure = lobby_lazy_require(library);
    if (failure) {
        fprintf(stderr, "lobby: %s is needed for %s and could not be loaded: %s\n", lobby_lazy_soname(library), name, failure);
        abort();
    }
    pthread_mutex_lock(&lock);
    void *address = dlsym(handles[library], name);
    pthread_mutex_unlock(&lock);
    if (!address) {
        fprintf(stderr, "lobby: %s has no function %s\n", sonames[library], name);
        abort();
    }
    return address;
}
