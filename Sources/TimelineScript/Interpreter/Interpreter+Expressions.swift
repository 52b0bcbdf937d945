import TimelineCore

extension Interpreter {
    func evaluate(_ expression: Expression, row: [String: Value]? = nil) throws -> Value {
        switch expression.kind {
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        case .date(let literal): return .date(literal.date)
        case .name(let name):
            if let row, let value = row[name.lowercased()] { return value }
            if let value = variables[name] { return value }
            return .string(name)
        case .list(let items): return .list(try items.map { try evaluate($0, row: row) })
        case .unary(let op, let operand):
            let value = try evaluate(operand, row: row)
            switch (op, value) {
            case ("-", .number(let number)): return .number(-number)
            case ("not", .bool(let flag)): return .bool(!flag)
            default:
                throw Diagnostic(InterpreterMessage.operatorNotApplicable(op, found: value.typeName), at: expression.range)
            }
        case .binary(let op, let left, let right):
            return try binary(op, left, right, row: row, range: expression.range)
        case .range(let low, let high):
            let from = try evaluate(low, row: row)
            let to = try evaluate(high, row: row)
            guard case .number(let a) = from, case .number(let b) = to else {
                throw Diagnostic(InterpreterMessage.rangeNeedsNumbers(from: from.typeName, to: to.typeName), at: expression.range)
            }
            guard b - a <= 1_000_000 else { throw Diagnostic(InterpreterMessage.rangeTooLarge, at: expression.range) }
            return .list(a <= b ? (a...b).map(Value.number) : [])
        case .call(let name, let arguments):
            return try call(name, arguments, row: row, range: expression.range)
        case .query(let query):
            return .table(try evaluate(query))
        case .pipeline(let source, let stages):
            var value = try evaluate(source, row: row)
            for stage in stages { value = try apply(stage, to: value) }
            return value
        case .combine(let op, let left, let right):
            let tables = try [(left, "left"), (right, "right")].map { operand, side in
                let value = try evaluate(operand, row: row)
                guard case .table(let table) = value else {
                    throw Diagnostic(
                        InterpreterMessage.setOperandNotTable(op.rawValue, side: side, found: value.typeName), at: operand.range)
                }
                guard table.column("country") != nil else {
                    throw Diagnostic(
                        InterpreterMessage.setOperandWithoutCountry(op.rawValue, side: side, columns: table.columns), at: operand.range)
                }
                return table
            }
            return .table(tables[0].combined(op, with: tables[1]))
        }
    }

    private func binary(_ op: String, _ leftExpression: Expression, _ rightExpression: Expression, row: [String: Value]?, range: Range<Int>)
        throws -> Value
    {
        let left = try evaluate(leftExpression, row: row)
        if op == "and" || op == "or" {
            guard case .bool(let a) = left else {
                throw Diagnostic(InterpreterMessage.logicalOperand(op, side: "left", found: left.typeName), at: leftExpression.range)
            }
            if op == "and" && !a { return .bool(false) }
            if op == "or" && a { return .bool(true) }
            let right = try evaluate(rightExpression, row: row)
            guard case .bool(let b) = right else {
                throw Diagnostic(InterpreterMessage.logicalOperand(op, side: "right", found: right.typeName), at: rightExpression.range)
            }
            return .bool(b)
        }
        let right = try evaluate(rightExpression, row: row)
        func mismatch() -> Diagnostic {
            var notColumns: [(name: String, suggestion: String?)] = []
            if let row {
                // A bare word that is no column reads as a string: say which column was meant.
                for side in [leftExpression, rightExpression] {
                    if case .name(let name) = side.kind, row[name.lowercased()] == nil {
                        let near = NameKey.nearest(to: name, among: Array(row.keys), limit: 1)
                        notColumns.append((name, near.first))
                    }
                }
            }
            return Diagnostic(
                InterpreterMessage.cannotApply(op, left: left.typeName, right: right.typeName, notColumns: notColumns), at: range)
        }
        switch op {
        case "==", "!=":
            guard let equal = left.equals(right) else { throw mismatch() }
            return .bool(op == "==" ? equal : !equal)
        case "<", "<=", ">", ">=":
            guard let result = left.compare(op, right) else { throw mismatch() }
            return .bool(result)
        case "+":
            switch (left, right) {
            case (.number(let a), .number(let b)): return .number(a &+ b)
            case (.string(let a), _): return .string(a + right.text)
            case (_, .string(let b)): return .string(left.text + b)
            case (.list(let a), .list(let b)): return .list(a + b)
            default: throw mismatch()
            }
        case "-", "*", "/":
            guard case .number(let a) = left, case .number(let b) = right else { throw mismatch() }
            if op == "/" {
                guard b != 0 else { throw Diagnostic(InterpreterMessage.divisionByZero, at: rightExpression.range) }
                return .number(a / b)
            }
            return .number(op == "-" ? a &- b : a &* b)
        default:
            throw mismatch()
        }
    }

    static let functions = ["count", "year", "today", "date", "join"]

