// Numerics tests.
