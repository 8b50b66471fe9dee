/// Dense index of an item in a model's item map (0..<items): the key of a user's summed
/// interactions everywhere below the wire, so a request converts external item ids once.
public typealias ItemIndex = Int32
