/// The result of parsing an MRZ: the format, the fields when the structure allowed reading them, and every problem.
public struct MRZDocument: Sendable, Hashable {
    /// The detected format, nil when the line count fits none.
    public var format: MRZFormat?
    /// The normalised lines.
    public var lines: [String]
    /// The fields, nil when the line count or a line length is wrong.
    public var fields: MRZFields?
    /// Every problem found, in line/column order of discovery.
    public var errors: [MRZIssue]

    /// True when there is no error.
    public var isValid: Bool { errors.isEmpty }
}
