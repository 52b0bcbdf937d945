/// Counts the lines text takes on a screen of a given width: a line longer than the width takes
/// several; terminal escape sequences take none.
struct LineCounter {
    private(set) var count = 0
    private var column = 0
    private var inEscape = false

    mutating func feed(_ text: String, columns: Int) {
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            switch scalar {
            case "\u{1B}": inEscape = true
            case "\n":
                count += 1
                column = 0
            case "\r": column = 0
            default:
                if column == columns {
                    count += 1
                    column = 0
                }
                column += 1
            }
        }
    }
}
