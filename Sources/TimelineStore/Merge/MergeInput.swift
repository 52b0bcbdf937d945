/// A log given to a merge: its bytes, and the name messages give it (a path, a branch).
public struct MergeInput: Sendable {
    /// Which log of the three this is.
    public let side: MergeSide
    /// How messages name it: `ours (Events/diplomacy.jsonl)`.
    public let name: String
    /// The file's bytes; empty for a log that does not exist on that side (git passes an empty
    /// ancestor when both branches created the file).
    public let bytes: [UInt8]

    /// The log of `side`, named `name` in messages.
    public init(side: MergeSide, name: String, bytes: [UInt8]) {
        self.side = side
        self.name = name
        self.bytes = bytes
    }
}
