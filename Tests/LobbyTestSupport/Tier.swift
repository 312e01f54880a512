import Testing

/// The tiers of the suite: what a suite needs from the machine, and so what may run beside it.
///
/// `scripts/test.sh --tier NAME` runs one tier; without it every tier runs, side by side where
/// they can (Docs/Testing.md).
extension Tag {
    /// Pure cores with vectors and tables: no process, no device, no wall clock.
    @Tag public static var unit: Self
    /// Real components on this host: SQLite files, loopback HTTP, lobbyd, ptys, Chromium, python.
    @Tag public static var host: Self
    /// Host suites that own a private cupsd (one at a time beside the emulators).
    @Tag public static var cups: Self
    /// Emulated hardware: firmware in qemu-system-arm, an x86 guest kernel in qemu-system-x86_64.
    @Tag public static var emulated: Self
}
