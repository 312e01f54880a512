// The C interface of the speech edge: libespeak-ng (Debian libespeak-ng-dev, pkg-config `espeak-ng`).
#ifndef LOBBY_CESPEAK_SHIM_H
#define LOBBY_CESPEAK_SHIM_H

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#endif
