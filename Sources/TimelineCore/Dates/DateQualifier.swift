/// The EDTF level 1 qualifiers of a date: uncertain (`?`), approximate (`~`) or both (`%`).
///
/// Qualifiers are carried and printed with the date; they do not widen its bounds. Certainty of
/// an answer comes from the bounds alone (see `Certainty`).
public enum DateQualifier: Character, Sendable, Hashable, CaseIterable {
    /// `?`: the source is unsure of the date.
    case uncertain = "?"
    /// `~`: the date is approximately right.
    case approximate = "~"
    /// `%`: uncertain and approximate.
    case uncertainAndApproximate = "%"
}
