// The C side of the display edge: the kernel's DRM (KMS, dumb buffers) and fbdev ioctls,
// wrapped as plain functions Swift can call. The structures come from the kernel's uapi
// headers as shipped by libdrm-dev (header only: nothing links libdrm).
#ifndef LOBBY_CFRAMEBUFFER_H
#define LOBBY_CFRAMEBUFFER_H

#include <stdint.h>
#include <stddef.h>
#include <libdrm/drm.h>
#include <libdrm/drm_mode.h>
#include <linux/fb.h>

/// Every function returns 0 on success or -errno (EINTR/EAGAIN are retried inside).

/// DRM_IOCTL_SET_CLIENT_CAP.
int lobby_drm_set_client_cap(int fd, uint64_t capability, uint64_t value);
/// DRM_IOCTL_GET_CAP; the value in *value.
int lobby_drm_get_cap(int fd, uint64_t capability, uint64_t *value);
/// DRM_IOCTL_MODE_GETRESOURCES (call twice: counts first, then with arrays set).
int lobby_drm_get_resources(int fd, struct drm_mode_card_res *resources);
/// DRM_IOCTL_MODE_GETCONNECTOR (call twice: counts first, then with arrays set).
int lobby_drm_get_connector(int fd, struct drm_mode_get_connector *connector);
/// DRM_IOCTL_MODE_GETENCODER.
int lobby_drm_get_encoder(int fd, struct drm_mode_get_encoder *encoder);
/// DRM_IOCTL_MODE_GETCRTC.
int lobby_drm_get_crtc(int fd, struct drm_mode_crtc *crtc);
/// DRM_IOCTL_MODE_SETCRTC.
int lobby_drm_set_crtc(int fd, struct drm_mode_crtc *crtc);
/// DRM_IOCTL_MODE_CREATE_DUMB.
int lobby_drm_create_dumb(int fd, struct drm_mode_create_dumb *request);
/// DRM_IOCTL_MODE_MAP_DUMB.
int lobby_drm_map_dumb(int fd, struct drm_mode_map_dumb *request);
/// DRM_IOCTL_MODE_DESTROY_DUMB of `handle`.
int lobby_drm_destroy_dumb(int fd, uint32_t handle);
/// DRM_IOCTL_MODE_ADDFB2.
int lobby_drm_add_fb2(int fd, struct drm_mode_fb_cmd2 *request);
/// DRM_IOCTL_MODE_ADDFB (the legacy depth/bpp form).
int lobby_drm_add_fb(int fd, struct drm_mode_fb_cmd *request);
/// DRM_IOCTL_MODE_RMFB of `framebuffer`.
int lobby_drm_remove_fb(int fd, uint32_t framebuffer);
/// DRM_IOCTL_MODE_DIRTYFB of `framebuffer` with `count` clip rectangles.
int lobby_drm_dirty_fb(int fd, uint32_t framebuffer, struct drm_clip_rect *clips, uint32_t count);
/// DRM_IOCTL_MODE_PAGE_FLIP with DRM_MODE_PAGE_FLIP_EVENT.
int lobby_drm_page_flip(int fd, uint32_t crtc, uint32_t framebuffer, uint64_t user_data);
/// Waits up to `timeout_ms` for a DRM event and reads it: 1 when a flip-complete event
/// arrived, 0 on timeout, -errno on failure.
int lobby_drm_wait_flip(int fd, int timeout_ms);
/// The size in bytes of struct drm_mode_modeinfo (to copy modes out of connector queries).
size_t lobby_drm_modeinfo_size(void);

/// FBIOGET_VSCREENINFO.
int lobby_fb_get_variable(int fd, struct fb_var_screeninfo *info);
/// FBIOGET_FSCREENINFO.
int lobby_fb_get_fixed(int fd, struct fb_fix_screeninfo *info);
/// KDGETMODE on a virtual terminal; the mode in *mode.
int lobby_vt_get_mode(int fd, int *mode);
/// KDSETMODE on a virtual terminal (KD_TEXT 0, KD_GRAPHICS 1).
int lobby_vt_set_mode(int fd, int mode);

/// mmap of `length` bytes at `offset`, shared, read/write; NULL on failure (errno set).
void *lobby_map(int fd, size_t length, uint64_t offset);

#endif
