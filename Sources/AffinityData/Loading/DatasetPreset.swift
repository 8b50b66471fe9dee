/// Built-in readers for the public datasets in `../shared/datasets` (see datasets/README.md).
public enum DatasetPreset: String, CaseIterable, Sendable, Codable {
    /// UCI Online Retail: customer × StockCode; weight = number of distinct invoices.
    case onlineRetail = "online-retail"
    /// MovieLens ratings.csv: ratings ≥ `minRating` become positives of weight 1.
    case movielens
    /// HetRec Last.fm user_artists.dat (tab-separated): play counts as weights.
    case lastfm
    /// REES46 event stream: view / cart / purchase, weighted by event type.
    case rees46

    /// The preset called `name`; throws `DataError.unknownPreset` listing the known names.
    public init(named name: String) throws {
        guard let preset = DatasetPreset(rawValue: name) else {
            throw DataError.unknownPreset(name, known: DatasetPreset.allCases.map(\.rawValue))
        }
        self = preset
    }

    /// The file inside the preset's folder in `../shared/datasets`.
    public var conventionalPath: String {
        switch self {
        case .onlineRetail: return "online-retail/online-retail.csv"
        case .movielens: return "movielens-latest-small/ratings.csv"
        case .lastfm: return "lastfm-hetrec2k/user_artists.dat"
        case .rees46: return "rees46-ecommerce-sample/2019-Oct-sample-17k.csv"
        }
    }
}
