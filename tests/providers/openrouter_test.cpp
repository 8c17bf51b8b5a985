// Tests of the openrouter adapter (being written).
