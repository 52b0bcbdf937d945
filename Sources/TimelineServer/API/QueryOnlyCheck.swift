import TimelineScript

/// Whether a program only asks: no `append`, no `import`, no transaction, at any depth.
enum QueryOnlyCheck {
    /// The first statement that would change the log, or `nil` when there is none.
    static func firstChange(in statements: [Statement]) -> Statement? {
        for statement in statements {
            switch statement.kind {
            case .append, .importFile, .transaction: return statement
            case .for(_, _, let body):
                if let found = firstChange(in: body) { return found }
            case .if(_, let then, let otherwise):
                if let found = firstChange(in: then + (otherwise ?? [])) { return found }
            case .let, .assign, .print, .expression: continue
            }
        }
        return nil
    }

    /// The first transaction command or `import`: what an append script may not hold (a
    /// transaction would outlive the request; files are not the server's to read).
    static func firstForbiddenInScript(in statements: [Statement]) -> Statement? {
        for statement in statements {
            switch statement.kind {
            case .importFile, .transaction: return statement
            case .for(_, _, let body):
                if let found = firstForbiddenInScript(in: body) { return found }
            case .if(_, let then, let otherwise):
                if let found = firstForbiddenInScript(in: then + (otherwise ?? [])) { return found }
            case .let, .assign, .print, .expression, .append: continue
            }
        }
        return nil
    }
}
