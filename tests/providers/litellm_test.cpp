// Tests of the litellm adapter (being written).
