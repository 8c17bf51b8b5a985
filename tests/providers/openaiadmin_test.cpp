// Tests of the openaiadmin adapter (being written).
