// Tests of the newapi adapter (being written).
