// DRM and fbdev ioctls for the display edge (see include/CFramebuffer.h).
#include "CFramebuffer.h"

#include <errno.h>
#include <linux/kd.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static int call(int fd, unsigned long request, void *argument) {
    int status;
    do {
        status = ioctl(fd, request, argument);
    } while (status == -1 && (errno == EINTR || errno == EAGAIN));
    return status == -1 ? -errno : 0;
}

int lobby_drm_set_client_cap(int fd, uint64_t capability, uint64_t value) {
    struct drm_set_client_cap request = { .capability = capability, .value = value };
    return call(fd, DRM_IOCTL_SET_CLIENT_CAP, &request);
}

int lobby_drm_get_cap(int fd, uint64_t capability, uint64_t *value) {
    struct drm_get_cap request = { .capability = capability, .value = 0 };
    int status = call(fd, DRM_IOCTL_GET_CAP, &request);
    if (status == 0) *value = request.value;
    return status;
}

int lobby_drm_get_resources(int fd, struct drm_mode_card_res *resources) {
    return call(fd, DRM_IOCTL_MODE_GETRESOURCES, resources);
}

int lobby_drm_get_connector(int fd, struct drm_mode_get_connector *connector) {
    return call(fd, DRM_IOCTL_MODE_GETCONNECTOR, connector);
}

int lobby_drm_get_encoder(int fd, struct drm_mode_get_encoder *encoder) {
    return call(fd, DRM_IOCTL_MODE_GETENCODER, encoder);
}

int lobby_drm_get_crtc(int fd, struct drm_mode_crtc *crtc) {
    return call(fd, DRM_IOCTL_MODE_GETCRTC, crtc);
}

int lobby_drm_set_crtc(int fd, struct drm_mode_crtc *crtc) {
    return call(fd, DRM_IOCTL_MODE_SETCRTC, crtc);
}

int lobby_drm_create_dumb(int fd, struct drm_mode_create_dumb *request) {
    return call(fd, DRM_IOCTL_MODE_CREATE_DUMB, request);
}

int lobby_drm_map_dumb(int fd, struct drm_mode_map_dumb *request) {
    return call(fd, DRM_IOCTL_MODE_MAP_DUMB, request);
}

int lobby_drm_destroy_dumb(int fd, uint32_t handle) {
    struct drm_mode_destroy_dumb request = { .handle = handle };
    return call(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &request);
}

int lobby_drm_add_fb2(int fd, struct drm_mode_fb_cmd2 *request) {
    return call(fd, DRM_IOCTL_MODE_ADDFB2, request);
}

int lobby_drm_add_fb(int fd, struct drm_mode_fb_cmd *request) {
    return call(fd, DRM_IOCTL_MODE_ADDFB, request);
}

int lobby_drm_remove_fb(int fd, uint32_t framebuffer) {
    uint32_t id = framebuffer;
    return call(fd, DRM_IOCTL_MODE_RMFB, &id);
}

int lobby_drm_dirty_fb(int fd, uint32_t framebuffer, struct drm_clip_rect *clips, uint32_t count) {
    struct drm_mode_fb_dirty_cmd request;
    memset(&request, 0, sizeof request);
    request.fb_id = framebuffer;
    request.num_clips = count;
    request.clips_ptr = (uint64_t)(uintptr_t)clips;
    return call(fd, DRM_IOCTL_MODE_DIRTYFB, &request);
}

int lobby_drm_page_flip(int fd, uint32_t crtc, uint32_t framebuffer, uint64_t user_data) {
    struct drm_mode_crtc_page_flip request;
    memset(&request, 0, sizeof request);
    request.crtc_id = crtc;
    request.fb_id = framebuffer;
    request.flags = DRM_MODE_PAGE_FLIP_EVENT;
    request.user_data = user_data;
    return call(fd, DRM_IOCTL_MODE_PAGE_FLIP, &request);
}

int lobby_drm_wait_flip(int fd, int timeout_ms) {
    struct pollfd descriptor = { .fd = fd, .events = POLLIN, .revents = 0 };
    int ready;
    do {
        ready = poll(&descriptor, 1, timeout_ms);
    } while (ready == -1 && errno == EINTR);
    if (ready < 0) return -errno;
    if (ready == 0) return 0;
    if (descriptor.revents & (POLLERR | POLLHUP | POLLNVAL)) return -ENODEV;
    char buffer[1024];
    ssize_t length = read(fd, buffer, sizeof buffer);
    if (length < 0) return -errno;
    int flipped = 0;
    for (ssize_t offset = 0; offset + (ssize_t)sizeof(struct drm_event) <= length;) {
        struct drm_event header;
        memcpy(&header, buffer + offset, sizeof header);
        if (header.type == DRM_EVENT_FLIP_COMPLETE) flipped = 1;
        if (header.length == 0) break;
        offset += header.length;
    }
    return flipped;
}

size_t lobby_drm_modeinfo_size(void) { return sizeof(struct drm_mode_modeinfo); }

int lobby_fb_get_variable(int fd, struct fb_var_screeninfo *info) {
    return call(fd, FBIOGET_VSCREENINFO, info);
}

int lobby_fb_get_fixed(int fd, struct fb_fix_screeninfo *info) {
    return call(fd, FBIOGET_FSCREENINFO, info);
}

int lobby_vt_get_mode(int fd, int *mode) {
    return call(fd, KDGETMODE, mode);
}

int lobby_vt_set_mode(int fd, int mode) {
    return ioctl(fd, KDSETMODE, (unsigned long)mode) == -1 ? -errno : 0;
}

void *lobby_map(int fd, size_t length, uint64_t offset) {
    void *address = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)offset);
    return address == MAP_FAILED ? NULL : address;
}
