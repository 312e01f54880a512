// Measures MRZ parse throughput. Run: swift run -c release lobby-id-bench [seconds]
import Foundation
import LobbyMRZ

let documents = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "IDAZEAA123456782QW3ER5<<<<<<<<\n0102030M3402030AZE<<<<<<<<<<<7\nNUMUNOV<<SINAQ<TEST<<<<<<<<<<<",
    "IDAZENUMUNOV<<SINAQ<<<<<<<<<<<<<<<<<\n12345678<8AZE8503150M<<<<<<01AB2C3D0",
    "IDAZENUMUNOV<<SINAQ<<<<<<<<<<<<<<<<<\n12345678<8AZE8503153M<<<<<<01AB2C3D0",
]
let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 3
var parses = 0
var validCount = 0
let start = DispatchTime.now().uptimeNanoseconds
let limit = start + UInt64(seconds * 1e9)
var now = start
while now < limit {
    for text in documents where MRZParser.parse(text).isValid { validCount += 1 }
    parses += documents.count
    if parses % 4_000 == 0 { now = DispatchTime.now().uptimeNanoseconds }
}
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let rate = Double(parses) / elapsed
print("parsed \(parses) MRZs (\(validCount) valid) in \(String(format: "%.2f", elapsed)) s: \(Int(rate)) parses/s, \(String(format: "%.2f", 1e6 / rate)) µs each")
