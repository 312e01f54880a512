import LobbyEscPos

/// A one-line description of a received job, from LobbyEscPos's decoder.
enum JobSummary {
    static func describe(_ data: [UInt8]) -> (text: String, images: Int, cuts: Int) {
        do {
            let decoded = try EscPosDecoder().decode(data)
            let images = decoded.images
            let cuts = decoded.commands.filter { if case .cut = $0.command { true } else { false } }.count
            let sizes = images.map { "\($0.bitmap.widthDots)x\($0.bitmap.heightDots) in \($0.bandCount) band(s)" }
            let text = "\(decoded.commands.count) commands, \(images.count) image(s)\(sizes.isEmpty ? "" : " [" + sizes.joined(separator: ", ") + "]"), \(cuts) cut(s)"
            return (text, images.count, cuts)
        } catch {
            return ("not decodable: \(error)", 0, 0)
        }
    }
}
