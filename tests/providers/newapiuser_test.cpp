// Tests of the newapiuser adapter (being written).
