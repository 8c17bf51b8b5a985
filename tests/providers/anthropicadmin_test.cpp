// Tests of the anthropicadmin adapter (being written).
