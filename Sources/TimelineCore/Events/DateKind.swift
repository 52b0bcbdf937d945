/// Which date of a step an event's date is: the decision, the signature, the entry into force …
///
/// Sources often agree on the facts and differ on which date counts. An event is dated by its
/// organization's default convention (usually the day it took effect) and may carry the other
/// dates of the same step as `AlternativeDate`s; a query asked `by decided` reads those instead.
public enum DateKind: String, CaseIterable, Sendable, Hashable, Comparable {
    /// The day a body decided it (a summit decision, a Council resolution).
    case decided
    /// The day a treaty, protocol or memorandum was signed.
    case signed
    /// The day it was ratified.
    case ratified
    /// The day an instrument was deposited.
    case deposited
    /// The day it was announced or notified.
    case announced
    /// The day it took effect (entry into force).
    case effective

    /// The kind `text` names, accepting the noun as well as the participle (`decision`,
    /// `signature`, `ratification`, `deposit`, `announcement`, `effect`), in any case.
    public init?(word text: String) {
        let lowered = text.lowercased()
        if let kind = DateKind(rawValue: lowered) {
            self = kind
            return
        }
        switch lowered {
        case "decision": self = .decided
        case "signature": self = .signed
        case "ratification": self = .ratified
        case "deposit": self = .deposited
        case "announcement", "notice": self = .announced
        case "effect", "force", "entry-into-force": self = .effective
        default: return nil
        }
    }

    /// Orders kinds as they are declared (decision before signature before effect).
    public static func < (lhs: DateKind, rhs: DateKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The words a query or an append accepts, for messages.
    public static var words: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
