/// The wire protocol's name and version, sent in `health` replies.
public enum ProtocolVersion {
    public static let name = "affinity/1"
}
