// libFuzzer entry for scripts/fuzz-evemu.sh: every input is an evemu text (and a match list).
// A trap, an out-of-bounds access or a leak is a finding; a thrown parse error is the expected
// answer to bad input and must name a line inside the text.

/// Parses `data` as an evemu recording, replays what parses, and parses it as match lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func evemuFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count
    do {
        let recording = try EvemuParser.parse(text)
        if recording.device != nil { _ = try? TouchReplay.replay(recording: recording) }
    } catch {
        precondition((1...max(1, lines)).contains(error.line), "error outside the text: \(error)")
    }
    do {
        let list = try DeviceMatchList(parsing: text)
        if let device = try? EvemuParser.parse(text).device { _ = TouchDeviceClassifier.classify(device, matchList: list) }
    } catch {
        precondition((1...max(1, lines)).contains(error.line), "match-list error outside the text: \(error)")
    }
    return 0
}
