// Kiosk rendering benchmark: full 1080×1920 frames, partial updates after a letter tap, and
// touch (tap) → flow → damaged region repainted → copied to an XRGB8888 buffer.
#if canImport(Glibc)
import Glibc
#endif
import LobbyFramebuffer
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue

func milliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
}

func report(_ name: String, _ samples: [Double]) {
    let sorted = samples.sorted()
    let median = sorted[sorted.count / 2], p95 = sorted[min(sorted.count - 1, sorted.count * 95 / 100)]
    print("\(name): median \(format1(median)) ms, p95 \(format1(p95)) ms, n=\(samples.count)")
}

func format1(_ value: Double) -> String { String(Double(Int(value * 100)) / 100) }

let strings = try KioskStringFiles.load()
let services = (0..<360).map { i in
    ServiceDefinition(id: ServiceID("s\(i)"), agency: AgencyID("a\(i % 12)"),
                      name: LocalizedText(az: "Şəxsiyyət xidməti \(i)", ru: "Услуга номер \(i)", en: "Service number \(i)"),
                      categoryPath: [LocalizedText(az: "Qurum \(i % 12)", ru: "Ведомство \(i % 12)", en: "Agency \(i % 12)")], prefix: "S")
}
let centre = CentreConfiguration(name: LocalizedText(az: "Mərkəz", ru: "Центр", en: "Centre"), agencies: [], services: services, windows: [])
let geometry = KioskGeometry.portraitFullHD
let catalog = KioskCatalog(configuration: centre)
let configuration = KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "bench")
let canvas = try KioskCanvas(width: geometry.width, height: geometry.height)
var scanout = [UInt8](repeating: 0, count: geometry.width * geometry.height * 4)
let runs = Int(CommandLine.arguments.dropFirst().first ?? "40") ?? 40

for screen in [ScreenName.services, .confirm, .doneUnprinted] {
    var samples: [Double] = []
    for accessible in [false, true] {
        let model = KioskScreenBuilder(configuration: configuration, catalog: catalog, strings: strings)
            .model(for: KioskSampleStates.state(screen, language: .az, accessible: accessible, catalog: catalog, now: Instant(seconds: 0)))
        for _ in 0..<runs {
            let start = milliseconds()
            canvas.draw(model)
            samples.append(milliseconds() - start)
        }
    }
    report("full frame \(screen.rawValue) 1080x1920", samples)
}

var layout: [Double] = [], partial: [Double] = [], endToEnd: [Double] = [], blit: [Double] = []
for i in 0..<runs {
    var flow = KioskFlow(configuration: configuration, catalog: catalog, strings: strings,
                         state: KioskSampleStates.state(.services, language: .az, accessible: i % 2 == 1, catalog: catalog, now: Instant(seconds: 0)))
    canvas.draw(flow.screen)
    let key = flow.screen.button(for: .letter("Ş"))!.frame.center
    let start = milliseconds()
    let before = flow.screen
    _ = flow.handle(.tap(x: key.x, y: key.y), at: Instant(seconds: 1))
    let laidOut = milliseconds()
    let damage = KioskDamage.region(from: before, to: flow.screen)!
    canvas.draw(flow.screen, clip: damage)
    let drawn = milliseconds()
    canvas.withPixels { raw, stride in
        scanout.withUnsafeMutableBytes { out in
            FramebufferBlit.copy(raw, sourceStride: stride, into: out, destinationStride: geometry.width * 4, format: .xrgb8888,
                                 width: geometry.width, height: geometry.height,
                                 rect: BlitRect(x: damage.x, y: damage.y, width: damage.width, height: damage.height))
        }
    }
    let copied = milliseconds()
    layout.append(laidOut - start)
    partial.append(drawn - laidOut)
    blit.append(copied - drawn)
    endToEnd.append(copied - start)
}
report("tap -> flow + layout", layout)
report("partial repaint (damaged region)", partial)
report("copy damaged region to XRGB8888", blit)
report("tap -> updated frame in scan-out buffer", endToEnd)