    private func call(_ name: String, _ arguments: [Expression], row: [String: Value]?, range: Range<Int>) throws -> Value {
        func argument(_ index: Int) throws -> Value {
            guard index < arguments.count else {
                throw Diagnostic(InterpreterMessage.missingArgument(function: name, needed: index + 1), at: range)
            }
            return try evaluate(arguments[index], row: row)
        }
        switch name {
        case "count":
            // count(members ORG at D) needs no rows: the projections count them directly (under
            // the default dates: another convention, or `known at`, counts the rows it lists).
            if let first = arguments.first, case .query(let query) = first.kind, case .members(let orgExpression, let at) = query.kind,
                query.known == nil, query.conventions.isEmpty
            {
                return .number(try memberCount(orgExpression, at: at))
            }
            let value = try argument(0)
            switch value {
            case .table(let table): return .number(table.rows.count)
            case .list(let items): return .number(items.count)
            case .string(let text): return .number(text.count)
            default: throw Diagnostic(InterpreterMessage.countNeedsCollection(found: value.typeName), at: arguments[0].range)
            }
        case "year":
            let value = try argument(0)
            guard let date = value.asDate else {
                throw Diagnostic(InterpreterMessage.yearNeedsDate(found: value.typeName), at: arguments[0].range)
            }
            return .number(date.earliest.components.year)
        case "date":
            let value = try argument(0)
            guard let date = value.asDate else {
                throw Diagnostic(InterpreterMessage.dateNeedsText(found: value.text), at: arguments[0].range)
            }
            return .date(date)
        case "join":
            // join(list or one-column table [, separator]): the items as one string.
            let value = try argument(0)
            let separator = arguments.count > 1 ? try argument(1).text : ", "
            switch value {
            case .list(let items): return .string(items.map(\.text).joined(separator: separator))
            case .table(let table) where table.columns.count == 1:
                return .string(table.rows.map { $0[0].text }.joined(separator: separator))
            case .table:
                throw Diagnostic(InterpreterMessage.joinNeedsOneColumn, at: arguments[0].range)
            default: return .string(value.text)
            }
        case "today":
            let (y, m, d) = today.components
            return .date(.day(y, m, d))
        default:
            let suggestions = NameKey.nearest(to: name, among: Self.functions, limit: 1)
            throw Diagnostic(InterpreterMessage.unknownFunction(name, suggestion: suggestions.first), at: range)
        }
    }

    // MARK: Pipelines

    private func apply(_ stage: PipelineStage, to value: Value) throws -> Value {
        // A row (from a loop over a table) goes through the verbs as a table of that one row.
        if case .row(let row) = value { return try apply(stage, to: .table(Table(columns: row.columns, rows: [row.values]))) }
        guard case .table(var table) = value else {
            if case .count = stage.kind, case .list(let items) = value { return .number(items.count) }
            throw Diagnostic(InterpreterMessage.stageNeedsTable(found: value.typeName), at: stage.range)
        }
        func columnIndex(_ name: String, _ range: Range<Int>) throws -> Int {
            guard let index = table.column(name) else {
                let near = NameKey.nearest(to: name, among: table.columns, limit: 1)
                throw Diagnostic(InterpreterMessage.unknownColumn(name, columns: table.columns, suggestion: near.first), at: range)
            }
            return index
        }
        switch stage.kind {
        case .where(let condition):
            var kept: [[Value]] = []
            for row in table.rows {
                var bindings: [String: Value] = [:]
                for (index, column) in table.columns.enumerated() { bindings[column.lowercased()] = row[index] }
                let result = try evaluate(condition, row: bindings)
                guard case .bool(let keep) = result else {
                    throw Diagnostic(InterpreterMessage.whereNeedsCondition(found: result.typeName), at: condition.range)
                }
                if keep { kept.append(row) }
            }
            table.rows = kept
        case .sort(let keys):
            let indices = try keys.map { (try columnIndex($0.column, $0.range), $0.descending) }
            table.rows = table.rows.enumerated().sorted { left, right in
                for (index, descending) in indices {
                    let a = left.element[index]
                    let b = right.element[index]
                    if Value.sortsBefore(a, b) { return !descending }
                    if Value.sortsBefore(b, a) { return descending }
                }
                return left.offset < right.offset
            }.map(\.element)
        case .select(let columns):
            let indices = try columns.map { try columnIndex($0.column, $0.range) }
            table.columns = indices.map { table.columns[$0] }
            table.rows = table.rows.map { row in indices.map { row[$0] } }
            // A column asked for by name is shown.
            table.hiddenInText.subtract(table.columns)
        case .count:
            return .number(table.rows.count)
        case .first(let countExpression), .last(let countExpression):
            let countValue = try evaluate(countExpression)
            guard case .number(let count) = countValue, count >= 0 else {
                throw Diagnostic(InterpreterMessage.rowCountNeedsNumber(found: countValue.typeName), at: countExpression.range)
            }
            if case .first = stage.kind {
                table.rows = Array(table.rows.prefix(count))
            } else {
                table.rows = Array(table.rows.suffix(count))
            }
        }
        return .table(table)
    }
}
