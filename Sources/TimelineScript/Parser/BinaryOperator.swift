/// A binary operator as the parser meets it after an operand, with its level of precedence.
enum BinaryOperator {
    /// `union`, `except` and `intersect`: two tables matched by their country column.
    case combine(SetOperator)
    /// `a..b`.
    case range
    /// `or`, `and`, the comparisons and the arithmetic, with their level.
    case binary(String, level: Int)

    /// The levels of precedence, loosest first. `not` is a prefix between `and` and the
    /// comparisons; an operand (a primary, or `-` before one) binds tightest.
    enum Level {
        static let union = 1
        static let intersect = 2
        static let or = 3
        static let and = 4
        static let not = 5
        static let comparison = 6
        static let range = 7
        static let additive = 8
        static let term = 9
        static let operand = 10
    }

    /// The operator `token` is, if it is one.
    init?(_ token: Token) {
        switch token.kind {
        case .symbol:
            guard let symbol = token.symbol else { return nil }
            switch symbol {
            case _ where symbol.isComparison: self = .binary(symbol.text, level: Level.comparison)
            case .range: self = .range
            case .plus, .minus: self = .binary(symbol.text, level: Level.additive)
            case .times, .divide: self = .binary(symbol.text, level: Level.term)
            default: return nil
            }
        case .word:
            guard !token.isOption, let keyword = token.keyword else { return nil }
            switch keyword {
            case .union: self = .combine(.union)
            case .except: self = .combine(.except)
            case .intersect: self = .combine(.intersect)
            case .or: self = .binary("or", level: Level.or)
            case .and: self = .binary("and", level: Level.and)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// How tightly the operator binds.
    var level: Int {
        switch self {
        case .combine(let setOperator): return setOperator == .intersect ? Level.intersect : Level.union
        case .range: return Level.range
        case .binary(_, let level): return level
        }
    }

    /// Whether `a op b op c` reads as `(a op b) op c`; a comparison or a range takes no second one.
    var associative: Bool { level != Level.comparison && level != Level.range }
}
