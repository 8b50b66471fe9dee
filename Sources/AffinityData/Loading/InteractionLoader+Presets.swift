/// The dataset presets: each names its columns, filters rows (counted by reason) and sets weights.
extension InteractionLoader {
    /// UCI Online Retail: customer × StockCode. Drops rows without CustomerID, cancellations
    /// (InvoiceNo starting with `C`) and Quantity ≤ 0. Emits one row of weight 1 per distinct
    /// (customer, item, invoice), so the summed CSR weight is the number of distinct invoices.
    static func loadOnlineRetail(_ reader: CSVReader, maxIDBytes: Int) throws -> LoadedInteractions {
        let invoiceCol = try reader.columnIndex("InvoiceNo")
        let itemCol = try reader.columnIndex("StockCode")
        let quantityCol = try reader.columnIndex("Quantity")
        let dateCol = try reader.columnIndex("InvoiceDate")
        let customerCol = try reader.columnIndex("CustomerID")
        var builder = InteractionTableBuilder(file: reader.file, maxIDBytes: maxIDBytes, withTimestamps: true, withEvents: true)
        let purchase = try builder.event("purchase", line: 1, column: 1)
        var report = LoadReport(file: reader.file)
        var times = TimestampCache()
        var invoices = ByteInterner()
        var seen = InvoiceItemSet()
        try reader.forEachRecord { r in
            report.rowsRead += 1
            try requireFields(r, header: reader.header)
            let customer = IDNormalizer.strippingIntegralFraction(r[customerCol])
            if customer.isEmpty { report.skip(.missingUser, line: r.line); return }
            if r.isEmpty(itemCol) { report.skip(.missingItem, line: r.line); return }
            let invoice = r[invoiceCol]
            if invoice.first == UInt8(ascii: "C") { report.skip(.cancellation, line: r.line); return }
            if try r.double(quantityCol, name: "Quantity") <= 0 { report.skip(.nonPositiveQuantity, line: r.line); return }
            let time = try times.timestamp(r, dateCol, name: "InvoiceDate")
            report.rowsKept += 1
            let u = try builder.user(customer, r, column: customerCol)
            let i = try builder.item(r[itemCol], r, column: itemCol)
            let v = invoices.intern(invoice).index
            if seen.insert(invoice: v, user: u, item: i) {
                builder.append(user: u, item: i, weight: 1, timestamp: time, event: purchase)
            }
        }
        return LoadedInteractions(table: builder.table, report: report)
    }

    /// MovieLens ratings.csv: ratings ≥ `minRating` become positives of weight 1.
    static func loadMovieLens(_ reader: CSVReader, minRating: Double, maxIDBytes: Int) throws -> LoadedInteractions {
        let userCol = try reader.columnIndex("userId")
        let itemCol = try reader.columnIndex("movieId")
        let ratingCol = try reader.columnIndex("rating")
        let timeCol = try reader.columnIndex("timestamp")
        var builder = InteractionTableBuilder(file: reader.file, maxIDBytes: maxIDBytes, withTimestamps: true, withEvents: false)
        var report = LoadReport(file: reader.file)
        var times = TimestampCache()
        try reader.forEachRecord { r in
            guard try beginRow(r, header: reader.header, userColumn: userCol, itemColumn: itemCol,
                               report: &report) else { return }
            if try r.double(ratingCol, name: "rating") < minRating { report.skip(.belowMinRating, line: r.line); return }
            let time = try times.timestamp(r, timeCol, name: "timestamp")
            report.rowsKept += 1
            try builder.appendRecord(r, userColumn: userCol, itemColumn: itemCol, weight: 1,
                                     timestamp: time, event: nil)
        }
        return LoadedInteractions(table: builder.table, report: report)
    }

    /// Last.fm HetRec user_artists.dat (tab-separated): user × artist, weight = play count.
    static func loadLastFM(_ reader: CSVReader, maxIDBytes: Int) throws -> LoadedInteractions {
        let userCol = try reader.columnIndex("userID")
        let itemCol = try reader.columnIndex("artistID")
        let weightCol = try reader.columnIndex("weight")
        var builder = InteractionTableBuilder(file: reader.file, maxIDBytes: maxIDBytes, withTimestamps: false, withEvents: false)
        var report = LoadReport(file: reader.file)
        try reader.forEachRecord { r in
            guard try beginRow(r, header: reader.header, userColumn: userCol, itemColumn: itemCol,
                               report: &report) else { return }
            let plays = Float(try r.double(weightCol, name: "weight"))
            report.rowsKept += 1
            try builder.appendRecord(r, userColumn: userCol, itemColumn: itemCol, weight: plays,
                                     timestamp: nil, event: nil)
        }
        return LoadedInteractions(table: builder.table, report: report)
    }

    /// REES46 events: user_id × product_id; view / cart / purchase weighted by
    /// `EventWeights.rees46`; other event types are skipped and counted.
    static func loadREES46(_ reader: CSVReader, maxIDBytes: Int) throws -> LoadedInteractions {
        let timeCol = try reader.columnIndex("event_time")
        let eventCol = try reader.columnIndex("event_type")
        let itemCol = try reader.columnIndex("product_id")
        let userCol = try reader.columnIndex("user_id")
        var builder = InteractionTableBuilder(file: reader.file, maxIDBytes: maxIDBytes, withTimestamps: true, withEvents: true)
        var report = LoadReport(file: reader.file)
        var times = TimestampCache()
        try reader.forEachRecord { r in
            guard try beginRow(r, header: reader.header, userColumn: userCol, itemColumn: itemCol,
                               report: &report) else { return }
            let eventName = r.string(eventCol)
            guard let weight = EventWeights.rees46[eventName] else {
                report.skip(.unusedEventType, line: r.line)
                return
            }
            let time = try times.timestamp(r, timeCol, name: "event_time")
            let event = try builder.event(eventName, line: r.line, column: eventCol + 1)
            report.rowsKept += 1
            try builder.appendRecord(r, userColumn: userCol, itemColumn: itemCol, weight: weight,
                                     timestamp: time, event: event)
        }
        return LoadedInteractions(table: builder.table, report: report)
    }
}

/// Normalizes external IDs read as bytes.
enum IDNormalizer {
    /// `17850.0` → `17850`: drops a fraction made only of zeros after an all-digit integer part.
    static func strippingIntegralFraction(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot > 0 else { return bytes }
        for k in 0..<dot where !(bytes[k] >= 48 && bytes[k] <= 57) { return bytes }
        for k in (dot + 1)..<bytes.count where bytes[k] != UInt8(ascii: "0") { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[0..<dot])
    }
}
