// Tests of the custom adapter (being written).
