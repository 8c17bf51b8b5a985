// Tests of the novita adapter (being written).
