// Tests of the xai adapter (being written).
