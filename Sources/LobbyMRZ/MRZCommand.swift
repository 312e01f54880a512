/// The pure part of `lobbyctl mrz parse`: MRZ text in, JSON report and exit status out.
public enum MRZCommand {
    /// Exit status for a valid MRZ.
    public static let validExitCode: Int32 = 0
    /// Exit status for an MRZ with any error.
    public static let invalidExitCode: Int32 = 1

    /// Parses the input and returns the JSON report and the exit status (0 valid, 1 invalid).
    public static func run(input: String) -> (json: String, exitCode: Int32) {
        let document = MRZParser.parse(input)
        return (MRZReport(document: document).text, document.isValid ? validExitCode : invalidExitCode)
    }
}
