/// Whether an answer holds for sure or only possibly, given the date bounds of its events.
///
/// A row is `possible` when an event behind it may or may not have happened by the query date:
/// a status dated `2010-04` asked about at `2010-04-15`.
public enum Certainty: String, Sendable, Hashable {
    case certain
    case possible
}
