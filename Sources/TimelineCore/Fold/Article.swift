/// English indefinite articles for messages: "an accession", "a status".
public enum Article {
    /// The word with "a" or "an" before it.
    public static func with(_ word: String) -> String {
        guard let first = word.lowercased().first else { return word }
        return ("aeiou".contains(first) ? "an " : "a ") + word
    }
}
