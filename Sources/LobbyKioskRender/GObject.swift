internal import CRender

/// Releases a pango layout.
func g_object_unref_layout(_ layout: OpaquePointer) {
    g_object_unref(UnsafeMutableRawPointer(layout))
}
