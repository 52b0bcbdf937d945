/// One of the three logs a merge reads, as git names them for a merge driver.
public enum MergeSide: String, Sendable, Hashable, CaseIterable {
    /// The common ancestor (git's `%O`): the history both branches started from.
    case ancestor
    /// The branch being merged into (git's `%A`): its file receives the result.
    case ours
    /// The branch being merged (git's `%B`): its new batches are replayed on top of ours.
    case theirs
}
