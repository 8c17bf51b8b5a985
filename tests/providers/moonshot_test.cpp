// Tests of the moonshot adapter (being written).
